"""Hostile inputs for the command line, generated from a seed so a failure reproduces.

Each :class:`Case` says how to lay out a directory (files by byte name, FIFOs,
symbolic links), which command to run there, what the standard streams are, and how
many result records the run must write (None: the output stream itself is broken,
so the run must say so in one line and exit 2). Two profiles: ``fast`` (a few dozen
small cases, part of ``make test``) and ``long`` (hundreds of generated ones and the
large inputs from the adversarial review, ``make fuzz``).
"""

from __future__ import annotations

import json
import os
import random
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, Literal

import attrs

ROOT = Path(__file__).parent.parent.parent
EXAMPLE = (ROOT / "examples" / "baotou-2021.json").read_bytes()
DOCUMENT: dict[str, Any] = json.loads(EXAMPLE)
LINE = json.dumps(DOCUMENT, ensure_ascii=False).encode()
GBK = "报告".encode("gbk")

Stream = Literal["pipe", "closed", "full", "devnull"]


@attrs.frozen
class Case:
    name: str
    args: tuple[bytes, ...]  # after the executable
    files: tuple[tuple[bytes, bytes | str], ...] = ()  # name -> bytes, "fifo", "dir",
    #                                                     "link:TARGET", "sparse:SIZE"
    stdin: Stream = "devnull"
    stdout: Stream = "pipe"
    records: int | None = 0  # result records the run must write (jsonl)

    def lay_out(self, where: Path) -> None:
        for raw, content in self.files:
            path = os.path.join(os.fsencode(where), raw)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            if content == "fifo":
                os.mkfifo(path)
            elif content == "dir":
                os.makedirs(path, exist_ok=True)
            elif isinstance(content, str) and content.startswith("link:"):
                os.symlink(os.fsencode(content[5:]), path)
            elif isinstance(content, str) and content.startswith("sparse:"):
                with open(path, "wb") as handle:
                    handle.truncate(int(content[7:]))
            else:
                assert isinstance(content, bytes)
                with open(path, "wb") as handle:
                    handle.write(content)


def _validate(
    name: str,
    files: Sequence[tuple[bytes, bytes | str]],
    records: int | None,
    *extra: str,
    **kw: Any,
) -> Case:
    args = [b"validate", b"--format", b"jsonl", *(e.encode() for e in extra)]
    args += [f for f, _ in files if b"/" not in f] if not kw.get("paths") else kw.pop("paths")
    return Case(name, tuple(args), tuple(files), records=records, **kw)


def _with(document: dict[str, Any], pointer: str, value: object) -> dict[str, Any]:
    out: dict[str, Any] = json.loads(json.dumps(document))
    *parents, last = pointer.strip("/").split("/")
    target = out
    for key in parents:
        target = target[key]
    target[last] = value
    return out


def _json(value: object) -> bytes:
    """JSON with lone surrogates written as the escapes they are (ensure_ascii)."""
    return json.dumps(value).encode()


def _surrogates(rng: random.Random) -> bytes:
    lone = rng.choice(["\\ud800", "\\udfff", "\\udc80", "\\ud83d"])
    where = rng.choice(["edition", "name", "key", "deep_key", "unknown_value"])
    text = LINE.decode()
    if where == "edition":
        return text.replace('"edition": "2021"', f'"edition": "{lone}"').encode()
    if where == "name":
        return text.replace('"name": "', f'"name": "{lone}', 1).encode()
    if where == "key":
        return ("{" + f'"{lone}": 1, ' + text[1:]).encode()
    if where == "deep_key":
        return text.replace('"proactive": {', f'"proactive": {{"x{lone}": 0, ', 1).encode()
    return ("{" + f'"extra": ["{lone}", {{"{lone}": "{lone}"}}], ' + text[1:]).encode()


def _controls(rng: random.Random) -> str:
    return "".join(rng.choice(["\n", "\r", "\x1b[31m", "\x00", "\u202e", "\t", "\x7f", "x"])
                   for _ in range(rng.randint(1, 6)))  # fmt: skip


def _page(charset: str, body: str) -> bytes:
    return (
        f"<html><head><meta charset={charset}><title>某局</title></head><body>"
        f"<p>2021年政府信息公开工作年度报告</p><p>{body}</p></body></html>"
    ).encode("utf-8", "surrogatepass")


def _span_bomb(rows: int, span: int) -> bytes:
    cells = f"<td rowspan={span} colspan={span}>x</td>"
    return ("<html><body><table>" + f"<tr>{cells}</tr>" * rows + "</table></body></html>").encode()


def _unknown_keys(count: int) -> bytes:
    return LINE[:-1] + b"," + b",".join(b'"u%d":0' % i for i in range(count)) + b"}"


def _duplicates(pairs: int, keys: int) -> bytes:
    return b"{" + b",".join(b'"k%d":0' % (i % keys) for i in range(pairs)) + b"}"


def fixed(profile: str) -> Iterator[Case]:
    """The cases of the adversarial review, each at least once."""
    long = profile == "long"
    # 1: lone surrogates, every format, one or two processes
    bad = [(b"s.json", b'{"edition":"\\ud800"}'), (b"k.json", b'{"\\ud800":1}'),
           (b"ok.json", EXAMPLE)]  # fmt: skip
    for jobs in ("1", "2"):
        yield _validate(f"surrogates-jobs{jobs}", bad, 3, "--jobs", jobs)
    yield Case("surrogates-text", (b"validate", b"s.json", b"ok.json"), tuple(bad), records=None)
    yield Case("surrogates-json", (b"validate", b"--format", b"json", b"k.json"), tuple(bad),
               records=None)  # fmt: skip
    lines = b"\n".join([LINE, b'{"edition":"2021","agency":{"name":"\\udfff"}}', LINE]) + b"\n"
    yield _validate("surrogate-line", [(b"r.jsonl", lines)], 3, "--jobs", "2")
    # 2: file names that are not UTF-8
    yield _validate("gbk-names", [(GBK + b".json", EXAMPLE), (b"d/" + GBK + b".json", b"{"),
                                  (b"d", "dir")], 3,
                    paths=[GBK + b".json", b"d", b"missing-" + GBK + b".json"])  # fmt: skip
    # 3: duplicated keys, linear time
    pairs = 100_000 if long else 40_000
    yield _validate("duplicate-keys", [(b"dup.json", _duplicates(pairs, pairs // 2))], 1)
    # 4: span bombs
    yield _validate("span-bomb", [(b"bomb.html", _span_bomb(200, 200))], 1)
    if long:
        yield _validate("span-bomb-3mb", [(b"big.html", _span_bomb(80_000, 200))], 1)
    # 6: charsets that are no text encoding
    for charset in ("punycode", "idna", "unicode_escape", "utf-16", "x-nonsense", '""'):
        page = _page(charset, "\\ud800 某局")
        yield _validate(f"charset-{charset.strip(chr(34)) or 'empty'}", [(b"p.html", page)], 1)
        yield Case(f"read-charset-{charset.strip(chr(34)) or 'empty'}",
                   (b"read", b"-o", b"out.json", b"p.html"), ((b"p.html", page),),
                   records=None)  # fmt: skip
    # 7: unbounded reads
    yield _validate("dev-zero", [], 1, paths=[b"/dev/zero"])
    yield Case("read-dev-zero", (b"read", b"/dev/zero"), records=None)
    yield _validate("sparse-page", [(b"big.html", f"sparse:{9 << 20}")], 1)
    yield _validate("sparse-json", [(b"big.json", f"sparse:{17 << 20}")], 1)
    # 8: closed and full streams
    yield _validate("stdin-closed-unused", [(b"ok.json", EXAMPLE)], 1, stdin="closed")
    yield _validate("stdin-closed-used", [], 1, paths=[b"-"], stdin="closed")
    yield Case("read-stdin-closed", (b"read", b"-"), stdin="closed", records=None)
    for stream in ("closed", "full"):
        for jobs in ("1", "2"):
            yield _validate(f"stdout-{stream}-jobs{jobs}", [(b"ok.json", EXAMPLE)], None,
                            "--jobs", jobs, stdout=stream)  # fmt: skip
    # 9: directories with special files and links
    special: list[tuple[bytes, bytes | str]]
    special = [(b"d/a.json", EXAMPLE), (b"d/b.json", "fifo"), (b"d/c.jsonl", "fifo"),
               (b"d/loop.json", "link:loop.json"), (b"d/gone.json", "link:nowhere"),
               (b"d/sub.json", "dir")]  # fmt: skip
    for jobs in ("1", "2"):
        yield _validate(f"special-files-jobs{jobs}", special, 5, "--jobs", jobs, paths=[b"d"])
    # 12: amplification
    count = 1_250_000 if long else 5000
    yield _validate("unknown-keys", [(b"many.json", _unknown_keys(count))], 1)
    yield Case("control-names", (b"validate", b"a\nb\x1b[2J.json"),
               ((b"a\nb\x1b[2J.json", _json(_with(DOCUMENT, "/x\n\x1b[2J", 1))),),
               records=None)  # fmt: skip
    # the rest of the hostile classics
    deep = b"[" * 100_000 + b"]" * 100_000
    classics = [(b"empty.json", b""), (b"ws.json", b" \n\t "), (b"nul.json", b"\x00" * 64),
                (b"u16.json", "\ufeff{}".encode("utf-16")), (b"deep.json", deep),
                (b"nan.json", LINE.replace(b'"year": 2021', b'"year": NaN')),
                (b"big-int.json", LINE.replace(b'"year": 2021', b'"year": 1' + b"0" * 5000)),
                (b"cut.json", LINE[: len(LINE) // 2]), (b"bom.json", b"\xef\xbb\xbf" + LINE),
                (b"gbk.json", json.dumps(DOCUMENT, ensure_ascii=False).encode("gb18030")),
                (b"long-key.json", b'{"' + b"k" * (1 << 20) + b'":1}')]  # fmt: skip
    yield _validate("classics", classics, len(classics))
    yield _validate("classics-jobs2", classics, len(classics), "--jobs", "2")
    if long:
        huge_line = b'{"x":"' + b"a" * (17 << 20) + b'"}\n'
        yield _validate("jsonl-huge-line", [(b"h.jsonl", LINE + b"\n" + huge_line + LINE)], 3)
        yield Case("read-50mb-page", (b"read", b"big.html"),
                   ((b"big.html", b"<p>" + b"x" * (50 << 20) + b"</p>"),),
                   records=None)  # fmt: skip


def generated(seed: int, count: int) -> Iterator[Case]:
    """Random mixtures of the hostile kinds: several inputs per run, random formats of
    name, process counts, JSON Lines blocks mixing good and bad lines."""
    rng = random.Random(seed)
    makers: list[Callable[[random.Random], bytes]] = [
        _surrogates,
        lambda r: _json(_with(DOCUMENT, "/" + _controls(r), r.choice([0, "x", None]))),
        lambda r: _duplicates(r.randint(2, 3000), r.randint(1, 50)),
        lambda r: _unknown_keys(r.randint(0, 3000)),
        lambda r: bytes(r.randrange(256) for _ in range(r.randint(0, 200))),
        lambda r: LINE[: r.randint(0, len(LINE))],
        lambda r: LINE.replace(b"2021", r.choice([b"-1", b"1e400", b"NaN", b'"\\u0000"'])),
    ]
    pages: list[Callable[[random.Random], bytes]] = [
        lambda r: _span_bomb(r.randint(1, 300), r.randint(1, 250)),
        lambda r: _page(r.choice(["punycode", "idna", "unicode_escape", "utf-7", "gbk",
                                  "rot13", "hex", "base64", "bz2", "utf-32"]), "某局 \\ud800"),
    ]  # fmt: skip
    for number in range(count):
        files: list[tuple[bytes, bytes | str]] = []
        for i in range(rng.randint(1, 5)):
            stem = rng.choice([b"r%d" % i, GBK + b"%d" % i, b"c%d\n\x1b" % i, b"r %d" % i])
            kind = rng.random()
            if kind < 0.55:
                files.append((stem + b".json", rng.choice(makers)(rng)))
            elif kind < 0.75:
                lines = [rng.choice([*makers[:2], _good])(rng).replace(b"\n", b" ")
                         for _ in range(rng.randint(1, 6))]  # fmt: skip
                lines = [line if line.strip() else b"x" for line in lines]
                files.append((stem + b".jsonl", b"\n".join(lines) + b"\n"))
            elif kind < 0.9:
                files.append((stem + b".html", rng.choice(pages)(rng)))
            else:
                files.append((stem + b".json", rng.choice(["fifo", "link:nowhere", "dir"])))
        jobs = rng.choice(["1", "1", "2"])
        if rng.random() < 0.3:  # in a directory, which takes every kind a file argument takes
            files = [(b"d/" + f, c) for f, c in files]
            records = sum(_records(f, c, in_dir=True) for f, c in files) or 1  # or no_reports
            files.append((b"d", "dir"))
            paths = [b"d"]
        else:  # a FIFO named on the command line is opened, as cat opens it: not here
            files = [(f, "link:nowhere" if c == "fifo" else c) for f, c in files]
            records = sum(_records(f, c, in_dir=False) for f, c in files)
            paths = [f for f, _ in files]
        yield _validate(f"generated-{seed}-{number}", files, records, "--jobs", jobs, paths=paths)


def _good(_rng: random.Random) -> bytes:
    return LINE


def _records(name: bytes, content: bytes | str, in_dir: bool) -> int:
    """The records one laid-out file must give."""
    if content == "dir":
        return 0 if in_dir else 1  # an empty subdirectory; a directory named: no_reports
    if isinstance(content, bytes) and name.endswith(b".jsonl"):
        return sum(1 for line in content.split(b"\n") if line.strip())
    return 1
