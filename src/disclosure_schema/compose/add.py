"""Add up the reports of several agencies of one year and edition."""

from __future__ import annotations

import functools
import math
from collections.abc import Iterable, Sequence
from typing import Any

import attrs

from ..fields import MAX_COUNT, Kind
from ..layout import layout
from ..model import Agency, Edition, Fees
from .cells import AnyReport, R, getter, with_cells

__all__ = ["EditionMismatch", "add_up"]


class EditionMismatch(ValueError):
    """The reports are not all of one edition and one year: adding them up would be a
    guess, so it is refused."""


@functools.cache
def _kinds(edition: Edition) -> tuple[Kind | None, ...]:
    return tuple(n.kind for n in layout(edition).cells)


def _add(values: tuple[Any, ...], kind: Kind | None) -> Any:
    """One column's sum: null when any term is null (a blank is not 0). Amounts are
    summed with math.fsum, exactly rounded, so the order of the reports does not matter."""
    if None in values:
        return None
    if kind is Kind.AMOUNT and any(type(v) is float for v in values):
        return math.fsum(values)
    return sum(values)


def add_up(reports: Iterable[R], *, agency: Agency | str) -> R:
    """The cell-wise sum of reports of one edition and year (a county compiling its
    departments), stated to be the report of ``agency``.

    A cell is null when it is null in any report. Fees are added the same way (a
    figure any report leaves out is left out); the publication date and the
    narrative parts are not added up and are absent. Raises ValueError when there
    is no report or a sum exceeds 2**53 - 1, and :class:`EditionMismatch` when the
    editions or years differ. The sum of valid reports is valid: the identities are
    linear.
    """
    found = list(reports)
    if not found:
        raise ValueError("nothing to add up: no reports")
    first = found[0]
    for other in found[1:]:
        if (other.edition, other.year) != (first.edition, first.year):
            raise EditionMismatch(
                f"cannot add up a {other.edition} edition report of {other.year} with a "
                f"{first.edition} edition report of {first.year}"
            )
    edition = first.edition
    get = getter(edition)
    columns = zip(*map(get, found), strict=True)
    sums = [_add(column, kind) for column, kind in zip(columns, _kinds(edition), strict=True)]
    lay = layout(edition)
    for node, value in zip(lay.cells, sums, strict=True):
        if value is not None and abs(value) > MAX_COUNT:
            raise ValueError(f"{node.pointer}: the sum {value} exceeds 2**53 - 1")
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
        figures[attribute.name] = _add(values, Kind.AMOUNT)
    return None if all(v is None for v in figures.values()) else Fees(**figures)
