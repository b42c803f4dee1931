"""Hostile input to the command line (issue 12): every input gets its record, nothing
prints a traceback, streams and signals end a run with a stated exit code.

Most cases run the installed executable, because what they test (closed standard
streams, signals, worker processes, file names as bytes) only exists in a real process.
"""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from disclosure_schema.cli import main
from disclosure_schema.limits import MAX_FINDINGS, MAX_PAGE

ROOT = Path(__file__).parent.parent.parent
EXAMPLE = ROOT / "examples" / "baotou-2021.json"
EXE = Path(sys.executable).parent / "disclosure-schema"
GBK_NAME = "报告".encode("gbk") + b".json"  # a name from an archive made on Windows


def _run(
    args: list[str | bytes], *, cwd: Path, timeout: float = 60, **kwargs: Any
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [os.fsencode(EXE), *(os.fsencode(a) for a in args)],
        cwd=cwd,
        capture_output=True,
        timeout=timeout,
        check=False,
        **kwargs,
    )


def _jsonl(out: bytes) -> list[dict[str, Any]]:
    return [json.loads(line) for line in out.splitlines() if line.strip()]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "ok.json").write_bytes(EXAMPLE.read_bytes())
    (tmp_path / "s.json").write_bytes(b'{"edition":"\\ud800"}')
    (tmp_path / "k.json").write_bytes(b'{"\\ud800":1,"edition":"2021"}')
    return tmp_path


class TestSurrogates:
    """Item 1: a lone surrogate is an invalid_string finding, and its record is written
    like any other: rendering cannot fail, in any format, in one or two processes."""

    @pytest.mark.parametrize("jobs", ["1", "2"])
    def test_every_format_keeps_every_record(self, folder: Path, jobs: str) -> None:
        names = ["s.json", "k.json", "ok.json"]
        for fmt in ("jsonl", "json", "text"):
            run = _run(["validate", "--format", fmt, "--jobs", jobs, *names], cwd=folder)
            assert b"Traceback" not in run.stderr, fmt
            assert 1 == run.returncode, (fmt, run.stderr)
            if fmt == "jsonl":
                records = _jsonl(run.stdout)
            elif fmt == "json":
                records = json.loads(run.stdout)
            else:
                text = run.stdout.decode("utf-8")
                assert "ok.json  ✓" in text
                assert "\\ud800" in text  # shown escaped, not dropped
                continue
            assert names == [r["source"] for r in records]
            assert ["invalid_string"] == [
                f["code"] for f in records[0]["findings"] if f["code"] == "invalid_string"
            ]
            assert ["/\\ud800"] == [  # the pointer, escaped: UTF-8 cannot carry it
                f["locations"][0] for f in records[1]["findings"] if f["code"] == "invalid_string"
            ]
            assert records[2]["valid"]

    def test_one_line_does_not_cost_its_block(self, tmp_path: Path) -> None:
        """In JSON Lines, the lines around a broken one keep their records."""
        good = json.dumps(json.loads(EXAMPLE.read_bytes())).encode()
        lines = [good, b'{"edition":"2021","agency":{"name":"\\udfff"}}', good]
        (tmp_path / "r.jsonl").write_bytes(b"\n".join(lines) + b"\n")
        run = _run(["validate", "--format", "jsonl", "--jobs", "2", "r.jsonl"], cwd=tmp_path)
        records = _jsonl(run.stdout)
        assert ["r.jsonl:1", "r.jsonl:2", "r.jsonl:3"] == [r["source"] for r in records]
        assert [True, False, True] == [r["valid"] for r in records]


class TestFileNames:
    """Item 2: names are bytes; one that is not UTF-8 is shown with \\xNN escapes."""

    def test_named_directly_found_in_a_directory_and_missing(self, tmp_path: Path) -> None:
        shown = "\\xb1\\xa8\\xb8\\xe6.json"
        folder = tmp_path / "d"
        folder.mkdir()
        (folder / os.fsdecode(GBK_NAME)).write_bytes(EXAMPLE.read_bytes())
        (tmp_path / os.fsdecode(GBK_NAME)).write_bytes(b"{")
        missing = b"missing-" + GBK_NAME
        for fmt in ("jsonl", "text", "json"):
            run = _run(["validate", "--format", fmt, GBK_NAME, b"d", missing], cwd=tmp_path)
            assert b"Traceback" not in run.stderr
            assert 2 == run.returncode, fmt
            if fmt != "text":
                records = _jsonl(run.stdout) if fmt == "jsonl" else json.loads(run.stdout)
                assert [shown, f"d/{shown}", f"missing-{shown}"] == [r["source"] for r in records]
                assert [["truncated_json"], [], ["io_error"]] == [
                    [f["code"] for f in r["findings"]] for r in records
                ]
                assert shown in records[2]["findings"][0]["message_en"]
            else:
                assert shown.encode() in run.stdout


class TestDirectories:
    """Item 9: every entry that is skipped or cannot be read gets a record."""

    def test_fifo_in_a_directory_is_not_opened(self, tmp_path: Path) -> None:
        (tmp_path / "a.json").write_bytes(EXAMPLE.read_bytes())
        os.mkfifo(tmp_path / "b.json")  # opening it would wait for a writer forever
        os.mkfifo(tmp_path / "c.jsonl")
        for jobs in ("1", "2"):
            run = _run(["validate", "--format", "jsonl", "--jobs", jobs, "."], cwd=tmp_path)
            records = _jsonl(run.stdout)
            assert ["./a.json", "./b.json", "./c.jsonl"] == [r["source"] for r in records]
            assert [[], ["io_error"], ["io_error"]] == [
                [f["code"] for f in r["findings"]] for r in records
            ]
            assert "not a regular file" in records[1]["findings"][0]["message_en"]
            assert 2 == run.returncode

    def test_unlistable_directories(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """A subdirectory that cannot be listed is an unreadable input, not silence; a
        top-level one is a permission error, not "no reports". (os.scandir refuses here
        rather than chmod, which root ignores.)"""
        (tmp_path / "top").mkdir()
        (tmp_path / "top" / "a.json").write_bytes(EXAMPLE.read_bytes())
        (tmp_path / "top" / "locked").mkdir()
        (tmp_path / "top" / "locked" / "b.json").write_bytes(EXAMPLE.read_bytes())
        (tmp_path / "shut").mkdir()
        real = os.scandir

        def scandir(path: Any = ".") -> Any:
            if os.path.basename(os.fsdecode(path)) in ("locked", "shut"):
                raise PermissionError(13, "Permission denied", path)
            return real(path)

        monkeypatch.setattr(os, "scandir", scandir)
        out = io.BytesIO()
        code = main(
            ["validate", "--format", "jsonl", str(tmp_path / "top"), str(tmp_path / "shut")],
            stdin=io.BytesIO(),
            stdout=out,
            stderr=io.StringIO(),
        )
        records = _jsonl(out.getvalue())
        assert 2 == code
        assert [
            (str(tmp_path / "top" / "a.json"), []),
            (str(tmp_path / "top" / "locked"), ["io_error"]),
            (str(tmp_path / "shut"), ["io_error"]),
        ] == [(r["source"], [f["code"] for f in r["findings"]]) for r in records]
        assert "Permission denied" in records[2]["findings"][0]["message_en"]


class TestSizes:
    """Item 7: the same limits in the API, `validate` and `read`; devices are read
    with a bound, never whole."""

    def test_read_dev_zero_and_a_large_page(self, tmp_path: Path) -> None:
        run = _run(["read", "--lang", "en", "/dev/zero"], cwd=tmp_path)
        assert 2 == run.returncode
        assert b"larger than 8 MiB" in run.stderr
        assert b"Traceback" not in run.stderr
        page = tmp_path / "big.html"
        with page.open("wb") as handle:  # sparse: no disk is spent on it
            handle.truncate(MAX_PAGE + 1)
        run = _run(["read", "--lang", "en", "big.html"], cwd=tmp_path)
        assert 2 == run.returncode
        assert run.stderr.startswith(b"disclosure-schema read: big.html: larger than 8 MiB")
        run = _run(["validate", "--format", "jsonl", "big.html", "/dev/zero"], cwd=tmp_path)
        records = _jsonl(run.stdout)
        assert [["input_too_large"], ["input_too_large"]] == [
            [f["code"] for f in r["findings"]] for r in records
        ]


class TestStreams:
    """Item 8: a closed or full standard stream is exit code 2 and one line, never a
    traceback and exit code 1 (which reads as "invalid")."""

    def test_closed_stdin_that_is_not_used(self, folder: Path) -> None:
        run = _run(["validate", "ok.json"], cwd=folder, stdin=subprocess.DEVNULL)
        assert 0 == run.returncode
        closed = subprocess.run(
            f"exec {EXE} validate ok.json <&-",
            shell=True,
            cwd=folder,
            capture_output=True,
            check=False,
        )
        assert (0, b"") == (closed.returncode, closed.stderr)

    def test_closed_stdin_that_is_used(self, folder: Path) -> None:
        run = subprocess.run(
            f"exec {EXE} validate --format jsonl - <&-", shell=True, cwd=folder,
            capture_output=True, check=False,
        )  # fmt: skip
        assert 2 == run.returncode
        (record,) = _jsonl(run.stdout)
        assert "standard input is closed" in record["findings"][0]["message_en"]

    @pytest.mark.parametrize("jobs", ["1", "2"])
    @pytest.mark.parametrize(
        ("redirect", "reason"),
        # Chinese by default, the reason included: the OS's English words stay out.
        [(">&-", "（流已关闭）".encode()), (">/dev/full", "磁盘已满".encode())],
    )
    def test_stdout_closed_or_full(
        self, folder: Path, jobs: str, redirect: str, reason: bytes
    ) -> None:
        for command in (f"validate --jobs {jobs} ok.json ok.json", "schema", "rules"):
            run = subprocess.run(
                f"exec {EXE} {command} {redirect}",
                shell=True,
                cwd=folder,
                capture_output=True,
                check=False,
            )
            assert 2 == run.returncode, command
            (line,) = run.stderr.splitlines()
            assert line.startswith(b"disclosure-schema "), line
            assert line.endswith(reason), line


def _children(pid: int) -> list[int]:
    """The processes whose parent is ``pid``, from /proc (no pgrep needed)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")


@pytest.fixture
def busy_batch(tmp_path: Path) -> Iterator[subprocess.Popen[bytes]]:
    """`validate --jobs 2` reading JSON Lines from a producer that never stops, so the
    workers are busy and chunks are queued when the signal comes."""
    line = json.dumps(json.loads(EXAMPLE.read_bytes())).encode() + b"\n"
    process = subprocess.Popen(
        [EXE, "validate", "--format", "jsonl", "--jobs", "2", "--lines", "-"],
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,  # its own process group, as a shell gives a job
    )

    def produce() -> None:
        assert process.stdin is not None
        try:
            while True:
                process.stdin.write(line * 200)
        except (BrokenPipeError, ValueError, OSError):
            return

    threading.Thread(target=produce, daemon=True).start()
    deadline = time.monotonic() + 30
    while len(_children(process.pid)) < 2 and time.monotonic() < deadline:
        time.sleep(0.1)
    time.sleep(1.0)
    yield process
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


class TestSignals:
    """Item 5: Ctrl-C (to the whole process group, as a terminal sends it, once or
    twice) and SIGTERM (to the main process only) stop promptly, leave no worker, and
    exit 130 / 143."""

    @pytest.mark.parametrize(
        ("sig", "group", "presses", "code"),
        [
            (signal.SIGINT, True, 1, 130),
            (signal.SIGINT, True, 2, 130),
            (signal.SIGINT, False, 1, 130),
            (signal.SIGTERM, False, 1, 143),
        ],
    )
    def test_stops_promptly_and_leaves_no_worker(
        self, busy_batch: subprocess.Popen[bytes], sig: int, group: bool, presses: int, code: int
    ) -> None:
        workers = _children(busy_batch.pid)
        assert len(workers) >= 2
        start = time.monotonic()
        for press in range(presses):
            if group:
                os.killpg(busy_batch.pid, sig)
            else:
                os.kill(busy_batch.pid, sig)
            if press + 1 < presses:
                time.sleep(0.3)
        assert code == busy_batch.wait(timeout=20)
        took = time.monotonic() - start
        assert took < 5, took
        deadline = time.monotonic() + 3
        while any(map(_alive, workers)) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert [] == [w for w in workers if _alive(w)]
        assert busy_batch.stderr is not None
        assert b"Traceback" not in busy_batch.stderr.read()


class TestAmplification:
    """Item 12: findings per input are capped; names echoed in text are escaped."""

    def test_findings_cap(self, tmp_path: Path) -> None:
        document = json.loads(EXAMPLE.read_bytes())
        for i in range(5000):
            document[f"k{i}"] = 0
        (tmp_path / "many.json").write_text(json.dumps(document))
        run = _run(["validate", "--format", "jsonl", "many.json"], cwd=tmp_path)
        (record,) = _jsonl(run.stdout)
        codes = [f["code"] for f in record["findings"]]
        assert MAX_FINDINGS + 1 == len(codes)
        assert ["too_many_findings"] == codes[MAX_FINDINGS:]
        assert 5000 - MAX_FINDINGS == record["findings"][-1]["actual"]
        assert f"{5000 - MAX_FINDINGS} more findings" in record["findings"][-1]["message_en"]

    def test_control_characters_in_echoed_names(self, tmp_path: Path) -> None:
        """A key or file name cannot forge a line of text output or colour it."""
        document = json.loads(EXAMPLE.read_bytes())
        document["x\n/ok.json  ✓ 有效\x1b[2J"] = 1
        (tmp_path / "a\nb.json").write_text(json.dumps(document))
        run = _run(["validate", "--lang", "en", "a\nb.json"], cwd=tmp_path)
        text = run.stdout.decode()
        assert "\x1b" not in text
        lines = text.splitlines()
        assert lines[0].startswith("a\\nb.json  ✗ invalid")
        assert any("x\\n/ok.json  ✓ 有效\\x1b[2J" in line for line in lines)
        assert not any(line.startswith("/ok.json") for line in lines)
