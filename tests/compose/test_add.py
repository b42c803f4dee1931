"""add_up(): cell-wise sums, null + anything = null, independent of order."""

from __future__ import annotations

import datetime
import decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import disclosure_schema as ds
from disclosure_schema.compose import EditionMismatch, SumTooLarge, add_up
from disclosure_schema.strategies import reports

from .. import table_layout as tl

AnyReport = ds.Report2021 | ds.Report2019


@st.composite
def same_year(draw: st.DrawFn, nulls: float | st.SearchStrategy[float] = 0.0) -> list[Any]:
    """1-6 reports of one edition, all of one year."""
    if not isinstance(nulls, float):
        nulls = draw(nulls)
    edition: ds.Edition = draw(st.sampled_from(ds.EDITIONS))
    found = draw(st.lists(reports(edition, nulls=nulls, zeros=0.3), min_size=1, max_size=6))
    return [r.evolve(year=found[0].year) for r in found]


def expected_cell(values: list[Any]) -> Any:
    """Null when any is null; otherwise the sum, amounts added as the decimal numbers
    their JSON text says and rounded once."""
    if any(v is None for v in values):
        return None
    if any(isinstance(v, float) for v in values):
        with decimal.localcontext(prec=1000):  # exact for any double
            return float(sum(decimal.Decimal(repr(v)) for v in values))
    return sum(values)


@given(same_year(nulls=0.05))
def test_cellwise_sum(found: list[AnyReport]) -> None:
    """Every cell of the sum is the sum of that cell, null when any report left it blank."""
    total = add_up(found, agency="某县")
    document = ds.to_dict(total)
    documents = [ds.to_dict(r) for r in found]
    for pointer in tl.cells(found[0].edition):
        values = [tl.get(d, pointer) for d in documents]
        assert tl.get(document, pointer) == expected_cell(values), pointer
    assert (total.edition, total.year, total.agency) == (
        found[0].edition, found[0].year, ds.Agency(name="某县"),
    )  # fmt: skip


@given(same_year(nulls=st.sampled_from([0.0, 0.05])))
def test_sum_of_valid_reports_is_valid(found: list[AnyReport]) -> None:
    """The identities are linear, so the sum of valid reports is valid; blanks too (an
    identity assessable in the sum is assessable, and holds, in every report)."""
    total = add_up(found, agency=ds.Agency(name="某县", level="county"))
    assert ds.validate(total).errors == ()


@given(same_year(nulls=0.05), st.randoms())
def test_order_does_not_matter(found: list[AnyReport], random: Any) -> None:
    shuffled = list(found)
    random.shuffle(shuffled)
    assert add_up(shuffled, agency="某县") == add_up(found, agency="某县")


def test_amounts_sum_exactly() -> None:
    """Float amounts are summed exactly rounded: 0.1 + 0.2 + 0.3 in any order is 0.6."""
    zero = ds.Report2021.zero(year=2021, agency="某局")
    parts = [
        zero.evolve(proactive=zero.proactive.evolve(administrative_fees=fee))
        for fee in (ds.SingleAmount(amount=x) for x in (0.1, 0.2, 0.3))
    ]
    for order in (parts, parts[::-1], [parts[1], parts[0], parts[2]]):
        assert add_up(order, agency="x").proactive.administrative_fees.amount == 0.6


def test_fees_and_parts_not_added() -> None:
    """Fees add up where every report states them; dates and narrative are dropped."""
    zero = ds.Report2021.zero(year=2021, agency="某局")
    one = zero.evolve(fees=ds.Fees(notices_issued=2, amount_noticed=10.5),
                       sections=ds.Sections(overview="甲"),
                       published_on=datetime.date(2022, 1, 31))  # fmt: skip
    two = zero.evolve(fees=ds.Fees(notices_issued=1, amount_collected=3))
    total = add_up([one, two], agency="某县")
    assert total.fees == ds.Fees(notices_issued=3)
    assert (total.sections, total.published_on) == (None, None)
    assert add_up([zero, zero], agency="某县").fees is None


def test_mixing_is_an_error() -> None:
    """Editions or years that differ are refused, not guessed."""
    a = ds.Report2021.zero(year=2021, agency="甲")
    mixed: list[ds.Report2021 | ds.Report2019] = [a, ds.Report2019.zero(year=2020, agency="乙")]
    with pytest.raises(EditionMismatch, match="2019 edition report of 2020"):
        add_up(mixed, agency="x")
    with pytest.raises(EditionMismatch, match="of 2022"):
        add_up([a, a.evolve(year=2022)], agency="x")
    with pytest.raises(ValueError, match="no reports"):
        add_up([], agency="x")


def test_overflow_is_an_error() -> None:
    big = ds.Report2021.zero(year=2021, agency="甲")
    row = ds.ApplicantRow.from_mapping({"natural_person": ds.MAX_COUNT})
    big = big.evolve(applications=big.applications.evolve(new_received=row))
    with pytest.raises(ValueError, match="new_received/natural_person: the sum"):
        add_up([big, big], agency="x")


def test_fee_overflow_is_an_error() -> None:
    """Fees past 2**53 - 1 are refused like cells are: a ValueError naming the figure,
    not the Fees constructor's TypeError."""
    big = ds.Report2021.zero(year=2021, agency="甲").evolve(
        fees=ds.Fees(notices_issued=ds.MAX_COUNT, amount_collected=1)
    )
    with pytest.raises(ValueError, match="/fees/notices_issued: the sum"):
        add_up([big, big], agency="x")


def test_amounts_add_up_as_written() -> None:
    """Amounts are decimal numbers in JSON: 0.1 + 0.2 is 0.3, as the county would add
    them by hand, not the binary 0.30000000000000004; in any order."""
    zero = ds.Report2021.zero(year=2021, agency="某局")
    parts = [
        zero.evolve(
            proactive=zero.proactive.evolve(administrative_fees=ds.SingleAmount(amount=x)),
            fees=ds.Fees(amount_noticed=x),
        )
        for x in (0.1, 0.2, 1.15, 2)
    ]
    for order in (parts, parts[::-1]):
        total = add_up(order, agency="x")
        assert total.proactive.administrative_fees.amount == 3.45
        assert total.fees is not None
        assert total.fees.amount_noticed == 3.45
    assert ds.dumps(add_up(parts[:2], agency="x")).count('"amount": 0.3\n') == 1


def test_negative_overflow_is_an_error() -> None:
    """A 2019 本年增/减 may be negative; a sum below -(2**53 - 1) is refused too."""
    zero = ds.Report2019.zero(year=2020, agency="甲")
    fees = ds.FeeItems2019(items_last_year=0, items_change=-ds.MAX_COUNT)
    low = zero.evolve(proactive=zero.proactive.evolve(administrative_fees=fees))
    with pytest.raises(SumTooLarge, match="/proactive/administrative_fees/items_change"):
        add_up([low, low], agency="x")
