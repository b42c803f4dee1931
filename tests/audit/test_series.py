"""``audit --series``: the cross-report findings of ``validate --series`` on the later
report's page (the earlier report named and linked to its page), in the index, the
CSV files and findings.jsonl."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

from disclosure_schema.cli import main
from disclosure_schema.layout import layout

from .test_audit import EXAMPLE, TRUNCATED, parse

CARRIED_OVER = ("/applications/carried_over/natural_person", "/applications/carried_over/total")


def _pair(folder: Path) -> tuple[Path, Path]:
    """Two valid reports of one agency, 2021 and 2022; 2021 carried 4 more forward than
    2022 carried over (x.carry_over fails for natural persons and the total)."""
    later = json.loads(EXAMPLE.read_bytes())
    earlier = json.loads(EXAMPLE.read_bytes())
    later["year"] = 2022
    earlier["proactive"]["normative_documents"]["in_force"] = 12  # x.in_force holds
    for row in ("new_received", "carried_forward"):
        for column in ("natural_person", "total"):
            earlier["applications"][row][column] += 4
    paths = folder / "2021.json", folder / "2022.json"
    for path, document in zip(paths, (earlier, later), strict=True):
        path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return paths


def _records(*args: str) -> list[dict[str, Any]]:
    out = io.BytesIO()
    main(["validate", "--format", "json", *args], stdout=out, stderr=io.StringIO())
    data: list[dict[str, Any]] = json.loads(out.getvalue())
    return data


def _audit(out: Path, *args: str) -> int:
    return main(["audit", "-o", str(out), *args], stdout=io.BytesIO(), stderr=io.StringIO())


def _csv(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))


class TestSeries:
    def test_later_page_names_and_links_the_earlier_report(self, tmp_path: Path) -> None:
        """Given later first: the 2022 page (#1) holds the x.carry_over failures, its
        carried-over cells are marked failing, and each finding links to the 2021
        report's page (#2), which it gets although it has no finding of its own."""
        earlier, later = _pair(tmp_path)
        out = tmp_path / "audit"
        assert 1 == _audit(out, "--series", str(later), str(earlier))
        page = (out / "reports" / "000001.html").read_text(encoding="utf-8")
        rules = re.findall(r"<code>(x\.[\w.]+)</code>", page)
        assert ["x.carry_over.natural_person", "x.carry_over.total"] == rules
        links = re.findall(r'<a href="(\d{6}\.html)" data-previous>([^<]*)</a>', page)
        assert [("000002.html", str(earlier))] * 2 == links
        cells = parse(out / "reports" / "000001.html").cells
        assert set(CARRIED_OVER) == {p for p, (c, _, _) in cells.items() if "fail" in c}
        assert f"上年报告 {earlier}" in cells[CARRIED_OVER[1]][1]
        # The earlier report has no finding, but its page is there, tables and all.
        assert [] == _records(str(earlier))[0]["findings"]
        target = parse(out / "reports" / "000002.html")
        assert len(layout("2021").cells) == len(target.cells)
        assert str(earlier) in (out / "reports" / "000002.html").read_text(encoding="utf-8")

    def test_counted_in_index_csv_and_jsonl(self, tmp_path: Path) -> None:
        """findings.jsonl is validate --series's records; findings.csv names the earlier
        report and its cells; reports.csv and the index count the findings."""
        earlier, later = _pair(tmp_path)
        out = tmp_path / "audit"
        _audit(out, "--series", str(earlier), str(later))
        expected = _records("--series", str(earlier), str(later))
        lines = (out / "findings.jsonl").read_text(encoding="utf-8").splitlines()
        assert expected == [json.loads(line) for line in lines]
        rows = _csv(out / "findings.csv")
        assert [(str(later), "x.carry_over.natural_person", str(earlier),
                 "/applications/carried_forward/natural_person"),
                (str(later), "x.carry_over.total", str(earlier),
                 "/applications/carried_forward/total")] == [
            (r["source"], r["rule"], r["previous_source"], r["previous_locations"]) for r in rows
        ]  # fmt: skip
        reports = _csv(out / "reports.csv")
        assert [("valid", "0", "reports/000001.html"), ("invalid", "2", "reports/000002.html")] == [
            (r["state"], r["errors"], r["page"]) for r in reports
        ]
        index = (out / "index.html").read_text(encoding="utf-8")
        assert re.search(r'data-error="cross_report_mismatch">.*?<td class="num">2</td>', index)

    def test_numbers_follow_every_kind_of_input(self, tmp_path: Path) -> None:
        """The link names the earlier report's page by its place in the batch: after an
        unreadable file and inside JSON Lines (line 2 of a file), with --jobs 2 too."""
        earlier, later = _pair(tmp_path)
        lines = tmp_path / "many.jsonl"
        other = json.loads(EXAMPLE.read_bytes())
        other["agency"]["name"] = "另一个局"
        lines.write_text(
            json.dumps(other, ensure_ascii=False) + "\n" + earlier.read_text(encoding="utf-8"),
            encoding="utf-8",
        )
        for jobs in ("1", "2"):
            out = tmp_path / f"audit{jobs}"
            _audit(out, "--series", "--jobs", jobs, str(later), str(TRUNCATED), str(lines))
            page = (out / "reports" / "000001.html").read_text(encoding="utf-8")
            links = set(re.findall(r'<a href="(\d{6}\.html)" data-previous>([^<]*)</a>', page))
            assert {("000004.html", f"{lines}:2")} == links
            assert f"{lines}:2" in (out / "reports" / "000004.html").read_text(encoding="utf-8")
            reports = _csv(out / "reports.csv")
            assert [str(later), str(TRUNCATED), f"{lines}:1", f"{lines}:2"] == [
                r["source"] for r in reports
            ]
            assert ["reports/000001.html", "reports/000002.html", "", "reports/000004.html"] == [
                r["page"] for r in reports
            ]

    def test_without_series_nothing_changes(self, tmp_path: Path) -> None:
        earlier, later = _pair(tmp_path)
        out = tmp_path / "audit"
        assert 0 == _audit(out, str(later), str(earlier))
        assert [] == list((out / "reports").iterdir())
        lines = (out / "findings.jsonl").read_text(encoding="utf-8").splitlines()
        assert [[], []] == [json.loads(line)["findings"] for line in lines]

    def test_english_page(self, tmp_path: Path) -> None:
        """--lang en: the cross-report findings and the link read in English only."""
        earlier, later = _pair(tmp_path)
        out = tmp_path / "audit"
        _audit(out, "--series", "--lang", "en", str(later), str(earlier))
        text = (out / "reports" / "000001.html").read_text(encoding="utf-8")
        assert "last year&#x27;s report: <a href" in text
        body = re.sub(r"<style>.*?</style>", "", text, flags=re.S)
        words = re.sub(r"<[^>]+>", " ", body).replace("包头市工业和信息化局", "")
        assert not re.search(r"[\u4e00-\u9fff]", words)
