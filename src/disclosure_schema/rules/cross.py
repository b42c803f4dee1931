"""Rules across reports (FORMAT.md §9.3) and the series plausibility rule
``p.same_as_last_year``: pure functions over two reports of one agency, and over a
series of reports of any number of agencies.

A report is read once into a :class:`Snapshot` holding only what these rules need
(the cells of the cross-report rules and a digest of table 3), so that a series of
100,000 reports fits in memory.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Final

import attrs

from ..checking import INVALID, check
from ..compose.cells import getter
from ..fastpath import fast_check
from ..fields import MAX_COUNT
from ..findings import Finding, Status, finding
from ..layout import layout
from ..model import Edition, Report
from .catalogue import CHECKS, Check

__all__ = ["Snapshot", "agency_key", "check_pair", "check_series", "snapshot"]

_CROSS: Final = tuple(c for c in CHECKS if c.kind == "cross_report")
_SAME: Final = next(c for c in CHECKS if c.id == "p.same_as_last_year")
_T3: Final = "/applications"
_COUNT_TYPES: Final = frozenset({int, type(None)})
#: Other reports named in one duplicate_year finding: a series with thousands of
#: reports for one agency and year must not give each a list of all the others.
_LISTED: Final = 5


@attrs.frozen(kw_only=True)
class Snapshot:
    """What the cross-report rules read from one report."""

    edition: Edition
    year: int
    agency_code: str | None
    agency_name: str | None
    #: the cells the cross-report rules name (a number, None or INVALID), in the order
    #: of :func:`_pointers` (a tuple, not a dict: a series holds one per report)
    values: tuple[object, ...]
    #: table 3 in layout order, hashed (ints hash the same in every process); None when
    #: a cell is blank or invalid
    table3: int | None
    table3_nonzero: bool
    source: str | None = None

    def value(self, pointer: str) -> object:
        """The cell at ``pointer``; INVALID when the edition has no such cell."""
        at = _positions(self.edition).get(pointer)
        return INVALID if at is None else self.values[at]


@functools.cache
def _pointers(edition: Edition) -> tuple[tuple[str, int], ...]:
    index = layout(edition).cell_index
    wanted = {t.pointer for c in _CROSS for t in (*c.left, *c.right)}
    return tuple((p, index[p]) for p in sorted(wanted) if p in index)


@functools.cache
def _positions(edition: Edition) -> dict[str, int]:
    return {p: i for i, (p, _) in enumerate(_pointers(edition))}


@functools.cache
def _table3(edition: Edition) -> tuple[int, int]:
    """The slice of the layout's cell order that is table 3."""
    positions = [i for i, n in enumerate(layout(edition).cells) if n.pointer.startswith(_T3)]
    return positions[0], positions[-1] + 1


def _make(
    edition: Edition,
    meta: Mapping[str, Any],
    table: Sequence[object],
    cross: Sequence[object],
    *,
    source: str | None,
    complete: bool,
) -> Snapshot | None:
    """A snapshot from table 3's cells (``complete``: all numbers) and the cross-report
    cells (_pointers order)."""
    year = meta.get("year")
    if type(year) is not int:
        return None
    agency = meta.get("agency")
    code = name = None
    if isinstance(agency, Mapping):
        code = agency.get("code") if isinstance(agency.get("code"), str) else None
        name = agency.get("name") if isinstance(agency.get("name"), str) else None
    return Snapshot(
        edition=edition,
        year=year,
        agency_code=code,
        agency_name=name,
        values=tuple(cross),
        table3=hash(tuple(table)) if complete else None,
        table3_nonzero=complete and any(table),
        source=source,
    )


def _from_cells(
    edition: Edition, meta: Mapping[str, Any], cells: Sequence[object], source: str | None
) -> Snapshot | None:
    start, end = _table3(edition)
    table = cells[start:end]
    complete = None not in table and INVALID not in table
    cross = [cells[i] for _, i in _pointers(edition)]
    return _make(edition, meta, table, cross, source=source, complete=complete)


@functools.cache
def _getter(edition: Edition) -> Any:
    """Generated code reading table 3 and the cross-report cells of a decoded document
    by plain indexing: a series reads every report once, and the structural check is
    validate()'s job, not this pass's (a document it cannot read is left to it)."""
    lay = layout(edition)
    start, end = _table3(edition)
    wanted = [n.path for n in lay.cells[start:end]]
    wanted += [lay.cells[i].path for _, i in _pointers(edition)]
    # Each object is looked up once, into a local: a path from the root for every
    # cell would cost five lookups a cell.
    names: dict[tuple[str, ...], str] = {(): "v"}
    lines = []
    for path in wanted:
        for depth in range(1, len(path)):
            prefix = path[:depth]
            if prefix not in names:
                names[prefix] = f"o{len(names)}"
                lines.append(f"    {names[prefix]} = {names[prefix[:-1]]}[{prefix[-1]!r}]")
    body = ", ".join(f"{names[path[:-1]]}[{path[-1]!r}]" for path in wanted)
    source = "def get(v):\n" + "\n".join(lines) + f"\n    return ({body},)\n"
    namespace: dict[str, Any] = {}
    exec(compile(source, f"<disclosure_schema snapshot {edition}>", "exec"), namespace)
    return namespace["get"], end - start


def _quick(value: dict[str, Any], source: str | None) -> Snapshot | None:
    edition: Edition
    if value.get("edition") == "2021":
        edition = "2021"
    elif value.get("edition") == "2019":
        edition = "2019"
    else:
        return None
    get, size = _getter(edition)
    try:
        found = get(value)
    except (KeyError, TypeError, IndexError):
        return None
    types = set(map(type, found))
    numbers = found if type(None) not in types else [v for v in found if v is not None]
    if not types <= _COUNT_TYPES or (
        numbers and not 0 <= min(numbers) <= max(numbers) <= MAX_COUNT
    ):
        return None  # a wrong value somewhere: the careful path marks it INVALID
    table = found[:size]
    return _make(edition, value, table, found[size:], source=source, complete=None not in table)


def snapshot(
    report: Report[Any, Any] | Mapping[str, Any], source: str | None = None
) -> Snapshot | None:
    """Read a report (a Report, or a decoded JSON document) for the cross-report rules;
    None when it has no edition or year to place it by."""
    if isinstance(report, Report):
        cells = getter(report.edition)(report)
        agency = {"code": report.agency.code, "name": report.agency.name}
        return _from_cells(report.edition, {"year": report.year, "agency": agency}, cells, source)
    value = dict(report)
    quick = _quick(value, source)
    if quick is not None:
        return quick
    found = fast_check(value)
    if found is not None:
        return _from_cells(found.edition, value, found.cells, source)
    checked = check(value)
    if checked.edition is None or checked.cells is None:
        return None
    return _from_cells(checked.edition, value, checked.cells, source)


def _normal(name: str) -> str:
    return "".join(unicodedata.normalize("NFKC", name).split())


def agency_key(s: Snapshot) -> str | None:
    """How a series groups reports: the agency code when given, else the normalised name."""
    if s.agency_code and s.agency_code.strip():
        return "code:" + _normal(s.agency_code)
    if s.agency_name and s.agency_name.strip():
        return "name:" + _normal(s.agency_name)
    return None


def _agency_changed(previous: Snapshot, current: Snapshot) -> bool:
    codes = (previous.agency_code, current.agency_code)
    names = (previous.agency_name, current.agency_name)
    return (all(codes) and _normal(codes[0]) != _normal(codes[1])) or (  # type: ignore[arg-type]
        all(names) and _normal(names[0]) != _normal(names[1])  # type: ignore[arg-type]
    )


@functools.cache
def _label(edition: Edition, pointer: str) -> tuple[str, str]:
    node = layout(edition).nodes[pointer]
    return node.title_zh, node.title_en


def _evaluate(rule: Check, previous: Snapshot, current: Snapshot, changed: bool) -> Finding | None:
    if current.edition not in rule.editions or previous.edition not in rule.previous_editions:
        return None
    reports = {"previous": previous, "current": current}
    values = {
        (t.report, t.pointer): reports[t.report].value(t.pointer) for t in (*rule.left, *rule.right)
    }
    if any(v is INVALID for v in values.values()):
        return None  # a structural finding covers the cell
    here = tuple(t.pointer for t in (*rule.left, *rule.right) if t.report == "current")
    there = tuple(t.pointer for t in (*rule.left, *rule.right) if t.report == "previous")
    source = previous.source
    where_zh = f"上年报告（{source}）" if source else f" {previous.year} 年度报告"
    where_en = f"last year's report ({source})" if source else f"the report on {previous.year}"
    if any(v is None for v in values.values()):
        blank = [k for k, v in values.items() if v is None]
        return finding(
            "cross_report_not_assessable",
            f"{rule.title_zh}：无法核对，有单元格未填报",
            f"{rule.title_en}: cannot be checked; a cell is not reported",
            rule=rule.id,
            status=Status.NOT_ASSESSABLE,
            locations=tuple(p for r, p in blank if r == "current"),
            previous_locations=tuple(p for r, p in blank if r == "previous"),
            previous_source=source,
        )
    actual = sum(values[(t.report, t.pointer)] for t in rule.left)  # type: ignore[misc]
    expected = sum(values[(t.report, t.pointer)] for t in rule.right)  # type: ignore[misc]
    if actual == expected:
        return None

    def terms(side: tuple[Any, ...], lang: int) -> str:
        parts = []
        for t in side:
            edition = reports[t.report].edition
            label = _label(edition, t.pointer)[lang]
            mark = ("上年", "last year") if t.report == "previous" else ("本年", "this year")
            parts.append(f"{mark[lang]} {label} ({values[(t.report, t.pointer)]})")
        return " + ".join(parts)

    soft = rule.severity == "warning" or changed
    note_zh = "（机关代码或名称有变化）" if changed and rule.severity == "error" else ""
    note_en = " (the agency's code or name changed)" if changed and rule.severity == "error" else ""
    return finding(
        "cross_report_doubtful" if soft else "cross_report_mismatch",
        f"{rule.title_zh}不成立{note_zh}：{terms(rule.left, 0)} = {actual}，但 "
        f"{terms(rule.right, 0)} = {expected}，相差 {abs(actual - expected)}；对照{where_zh}",
        f"{rule.title_en} fails{note_en}: {terms(rule.left, 1)} = {actual}, but "
        f"{terms(rule.right, 1)} = {expected}; difference {abs(actual - expected)}; against "
        f"{where_en}",
        rule=rule.id,
        status=Status.FAILED,
        locations=here,
        previous_locations=there,
        previous_source=source,
        expected=expected,
        actual=actual,
        difference=actual - expected,
    )


@functools.cache
def _compiled(
    previous: Edition, current: Edition
) -> tuple[tuple[Check, tuple[tuple[int, int], ...], tuple[tuple[int, int], ...]], ...]:
    """The cross-report rules that apply between two editions, each term as (0 for
    the earlier report or 1 for the later, position in its snapshot's values)."""
    editions = (previous, current)
    out = []
    for rule in _CROSS:
        if current not in rule.editions or previous not in rule.previous_editions:
            continue
        sides = []
        for side in (rule.left, rule.right):
            terms = []
            for t in side:
                which = 0 if t.report == "previous" else 1
                terms.append((which, _positions(editions[which])[t.pointer]))
            sides.append(tuple(terms))
        out.append((rule, sides[0], sides[1]))
    return tuple(out)


def check_pair(
    previous: Snapshot | Report[Any, Any] | Mapping[str, Any],
    current: Snapshot | Report[Any, Any] | Mapping[str, Any],
) -> list[Finding]:
    """The cross-report findings of ``current`` against the report of the year before
    (the caller says they are one agency's): the x.* rules and p.same_as_last_year.
    Findings point into ``current`` (``locations``) and into ``previous``
    (``previous_locations``)."""
    before = previous if isinstance(previous, Snapshot) else snapshot(previous)
    after = current if isinstance(current, Snapshot) else snapshot(current)
    if before is None or after is None:
        return []
    changed = _agency_changed(before, after)
    pair = (before.values, after.values)
    out = []
    for rule, left, right in _compiled(before.edition, after.edition):
        # The common case first: every term a number and the sums equal.
        lv = [pair[w][at] for w, at in left]
        rv = [pair[w][at] for w, at in right]
        if all(type(v) is int for v in lv + rv) and sum(lv) == sum(rv):  # type: ignore[arg-type]
            continue
        found = _evaluate(rule, before, after, changed)
        if found is not None:
            out.append(found)
    if (
        before.edition == after.edition
        and after.table3 is not None
        and after.table3 == before.table3
        and after.table3_nonzero
    ):
        source = f"（{before.source}）" if before.source else ""
        source_en = f" ({before.source})" if before.source else ""
        out.append(
            finding(
                "implausible",
                f"{_SAME.title_zh}：表三的全部数字与上年报告{source}相同，且不全为 0",
                f"{_SAME.title_en}: every number of table 3 equals last year's "
                f"report{source_en}, and they are not all 0",
                rule=_SAME.id,
                locations=(_T3,),
                previous_locations=(_T3,),
                previous_source=before.source,
            )
        )
    return out


def check_series(
    reports: Iterable[Snapshot | Report[Any, Any] | Mapping[str, Any] | None],
) -> list[list[Finding]]:
    """The cross-report findings of a series, one list per input in input order.

    Reports are grouped by agency (:func:`agency_key`) and ordered by year; each is
    compared with its agency's report of the year before. A gap year gives no pair;
    two reports of one agency for one year each get a ``duplicate_year`` finding and
    neither is compared with anything (never a silent pick). Inputs that cannot be
    placed (None, no year, no agency) get no finding here.
    """
    snaps = [r if isinstance(r, Snapshot) or r is None else snapshot(r) for r in reports]
    out: list[list[Finding]] = [[] for _ in snaps]
    groups: dict[str, dict[int, list[int]]] = {}
    for i, s in enumerate(snaps):
        key = None if s is None else agency_key(s)
        if s is not None and key is not None:
            groups.setdefault(key, {}).setdefault(s.year, []).append(i)
    for years in groups.values():
        for year, members in years.items():
            if len(members) > 1:
                for i in members:
                    others = [j for j in members[: _LISTED + 1] if j != i][:_LISTED]
                    names = ", ".join(
                        snaps[j].source or f"#{j + 1}"  # type: ignore[union-attr]
                        for j in others
                    )
                    more = len(members) - 1 - len(others)
                    more_zh = f" 等共 {len(members) - 1} 份" if more else ""
                    more_en = f" and {more} more" if more else ""
                    out[i].append(
                        finding(
                            "duplicate_year",
                            f"同一机关 {year} 年度另有报告（{names}{more_zh}），不与上下年度比对",
                            f"another report of this agency for {year} ({names}{more_en}); not "
                            "compared with the years before and after",
                            previous_source=names or None,
                        )
                    )
        for year, members in years.items():
            before = years.get(year - 1)
            if len(members) == 1 and before is not None and len(before) == 1:
                (i,), (j,) = members, before
                a, b = snaps[j], snaps[i]
                assert a is not None and b is not None
                out[i].extend(check_pair(a, b))
    return out
