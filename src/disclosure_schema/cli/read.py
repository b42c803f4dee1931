"""``disclosure-schema read``: published reports (pages, text, PDF, Word) into JSON.

One file gives its report as one JSON document (``-o`` writes it to a file). Many
files, a directory, or ``--format jsonl`` give JSON Lines: one record a page, in
the order given, each with the report (or null), its edition, year, agency and
notes, and where every cell came from with ``--provenance``. Batches run on the
validate command's machinery (cli.batch): chunks of inputs in one or several
processes, a few chunks in flight, so memory stays flat however many pages;
every input gets its record however broken it is.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import os
from collections.abc import Callable, Iterator
from typing import Any, BinaryIO, Final, TextIO, cast

from ..api import to_dict
from ..findings import Finding, finding
from ..limits import MAX_PAGE, os_reason, printable, shown_name, too_large
from ..record import to_json
from .batch import run
from .inputs import Input
from .options import Options
from .streams import Output
from .summary import Outcome, Summary

__all__ = ["PAGE_SUFFIXES", "read_main", "read_one", "single_file"]

#: What a directory is searched for.
PAGE_SUFFIXES: Final = (".html", ".htm", ".txt", ".pdf", ".docx")


def _record(source: str, reading: Any, provenance: bool) -> dict[str, Any]:
    data = reading.to_dict()
    if not provenance:
        del data["provenance"]
    report = None if reading.report is None else to_dict(reading.report)
    return {"source": source, "report": report, **data}


def read_one(item: Input, options: Options, provenance: bool = False) -> tuple[bytes, Outcome]:
    """Read one input into its JSON Lines record. Never raises: a failure is a record."""
    from ..reading import read  # the reader and its parsers load in the workers only

    source = shown_name(item.source)  # a file name that is no UTF-8 is still written
    try:
        data = item.read()
        if isinstance(data, Finding):
            record = _failed(source, data)
            readable = False
        else:
            reading = read(data)
            record = _record(source, reading, provenance)
            readable = reading.report is not None
    except Exception as error:  # a bug must not cost the batch its other records
        record = _failed(
            source,
            finding(
                "internal_error",
                f"{source}：内部错误（{type(error).__name__}），请报告此问题",
                f"{source}: internal error ({type(error).__name__}); please report it",
            ),
        )
        readable = False
    # A page that gave a report counts as read ("valid" in the summary's terms: the
    # reading is not validated here), one that gave none as unreadable.
    outcome = Outcome(state="valid" if readable else "unreadable", failed=not readable)
    # to_json escapes a lone surrogate in text a PDF's font mapped
    return to_json(record) + b"\n", outcome


def _failed(source: str, note: Finding) -> dict[str, Any]:
    return {
        "source": source,
        "report": None,
        "edition": None,
        "edition_reason": "",
        "year": None,
        "year_source": "",
        "agency": None,
        "agency_source": "",
        "notes": [note.to_dict()],
    }


def _walk(path: str) -> Iterator[Input]:
    found = False
    for root, dirs, files in os.walk(path):
        dirs.sort()
        for name in sorted(files):
            if name.lower().endswith(PAGE_SUFFIXES):
                found = True
                full = os.path.join(root, name)
                try:
                    size = os.path.getsize(full)
                except OSError:
                    size = 0
                yield Input(full, kind="page", path=full, size=size)
    if not found:
        yield Input(
            path,
            problem=finding(
                "no_reports",
                f"{path}：目录中没有网页、文本、PDF 或 Word 文件",
                f"{path}: the directory holds no web page, text, PDF or Word file",
            ),
        )


def pages(paths: list[str], stdin: BinaryIO) -> Iterator[Input]:
    """Every page the paths name, in order; a path that is not there is an input too."""
    for path in paths:
        if path == "-":
            data = stdin.read(MAX_PAGE + 1)
            if len(data) > MAX_PAGE:
                yield Input("-", problem=too_large("-", MAX_PAGE))
            else:
                yield Input("-", kind="page", data=data, size=len(data))
        elif os.path.isdir(path):
            yield from _walk(path)
        elif os.path.exists(path):
            size = os.path.getsize(path) if os.path.isfile(path) else 0
            yield Input(path, kind="page", path=path, size=size)
        else:
            yield Input(
                path,
                problem=finding(
                    "io_error", f"{path}：文件或目录不存在", f"{path}: no such file or directory"
                ),
            )


def _total(paths: list[str]) -> int | None:
    total = 0
    for path in paths:
        if path == "-":
            return None
        if os.path.isdir(path):
            for root, _, files in os.walk(path):
                for name in files:
                    if name.lower().endswith(PAGE_SUFFIXES):
                        try:
                            total += os.path.getsize(os.path.join(root, name))
                        except OSError:
                            continue
        elif os.path.isfile(path):
            total += os.path.getsize(path)
    return total


def single_file(args: argparse.Namespace) -> str | None:
    """The one file ``read`` gives as one report, or None for JSON Lines (several paths, a
    directory, or --format jsonl)."""
    paths: list[str] = args.paths or ["-"]
    if len(paths) == 1 and not os.path.isdir(paths[0]) and args.format != "jsonl":
        return paths[0]
    return None


def read_main(
    args: argparse.Namespace,
    stdin: BinaryIO,
    stdout: BinaryIO,
    stderr: TextIO,
    progress: Callable[[int | None], Any] | None = None,
) -> int:
    """Run ``read`` on many pages (JSON Lines; one file as one report is main's
    _read_file). ``progress(total_bytes)`` makes the progress bar (None: no bar)."""
    paths: list[str] = args.paths or ["-"]
    zh = args.lang == "zh"
    said = "disclosure-schema read" + ("：" if zh else ": ")
    if args.jobs < 1:
        stderr.write(said + ("--jobs 至少为 1\n" if zh else "--jobs must be at least 1\n"))
        return 2
    if args.format == "json":
        stderr.write(
            said + "--format json 只写一份报告；多个文件或目录请用 --format jsonl"
            "（它们的默认格式）\n"
            if zh
            else said + "--format json is one report; for many files or a directory use "
            "--format jsonl (the default for them)\n"
        )
        return 2
    try:
        handle = open(args.output, "wb") if args.output else None  # noqa: SIM115
    except OSError as error:
        shown = printable(shown_name(args.output))
        stderr.write(f"{said}{shown}{'：' if zh else ': '}{os_reason(error, args.lang)}\n")
        return 2
    # The file's failures (a full disk) are OutputFailed, told as standard output's are.
    out = stdout if handle is None else cast(BinaryIO, Output(handle))
    bar = progress(_total(paths)) if progress is not None else None
    work = functools.partial(read_one, provenance=args.provenance)
    summary = Summary()
    try:
        for rendered, outcome in run(pages(paths, stdin), Options(), args.jobs, bar, work):
            summary.add(outcome)
            assert isinstance(rendered, bytes)  # read_one renders JSON Lines
            out.write(rendered)
            out.flush()
    finally:
        if bar is not None:
            bar.close()
        if handle is not None:
            with contextlib.suppress(OSError):  # a failed write's bytes would fail again
                handle.close()
    if summary.unreadable:
        stderr.write(
            f"{said}{summary.inputs} 份输入中有 {summary.unreadable} 份没有读出报告"
            "（见各自的说明）\n"
            if zh
            else f"{said}{summary.unreadable} of {summary.inputs} inputs gave no report "
            "(see their notes)\n"
        )
        return 2
    return 0
