"""The audit report as a browser renders it: headless Chromium opens the pages from
disk; the tests assert on the DOM after the page's script ran and on its console.
They skip, saying why, where Chromium or a CJK font is missing (.ci/run installs both).
"""

from __future__ import annotations

import collections
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest

from disclosure_schema.cli import main
from disclosure_schema.findings import Finding, Severity
from disclosure_schema.record import family

from . import browser
from .conftest import suggested
from .test_audit import Cells

pytestmark = pytest.mark.skipif(browser.missing() is not None, reason=browser.missing() or "")

ROOT = browser.ROOT
INPUTS = tuple(str(ROOT / p) for p in browser.EXAMPLES)


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict[str, Any]]]:
    out = tmp_path_factory.mktemp("audit")
    main(["audit", "-o", str(out), *INPUTS], stdout=io.BytesIO(), stderr=io.StringIO())
    records = io.BytesIO()
    main(["validate", "--format", "json", *INPUTS], stdout=records, stderr=io.StringIO())
    return out, json.loads(records.getvalue())


def _cards(dom: str) -> dict[str, int]:
    return {
        name: int(value.replace(",", ""))
        for name, value in re.findall(
            r'data-count="(\w+)"><span[^>]*>[^<]*</span><b>([\d,]+)</b>', dom
        )
    }


def test_index_counts_match_the_json(report: tuple[Path, list[dict[str, Any]]]) -> None:
    """The counts the browser shows are those of validate --format json; the script ran
    without a console message."""
    out, records = report
    dom, console = browser.dump_dom(out / "index.html")
    assert [] == console
    assert 'data-sortable="ready"' in dom
    states = [r["state"] for r in records]
    expected = {s: states.count(s) for s in ("valid", "invalid", "unchecked", "unreadable")}
    assert {"inputs": len(records), **expected} == _cards(dom)
    shown = re.findall(r'<tr data-state="(\w+)">', dom)
    assert states == shown
    for severity in ("error", "warning"):
        expected_counts: collections.Counter[str] = collections.Counter()
        for r in records:
            for f in r["findings"]:
                if f["severity"] == severity:
                    finding = Finding(code=f["code"], severity=Severity(severity),
                                      message_zh="", message_en="", rule=f["rule"])  # fmt: skip
                    expected_counts[family(finding)] += 1
                    expected_counts[f["code"]] += 1
        rendered = {
            key: int(value.replace(",", ""))
            for key, value in re.findall(
                rf'<tr data-{severity}="([\w.]+)">.*?<td class="num">([\d,]+)</td>', dom
            )
        }
        assert dict(expected_counts) == rendered


def test_sorting(report: tuple[Path, list[dict[str, Any]]]) -> None:
    """Sorting by the warnings column (#sort=-7: most first) reorders the rows."""
    out, records = report
    dom, console = browser.dump_dom(out / "index.html", "#sort=-7")
    assert [] == console
    warnings = [
        int(w) for w in re.findall(r'<td class="num">\d+</td><td class="num">(\d+)</td>', dom)
    ]
    expected = sorted(
        (sum(f["severity"] == "warning" for f in r["findings"]) for r in records), reverse=True
    )
    assert expected == warnings


def test_highlighted_cells_are_the_failing_ones(
    report: tuple[Path, list[dict[str, Any]]],
) -> None:
    out, records = report
    broken = next(i for i, r in enumerate(records) if r["state"] == "invalid")
    page = out / "reports" / f"{broken + 1:06d}.html"
    dom, console = browser.dump_dom(page)
    assert [] == console
    cells = Cells()
    cells.feed(dom)
    failing = {
        p for f in records[broken]["findings"] if f["status"] == "failed" for p in f["locations"]
    }
    assert failing == {p for p, (classes, _, _) in cells.cells.items() if "fail" in classes}
    errors = sum(f["severity"] == "error" for f in records[broken]["findings"])
    assert [str(errors)] == re.findall(r'data-errors(?:="")?>(\d+)<', dom)


def test_screenshot_of_each_page(report: tuple[Path, list[dict[str, Any]]], tmp_path: Path) -> None:
    """Every page renders to a picture with no console message."""
    out, _ = report
    for page in [out / "index.html", *sorted((out / "reports").iterdir())]:
        png = tmp_path / (page.stem + ".png")
        assert [] == browser.screenshot(page, png, 1280, 1600)
        assert png.read_bytes().startswith(b"\x89PNG")
        assert png.stat().st_size > 20_000  # a page, not a blank picture


def test_printing(report: tuple[Path, list[dict[str, Any]]], tmp_path: Path) -> None:
    """The index and a report's page print (the print style sheet: no navigation, grids
    kept whole) without a console message."""
    out, _ = report
    for page in (out / "index.html", sorted((out / "reports").iterdir())[0]):
        pdf = tmp_path / (page.stem + ".pdf")
        assert [] == browser.print_pdf(page, pdf)
        data = pdf.read_bytes()
        assert data.startswith(b"%PDF")
        assert data.count(b"/Type /Page") - data.count(b"/Type /Pages") >= 1


def test_suspect_cells_are_the_located_ones(report: tuple[Path, list[dict[str, Any]]]) -> None:
    """The cells the browser shows as likely wrong, or as one of several candidates, are
    those the localisation findings name, each with its suggested value."""
    out, records = report
    broken = next(i for i, r in enumerate(records) if r["state"] == "invalid")
    dom, console = browser.dump_dom(out / "reports" / f"{broken + 1:06d}.html")
    assert [] == console
    cells = Cells()
    cells.feed(dom)
    findings = records[broken]["findings"]
    likely, candidates = suggested(findings)
    assert likely, "the bundled broken example has a likely wrong cell"
    assert candidates, "and a failing identity with several candidates"
    for kind, expected in (("suspect", likely), ("candidate", candidates)):
        assert set(expected) == {p for p, (c, _, _) in cells.cells.items() if kind in c}
        for pointer, value in expected.items():
            assert f"→ {value}" in cells.cells[pointer][2]


def test_series_link(tmp_path: Path) -> None:
    """audit --series: the later report's page links to the earlier report's page."""
    from .test_series import _pair

    earlier, later = _pair(tmp_path)
    out = tmp_path / "audit"
    main(["audit", "--series", "-o", str(out), str(later), str(earlier)],
         stdout=io.BytesIO(), stderr=io.StringIO())  # fmt: skip
    dom, console = browser.dump_dom(out / "reports" / "000001.html")
    assert [] == console
    links = set(re.findall(r'<a href="(\d{6}\.html)" data-previous="">([^<]*)</a>', dom))
    assert {("000002.html", str(earlier))} == links
    dom, console = browser.dump_dom(out / "reports" / "000002.html")
    assert [] == console
    assert str(earlier) in dom
