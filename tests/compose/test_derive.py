"""derive(): blanked totals come back exactly; filled cells are never changed."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import disclosure_schema as ds
from disclosure_schema.compose import derive
from disclosure_schema.strategies import Planted, planted_errors, reports

from .. import table_layout as tl


def totals(edition: str) -> list[str]:
    """Every cell an identity determines (FORMAT §9): the 总计 column of table 3, the
    results total row, the carried-forward row and table 4's totals."""
    t3 = [tl.t3(r, "total") for r in tl.ROWS[edition]]
    t3 += [tl.t3("results/total", c) for c in tl.COLUMNS]
    t3 += [tl.t3("carried_forward", c) for c in tl.COLUMNS]
    t4 = [f"/reviews_and_lawsuits/{g}/total" for g in tl.T4_GROUPS]
    return sorted(set(t3 + t4), key=tl.cells(edition).index)


def blanked(
    report: ds.Report2021 | ds.Report2019, pointers: list[str]
) -> ds.Report2021 | ds.Report2019:
    document = ds.to_dict(report)
    for pointer in pointers:
        tl.put(document, pointer, None)
    return ds.from_dict(document)


@given(reports(sizes="large", zeros=0.4))
def test_blanked_totals_come_back(report: ds.Report2021 | ds.Report2019) -> None:
    """A valid report with every total blanked derives back to exactly the original."""
    pointers = totals(report.edition)
    done = derive(blanked(report, pointers))
    assert (done.report, done.filled, done.findings) == (report, tuple(pointers), ())


@given(reports(zeros=0.3), st.data())
def test_some_totals_blanked(report: ds.Report2021 | ds.Report2019, data: st.DataObject) -> None:
    """Any subset of totals blanked comes back too, whatever order they depend on."""
    pointers = data.draw(st.lists(st.sampled_from(totals(report.edition)), unique=True))
    done = derive(blanked(report, pointers))
    assert done.report == report
    assert set(done.filled) == set(pointers)


@given(reports())
def test_complete_report_is_unchanged(report: ds.Report2021 | ds.Report2019) -> None:
    """Deriving a report with no nulls changes nothing."""
    done = derive(report)
    assert (done.report, done.filled, done.findings) == (report, (), ())


@given(planted_errors(max_changes=3, zeros=0.3))
def test_disagreements_are_findings(planted: Planted) -> None:
    """A filled total that disagrees with its parts is reported with the difference the
    independent table gives, and no cell is changed."""
    done = derive(planted.perturbed)
    expected = tl.expected_differences(planted.perturbed.edition, dict(planted.changes))
    found = {f.rule: f.difference for f in done.findings}
    assert (done.report, done.filled, found) == (planted.perturbed, (), expected)


def test_blank_parts_keep_totals_blank() -> None:
    """A blank part leaves every total it feeds blank: a blank is not 0."""
    report = ds.Report2021.blank(year=2021, agency="某局")
    row = ds.ApplicantRow.from_mapping({"natural_person": 3, "research_institution": 1})
    report = report.evolve(applications=report.applications.evolve(new_received=row))
    done = derive(report)
    assert (done.report, done.filled, done.findings) == (report, (), ())


def test_only_the_balance_unknown() -> None:
    """结转下年度 comes from the balance; a negative result is a finding, left blank."""
    zero = ds.Report2021.zero(year=2021, agency="某局")
    document = ds.to_dict(zero)
    for column in tl.COLUMNS:
        tl.put(document, tl.t3("carried_forward", column), None)
    tl.put(document, tl.t3("new_received", "natural_person"), 5)
    tl.put(document, tl.t3("new_received", "total"), 5)
    tl.put(document, tl.t3("results/disclosed", "natural_person"), 2)
    tl.put(document, tl.t3("results/disclosed", "total"), 2)
    tl.put(document, tl.t3("results/total", "natural_person"), 2)
    tl.put(document, tl.t3("results/total", "total"), 2)
    done = derive(ds.from_dict(document))
    assert done.report.applications.carried_forward.natural_person == 3
    assert done.report.applications.carried_forward.total == 3
    assert done.findings == ()
    assert ds.validate(done.report).findings == ()
    # Now the results exceed what came in: carried forward would be -1.
    tl.put(document, tl.t3("results/total", "commercial_enterprise"), 1)
    tl.put(document, tl.t3("results/disclosed", "commercial_enterprise"), 1)
    tl.put(document, tl.t3("results/disclosed", "total"), 3)
    tl.put(document, tl.t3("results/total", "total"), 3)
    done = derive(ds.from_dict(document))
    refused = [f for f in done.findings if f.code == "not_derivable"]
    pointer = tl.t3("carried_forward", "commercial_enterprise")
    assert [(pointer, -1, "t3.balance.commercial_enterprise")] == [
        (f.locations[0], f.actual, f.rule) for f in refused
    ]
    assert done.report.applications.carried_forward.commercial_enterprise is None
    assert "推算为负数" in refused[0].message_zh
    assert "below 0" in refused[0].message_en


@pytest.mark.parametrize("edition", ["2021", "2019"])
def test_derived_cells_are_the_independent_totals(edition: str) -> None:
    """From a blank report's details set to 1, every total is filled, and only totals."""
    cls = ds.report_class(edition)
    year = 2020 if edition == "2019" else 2021  # a year the edition applies to
    document = ds.to_dict(cls.zero(year=year, agency="某局"))
    for pointer in tl.cells(edition):
        if pointer.startswith(("/applications/", "/reviews_and_lawsuits/")):
            tl.put(document, pointer, 1)
    for pointer in totals(edition):
        tl.put(document, pointer, None)
    for column in tl.APPLICANTS:  # enough carried over that nothing goes negative
        tl.put(document, tl.t3("carried_over", column), 40)
    done = derive(ds.from_dict(document))
    assert list(done.filled) == totals(edition)
    assert ds.validate(done.report).findings == ()


def _target(rule_id: str, left: list[str], right: list[str]) -> str:
    """The term each identity is solved for (FORMAT §9): 结转下年度 in the balance, the
    results total row in the results sum, the 总计 cell in a row or table 4 group."""
    if rule_id.startswith("t3.balance."):
        return right[1]
    return left[0]  # t3.results_total, t3.row_total, t4.total: the total is alone on the left


def independent_derive(edition: str, document: dict[str, Any]) -> dict[str, Any]:
    """Fill every target whose other terms are known, until nothing more can be."""
    values = {p: tl.get(document, p) for p in tl.cells(edition)}
    rules = tl.identities(edition)
    progress = True
    while progress:
        progress = False
        for rule_id, (left, right) in rules.items():
            target = _target(rule_id, left, right)
            others = [p for p in left + right if p != target]
            if values[target] is not None or any(values[p] is None for p in others):
                continue
            same = left if target in left else right
            other = right if target in left else left
            value = sum(values[p] for p in other) - sum(values[p] for p in same if p != target)
            if 0 <= value <= ds.MAX_COUNT:
                values[target] = value
                progress = True
    return values


@given(reports(zeros=0.3), st.data())
def test_blanks_anywhere(report: ds.Report2021 | ds.Report2019, data: st.DataObject) -> None:
    """Blank any cells of tables 3 and 4, details as well as totals: derive fills exactly
    the cells an independent solver of FORMAT's identities can, each with the value the
    report had, and finds nothing wrong (the report was consistent)."""
    table = [p for p in tl.cells(report.edition) if p.startswith(("/applications/", "/rev"))]
    pointers = data.draw(st.lists(st.sampled_from(table), unique=True))
    done = derive(blanked(report, pointers))
    expected = independent_derive(report.edition, ds.to_dict(blanked(report, pointers)))
    got = ds.to_dict(done.report)
    original = ds.to_dict(report)
    assert {p: tl.get(got, p) for p in expected} == expected
    assert done.findings == ()
    assert set(done.filled) == {p for p in pointers if expected[p] is not None}
    assert all(tl.get(original, p) == tl.get(got, p) for p in done.filled)


def test_too_large_is_not_derived() -> None:
    """A total past 2**53 - 1 is refused with a finding, not a crash in the constructor."""
    zero = ds.Report2021.zero(year=2021, agency="某局")
    row = ds.ApplicantRow.from_mapping(
        dict.fromkeys(tl.APPLICANTS, 0) | {"natural_person": ds.MAX_COUNT, "other_organization": 1}
    )
    report = zero.evolve(applications=zero.applications.evolve(carried_over=row))
    done = derive(report)
    assert done.report.applications.carried_over.total is None
    refused = [
        (f.code, f.locations, f.actual)
        for f in done.findings
        if f.rule == "t3.row_total.carried_over"
    ]
    assert refused == [("not_derivable", ("/applications/carried_over/total",), ds.MAX_COUNT + 1)]
    assert any("too large" in f.message_en for f in done.findings)


def test_refusal_withdrawn_when_another_identity_fills_the_cell() -> None:
    """结转下年度总计 refused by the balance (it would be -1) but then filled from its row:
    no not_derivable finding says a filled cell was left blank; the disagreement is told."""
    zero = ds.Report2021.zero(year=2021, agency="某局")
    document = ds.to_dict(zero)
    for column in tl.COLUMNS:
        tl.put(document, tl.t3("carried_forward", column), None)
    tl.put(document, tl.t3("new_received", "natural_person"), 5)
    tl.put(document, tl.t3("new_received", "total"), 2)  # disagrees with its row
    for row in ("results/disclosed", "results/total"):
        tl.put(document, tl.t3(row, "natural_person"), 3)
        tl.put(document, tl.t3(row, "total"), 3)
    done = derive(ds.from_dict(document))
    assert done.report.applications.carried_forward.total == 2
    codes = {(f.code, f.rule) for f in done.findings}
    assert codes == {
        ("sum_mismatch", "t3.row_total.new_received"),
        ("sum_mismatch", "t3.balance.total"),
    }
