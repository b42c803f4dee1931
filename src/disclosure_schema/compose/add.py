"""Add up the reports of several agencies of one year and edition."""

from __future__ import annotations

import decimal
import functools
from collections.abc import Iterable, Sequence
from typing import Any, Final

import attrs

from ..fields import MAX_COUNT, Kind
from ..layout import layout
from ..model import Agency, Edition, Fees
from .cells import AnyReport, R, getter, with_cells

__all__ = ["EditionMismatch", "SumTooLarge", "add_up"]


class EditionMismatch(ValueError):
    """The reports are not all of one edition and one year: adding them up would be a
    guess, so it is refused. ``first`` and ``other`` are the (edition, year) of the
    first report and of the first one that differs from it."""

    def __init__(self, first: tuple[Edition, int], other: tuple[Edition, int]) -> None:
        self.first, self.other = first, other
        super().__init__(
            f"cannot add up a {other[0]} edition report of {other[1]} with a "
            f"{first[0]} edition report of {first[1]}"
        )


class SumTooLarge(ValueError):
    """A sum past 2**53 - 1, the largest count JSON readers keep exact."""

    def __init__(self, pointer: str, value: int | float) -> None:
        self.pointer, self.value = pointer, value
        super().__init__(f"{pointer}: the sum {value} exceeds 2**53 - 1")


@functools.cache
def _kinds(edition: Edition) -> tuple[Kind | None, ...]:
    return tuple(n.kind for n in layout(edition).cells)


#: Digits enough to add amounts exactly: a double's shortest repr spans at most 10**16
#: down to 10**-340, and 2**53 reports add fewer than 16 more.
_EXACT: Final = decimal.Context(prec=400)


def _add(values: tuple[Any, ...], kind: Kind | None) -> Any:
    """One column's sum: null when any term is null (a blank is not 0).

    An amount is the decimal number its JSON says (``0.1`` is one tenth, not the
    nearest binary fraction), so amounts are added exactly as written, the float's
    shortest repr, and rounded once: 0.1 + 0.2 is 0.3 as a county adds it by hand,
    and the order of the reports does not matter."""
    if None in values:
        return None
    if kind is Kind.AMOUNT and any(type(v) is float for v in values):
        with decimal.localcontext(_EXACT):
            return float(sum(map(decimal.Decimal, map(repr, values))))
    return sum(values)


def add_up(reports: Iterable[R], *, agency: Agency | str) -> R:
    """The cell-wise sum of reports of one edition and year (a county compiling its
    departments), stated to be the report of ``agency``.

    A cell is null when it is null in any report. Fees are added the same way (a
    figure any report leaves out is left out); the publication date and the
    narrative parts are not added up and are absent. Raises ValueError when there
    is no report, :class:`SumTooLarge` (a ValueError) when a sum exceeds 2**53 - 1,
    and :class:`EditionMismatch` when the
    editions or years differ. The sum of valid reports is valid: the identities are
    linear.
    """
    found = list(reports)
    if not found:
        raise ValueError("nothing to add up: no reports")
    first = found[0]
    for other in found[1:]:
        if (other.edition, other.year) != (first.edition, first.year):
            raise EditionMismatch((first.edition, first.year), (other.edition, other.year))
    edition = first.edition
    get = getter(edition)
    columns = zip(*map(get, found), strict=True)
    sums = [_add(column, kind) for column, kind in zip(columns, _kinds(edition), strict=True)]
    lay = layout(edition)
    for node, value in zip(lay.cells, sums, strict=True):
        _in_range(node.pointer, value)
    base: R = first.evolve(  # type: ignore[assignment]  # Self of a TypeVar's bound
        agency=Agency(name=agency) if isinstance(agency, str) else agency,
        published_on=None,
        fees=_fees(found),
        sections=None,
    )
    return with_cells(base, sums)


def _fees(reports: Sequence[AnyReport]) -> Fees | None:
    figures = {}
    for attribute in attrs.fields(Fees):
        values = tuple(None if r.fees is None else getattr(r.fees, attribute.name) for r in reports)
        figures[attribute.name] = _in_range(f"/fees/{attribute.name}", _add(values, Kind.AMOUNT))
    return None if all(v is None for v in figures.values()) else Fees(**figures)


def _in_range(pointer: str, value: Any) -> Any:
    # before the constructor sees it: its TypeError would not say that a sum overflowed
    if value is not None and abs(value) > MAX_COUNT:
        raise SumTooLarge(pointer, value)
    return value
