"""Validating many inputs: in order, in one or several processes, in bounded memory.

Inputs are grouped into chunks; each chunk is validated and rendered to output
bytes by a worker, and the results are written in input order. At most a few
chunks per worker are in flight, so memory stays flat however long the input.
"""

from __future__ import annotations

import collections
import ctypes
import os
import signal
import sys
import threading
from collections.abc import Callable, Generator, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import TYPE_CHECKING, Final, Literal, TypeAlias

import attrs
import orjson

from ..api import ValidationResult, to_dict, validate
from ..decoding import decode
from ..findings import Finding, Severity, finding
from ..limits import cap
from ..record import Record, cells_of, family, meta_of, nothing_assessed
from .inputs import Input
from .options import Options
from .output import printable, render
from .summary import Outcome, Summary

if TYPE_CHECKING:
    from ..audit import Parts

#: What a worker hands back for one input: rendered output, or the audit report's parts.
Payload: TypeAlias = "bytes | Parts"

__all__ = ["Options", "Outcome", "Summary", "run"]

_RANK: Final = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}
_CHUNK_ITEMS: Final = 256
_CHUNK_BYTES: Final = 2 * 1024 * 1024


def _rule_matches(rule: str, token: str) -> bool:
    return rule == token or rule.startswith(token.rstrip(".") + ".")


def _matches(f: Finding, tokens: tuple[str, ...]) -> bool:
    """A finding matches a token that is its code, its rule id, or a prefix of the id;
    a localisation finding matches when every rule it explains does."""
    for token in tokens:
        if f.code == token:
            return True
        if f.rule is not None and _rule_matches(f.rule, token):
            return True
    return bool(f.explains) and all(any(_rule_matches(r, t) for t in tokens) for r in f.explains)


def select(result: ValidationResult, options: Options) -> ValidationResult:
    """Keep the findings --select and --ignore ask for."""
    if not options.select and not options.ignore:
        return result
    kept = tuple(
        f
        for f in result.findings
        if (not options.select or _matches(f, options.select)) and not _matches(f, options.ignore)
    )
    return ValidationResult(result.edition, kept)


#: When a record keeps its cells: never, for a page of a report with findings, always.
Cells: TypeAlias = Literal["never", "findings", "always"]


def _cells_wanted(options: Options) -> Cells:
    if options.format != "audit":
        return "never"
    return "always" if options.all_pages else "findings"


def _json_record(source: str, data: bytes, want: Cells) -> Record:
    result = validate(data)
    cells = want == "always" or (want == "findings" and bool(result.findings))
    if result.edition is None:
        return Record(source=source, result=result)
    try:
        document = orjson.loads(data)
    except orjson.JSONDecodeError:  # GB18030, a byte-order mark: the careful decoder
        document = decode(data).value
    year, agency = meta_of(document)
    return Record(
        source=source,
        result=result,
        year=year,
        agency=agency,
        cells=cells_of(result.edition, document) if cells else None,
    )


def _page_record(source: str, data: bytes, want: Cells) -> Record:
    from ..reading import read, validate_reading  # the reader loads only for web pages

    reading = read(data)
    keep = want != "never"  # a page's reading notes are findings: it always gets a page
    cells = None
    if keep and reading.report is not None:
        cells = cells_of(reading.report.edition, to_dict(reading.report))
    return Record(
        source=source,
        result=validate_reading(reading),
        year=reading.year,
        agency=reading.agency,
        cells=cells,
        provenance={p.pointer: (p.raw, p.where) for p in reading.provenance} if keep else None,
    )


def _record(item: Input, cells: Cells) -> Record:
    data = item.read()
    if isinstance(data, Finding):
        return Record(source=item.source, result=ValidationResult(None, (data,)))
    if item.kind == "page":
        return _page_record(item.source, data, cells)
    return _json_record(item.source, data, cells)


def _internal_error(source: str, error: Exception) -> Record:
    what = printable(f"{type(error).__name__}: {error}")
    return Record(
        source=source,
        result=ValidationResult(
            None,
            (
                finding(
                    "internal_error",
                    # the exception's text is English: Chinese names its class only
                    f"{source}：内部错误（{type(error).__name__}），请报告此问题",
                    f"{source}: internal error ({what}); please report it",
                ),
            ),
        ),
    )


def _outcome(record: Record, options: Options) -> Outcome:
    rank = _RANK[options.threshold]
    findings = record.result.findings
    return Outcome(
        state=record.state,
        failed=any(_RANK[f.severity] >= rank for f in findings)
        or (options.fail_unchecked and record.state == "unchecked"),
        errors=tuple((family(f), f.code) for f in findings if f.severity is Severity.ERROR),
        warnings=tuple((family(f), f.code) for f in findings if f.severity is Severity.WARNING),
    )


def _render(record: Record, outcome: Outcome, options: Options) -> Payload:
    if options.format == "audit":
        from ..audit import render_parts

        return render_parts(record, options.lang, options.all_pages, options.earlier)
    if options.quiet and not outcome.failed and record.state not in ("invalid", "unreadable"):
        return b""
    return render(record, options)


def process(item: Input, options: Options) -> tuple[Payload, Outcome]:
    """Validate and render one input. Never raises: a failure is a result too, and so
    is a failure to render one (the batch's other records must not be lost to it)."""
    try:
        wanted = _cells_wanted(options)
        if wanted == "findings" and (
            item.source in options.series or item.source in options.earlier
        ):
            # --series: cross-report findings to come, or an earlier report they link to
            wanted = "always"
        full = _record(item, wanted)
        extra = options.series.get(item.source)
        if extra:  # validate --series: this report's cross-report findings
            result = ValidationResult(full.result.edition, full.result.findings + extra)
            full = attrs.evolve(full, result=result)
        kept = select(full.result, options)
        record = attrs.evolve(
            full,
            result=ValidationResult(kept.edition, cap(kept.findings)),
            unchecked=nothing_assessed(full.result),
        )
        outcome = _outcome(record, options)
        return _render(record, outcome, options), outcome
    except Exception as error:  # a bug must not cost the batch its other results
        record = _internal_error(printable(item.source), error)
        outcome = _outcome(record, options)
        return _render(record, outcome, options), outcome


# -- running in order, possibly in parallel ---------------------------------------------

#: What a worker does with one input (validate: process; read: cli.read.read_one). A
#: module-level function or a partial of one, so that it reaches worker processes.
Work = Callable[[Input, Options], tuple[Payload, Outcome]]

_OPTIONS: Options | None = None
_WORK: Work = process


def _init(options: Options, work: Work = process) -> None:
    global _OPTIONS, _WORK  # set once per worker process, by its initializer
    _OPTIONS, _WORK = options, work


def _worker_init(options: Options, work: Work = process) -> None:
    """A worker leaves interrupts to the main process, which stops it: a Ctrl-C that
    also reached the workers left them stuck on the pool's pipes and locks."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # the main process's handler was forked
    _die_with_parent()
    _init(options, work)


def _die_with_parent() -> None:
    """Linux: a worker gets SIGTERM when the main process dies, even by SIGKILL, so no
    worker is left orphaned waiting on a pipe that every worker holds open."""
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if os.getppid() == 1:  # the parent died before prctl: nobody to work for
        os._exit(1)


def _process_chunk(chunk: list[Input]) -> list[tuple[Payload, Outcome]]:
    assert _OPTIONS is not None
    out = []
    for item in chunk:
        for one in item.lines() if item.kind == "lines" else (item,):
            out.append(_WORK(one, _OPTIONS))
    return out


def _chunks(items: Iterable[Input]) -> Iterator[tuple[list[Input], int]]:
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


def run(
    items: Iterable[Input],
    options: Options,
    jobs: int = 1,
    progress: Callable[[int, int], None] | None = None,
    work: Work = process,
) -> Generator[tuple[Payload, Outcome], None, None]:
    """Every input's rendered output and outcome, in input order.

    ``progress(inputs, bytes)`` is called after each chunk; ``work`` renders one input.
    """
    if jobs <= 1:
        _init(options, work)
        for item in items:  # one at a time: each result is written as soon as it is ready
            results = _process_chunk([item])
            yield from results
            if progress:
                progress(len(results), item.size)
        return
    pool = ProcessPoolExecutor(jobs, initializer=_worker_init, initargs=(options, work))
    window: collections.deque[tuple[Future[list[tuple[Payload, Outcome]]], int]]
    window = collections.deque()
    try:
        for chunk, size in _chunks(items):
            window.append((pool.submit(_process_chunk, chunk), size))
            if len(window) >= 3 * jobs:  # bounded: a few chunks per worker in flight
                yield from _drain(window.popleft(), progress)
        while window:
            yield from _drain(window.popleft(), progress)
    except BaseException:
        # Interrupted, terminated, or the output failed (GeneratorExit when the caller
        # stops): stop now, not after the queued chunks, and leave no worker behind.
        _stop(pool)
        raise
    pool.shutdown()


def _stop(pool: ProcessPoolExecutor) -> None:
    """Kill the workers and let the pool wind down without waiting for its queue.

    concurrent.futures has no public way to stop running work before Python 3.14
    (``terminate_workers``), hence its private parts, each looked up defensively. A
    worker killed while sending leaves a message half written, which the pool's
    manager thread would wait on forever and the interpreter then wait on at exit:
    closing this process's copy of the result pipe's writing end lets it see the end
    of the pipe instead, and the feeder thread (stuck writing to dead workers) is not
    waited for.
    """
    main = threading.current_thread() is threading.main_thread()
    old = signal.signal(signal.SIGINT, signal.SIG_IGN) if main else None  # no 2nd Ctrl-C now
    try:
        processes = list((getattr(pool, "_processes", None) or {}).values())
        # SIGKILL, not SIGTERM: a worker still starting up runs the main process's SIGTERM
        # handler (forked with it) until its initializer resets it, and would print a
        # traceback; a worker has nothing to clean up.
        for process in processes:
            process.kill()
        for process in processes:
            process.join(2)
        call_queue = getattr(pool, "_call_queue", None)
        if call_queue is not None:
            call_queue.cancel_join_thread()
        writer = getattr(getattr(pool, "_result_queue", None), "_writer", None)
        if writer is not None:
            writer.close()
        pool.shutdown(wait=False, cancel_futures=True)
    finally:
        if old is not None:
            signal.signal(signal.SIGINT, old)


def _drain(
    entry: tuple[Future[list[tuple[Payload, Outcome]]], int],
    progress: Callable[[int, int], None] | None,
) -> list[tuple[Payload, Outcome]]:
    future, size = entry
    results = future.result()
    if progress:
        progress(len(results), size)
    return results
