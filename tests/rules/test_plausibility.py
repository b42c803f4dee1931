"""Plausibility rules (FORMAT.md §9.4): warnings with their catalogue ids, never errors,
and silent on reports they do not concern."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import disclosure_schema as ds
from disclosure_schema.rules import CHECKS
from disclosure_schema.strategies import documents

from ..table_layout import cells, put, t3, zero_document


def _implausible(document: dict[str, Any]) -> list[tuple[str | None, tuple[str, ...]]]:
    """(rule, locations) of the plausibility findings, the same from every input form."""
    results = [
        ds.validate(document),
        ds.validate(json.dumps(document, ensure_ascii=False).encode()),
    ]
    if ds.validate(document).valid:
        results.append(ds.validate(ds.from_dict(document)))
    seen = [[(f.rule, f.locations) for f in r.findings if f.code == "implausible"] for r in results]
    assert all(s == seen[0] for s in seen)
    for r in results:
        for f in r.findings:
            if f.code == "implausible":
                assert f.severity is ds.Severity.WARNING
    return seen[0]


class TestCatalogue:
    def test_entries(self) -> None:
        """Each plausibility rule is a catalogue entry: warning, titles, explanation, source."""
        ids = {c.id for c in CHECKS if c.kind == "plausibility"}
        assert {
            "p.edition_year",
            "p.overdue_fee_without_notice",
            "p.fee_not_multiple_of_10",
            "p.same_as_last_year",
            "p.nothing_assessable",
        } == ids
        for c in CHECKS:
            assert all((c.title_zh, c.title_en, c.explanation_en, c.source)), c.id
            assert c.kind != "plausibility" or c.severity == "warning"


class TestEditionYear:
    @given(st.sampled_from(["2019", "2021"]), st.integers(2019, 2040))
    def test_edition_fits_year(self, edition: str, year: int) -> None:
        """The 2019 format is for 2019 and 2020, the 2021 format for 2021 on (FORMAT §2)."""
        document = zero_document(edition)
        document["year"] = year
        fits = (year <= 2020) if edition == "2019" else (year >= 2021)
        expected = [] if fits else [("p.edition_year", ("/edition", "/year"))]
        assert expected == _implausible(document)
        assert ds.validate(document).valid


class TestFees:
    def _document(self, overdue: int, fees: dict[str, Any] | None) -> dict[str, Any]:
        document = zero_document("2021")
        for row in ("results/other/overdue_fee", "results/total", "new_received"):
            for column in ("natural_person", "total"):
                put(document, t3(row, column), overdue)
        if fees is None:
            del document["fees"]
        else:
            document["fees"] = fees
        return document

    @pytest.mark.parametrize(
        ("overdue", "fees", "fires"),
        [
            (2, {"notices_issued": 0}, True),
            (2, {"notices_issued": 1}, False),
            (0, {"notices_issued": 0}, False),
            (2, {"amount_collected": 0}, False),  # the report does not state the notices
            (2, None, False),
        ],
    )
    def test_overdue_fee_without_notice(
        self, overdue: int, fees: dict[str, Any] | None, fires: bool
    ) -> None:
        """Applications dropped for unpaid fees need a fee notice."""
        found = _implausible(self._document(overdue, fees))
        expected = (
            [
                (
                    "p.overdue_fee_without_notice",
                    ("/applications/results/other/overdue_fee/total", "/fees/notices_issued"),
                )
            ]
            if fires
            else []
        )
        assert expected == found

    @given(st.integers(0, 10**6), st.sampled_from(["amount_noticed", "amount_collected"]))
    def test_fee_multiple_of_10(self, amount: int, key: str) -> None:
        """Every tier of the fee rules gives a multiple of 10 yuan."""
        document = self._document(0, {key: amount})
        expected = [] if amount % 10 == 0 else [("p.fee_not_multiple_of_10", (f"/fees/{key}",))]
        assert expected == _implausible(document)

    def test_decimal_fee(self) -> None:
        """12.5 yuan is no tier's fee; 20.0 is."""
        assert [("p.fee_not_multiple_of_10", ("/fees/amount_noticed",))] == _implausible(
            self._document(0, {"amount_noticed": 12.5})
        )
        assert [] == _implausible(self._document(0, {"amount_noticed": 20.0}))


class TestNothingAssessable:
    @pytest.mark.parametrize("edition", ["2021", "2019"])
    def test_all_blank(self, edition: str) -> None:
        """Every table cell blank: the warning says nothing was checked."""
        document = zero_document(edition)
        for pointer in cells(edition):
            put(document, pointer, None)
        assert [("p.nothing_assessable", ())] == _implausible(document)

    def test_one_identity_assessable(self) -> None:
        """One identity with every cell given: something was checked, no warning."""
        document = zero_document("2021")
        keep = {f"/reviews_and_lawsuits/lawsuit_direct/{k}" for k in
                ("upheld", "corrected", "other", "pending", "total")}  # fmt: skip
        for pointer in cells("2021"):
            if pointer not in keep:
                put(document, pointer, None)
        assert [] == _implausible(document)

    @given(st.data())
    def test_never_on_complete_reports(self, data: st.DataObject) -> None:
        """A complete, consistent report never gets a plausibility warning."""
        document = data.draw(documents(zeros=0.5))
        assert [] == _implausible(document)
