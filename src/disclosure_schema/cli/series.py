"""``validate --series``: a first pass over every input reads what the cross-report
rules need (a small :class:`~disclosure_schema.rules.cross.Snapshot` per report), groups
the reports by agency and year, and gives each later report its cross-report findings;
the ordinary batch then validates every input and adds them to its record.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import orjson

from ..findings import Finding
from ..rules.cross import Snapshot, check_series, snapshot
from .inputs import Input

__all__ = ["series_findings"]


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


def series_findings(items: Iterable[Input]) -> dict[str, tuple[Finding, ...]]:
    """Input source -> the cross-report findings of that report (only those with some)."""
    sources: list[str] = []
    snaps: list[Snapshot | None] = []
    for item in items:
        for one in item.lines() if item.kind == "lines" else (item,):
            sources.append(one.source)
            try:
                snaps.append(_snapshot(one))
            except Exception:  # a bug must not cost the batch its pairs: no pair
                snaps.append(None)
    return {
        source: tuple(found)
        for source, found in zip(sources, check_series(snaps), strict=True)
        if found
    }
