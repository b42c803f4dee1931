"""Validating many inputs: in order, in one or several processes, in bounded memory.

Inputs are grouped into chunks; each chunk is validated and rendered to output
bytes by a worker, and the results are written in input order. At most a few
chunks per worker are in flight, so memory stays flat however long the input.
"""

from __future__ import annotations

import collections
from collections.abc import Callable, Iterable, Iterator
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


def _matches(f: Finding, tokens: tuple[str, ...]) -> bool:
    """A finding matches a token that is its code, its rule id, or a prefix of the id."""
    for token in tokens:
        if f.code == token:
            return True
        if f.rule is not None and (f.rule == token or f.rule.startswith(token.rstrip(".") + ".")):
            return True
    return False


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
    cells = want != "never"  # a page's reading notes are findings: it always gets a page
    report = None if reading.report is None or not cells else to_dict(reading.report)
    return Record(
        source=source,
        result=validate_reading(reading),
        year=reading.year,
        agency=reading.agency,
        cells=None if report is None else cells_of(reading.report.edition, report),  # type: ignore[union-attr]
        provenance={p.pointer: (p.raw, p.where) for p in reading.provenance} if cells else None,
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
                    f"{source}：内部错误（{what}），请报告此问题",
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

        return render_parts(record, options.lang, options.all_pages)
    if options.quiet and not outcome.failed and record.state not in ("invalid", "unreadable"):
        return b""
    return render(record, options)


def process(item: Input, options: Options) -> tuple[Payload, Outcome]:
    """Validate and render one input. Never raises: a failure is a result too, and so
    is a failure to render one (the batch's other records must not be lost to it)."""
    try:
        full = _record(item, _cells_wanted(options))
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

_OPTIONS: Options | None = None


def _init(options: Options) -> None:
    global _OPTIONS  # noqa: PLW0603 (set once per worker process, by its initializer)
    _OPTIONS = options


def _process_chunk(chunk: list[Input]) -> list[tuple[Payload, Outcome]]:
    assert _OPTIONS is not None
    out = []
    for item in chunk:
        for one in item.lines() if item.kind == "lines" else (item,):
            out.append(process(one, _OPTIONS))
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
) -> Iterator[tuple[Payload, Outcome]]:
    """Every input's rendered output and outcome, in input order.

    ``progress(inputs, bytes)`` is called after each chunk.
    """
    if jobs <= 1:
        _init(options)
        for item in items:  # one at a time: each result is written as soon as it is ready
            results = _process_chunk([item])
            yield from results
            if progress:
                progress(len(results), item.size)
        return
    with ProcessPoolExecutor(jobs, initializer=_init, initargs=(options,)) as pool:
        window: collections.deque[tuple[Future[list[tuple[Payload, Outcome]]], int]]
        window = collections.deque()
        for chunk, size in _chunks(items):
            window.append((pool.submit(_process_chunk, chunk), size))
            if len(window) >= 3 * jobs:  # bounded: a few chunks per worker in flight
                yield from _drain(window.popleft(), progress)
        while window:
            yield from _drain(window.popleft(), progress)


def _drain(
    entry: tuple[Future[list[tuple[Payload, Outcome]]], int],
    progress: Callable[[int, int], None] | None,
) -> list[tuple[Payload, Outcome]]:
    future, size = entry
    results = future.result()
    if progress:
        progress(len(results), size)
    return results
