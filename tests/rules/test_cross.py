"""Cross-report rules (FORMAT.md §9.3) and p.same_as_last_year: what two consecutive
reports must agree on, computed here from the tables' description, not the catalogue."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import disclosure_schema as ds
from disclosure_schema.strategies import documents

from ..table_layout import COLUMNS, get, put, t3, zero_document


def _pair(
    data: st.DataObject, editions: tuple[ds.Edition, ds.Edition]
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Two generated reports of one agency for consecutive years, the later one's
    carried-over row copied from the earlier one's carried-forward row."""
    before = data.draw(documents(edition=editions[0], zeros=0.5))
    after = data.draw(documents(edition=editions[1], zeros=0.5))
    before["year"] = 2020 if editions[0] == "2019" else data.draw(st.integers(2021, 2030))
    after["year"] = before["year"] + 1
    after["agency"] = copy.deepcopy(before["agency"])
    for c in COLUMNS:
        put(after, t3("carried_over", c), get(before, t3("carried_forward", c)))
    if editions == ("2021", "2021"):
        for key in ("regulations", "normative_documents"):
            base = f"/proactive/{key}"
            put(after, f"{base}/in_force",
                get(before, f"{base}/in_force") + get(after, f"{base}/issued"))  # fmt: skip
            put(after, f"{base}/repealed", 0)
    return before, after


EDITION_PAIRS: st.SearchStrategy[tuple[ds.Edition, ds.Edition]] = st.sampled_from(
    [("2021", "2021"), ("2019", "2021"), ("2019", "2019")]
)


def _failed(findings: list[ds.Finding]) -> dict[str, int]:
    return {f.rule: f.difference for f in findings if f.status is ds.Status.FAILED}  # type: ignore[misc]


class TestCarryOver:
    @given(st.data(), EDITION_PAIRS)
    def test_agreeing_pair(
        self, data: st.DataObject, editions: tuple[ds.Edition, ds.Edition]
    ) -> None:
        """Carried over = last year's carried forward: no cross-report finding, in both
        editions and across the edition change 2020 -> 2021."""
        before, after = _pair(data, editions)
        assert [] == ds.check_pair(before, after)
        assert [] == ds.check_pair(ds.from_dict(before), ds.from_dict(after))

    @given(st.data(), EDITION_PAIRS)
    def test_changed_column(
        self, data: st.DataObject, editions: tuple[ds.Edition, ds.Edition]
    ) -> None:
        """A column's carried-over changed by d fails exactly x.carry_over.<column> by d,
        an error, pointing into both reports."""
        before, after = _pair(data, editions)
        column = data.draw(st.sampled_from(COLUMNS))
        old = get(after, t3("carried_over", column))
        d = data.draw(st.integers(-old, 1000).filter(bool))
        put(after, t3("carried_over", column), old + d)
        findings = ds.check_pair(before, after)
        assert {f"x.carry_over.{column}": d} == _failed(findings)
        (f,) = findings
        assert (f.code, f.severity) == ("cross_report_mismatch", ds.Severity.ERROR)
        assert (t3("carried_over", column),) == f.locations
        assert (t3("carried_forward", column),) == f.previous_locations

    @given(st.data())
    def test_agency_changed_is_a_warning(self, data: st.DataObject) -> None:
        """After a change of agency name (a reorganisation) the same failure is a warning."""
        before, after = _pair(data, ("2021", "2021"))
        after["agency"] = {"name": before["agency"]["name"] + "（新）"}
        before["agency"] = {"name": before["agency"]["name"]}
        put(after, t3("carried_over", "total"), get(after, t3("carried_over", "total")) + 1)
        findings = ds.check_pair(before, after)
        assert {"x.carry_over.total": 1} == _failed(findings)
        assert [ds.Severity.WARNING] == [f.severity for f in findings]

    def test_null_is_not_assessable(self) -> None:
        """A blank carried-forward cell last year: the rule is not assessable."""
        before, after = zero_document("2021"), zero_document("2021")
        after["year"] = 2022
        put(before, t3("carried_forward", "natural_person"), None)
        (f,) = ds.check_pair(before, after)
        assert ("cross_report_not_assessable", "x.carry_over.natural_person") == (f.code, f.rule)
        assert ((), (t3("carried_forward", "natural_person"),)) == (
            f.locations, f.previous_locations,
        )  # fmt: skip


class TestInForce:
    @given(st.data())
    def test_changed_in_force(self, data: st.DataObject) -> None:
        """in_force(N) != in_force(N-1) + issued(N) - repealed(N) is a warning."""
        before, after = _pair(data, ("2021", "2021"))
        key = data.draw(st.sampled_from(["regulations", "normative_documents"]))
        repealed = data.draw(st.integers(1, 50))
        put(after, f"/proactive/{key}/repealed", repealed)  # not taken off in_force
        findings = ds.check_pair(before, after)
        assert {f"x.in_force.{key}": repealed} == _failed(findings)
        assert [("cross_report_doubtful", ds.Severity.WARNING)] == [
            (f.code, f.severity) for f in findings
        ]

    def test_not_across_editions(self) -> None:
        """The 2019 edition has no in-force column: no x.in_force across the change."""
        before, after = zero_document("2019"), zero_document("2021")
        put(after, "/proactive/regulations/in_force", 5)
        assert [] == ds.check_pair(before, after)


class TestSameAsLastYear:
    def test_copied_table(self) -> None:
        """Table 3 identical and non-zero two years running is a warning."""
        before = zero_document("2021")
        for row in ("new_received", "results/disclosed", "results/total", "carried_forward"):
            put(before, t3(row, "natural_person"), 3)
            put(before, t3(row, "total"), 3)
        after = copy.deepcopy(before)
        after["year"] = 2022
        for c in COLUMNS:  # carried over from last year: the table is still the same below
            put(after, t3("carried_over", c), get(before, t3("carried_over", c)))
        findings = ds.check_pair(before, after)
        assert ["p.same_as_last_year"] == [f.rule for f in findings if f.code == "implausible"]
        # carried over 0 against carried forward 3: the copy also breaks the carry-over
        assert {"x.carry_over.natural_person": -3, "x.carry_over.total": -3} == _failed(findings)

    def test_all_zero_is_not_a_copy(self) -> None:
        """An agency with no requests two years running prints zeros twice: no warning."""
        before, after = zero_document("2021"), zero_document("2021")
        after["year"] = 2022
        assert [] == ds.check_pair(before, after)


def _doc(year: int, code: str | None, name: str, carried_over: int = 0) -> dict[str, Any]:
    document = zero_document("2021")
    document["year"] = year
    document["agency"] = {"name": name} if code is None else {"name": name, "code": code}
    for row in ("carried_over", "carried_forward", "results/disclosed", "results/total"):
        put(document, t3(row, "natural_person"), carried_over)
        put(document, t3(row, "total"), carried_over)
    return document


class TestSeries:
    def test_grouped_and_ordered(self) -> None:
        """Inputs in any order: each report is compared with its agency's previous year,
        grouped by code, else by the normalised name; results stay in input order."""
        series = [
            _doc(2023, None, "某 县 局", carried_over=2),  # name normalised: spaces dropped
            _doc(2022, "A1", "甲局"),
            _doc(2022, None, "某县局"),
            _doc(2023, "A1", "甲局（更名）", carried_over=1),  # same code, new name
            _doc(2021, None, "某县局"),
        ]
        results = ds.check_series(series)
        assert [
            [("cross_report_mismatch", "x.carry_over.natural_person"),
             ("cross_report_mismatch", "x.carry_over.total")],
            [],
            [],
            [("cross_report_doubtful", "x.carry_over.natural_person"),
             ("cross_report_doubtful", "x.carry_over.total")],
            [],
        ] == [[(f.code, f.rule) for f in r] for r in results]  # fmt: skip

    def test_gap_year_is_no_pair(self) -> None:
        """2021 and 2023 with no 2022: nothing is compared."""
        assert [[], []] == ds.check_series(
            [_doc(2021, "A", "甲"), _doc(2023, "A", "甲", carried_over=5)]
        )

    def test_duplicate_year(self) -> None:
        """Two reports for one year: each says so, and neither is paired."""
        results = ds.check_series(
            [_doc(2021, "A", "甲"), _doc(2022, "A", "甲", 4), _doc(2022, "A", "甲", 5)]
        )
        assert [[], ["duplicate_year"], ["duplicate_year"]] == [
            [f.code for f in r] for r in results
        ]

    def test_many_duplicates_name_a_few(self) -> None:
        """Many reports for one year: each finding names five others and the count, so
        the output grows with the series, not with its square."""
        results = ds.check_series([_doc(2022, "A", "甲", k) for k in range(50)])
        for r in results:
            (f,) = r
            assert f.previous_source is not None
            assert f.previous_source.count("#") == 5
            assert "等共 49 份" in f.message_zh
            assert "and 44 more" in f.message_en

    @pytest.mark.parametrize("bad", [None, {"edition": "2021"}, []])
    def test_unplaceable_inputs(self, bad: Any) -> None:
        """Inputs without edition or year get nothing here (validate() reports them)."""
        snapshots = [bad if bad is None else ds.snapshot(bad) if isinstance(bad, dict) else None]
        assert [[]] == ds.check_series(snapshots)
