"""Locating the wrong cell: the expected answers come from brute force over the
independent description of the tables (tests/table_layout.py), never from the search
under test."""

from __future__ import annotations

import itertools
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import disclosure_schema as ds
from disclosure_schema.rules.locate import PATTERNS, _single_pattern
from disclosure_schema.strategies import documents

from ..table_layout import (
    APPLICANTS,
    COLUMNS,
    ROWS,
    T4_GROUPS,
    T4_KEYS,
    get,
    identities,
    put,
    t3,
    zero_document,
)

CORPUS = Path(__file__).parent.parent / "fixtures" / "corpus"
LOCATING = ("likely_wrong_cell", "wrong_cell_candidates", "wrong_cell_not_located")


def _suggested(result: ds.ValidationResult) -> dict[str, int]:
    """Pointer -> suggested value, from the likely_wrong_cell findings."""
    return {
        f.locations[0]: f.expected  # type: ignore[misc]
        for f in result.findings
        if f.code == "likely_wrong_cell"
    }


def _candidates(result: ds.ValidationResult) -> list[set[tuple[str, int]]]:
    """Every explanation listed by wrong_cell_candidates findings."""
    return [
        {(c.pointer, c.expected) for c in explanation}
        for f in result.findings
        if f.code == "wrong_cell_candidates"
        for explanation in f.candidates
    ]


def _residuals(edition: str, document: dict[str, Any]) -> dict[str, int]:
    out = {}
    for rule_id, (left, right) in identities(edition).items():
        d = sum(get(document, p) for p in left) - sum(get(document, p) for p in right)
        if d:
            out[rule_id] = d
    return out


def _fixes(edition: str, document: dict[str, Any], changes: dict[str, int]) -> bool:
    """Brute force: with these new values every identity holds."""
    changed = json.loads(json.dumps(document))
    for pointer, value in changes.items():
        put(changed, pointer, value)
    return not _residuals(edition, changed)


def _single_cell_fixes(edition: str, document: dict[str, Any]) -> set[tuple[str, int]]:
    """Every (cell, value >= 0, different from printed) that alone reconciles the report:
    the value is read off the first failing identity containing the cell, then checked."""
    broken = _residuals(edition, document)
    out = set()
    rules = identities(edition)
    cells = {p for left, right in rules.values() for p in left + right}
    for pointer in sorted(cells):
        for rule_id, d in broken.items():
            left, right = rules[rule_id]
            if pointer in left + right:
                value = get(document, pointer) + (-d if pointer in left else d)
                if value >= 0 and _fixes(edition, document, {pointer: value}):
                    out.add((pointer, value))
                break
    return out


def _pair_fixes(edition: str, document: dict[str, Any]) -> list[set[tuple[str, int]]]:
    """Every pair of cells whose change reconciles the report, by brute force over pairs of
    table-3 cells: two unknowns, read off identities holding only one of the two."""
    broken = _residuals(edition, document)
    rules = identities(edition)
    t3_cells = [t3(r, c) for r in ROWS[edition] for c in COLUMNS]
    member: dict[str, dict[str, int]] = {p: {} for p in t3_cells}
    for rule_id, (left, right) in rules.items():
        for p in left:
            if p in member:
                member[p][rule_id] = 1
        for p in right:
            if p in member:
                member[p][rule_id] = -1
    out = []
    for a, b in itertools.combinations(t3_cells, 2):
        if any(r not in member[a] and r not in member[b] for r in broken):
            continue  # a broken identity neither cell is in stays broken
        values = {}
        for cell, other in ((a, b), (b, a)):
            only = [r for r in member[cell] if r not in member[other]]
            if not only:
                break
            r = only[0]
            values[cell] = get(document, cell) - member[cell][r] * broken.get(r, 0)
        if len(values) < 2 or min(values.values()) < 0:
            continue
        if any(values[p] == get(document, p) for p in values):
            continue
        if _fixes(edition, document, values):
            out.append(set(values.items()))
    return out


@st.composite
def one_wrong_t3(draw: st.DrawFn) -> tuple[dict[str, Any], str, int]:
    document = draw(documents(zeros=draw(st.sampled_from([0.0, 0.5, 0.9]))))
    edition = document["edition"]
    pointer = draw(st.sampled_from([t3(r, c) for r in ROWS[edition] for c in COLUMNS]))
    original = get(document, pointer)
    put(document, pointer, draw(st.integers(0, 10**6).filter(lambda v: v != original)))
    return document, pointer, original


class TestOneWrongCell:
    @given(one_wrong_t3())
    def test_table3_cell_named_uniquely(self, case: tuple[dict[str, Any], str, int]) -> None:
        """One wrong value anywhere in table 3 is named, alone, with the original value."""
        document, pointer, original = case
        result = ds.validate(document)
        assert {pointer: original} == _suggested(result)
        assert [] == _candidates(result)
        (found,) = [f for f in result.findings if f.code == "likely_wrong_cell"]
        assert set(found.explains) == set(_residuals(document["edition"], document))
        assert found.actual == get(document, pointer)

    @given(documents(zeros=0.5), st.data())
    def test_table4_candidates(self, document: dict[str, Any], data: st.DataObject) -> None:
        """One wrong value in table 4: the answers are exactly the cells of its group that
        can absorb the difference without going negative (brute force), and include the
        planted cell; a single answer is named as likely_wrong_cell."""
        group = data.draw(st.sampled_from(T4_GROUPS))
        key = data.draw(st.sampled_from(T4_KEYS))
        pointer = f"/reviews_and_lawsuits/{group}/{key}"
        original = get(document, pointer)
        put(document, pointer, data.draw(st.integers(0, 999).filter(lambda v: v != original)))
        edition = document["edition"]
        # Each cell alone has one reconciling value: the total is the sum of the parts, a
        # part is the total less the other parts; it must be >= 0 and fix every identity.
        base = f"/reviews_and_lawsuits/{group}"
        printed = {k: get(document, f"{base}/{k}") for k in T4_KEYS}
        expected = set()
        for k in T4_KEYS:
            if k == "total":
                value = sum(printed[j] for j in T4_KEYS[:4])
            else:
                value = printed["total"] - sum(printed[j] for j in T4_KEYS[:4] if j != k)
            if (
                value >= 0
                and value != printed[k]
                and _fixes(edition, document, {f"{base}/{k}": value})
            ):
                expected.add((f"{base}/{k}", value))
        assert (pointer, original) in expected
        result = ds.validate(document)
        if len(expected) == 1:
            assert dict(expected) == _suggested(result)
            assert [] == _candidates(result)
        else:
            assert {} == _suggested(result)
            assert sorted(map(sorted, ({e} for e in expected))) == sorted(
                map(sorted, _candidates(result))
            )

    @given(documents(zeros=0.5), st.data())
    def test_table4_total_nothing_can_absorb(
        self, document: dict[str, Any], data: st.DataObject
    ) -> None:
        """A total lowered below every part (no part can go that far down) is named
        uniquely."""
        group = data.draw(st.sampled_from(T4_GROUPS))
        base = f"/reviews_and_lawsuits/{group}"
        parts = [get(document, f"{base}/{k}") for k in T4_KEYS[:4]]
        total = sum(parts)
        if total <= max(parts):
            put(document, f"{base}/upheld", parts[0] + 1)
            put(document, f"{base}/corrected", parts[1] + 1)
            total += 2
            put(document, f"{base}/total", total)
            parts = [get(document, f"{base}/{k}") for k in T4_KEYS[:4]]
        lowered = data.draw(st.integers(0, total - max(parts) - 1))
        put(document, f"{base}/total", lowered)
        assert {f"{base}/total": total} == _suggested(ds.validate(document))


@st.composite
def two_wrong_t3(draw: st.DrawFn) -> tuple[dict[str, Any], dict[str, int]]:
    document = draw(documents(zeros=draw(st.sampled_from([0.0, 0.5, 0.9])), sizes="small"))
    edition = document["edition"]
    rows = draw(st.lists(st.sampled_from(ROWS[edition]), min_size=2, max_size=2, unique=True))
    columns = draw(st.lists(st.sampled_from(COLUMNS), min_size=2, max_size=2, unique=True))
    originals = {}
    for row, column in zip(rows, columns, strict=True):
        pointer = t3(row, column)
        originals[pointer] = get(document, pointer)
        new = draw(st.integers(0, 40).filter(originals[pointer].__ne__))
        put(document, pointer, new)
    return document, originals


class TestTwoWrongCells:
    @settings(max_examples=40)
    @given(two_wrong_t3())
    def test_planted_pair_among_minimal(self, case: tuple[dict[str, Any], dict[str, int]]) -> None:
        """Two wrong values in different rows and columns: the planted pair is among the
        explanations, which are exactly the pairs brute force finds; named alone only when
        it is the only one."""
        document, originals = case
        edition = document["edition"]
        assert set() == _single_cell_fixes(edition, document)
        pairs = _pair_fixes(edition, document)
        planted = set(originals.items())
        assert planted in pairs
        result = ds.validate(document)
        if len(pairs) == 1:
            assert originals == _suggested(result)
            assert [] == _candidates(result)
        else:
            assert {} == _suggested(result)
            assert sorted(map(sorted, pairs)) == sorted(map(sorted, _candidates(result)))


class TestNothingToLocate:
    @given(documents(zeros=0.5))
    def test_valid_reports(self, document: dict[str, Any]) -> None:
        """No localisation finding at all on a valid report."""
        assert not [f for f in ds.validate(document).findings if f.code in LOCATING]

    @given(documents(nulls=0.2))
    def test_nothing_located_in_a_report_with_blanks(self, document: dict[str, Any]) -> None:
        """Blank cells leave identities unassessable, which is no error to locate."""
        assert not [f for f in ds.validate(document).findings if f.code in LOCATING]

    @given(documents(nulls=0.02), st.data())  # few blanks, so that cells get located
    def test_null_cells_are_not_suggested(
        self, document: dict[str, Any], data: st.DataObject
    ) -> None:
        """With one value changed in a report with blanks, no blank cell is ever named:
        its identities are unassessable, so nothing says what it should hold."""
        edition = document["edition"]
        numbers = [
            p for r in ROWS[edition] for c in COLUMNS if get(document, p := t3(r, c)) is not None
        ]
        if not numbers:
            return
        pointer = data.draw(st.sampled_from(numbers))
        put(document, pointer, get(document, pointer) + data.draw(st.integers(1, 50)))
        result = ds.validate(document)
        named = [p for f in result.findings if f.code in LOCATING for p in f.locations]
        assert [p for p in named if get(document, p) is None] == []

    @given(one_wrong_t3())
    def test_never_negative(self, case: tuple[dict[str, Any], str, int]) -> None:
        """No suggestion is ever negative."""
        result = ds.validate(case[0])
        values = [f.expected for f in result.findings if f.code == "likely_wrong_cell"]
        values += [c.expected for f in result.findings for e in f.candidates for c in e]
        assert all(v is not None and v >= 0 for v in values)


class TestRealReport:
    def test_c01(self) -> None:
        """c01 prints table-4 totals of 0: the first (parts 10 + 1) is named uniquely, the
        second (parts 5 + 0 + 0 + 0) has two candidates, both listed."""
        result = ds.validate((CORPUS / "c01.json").read_bytes())
        assert {"/reviews_and_lawsuits/administrative_review/total": 11} == _suggested(result)
        base = "/reviews_and_lawsuits/lawsuit_after_review"
        assert sorted([[(f"{base}/total", 5)], [(f"{base}/upheld", 0)]]) == sorted(
            map(sorted, _candidates(result))
        )
        (candidates,) = [f for f in result.findings if f.code == "wrong_cell_candidates"]
        assert ("t4.total.lawsuit_after_review",) == candidates.explains
        assert result.to_dict()["findings"][-1]["candidates"][0][0]["pointer"].startswith(base)


class TestPatterns:
    @pytest.mark.parametrize(
        ("printed", "meant", "pattern"),
        [
            (81, 18, "digits_swapped"),
            (1243, 1234, "digits_swapped"),
            (12, 123, "digit_dropped"),
            (1023, 123, "digit_added"),
            (128, 123, "digit_changed"),
            (5, 0, None),  # a one-digit number changed is just another number
            (100, 7, None),
        ],
    )
    def test_single_cell(self, printed: int, meant: int, pattern: str | None) -> None:
        assert pattern == _single_pattern(printed, meant)
        assert pattern is None or pattern in PATTERNS

    def test_swapped_digits_in_a_report(self) -> None:
        """18 printed as 81 in a consistent report: named, with the pattern."""
        document = _consistent({("results/disclosed", "natural_person"): 18})
        put(document, t3("results/disclosed", "natural_person"), 81)
        (f,) = [f for f in ds.validate(document).findings if f.code == "likely_wrong_cell"]
        assert (81, 18, "digits_swapped") == (f.actual, f.expected, f.pattern)
        assert "疑为相邻两位数字颠倒" in f.message_zh
        assert "swapped" in f.message_en

    def test_split_across_neighbouring_cells(self) -> None:
        """12 printed as "1 | 2" over two neighbouring cells of a row."""
        document = _consistent({("results/disclosed", "natural_person"): 12})
        put(document, t3("results/disclosed", "natural_person"), 1)
        put(document, t3("results/disclosed", "commercial_enterprise"), 2)
        result = ds.validate(document)
        assert {
            t3("results/disclosed", "natural_person"): 12,
            t3("results/disclosed", "commercial_enterprise"): 0,
        } == _suggested(result)
        assert {"split_across_cells"} == {
            f.pattern for f in result.findings if f.code == "likely_wrong_cell"
        }

    def test_value_in_neighbouring_column(self) -> None:
        """7 printed one column to the right: the row holds, two columns break."""
        document = _consistent({("results/disclosed", "natural_person"): 7})
        put(document, t3("results/disclosed", "natural_person"), 0)
        put(document, t3("results/disclosed", "commercial_enterprise"), 7)
        result = ds.validate(document)
        assert {
            t3("results/disclosed", "natural_person"): 7,
            t3("results/disclosed", "commercial_enterprise"): 0,
        } == _suggested(result)
        assert {"neighbour_cell"} == {
            f.pattern for f in result.findings if f.code == "likely_wrong_cell"
        }


def _consistent(values: dict[tuple[str, str], int]) -> dict[str, Any]:
    """A 2021 report with the given detail cells, every total derived, all received."""
    document = zero_document("2021")
    for (row, column), v in values.items():
        assert column in APPLICANTS
        for r in (row, "results/total", "new_received"):
            for c in (column, "total"):
                put(document, t3(r, c), get(document, t3(r, c)) + v)
    assert not _residuals("2021", document)
    return document
