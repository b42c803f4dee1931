"""The identities: the validator reports exactly the broken ones, and never invents one.

Which rules a change must break comes from tests/table_layout.py, an independent
description of the tables, not from the catalogue under test.
"""

from __future__ import annotations

import copy
import json
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

import disclosure_schema as ds
from disclosure_schema.strategies import documents, planted_errors, reports

from ..table_layout import cells, expected_differences, get, identities, put, zero_document


def _validate_all_ways(document: dict[str, Any]) -> list[ds.ValidationResult]:
    """The same document as a dict, as compact bytes and as indented text."""
    compact = json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode()
    return [
        ds.validate(document),
        ds.validate(compact),
        ds.validate(json.dumps(document, ensure_ascii=False, indent=2)),
    ]


def _checked(result: ds.ValidationResult) -> list[ds.Finding]:
    """The findings of evaluated identities (not the localisation that follows them)."""
    return [f for f in result.findings if f.status is not None]


@st.composite
def changed_documents(draw: st.DrawFn, max_changes: int) -> tuple[dict[str, Any], dict[str, int]]:
    """A valid document and a copy with 1..max_changes cells changed by non-zero amounts."""
    document = draw(documents(zeros=draw(st.sampled_from([0.0, 0.6, 0.95]))))
    edition = document["edition"]
    targets = draw(st.lists(st.sampled_from(cells(edition)), min_size=1, max_size=max_changes,
                            unique=True))  # fmt: skip
    changed = copy.deepcopy(document)
    changes = {}
    for pointer in targets:
        old = get(document, pointer)
        low = -old if isinstance(old, int) and not pointer.endswith("items_change") else -50
        delta = draw(st.integers(min_value=int(low), max_value=10**6).filter(bool))
        put(changed, pointer, old + delta)
        changes[pointer] = delta
    return changed, changes


class TestValidReports:
    @given(reports(zeros=0.5))
    def test_generated_reports_have_no_findings(self, report: ds.Report2021) -> None:
        """Every report consistent by construction validates with zero findings."""
        assert () == ds.validate(report).findings

    @given(documents(sizes="large"))
    def test_large_values(self, document: dict[str, Any]) -> None:
        """Large counts (up to 10**12 per leaf) validate clean from every input form."""
        assert [()] * 3 == [r.findings for r in _validate_all_ways(document)]

    @given(documents(sizes="small", zeros=0.9))
    def test_mostly_zero(self, document: dict[str, Any]) -> None:
        """Mostly-zero tables (most real reports) validate clean."""
        assert [()] * 3 == [r.findings for r in _validate_all_ways(document)]


class TestOneChange:
    @given(changed_documents(max_changes=1))
    def test_exactly_the_rules_containing_the_cell(
        self, case: tuple[dict[str, Any], dict[str, int]]
    ) -> None:
        """A cell changed by d breaks exactly the identities containing it, each by ±d."""
        document, changes = case
        ((pointer, delta),) = changes.items()
        expected = expected_differences(document["edition"], changes)
        for result in _validate_all_ways(document):
            assert expected == {f.rule: f.difference for f in _checked(result)}
            assert all(abs(f.difference) == abs(delta) for f in _checked(result))  # type: ignore[arg-type]
            for f in _checked(result):
                assert ("sum_mismatch", ds.Severity.ERROR, ds.Status.FAILED) == (
                    f.code, f.severity, f.status,
                )  # fmt: skip
                assert pointer in f.locations
                assert f.actual - f.expected == f.difference  # type: ignore[operator]
            assert result.valid is (not expected)

    def test_every_table_cell_is_in_two_or_three_identities_or_none(self) -> None:
        """Table 3 cells sit in 2 or 3 identities (FORMAT §9.2), table 4 cells in 1 and
        table 2 cells in none; the catalogue agrees with the description cell by cell."""
        editions: tuple[ds.Edition, ...] = ("2021", "2019")
        for edition in editions:
            rules = identities(edition)
            for pointer in cells(edition):
                n = sum(pointer in left + right for left, right in rules.values())
                in_catalogue = sum(pointer in r.terms for r in ds.RULES[edition])
                assert n == in_catalogue, pointer
                if pointer.startswith("/proactive/"):
                    assert n == 0
                elif pointer.startswith("/reviews_and_lawsuits/"):
                    assert n == 1
                else:
                    assert n in (2, 3), pointer


class TestSeveralChanges:
    @given(changed_documents(max_changes=6))
    def test_exactly_the_rules_with_a_net_change(
        self, case: tuple[dict[str, Any], dict[str, int]]
    ) -> None:
        """Several changes break exactly the identities whose net change is not zero."""
        document, changes = case
        expected = expected_differences(document["edition"], changes)
        for result in _validate_all_ways(document):
            assert expected == {f.rule: f.difference for f in _checked(result)}

    @given(st.data())
    def test_compensating_changes_are_not_reported(self, data: st.DataObject) -> None:
        """+d on a detail row and +d on its row's total and the results total
        cancel in the row and column identities: only the balance moves."""
        document = data.draw(documents(edition="2021"))
        d = data.draw(st.integers(1, 1000))
        row = "/applications/results/disclosed"
        changes = {
            f"{row}/natural_person": d,
            f"{row}/total": d,
            "/applications/results/total/natural_person": d,
            "/applications/results/total/total": d,
        }
        for pointer, delta in changes.items():
            put(document, pointer, get(document, pointer) + delta)
        result = ds.validate(document)
        assert {"t3.balance.natural_person": -d, "t3.balance.total": -d} == {
            f.rule: f.difference for f in _checked(result)
        }

    @given(planted_errors(max_changes=4))
    def test_the_strategy_plants_what_the_tables_say(self, planted: Any) -> None:
        """planted_errors() predicts the same broken rules as the independent tables."""
        edition = planted.report.edition
        assert expected_differences(edition, dict(planted.changes)) == dict(planted.expected)
        assert dict(planted.expected) == {
            f.rule: f.difference for f in _checked(ds.validate(planted.perturbed))
        }
        assert () == ds.validate(planted.report).findings


class TestNullCells:
    @given(documents(zeros=0.5), st.data())
    def test_null_cells(self, document: dict[str, Any], data: st.DataObject) -> None:
        """Each null cell is a warning; a rule with a null operand is not assessable,
        listing exactly its null cells; every other rule still passes."""
        edition = document["edition"]
        nulls = data.draw(st.lists(st.sampled_from(cells(edition)), min_size=1, unique=True))
        for pointer in nulls:
            put(document, pointer, None)
        result = ds.validate(document)
        assert result.valid
        assert sorted(nulls) == sorted(
            f.locations[0] for f in result.findings if f.code == "cell_not_reported"
        )
        expected = {
            rule_id: [p for p in left + right if p in nulls]
            for rule_id, (left, right) in identities(edition).items()
            if any(p in nulls for p in left + right)
        }
        got = {
            f.rule: list(f.locations)
            for f in result.findings
            if f.status is ds.Status.NOT_ASSESSABLE
        }
        assert expected == got
        assert all(f.severity is ds.Severity.WARNING for f in result.findings)

    @given(documents(edition="2021"), st.data())
    def test_null_and_broken(self, document: dict[str, Any], data: st.DataObject) -> None:
        """A broken identity is still found when an unrelated cell is null."""
        put(document, "/reviews_and_lawsuits/lawsuit_direct/pending", None)
        old = get(document, "/applications/carried_forward/research_institution")
        delta = data.draw(st.integers(-old, 99).filter(bool))
        put(document, "/applications/carried_forward/research_institution", old + delta)
        result = ds.validate(document)
        failed = {f.rule: f.difference for f in result.findings if f.status is ds.Status.FAILED}
        assert {
            "t3.balance.research_institution": -delta,
            "t3.row_total.carried_forward": -delta,
        } == failed
        assert not result.valid


class TestMessages:
    def test_balance_message(self) -> None:
        """The message names the cells by their Chinese labels and shows the numbers."""
        document = _zero_with(
            {"/applications/new_received/natural_person": 21,
             "/applications/new_received/total": 21,
             "/applications/results/disclosed/natural_person": 20,
             "/applications/results/disclosed/total": 20,
             "/applications/results/total/natural_person": 20,
             "/applications/results/total/total": 20}
        )  # fmt: skip
        result = ds.validate(document)
        (finding, _) = _checked(result)
        assert (
            "表三“自然人”列：本年新收(21) + 上年结转(0) = 21，但办理结果总计(20) + "
            "结转下年度继续办理(0) = 20，相差 1"
        ) == finding.message_zh
        assert (
            "table 3, column 'natural persons': new received (21) + carried over (0) = 21, "
            "but results total (20) + carried forward (0) = 20; difference 1"
        ) == finding.message_en
        assert (21, 20, 1) == (finding.actual, finding.expected, finding.difference)

    def test_long_sides_list_non_zero_terms(self) -> None:
        """A sum of 21 rows lists its non-zero terms and counts the zeros."""
        document = _zero_with({"/applications/results/withheld/state_secret/natural_person": 2})
        result = ds.validate(document)
        column = next(f for f in result.findings if f.rule == "t3.results_total.natural_person")
        assert (
            "表三“自然人”列：办理结果总计(0)，但属于国家秘密(2) = 2（其余 20 项为 0），相差 2"
        ) == column.message_zh


def _zero_with(values: dict[str, int]) -> dict[str, Any]:
    document = zero_document("2021")
    for pointer, value in values.items():
        put(document, pointer, value)
    return document


class TestNegativeDifference:
    def test_message_shows_the_size_and_the_record_the_sign(self) -> None:
        """Left side smaller than the right: the record's difference is negative, the
        messages state its size (a message never says "difference -1")."""
        document = _zero_with(
            {"/applications/new_received/natural_person": 20,
             "/applications/new_received/total": 20,
             "/applications/results/disclosed/natural_person": 21,
             "/applications/results/disclosed/total": 21,
             "/applications/results/total/natural_person": 21,
             "/applications/results/total/total": 21}
        )  # fmt: skip
        finding = next(f for f in ds.validate(document).findings if f.rule is not None)
        assert (20, 21, -1) == (finding.actual, finding.expected, finding.difference)
        assert finding.message_en.endswith("; difference 1")
        assert finding.message_zh.endswith("，相差 1")


class TestNotAssessableMessage:
    """More than six cells missing from one identity: three are named and the rest
    counted; six or fewer are all named."""

    ROWS = ("state_secret", "prohibited_by_law", "security_and_stability",
            "third_party_rights", "internal_affairs", "process_information",
            "enforcement_files")  # fmt: skip

    def _message(self, blank: int) -> tuple[str, str, int]:
        document = zero_document("2021")
        for row in self.ROWS[:blank]:
            put(document, f"/applications/results/withheld/{row}/natural_person", None)
        finding = next(
            f for f in ds.validate(document).findings if f.rule == "t3.results_total.natural_person"
        )
        assert "sum_not_assessable" == finding.code
        return finding.message_zh, finding.message_en, len(finding.locations)

    def test_seven_missing(self) -> None:
        zh, en, located = self._message(7)
        assert 7 == located
        assert en.endswith("and 4 more cells")
        assert "等 7 个单元格" in zh

    def test_six_missing(self) -> None:
        zh, en, located = self._message(6)
        assert 6 == located
        assert "more cells" not in en
        assert 5 == en.split("not reported: ")[1].count(", ")
        assert "等" not in zh
