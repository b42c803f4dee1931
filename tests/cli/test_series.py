"""``validate --series``: cross-report findings in the later report's record, pointing
into both reports and naming the earlier one; without --series nothing changes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator

import disclosure_schema as ds
from disclosure_schema.reading import read

from ..table_layout import put, t3, zero_document
from .conftest import Run
from .test_main import SOURCES


def _report(year: int, code: str, carried_over: int, carried_forward: int) -> dict[str, Any]:
    document = zero_document("2021")
    document["year"] = year
    document["agency"] = {"name": f"局{code}", "code": code}
    for row, value in (("carried_over", carried_over), ("carried_forward", carried_forward)):
        put(document, t3(row, "natural_person"), value)
        put(document, t3(row, "total"), value)
    for column in ("natural_person", "total"):  # balance: received + over = results + forward
        put(document, t3("new_received", column), carried_forward + 2)
        put(document, t3("results/disclosed", column), carried_over + 2)
        put(document, t3("results/total", column), carried_over + 2)
    assert ds.validate(document).valid
    return document


def _write(folder: Path, name: str, document: dict[str, Any]) -> str:
    path = folder / name
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return str(path)


class TestSeries:
    def test_later_record_holds_the_cross_report_findings(self, tmp_path: Path) -> None:
        """2022 carries over 3 where 2021 carried forward 5: the 2022 record holds the
        failures, pointing into both reports and naming the 2021 file; exit code 1."""
        later = _write(tmp_path, "b.json", _report(2022, "A", carried_over=3, carried_forward=0))
        earlier = _write(tmp_path, "a.json", _report(2021, "A", carried_over=0, carried_forward=5))
        other = _write(tmp_path, "c.json", _report(2022, "B", carried_over=7, carried_forward=0))
        run = Run("validate", "--series", "--format", "jsonl", later, earlier, other)
        records = run.records()
        assert [later, earlier, other] == [r["source"] for r in records]
        findings = records[0]["findings"]
        assert [("cross_report_mismatch", "x.carry_over.natural_person"),
                ("cross_report_mismatch", "x.carry_over.total")] == [
            (f["code"], f["rule"]) for f in findings
        ]  # fmt: skip
        first = findings[0]
        assert (["/applications/carried_over/natural_person"], earlier) == (
            first["locations"], first["previous_source"],
        )  # fmt: skip
        assert ["/applications/carried_forward/natural_person"] == first["previous_locations"]
        assert (3, 5, -2) == (first["actual"], first["expected"], first["difference"])
        assert ([], []) == (records[1]["findings"], records[2]["findings"])
        assert (False, 1) == (records[0]["valid"], run.code)
        Draft202012Validator(ds.findings_schema()).validate(records)

    def test_without_series_nothing_changes(self, tmp_path: Path) -> None:
        """The same inputs without --series: every record valid, no cross-report finding."""
        paths = [
            _write(tmp_path, "a.json", _report(2021, "A", 0, 5)),
            _write(tmp_path, "b.json", _report(2022, "A", 3, 0)),
        ]
        run = Run("validate", "--format", "jsonl", *paths)
        assert [[], []] == [r["findings"] for r in run.records()]
        assert 0 == run.code

    def test_directory_and_json_lines(self, tmp_path: Path) -> None:
        """Reports found in a directory and in JSON Lines pair up across inputs."""
        lines = tmp_path / "more.jsonl"
        lines.write_text(
            json.dumps(_report(2022, "A", 5, 0)) + "\n" + json.dumps(_report(2023, "A", 1, 0)),
            encoding="utf-8",
        )
        folder = tmp_path / "dir"
        folder.mkdir()
        _write(folder, "a.json", _report(2021, "A", 0, 5))
        run = Run("validate", "--series", "--format", "jsonl", str(folder), str(lines))
        by_source = {r["source"]: [f["rule"] for f in r["findings"]] for r in run.records()}
        assert [] == by_source[f"{lines}:1"]  # 5 carried forward, 5 carried over
        assert ["x.carry_over.natural_person", "x.carry_over.total"] == by_source[f"{lines}:2"]

    def test_same_as_last_year_and_duplicates(self, tmp_path: Path) -> None:
        """A table copied from last year is a warning; two reports for one year each
        say so and are not compared."""
        copied = _report(2021, "A", 0, 0)
        paths = [
            _write(tmp_path, "a.json", copied),
            _write(tmp_path, "b.json", dict(copied, year=2022)),
            _write(tmp_path, "c.json", _report(2023, "A", 0, 0)),
            _write(tmp_path, "d.json", _report(2023, "A", 0, 0)),
        ]
        run = Run("validate", "--series", "--format", "jsonl", "--severity", "error", *paths)
        got = [[f["rule"] or f["code"] for f in r["findings"]] for r in run.records()]
        assert [[], ["p.same_as_last_year"], ["duplicate_year"], ["duplicate_year"]] == got
        assert 0 == run.code

    def test_stdin_refused(self) -> None:
        """--series reads its inputs twice: standard input cannot be one of them."""
        run = Run("validate", "--series", "-")
        assert 2 == run.code
        assert "--series" in run.err

    def test_pages_are_read_for_the_series(self, tmp_path: Path) -> None:
        """A published page is read as `read` reads it and paired like any report: its
        agency and year with a JSON report of the year before."""
        page = next(iter(sorted(SOURCES.glob("*.html"))))
        reading = read(page.read_bytes())
        assert reading.report is not None
        before = ds.to_dict(reading.report)
        before["year"] -= 1
        before["applications"]["carried_forward"]["total"] = (
            before["applications"]["carried_forward"]["total"] or 0
        ) + 1
        earlier = _write(tmp_path, "earlier.json", before)
        run = Run("validate", "--series", "--format", "jsonl", earlier, str(page))
        rules = [f["rule"] for f in run.records()[1]["findings"] if f["rule"]]
        assert "x.carry_over.total" in rules
