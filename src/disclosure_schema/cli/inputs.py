"""What the command line validates: paths expanded into inputs, one result each.

Directories are searched recursively; a JSON Lines file is one input per line,
read one line at a time so a file of any size is never held in memory whole.
Every problem found here (a path that does not exist, an empty directory, a
line too long, a directory that cannot be listed, a pipe or device found in a
directory) becomes an input of its own that carries its finding, so it still
gets its result record and the batch goes on.

File names are bytes on Linux and need not be UTF-8 (a GBK name from an archive
made on Windows): paths are kept as the operating system gives them and shown
with undecodable bytes written as ``\\xNN`` (:func:`~..limits.shown_name`).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import BinaryIO, Final, Literal, TypeAlias

import attrs

from ..findings import Finding, finding
from ..limits import (
    MAX_DOCUMENT,
    MAX_PAGE,
    io_problem,
    not_a_file,
    read_file,
    shown_name,
    too_large,
)

__all__ = ["INPUT_SUFFIXES", "MAX_DOCUMENT", "Input", "chunks", "expand"]

Kind: TypeAlias = Literal["json", "page", "lines"]
#: JSON Lines are handed to workers a block of whole lines at a time (fewer, larger
#: messages between processes than one per line).
_BLOCK: Final = 1 << 20
_JSON_SUFFIXES: Final = (".json",)
_LINES_SUFFIXES: Final = (".jsonl", ".ndjson")
_PAGE_SUFFIXES: Final = (".html", ".htm", ".txt", ".pdf", ".docx")
#: What a directory's files are taken as: every kind a file argument takes.
INPUT_SUFFIXES: Final = _JSON_SUFFIXES + _LINES_SUFFIXES + _PAGE_SUFFIXES


@attrs.frozen
class Input:
    """One thing to validate. Exactly one of ``data``, ``path`` or ``problem`` tells what."""

    source: str  # the name in the output: a path, "path:line" or "-"
    kind: Kind = "json"  # "lines": ``data`` is a block of JSON Lines, one input per line
    data: bytes | None = None  # the bytes, when already read (lines, standard input)
    path: str | None = None  # a file the worker reads itself (as the OS named it)
    problem: Finding | None = None  # why there is nothing to read
    size: int = 0  # bytes, for the progress bar
    first_line: int = 1  # kind "lines": the number of the block's first line
    found: bool = False  # found in a directory: read only if it is a regular file

    def lines(self) -> list[Input]:
        """The inputs of a block of JSON Lines, named ``path:line``; blank lines are
        not inputs."""
        assert self.data is not None
        out = []
        for number, line in enumerate(self.data.split(b"\n"), self.first_line):
            if not line.strip():
                continue
            source = f"{self.source}:{number}"
            if len(line) > MAX_DOCUMENT:
                out.append(Input(source, problem=too_large(source)))
            else:
                out.append(Input(source, data=line))
        return out

    def read(self) -> bytes | Finding:
        """The input's bytes, or the finding that explains why there are none."""
        if self.problem is not None:
            return self.problem
        if self.data is not None:
            return self.data
        assert self.path is not None
        limit = MAX_PAGE if self.kind == "page" else MAX_DOCUMENT
        return read_file(self.path, limit, regular_only=self.found)


def _skip_line(handle: BinaryIO) -> tuple[int, bytes]:
    """Read past the end of the current line: (bytes skipped, what follows it)."""
    skipped = 0
    while chunk := handle.read(_BLOCK):
        end = chunk.find(b"\n")
        if end >= 0:
            return skipped + end + 1, chunk[end + 1 :]
        skipped += len(chunk)
    return skipped, b""


def _lines(path: str, handle: BinaryIO) -> Iterator[Input]:
    """JSON Lines in blocks of whole lines. A line longer than MAX_DOCUMENT becomes an
    input of its own, with its finding, and is skipped without being held in memory.

    The start of an unfinished line is kept as a list of chunks and joined once: joining
    on every read would copy it again and again, and the freed copies of growing size
    stay in the allocator's heap.
    """
    number = 1  # the number of the next line
    head: list[bytes] = []  # the start of a line that has not ended yet
    head_size = 0
    # read1 returns what a pipe has now rather than waiting for a whole block, so
    # results stream while a slow producer is still writing.
    read = getattr(handle, "read1", handle.read)
    chunk = read(_BLOCK)
    while chunk:
        last = chunk.rfind(b"\n")
        if last < 0:
            head.append(chunk)
            head_size += len(chunk)
            if head_size > MAX_DOCUMENT:
                skipped, rest = _skip_line(handle)
                source = f"{path}:{number}"
                yield Input(source, problem=too_large(source), size=head_size + skipped)
                number += 1
                head, head_size = [], 0
                chunk = rest or read(_BLOCK)
            else:
                chunk = read(_BLOCK)
            continue
        block = b"".join([*head, chunk[: last + 1]])
        rest = chunk[last + 1 :]
        head, head_size = ([rest], len(rest)) if rest else ([], 0)
        yield Input(path, kind="lines", data=block, first_line=number, size=len(block))
        number += block.count(b"\n")
        chunk = read(_BLOCK)
    tail = b"".join(head)
    if tail.strip():
        yield Input(path, kind="lines", data=tail, first_line=number, size=len(tail))


def _jsonl(path: str, found: bool) -> Iterator[Input]:
    shown = shown_name(path)
    try:
        if found and not os.path.isfile(path):  # a FIFO would block the batch
            yield Input(shown, problem=not_a_file(shown))
            return
        handle = open(path, "rb")  # noqa: SIM115 (closed below, after the last line)
    except OSError as error:
        yield Input(shown, problem=io_problem(shown, error))
        return
    with handle:
        try:
            yield from _lines(shown, handle)
        except OSError as error:
            yield Input(shown, problem=io_problem(shown, error))


def _file(path: str, found: bool = False) -> Iterator[Input]:
    name = path.lower()
    if name.endswith(_LINES_SUFFIXES):
        yield from _jsonl(path, found)
        return
    kind: Kind = "page" if name.endswith(_PAGE_SUFFIXES) else "json"
    try:
        size = os.path.getsize(path)
    except OSError:
        size = 0
    yield Input(shown_name(path), kind=kind, path=path, size=size, found=found)


def _directory(path: str, on_skip: Callable[[str], None] | None) -> Iterator[Input]:
    found = False
    unlisted: list[tuple[str, OSError]] = []
    walker = os.walk(path, onerror=lambda error: unlisted.append((error.filename, error)))
    for root, dirs, files in walker:
        while unlisted:  # a directory that cannot be listed is an input that failed
            found = True
            name, error = unlisted.pop(0)
            yield Input(shown_name(name), problem=io_problem(shown_name(name), error))
        dirs.sort()
        for name in sorted(files):
            if name.lower().endswith(INPUT_SUFFIXES):
                found = True
                yield from _file(os.path.join(root, name), found=True)
            elif on_skip is not None:
                on_skip(shown_name(os.path.join(root, name)))
    for name, error in unlisted:  # the last one listed, or the top directory itself
        found = True
        yield Input(shown_name(name), problem=io_problem(shown_name(name), error))
    if not found:
        shown = shown_name(path)
        yield Input(
            shown,
            problem=finding(
                "no_reports",
                f"{shown}：目录中没有报告文件（{'、'.join(INPUT_SUFFIXES)}）",
                f"{shown}: the directory holds no report files ({', '.join(INPUT_SUFFIXES)})",
            ),
        )


def _stdin(stdin: BinaryIO, stdin_lines: bool) -> Iterator[Input]:
    try:  # standard input may be closed (<&-)
        if stdin_lines:
            yield from _lines("-", stdin)
            return
        data = stdin.read(MAX_DOCUMENT + 1)
    except OSError as error:
        yield Input("-", problem=io_problem("-", error))
        return
    if len(data) > MAX_DOCUMENT:
        yield Input("-", problem=too_large("-"))
    else:
        yield Input("-", data=data, size=len(data))


def expand(
    paths: list[str],
    stdin: BinaryIO,
    stdin_lines: bool = False,
    on_skip: Callable[[str], None] | None = None,
) -> Iterator[Input]:
    """Every input named by the command line's paths, in order. Files in directories
    that are no kind of input are passed to ``on_skip``."""
    for path in paths:
        if path == "-":
            yield from _stdin(stdin, stdin_lines)
        elif os.path.isdir(path):
            yield from _directory(path, on_skip)
        elif os.path.exists(path):
            yield from _file(path)
        else:
            shown = shown_name(path)
            yield Input(
                shown,
                problem=finding(
                    "io_error",
                    f"{shown}：文件或目录不存在",
                    f"{shown}: no such file or directory",
                ),
            )


def total_size(paths: list[str]) -> int | None:
    """The bytes all paths hold, for the progress bar; None when unknown (stdin)."""
    total = 0
    for path in paths:
        if path == "-":
            return None
        p = Path(path)
        try:
            if p.is_dir():
                total += sum(
                    f.stat().st_size
                    for f in p.rglob("*")
                    if f.is_file() and f.name.lower().endswith(INPUT_SUFFIXES)
                )
            elif p.is_file():
                total += p.stat().st_size
        except OSError:
            continue
    return total


#: Inputs travel to worker processes in chunks of at most this many items or about this
#: many bytes (a block of JSON Lines is one item of up to a few MB).
_CHUNK_ITEMS: Final = 256
_CHUNK_BYTES: Final = 2 * 1024 * 1024


def chunks(items: Iterable[Input]) -> Iterator[tuple[list[Input], int]]:
    """Inputs in chunks for worker processes, each with its size in bytes."""
    chunk: list[Input] = []
    size = 0
    for item in items:
        chunk.append(item)
        size += item.size
        if len(chunk) >= _CHUNK_ITEMS or size >= _CHUNK_BYTES:
            yield chunk, size
            chunk, size = [], 0
    if chunk:
        yield chunk, size
