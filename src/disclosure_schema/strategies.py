"""Hypothesis strategies for reports, for this library's tests and for yours.

Install with the ``strategies`` extra (``pip install disclosure-schema[strategies]``).

* :func:`reports` draws reports that are consistent by construction: the leaf
  cells are drawn and every total is derived, so every identity holds.
* :func:`planted_errors` draws such a report together with a planted change of
  one or more cells and the exact identities it must break, with the difference
  each must report.
"""

from __future__ import annotations

import copy
import datetime
import string
from collections.abc import Mapping, Sequence
from typing import Any, Literal

import attrs

try:
    from hypothesis import strategies as st
    from hypothesis.errors import InvalidArgument
except ImportError as error:  # pragma: no cover
    raise ImportError(
        "disclosure_schema.strategies needs Hypothesis: pip install 'disclosure-schema[strategies]'"
    ) from error

from .api import AnyReport, from_dict
from .fields import MAX_COUNT, Kind
from .layout import Layout, Node, layout
from .model import EDITIONS, ApplicantRow, Edition, Outcomes
from .rules import RULES

__all__ = ["Planted", "documents", "planted_errors", "reports"]

Sizes = Literal["realistic", "small", "large"]
_MAX_LEAF = {"small": 9, "realistic": 5_000, "large": 10**12}


@attrs.frozen(kw_only=True)
class Planted:
    """A valid report, a copy with some cells changed, and what that must break."""

    report: AnyReport  # the valid original
    perturbed: AnyReport  # the changed copy (still structurally valid)
    changes: Mapping[str, int]  # cell pointer -> the amount added to it
    #: rule id -> the difference validate() must report (sum(left) - sum(right))
    expected: Mapping[str, int]


def _check_args(edition: Edition | None, sizes: str, zeros: float, nulls: float) -> None:
    if edition is not None and edition not in EDITIONS:
        raise InvalidArgument(f"edition={edition!r} must be one of {EDITIONS} or None")
    if sizes not in _MAX_LEAF:
        raise InvalidArgument(f"sizes={sizes!r} must be one of {sorted(_MAX_LEAF)}")
    for name, p in (("zeros", zeros), ("nulls", nulls)):
        if not 0.0 <= p <= 1.0:
            raise InvalidArgument(f"{name}={p!r} must be a probability between 0 and 1")


def _table3(lay: Layout) -> tuple[list[Node], list[Node], list[str]]:
    """Table 3's rows, its detail result rows, and its applicant columns."""
    rows = [n for n in lay.nodes["/applications"].walk() if n.cls is ApplicantRow]
    details = [
        r for r in rows if r.pointer.startswith("/applications/results/") and r.key != "total"
    ]
    return rows, details, [c.key for c in rows[0].children if c.key != "total"]


@st.composite
def _cells(
    draw: st.DrawFn, lay: Layout, max_leaf: int, zeros: float, nulls: float
) -> dict[str, object]:
    """Every cell, by pointer, with every identity of the edition satisfied."""

    def leaf(upper: int = max_leaf) -> int:
        if zeros and draw(st.floats(0, 1, exclude_max=True)) < zeros:
            return 0
        return draw(st.integers(0, upper))

    values: dict[str, object] = {}
    # Table 2: independent counts, signed changes and amounts.
    for node in lay.nodes["/proactive"].walk():
        if node.kind is Kind.COUNT:
            values[node.pointer] = leaf()
        elif node.kind is Kind.SIGNED_COUNT:
            values[node.pointer] = draw(st.integers(-max_leaf, max_leaf))
        elif node.kind is Kind.AMOUNT:
            values[node.pointer] = draw(
                st.one_of(st.integers(0, max_leaf), st.integers(0, max_leaf * 100).map(_cents))
            )
    # Table 3: per applicant column, draw the results and the carry-forward, derive the
    # results total, draw a carry-over the column can absorb, derive the new requests.
    rows, details, columns = _table3(lay)
    t3 = "/applications"
    for column in columns:
        results = 0
        for row in details:
            results += (value := leaf())
            values[f"{row.pointer}/{column}"] = value
        values[f"{t3}/results/total/{column}"] = results
        forward = values[f"{t3}/carried_forward/{column}"] = leaf()
        over = draw(st.integers(0, min(results + forward, max_leaf)))
        values[f"{t3}/carried_over/{column}"] = over
        values[f"{t3}/new_received/{column}"] = results + forward - over
    for row in rows:
        values[f"{row.pointer}/total"] = sum(values[f"{row.pointer}/{c}"] for c in columns)  # type: ignore[misc]
    # Table 4: four outcomes and their total per group.
    for group in lay.nodes["/reviews_and_lawsuits"].children:
        assert group.cls is Outcomes
        parts = [c for c in group.children if c.key != "total"]
        for cell in parts:
            values[cell.pointer] = leaf()
        values[f"{group.pointer}/total"] = sum(values[c.pointer] for c in parts)  # type: ignore[misc]
    assert set(values) == {c.pointer for c in lay.cells}, "a cell the strategy forgot"
    if nulls:
        for pointer in list(values):
            if draw(st.floats(0, 1, exclude_max=True)) < nulls:
                values[pointer] = None
    return values


def _cents(n: int) -> float:
    return n / 100


_NAME = st.text(
    alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5), min_size=2, max_size=20
)
_TEXT = st.text(
    alphabet=st.one_of(
        st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5),
        st.sampled_from(string.digits + "，。：:、（）() \n"),
    ),
    min_size=1,
    max_size=200,
)


@st.composite
def _meta(draw: st.DrawFn, edition: Edition) -> dict[str, Any]:
    year = draw(st.integers(2019, 2020) if edition == "2019" else st.integers(2021, 2035))
    agency: dict[str, Any] = {"name": draw(_NAME)}
    for key in ("region", "level", "code"):
        if draw(st.booleans()):
            agency[key] = draw(_NAME)
    meta: dict[str, Any] = {"edition": edition, "year": year, "agency": agency}
    if draw(st.booleans()):
        published = draw(st.dates(datetime.date(year + 1, 1, 1), datetime.date(year + 1, 12, 31)))
        meta["published_on"] = published.isoformat()
    if draw(st.booleans()):
        fees: dict[str, Any] = {}
        if draw(st.booleans()):
            # at least one notice: no p.overdue_fee_without_notice on a consistent report
            fees["notices_issued"] = draw(st.integers(1, 50))
        for key in ("amount_noticed", "amount_collected"):
            if draw(st.booleans()):
                fees[key] = draw(st.integers(0, 500)) * 10
        meta["fees"] = fees
    if draw(st.booleans()):
        meta["sections"] = {
            k: draw(_TEXT) for k in ("overview", "problems", "other_matters") if draw(st.booleans())
        }
    return meta


def _nest(lay: Layout, meta: Mapping[str, Any], cells: Mapping[str, object]) -> dict[str, Any]:
    """A JSON document in the layout's key order."""

    def build(node: Node) -> dict[str, Any]:
        return {c.key: cells[c.pointer] if c.is_cell else build(c) for c in node.children}

    document: dict[str, Any] = {}
    for child in lay.root.children:
        if child.key in meta:
            document[child.key] = meta[child.key]
        elif any(n.is_cell for n in child.walk()):
            document[child.key] = build(child)
    return document


def documents(
    edition: Edition | None = None,
    *,
    sizes: Sizes = "realistic",
    zeros: float = 0.0,
    nulls: float = 0.0,
) -> st.SearchStrategy[dict[str, Any]]:
    """JSON documents (dicts) of valid reports; see :func:`reports` for the arguments."""
    _check_args(edition, sizes, zeros, nulls)
    editions = EDITIONS if edition is None else (edition,)

    @st.composite
    def draw_one(draw: st.DrawFn) -> dict[str, Any]:
        ed: Edition = draw(st.sampled_from(editions))
        lay = layout(ed)
        cells = draw(_cells(lay, _MAX_LEAF[sizes], zeros, nulls))
        return _nest(lay, draw(_meta(ed)), cells)

    return draw_one()


def reports(
    edition: Edition | None = None,
    *,
    sizes: Sizes = "realistic",
    zeros: float = 0.0,
    nulls: float = 0.0,
) -> st.SearchStrategy[AnyReport]:
    """Valid reports: every identity holds, by construction.

    :param edition: ``"2019"``, ``"2021"`` or None for either.
    :param sizes: leaf counts up to 9 (``"small"``), 5,000 (``"realistic"``: a busy
        city government) or 10**12 (``"large"``); totals are derived from them.
    :param zeros: the probability that a leaf is 0 (most real reports are mostly 0).
    :param nulls: the probability that a cell is null (not reported). Null cells make
        identities not assessable, which is a warning, so the report stays valid.
    """
    return documents(edition, sizes=sizes, zeros=zeros, nulls=nulls).map(from_dict)


def _expected(edition: Edition, changes: Mapping[str, int]) -> dict[str, int]:
    expected = {}
    for rule in RULES[edition]:
        net = sum(changes.get(p, 0) for p in rule.left) - sum(changes.get(p, 0) for p in rule.right)
        if net:
            expected[rule.id] = net
    return expected


def planted_errors(
    edition: Edition | None = None,
    *,
    max_changes: int = 1,
    sizes: Sizes = "realistic",
    zeros: float = 0.0,
) -> st.SearchStrategy[Planted]:
    """A valid report and a copy with 1 to ``max_changes`` cells changed by non-zero
    amounts (never below 0), with the identities the change must break."""
    _check_args(edition, sizes, zeros, 0.0)
    if not 1 <= max_changes <= 50:
        raise InvalidArgument(f"max_changes={max_changes!r} must be between 1 and 50")

    @st.composite
    def draw_one(draw: st.DrawFn) -> Planted:
        document = draw(documents(edition, sizes=sizes, zeros=zeros))
        ed: Edition = document["edition"]
        lay = layout(ed)
        candidates: Sequence[str] = [c.pointer for c in lay.cells if c.kind is Kind.COUNT]
        targets = draw(st.lists(st.sampled_from(candidates), min_size=1, max_size=max_changes,
                                unique=True))  # fmt: skip
        changed = copy.deepcopy(document)
        changes: dict[str, int] = {}
        for pointer in targets:
            holder, key = _locate(changed, pointer)
            old: int = holder[key]
            delta = draw(
                st.integers(-old, MAX_COUNT - old).filter(bool)
                if sizes == "large"
                else st.integers(-old, max(old, 9) * 3).filter(bool)
            )
            holder[key] = old + delta
            changes[pointer] = delta
        return Planted(
            report=from_dict(document),
            perturbed=from_dict(changed),
            changes=changes,
            expected=_expected(ed, changes),
        )

    return draw_one()


def _locate(document: dict[str, Any], pointer: str) -> tuple[dict[str, Any], str]:
    *path, key = pointer.split("/")[1:]
    holder = document
    for part in path:
        holder = holder[part]
    return holder, key
