"""``validate --series`` and ``audit --series``: a first pass over every input reads what
the cross-report rules need (a small :class:`~disclosure_schema.rules.cross.Snapshot` per
report), groups the reports by agency and year, and gives each later report its
cross-report findings; the ordinary batch then validates every input and adds them to
its record. The audit also learns each earlier report's place in the batch, to link
the later report's page to it.
"""

from __future__ import annotations

import collections
from collections.abc import Iterable
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any

import attrs
import orjson

from ..findings import Finding
from ..rules.cross import Snapshot, check_series, snapshot
from .inputs import Input, chunks

__all__ = ["Series", "series"]


def _snapshot(item: Input) -> Snapshot | None:
    data = item.read()
    if isinstance(data, Finding):
        return None
    try:
        if item.kind == "page":
            from ..reading import read  # the reader loads only for web pages

            report = read(data).report
            return None if report is None else snapshot(report, item.source)
        value: Any = orjson.loads(data)
    except Exception:  # unreadable: validate() reports why, in the record
        return None
    return snapshot(value, item.source) if isinstance(value, dict) else None


def _read_chunk(chunk: list[Input]) -> list[tuple[str, Snapshot | None]]:
    out: list[tuple[str, Snapshot | None]] = []
    for item in chunk:
        for one in item.lines() if item.kind == "lines" else (item,):
            try:
                out.append((one.source, _snapshot(one)))
            except Exception:  # a bug must not cost the batch its pairs: no pair
                out.append((one.source, None))
    return out


@attrs.frozen
class Series:
    """What the first pass found."""

    #: input source -> the cross-report findings of that report (only those with some)
    findings: dict[str, tuple[Finding, ...]]
    #: the input number (1-based, in input order, as the batch counts its records) of
    #: every earlier report a finding names: the audit links to its page
    numbers: dict[str, int]


def series(items: Iterable[Input], jobs: int = 1) -> Series:
    """The cross-report findings of every input. With ``jobs`` > 1 the inputs are read
    in that many processes."""
    read: list[tuple[str, Snapshot | None]] = []
    if jobs <= 1:
        for item in items:  # one at a time: a block of lines is freed once read
            read += _read_chunk([item])
    else:
        # A bounded window of chunks in flight, in order (map() would queue them all).
        with ProcessPoolExecutor(jobs) as pool:
            window: collections.deque[Future[list[tuple[str, Snapshot | None]]]]
            window = collections.deque()
            for chunk, _ in chunks(items):
                window.append(pool.submit(_read_chunk, chunk))
                if len(window) >= 3 * jobs:
                    read += window.popleft().result()
            while window:
                read += window.popleft().result()
    found = check_series([snap for _, snap in read])
    findings = {source: tuple(f) for (source, _), f in zip(read, found, strict=True) if f}
    named = {f.previous_source for fs in findings.values() for f in fs if f.previous_source}
    numbers = {source: n for n, (source, _) in enumerate(read, 1) if source in named}
    return Series(findings, numbers)
