"""Real published reports, transcribed by hand: exactly the findings their numbers produce."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import disclosure_schema as ds

ROOT = Path(__file__).parent.parent
CORPUS = Path(__file__).parent / "fixtures" / "corpus"


def _load(name: str) -> bytes:
    return (CORPUS / f"{name}.json").read_bytes()


class TestSeed:
    def test_baotou_is_clean(self) -> None:
        """The seed report (包头市工业和信息化局 2021) validates with no finding at all."""
        raw = (ROOT / "examples" / "baotou-2021.json").read_bytes()
        assert ds.ValidationResult("2021", ()) == ds.validate(raw)

    def test_baotou_round_trips_byte_for_byte(self) -> None:
        """dumps(loads(b)) == b for the example file."""
        raw = (ROOT / "examples" / "baotou-2021.json").read_bytes()
        assert raw.decode("utf-8") == ds.dumps(ds.loads(raw))

    def test_broken_copy(self) -> None:
        """The demo's broken copy breaks three identities, by the planted amounts."""
        raw = (ROOT / "examples" / "baotou-2021-broken.json").read_bytes()
        result = ds.validate(raw)
        assert [
            ["t3.balance.natural_person", 3, 0, 3],
            ["t3.row_total.new_received", 0, 3, -3],
            ["t4.total.administrative_review", 1, 0, 1],
            ["likely_wrong_cell", 3, 0, 3],  # the planted cell, located
            ["wrong_cell_candidates", None, None, None],  # a total or any one of its parts
        ] == [[f.rule or f.code, f.actual, f.expected, f.difference] for f in result.findings]


class TestCorpus:
    def test_c01_table4_totals(self) -> None:
        """洪泽区 2023 prints 行政复议 10/1/0/0 with total 0 and 复议后起诉 5/0/0/0 with
        total 0: exactly those two identities fail; table 3 reconciles."""
        result = ds.validate(_load("c01"))
        assert [
            ["sum_mismatch", "t4.total.administrative_review", 0, 11, -11],
            ["sum_mismatch", "t4.total.lawsuit_after_review", 0, 5, -5],
            ["likely_wrong_cell", None, 0, 11, -11],  # see tests/rules/test_locate.py
            ["wrong_cell_candidates", None, None, None, None],
        ] == result.flatten("code", "rule", "actual", "expected", "difference")
        assert not result.valid
        first = result.findings[0]
        assert (
            "表四“行政复议”：总计(0)，但结果维持(10) + 结果纠正(1) + 其他结果(0) + 尚未审结(0) "
            "= 11，相差 11"
        ) == first.message_zh

    def test_c01_single_other_row(self) -> None:
        """c01 prints one （六）其他处理 row of zeros: each 2021 sub-row is 0."""
        report = ds.loads(_load("c01"))
        assert isinstance(report, ds.Report2021)
        other = report.applications.results.other
        assert {0} == {
            getattr(getattr(other, row), col)
            for row in ("overdue_correction", "overdue_fee", "other")
            for col in ("natural_person", "total")
        }

    @pytest.mark.parametrize("name", ["c02", "c03"])
    def test_clean_reports(self, name: str) -> None:
        """洪泽区 2024 and 淮安市 2024 reconcile in every identity."""
        assert () == ds.validate(_load(name)).findings

    def test_c03_numbers(self) -> None:
        """淮安市 2024: the large numbers are read as printed."""
        report = ds.loads(_load("c03"))
        assert (3119, 3050, 103) == (
            report.applications.new_received.total,
            report.applications.results.total.total,
            report.applications.carried_forward.total,
        )
        assert 96171.6 == report.proactive.administrative_fees.amount  # type: ignore[union-attr]

    def test_c04_blank_columns(self) -> None:
        """沭阳县发改局 2023 leaves the five organisation columns blank: 125 null cells,
        35 identities not assessable, none failed, and the report is valid."""
        result = ds.validate(_load("c04"))
        codes = ("cell_not_reported", "sum_not_assessable", "sum_mismatch")
        counts = {code: sum(f.code == code for f in result.findings) for code in codes}
        assert {"cell_not_reported": 125, "sum_not_assessable": 35, "sum_mismatch": 0} == counts
        assert result.valid

    def test_partial_reports_are_valid_with_warnings(self) -> None:
        """Every transcribed partial report loads; blanks are warnings, never errors."""
        for path in sorted(CORPUS.glob("c*.json")):
            if path.stem in ("c01",):
                continue
            result = ds.validate(path.read_bytes())
            assert result.valid, path.stem
            assert ds.loads(path.read_bytes()) == ds.from_dict(json.loads(path.read_bytes()))
