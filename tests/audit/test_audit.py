"""The audit report's files: what they hold, in which language, and that they stand
alone (no network, no other file)."""

from __future__ import annotations

import csv
import errno
import io
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from disclosure_schema.api import ValidationResult, validate
from disclosure_schema.audit import AuditWriter, render_parts
from disclosure_schema.audit.writer import FINDINGS_COLUMNS, REPORTS_COLUMNS
from disclosure_schema.cli import main
from disclosure_schema.findings import Change, Finding, Severity
from disclosure_schema.layout import layout
from disclosure_schema.record import Record, cells_of

from .conftest import suggested

ROOT = Path(__file__).parent.parent.parent
EXAMPLE = ROOT / "examples" / "baotou-2021.json"
BROKEN = ROOT / "examples" / "baotou-2021-broken.json"
FIXTURES = ROOT / "tests" / "fixtures"
C03 = FIXTURES / "reading" / "sources" / "c03.txt"
NO_TABLES = FIXTURES / "cli" / "no-tables.txt"
TRUNCATED = FIXTURES / "bad" / "truncated.json"
C01 = FIXTURES / "corpus" / "c01.json"
INPUTS = (EXAMPLE, BROKEN, C03, NO_TABLES, TRUNCATED)


class Cells(HTMLParser):
    """Every <td> of a page with a data-p attribute: pointer -> (classes, title, text)."""

    def __init__(self) -> None:
        super().__init__()
        self.cells: dict[str, tuple[set[str], str, str]] = {}
        self._open: str | None = None
        self.external: list[str] = []
        self.scripts = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        for name in ("src", "href"):
            value = found.get(name) or ""
            if re.match(r"[a-z]+:", value) or value.startswith("//"):
                self.external.append(value)
        if tag == "link":
            self.external.append(found.get("href") or "")
        if tag == "script":
            self.scripts += 1
        if tag == "td" and found.get("data-p"):
            pointer = found["data-p"] or ""
            classes = set((found.get("class") or "").split())
            self.cells[pointer] = (classes, found.get("title") or "", "")
            self._open = pointer

    def handle_data(self, data: str) -> None:
        if self._open:
            classes, title, text = self.cells[self._open]
            self.cells[self._open] = (classes, title, text + data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "td":
            self._open = None


def parse(path: Path) -> Cells:
    parser = Cells()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def audit(tmp_path: Path, *args: str, inputs: tuple[Path, ...] = INPUTS) -> tuple[int, Path]:
    out = tmp_path / "audit"
    code = main(
        ["audit", "-o", str(out), *args, *map(str, inputs)],
        stdout=io.BytesIO(),
        stderr=io.StringIO(),
    )
    return code, out


def records(*inputs: Path) -> list[dict[str, Any]]:
    out = io.BytesIO()
    main(["validate", "--format", "json", *map(str, inputs)], stdout=out, stderr=io.StringIO())
    data: list[dict[str, Any]] = json.loads(out.getvalue())
    return data


class TestFiles:
    def test_exit_code_and_files(self, tmp_path: Path) -> None:
        """The exit code is validate's; a page for each report with a finding only."""
        code, out = audit(tmp_path)
        assert 2 == code  # one input is unreadable
        assert {"index.html", "findings.csv", "reports.csv", "findings.jsonl", "reports"} == {
            p.name for p in out.iterdir()
        }
        expected = records(*INPUTS)
        with_findings = [i + 1 for i, r in enumerate(expected) if r["findings"]]
        assert [f"{n:06d}.html" for n in with_findings] == sorted(
            p.name for p in (out / "reports").iterdir()
        )

    def test_all_pages(self, tmp_path: Path) -> None:
        _, out = audit(tmp_path, "--all-pages")
        assert len(INPUTS) == len(list((out / "reports").iterdir()))

    def test_jsonl_is_the_validate_records(self, tmp_path: Path) -> None:
        _, out = audit(tmp_path)
        lines = [json.loads(line) for line in (out / "findings.jsonl").read_text().splitlines()]
        assert records(*INPUTS) == lines

    def test_csv_with_bom_and_documented_columns(self, tmp_path: Path) -> None:
        """UTF-8 with a byte-order mark (spreadsheets then read Chinese right); the
        columns are the documented ones; one row per finding and per report."""
        _, out = audit(tmp_path)
        docs = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
        expected = records(*INPUTS)
        for name, columns, count in (
            ("findings.csv", FINDINGS_COLUMNS, sum(len(r["findings"]) for r in expected)),
            ("reports.csv", REPORTS_COLUMNS, len(expected)),
        ):
            raw = (out / name).read_bytes()
            assert raw.startswith(b"\xef\xbb\xbf")
            rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
            assert list(columns) == rows[0]
            assert count == len(rows) - 1
            for column in columns:
                assert f"`{column}`" in docs, f"{name}: column {column} is not documented"
        reports = list(csv.DictReader(io.StringIO((out / "reports.csv").read_text("utf-8-sig"))))
        assert [r["state"] for r in expected] == [r["state"] for r in reports]
        assert ["包头市工业和信息化局", "2021"] == [reports[1]["agency"], reports[1]["year"]]

    def test_stand_alone(self, tmp_path: Path) -> None:
        """No network, no other file: nothing is linked but the report's own pages."""
        _, out = audit(tmp_path, "--all-pages")
        for page in [out / "index.html", *(out / "reports").iterdir()]:
            parsed = parse(page)
            assert [] == parsed.external, page
        assert 1 == parse(out / "index.html").scripts  # the sorting, inline
        assert 0 == parse(next((out / "reports").iterdir())).scripts


class TestPage:
    def test_failing_cells_are_the_identities_cells(self, tmp_path: Path) -> None:
        """The highlighted cells are exactly the cells of the broken identities; the
        first cell of each carries its difference."""
        _, out = audit(tmp_path, inputs=(BROKEN,))
        record = records(BROKEN)[0]
        failing = {p for f in record["findings"] if f["status"] == "failed" for p in f["locations"]}
        cells = parse(out / "reports" / "000001.html").cells
        assert failing == {p for p, (classes, _, _) in cells.items() if "fail" in classes}
        assert len(cells) == len(layout("2021").cells)
        first = "/applications/new_received/natural_person"
        assert "+3" in cells[first][2]
        assert "t3.balance.natural_person" in cells[first][1]

    def test_values_and_blank_cells(self, tmp_path: Path) -> None:
        """Every cell shows its value; a null cell is empty, marked blank or not read."""
        document = json.loads(BROKEN.read_bytes())
        document["applications"]["carried_over"]["total"] = None
        path = tmp_path / "blank.json"
        path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
        _, out = audit(tmp_path, inputs=(path,))
        cells = parse(out / "reports" / "000001.html").cells
        values = cells_of("2021", document)
        for pointer, value in values.items():
            classes, _, text = cells[pointer]
            if value is None:
                assert "blank" in classes
                assert "" == text
            else:
                assert text.replace(",", "").startswith(str(value))

    def test_not_read_cells_and_provenance(self, tmp_path: Path) -> None:
        """A page's cells say where they were read; cells not read are marked so."""
        _, out = audit(tmp_path, inputs=(C03,))
        cells = parse(out / "reports" / "000001.html").cells
        record = records(C03)[0]
        unread = {f["locations"][0] for f in record["findings"] if f["code"] == "cell_not_read"}
        assert unread
        assert unread == {p for p, (classes, _, _) in cells.items() if "unread" in classes}
        read_from = [title for _, (_, title, text) in cells.items() if text]
        assert all("读自" in title for title in read_from)

    def test_suspect_cells_of_a_real_report(self, tmp_path: Path) -> None:
        """c01 prints table 4 totals of 0 where the parts add up to 11 and 5: the first
        total is the one likely wrong cell (→ 11); the second has two candidates (the
        total → 5, or 结果维持 → 0), both marked, neither picked. Exactly the cells the
        localisation findings name are marked, each with its suggested value."""
        _, out = audit(tmp_path, inputs=(C01,))
        cells = parse(out / "reports" / "000001.html").cells
        findings = records(C01)[0]["findings"]
        likely, candidates = suggested(findings)
        review, after = (
            "/reviews_and_lawsuits/administrative_review",
            ("/reviews_and_lawsuits/lawsuit_after_review"),
        )
        assert {f"{review}/total": 11} == likely
        assert {f"{after}/upheld": 0, f"{after}/total": 5} == candidates
        assert set(likely) == {p for p, (classes, _, _) in cells.items() if "suspect" in classes}
        assert set(candidates) == {
            p for p, (classes, _, _) in cells.items() if "candidate" in classes
        }
        for pointer, value in likely.items():
            _, title, text = cells[pointer]
            assert text.endswith(f"→ {value}")
            assert f"建议值 {value}" in title
        for number, (pointer, value) in enumerate(candidates.items(), 1):
            _, title, text = cells[pointer]
            assert text.endswith(f"→ {value}？")
            assert f"2 种同样少的改法之一（第 {number} 种）：改为 {value}" in title

    def test_candidates_changing_two_cells_name_each_other(self) -> None:
        """A minimal change of two cells: each cell's title names the other's change."""
        document = json.loads(EXAMPLE.read_bytes())
        pair = (
            Change(pointer="/applications/new_received/natural_person", actual=3, expected=0),
            Change(pointer="/applications/new_received/total", actual=0, expected=3),
        )
        single = (Change(pointer="/applications/carried_over/total", actual=1, expected=2),)
        finding = Finding(
            code="wrong_cell_candidates",
            severity=Severity.WARNING,
            message_zh="多种可能",
            message_en="several",
            locations=tuple(c.pointer for c in (*pair, *single)),
            candidates=(pair, single),
        )
        result = validate(document)
        record = Record(
            source="x.json",
            result=ValidationResult(result.edition, (*result.findings, finding)),
            cells=cells_of("2021", document),
        )
        parts = render_parts(record, "en", all_pages=False)
        assert parts.page is not None
        parser = Cells()
        parser.feed(parts.page.decode("utf-8"))
        _, title, text = parser.cells[pair[0].pointer]
        assert text.endswith("→ 0?")
        assert "one of 2 equally small changes (no. 1): 0, together with" in title
        assert "new_received" not in title.split("together with")[1]  # labels, not pointers
        assert "→ 3" in title
        _, title, _ = parser.cells[single[0].pointer]
        assert "(no. 2): 2" in title
        assert "together" not in title

    @pytest.mark.parametrize("lang", ["zh", "en"])
    def test_one_language(self, tmp_path: Path, lang: str) -> None:
        """Chinese by default, English with --lang en: the words around the data."""
        _, out = audit(tmp_path, "--lang", lang, inputs=(BROKEN,))
        for page in (out / "index.html", out / "reports" / "000001.html"):
            text = page.read_text(encoding="utf-8")
            body = re.sub(r"<style>.*?</style>|<script>.*?</script>", "", text, flags=re.S)
            words = re.sub(r"<[^>]+>", " ", body)
            words = words.replace("包头市工业和信息化局", "")  # data, not words
            if lang == "en":
                assert not re.search(r"[\u4e00-\u9fff]", words), page
                assert 'lang="en"' in text
            else:
                assert 'lang="zh-CN"' in text
                assert "返回总览" in text or "政府信息公开工作年度报告审计" in text


class TestWriter:
    def test_pages_written_as_records_come(self, tmp_path: Path) -> None:
        """Memory stays flat: each page is on disk as soon as its record is added."""
        result = validate(BROKEN.read_bytes())
        document = json.loads(BROKEN.read_bytes())
        record = Record(source="b.json", result=result, cells=cells_of("2021", document))
        with AuditWriter(str(tmp_path / "a"), "zh") as writer:
            for number in range(1, 4):
                writer.add(render_parts(record, "zh", all_pages=False))
                assert (tmp_path / "a" / "reports" / f"{number:06d}.html").exists()


class TestHostile:
    def test_lone_surrogate_and_markup_in_a_report(self, tmp_path: Path) -> None:
        """Text a document holds (markup, a lone surrogate escape) is shown, escaped:
        never run as markup, never a failure to write."""
        text = BROKEN.read_text(encoding="utf-8")
        text = text.replace("包头市工业和信息化局", '<script>alert(1)</script>\\ud800局\\"></td>')
        path = tmp_path / "hostile.json"
        path.write_text(text, encoding="utf-8")
        code, out = audit(tmp_path, "--all-pages", inputs=(path,))
        assert 1 == code
        for page in (out / "index.html", out / "reports" / "000001.html"):
            html = page.read_text(encoding="utf-8")
            assert "<script>alert" not in html
            assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
        line = json.loads((out / "findings.jsonl").read_text(encoding="utf-8"))
        assert line["agency"].startswith("<script>")
        assert "\\ud800" in (out / "reports.csv").read_text(encoding="utf-8-sig")


class TestUsage:
    def test_output_not_a_directory(self, tmp_path: Path) -> None:
        """An output path that cannot be a directory: exit 2 and one line, no traceback."""
        blocker = tmp_path / "file"
        blocker.write_text("x")
        err = io.StringIO()
        code = main(["audit", "-o", str(blocker), str(EXAMPLE)], stdout=io.BytesIO(), stderr=err)
        assert 2 == code
        assert 1 == len(err.getvalue().splitlines())
        assert "Traceback" not in err.getvalue()
        assert "路径中有一部分不是目录" in err.getvalue()  # the reason in the default zh

    @pytest.mark.parametrize("where", ["add", "finish"])
    def test_disk_full(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str) -> None:
        """A write to the audit directory that fails: exit 2 and one line, no traceback."""

        def full(*_args: object) -> None:
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(AuditWriter, where, full)
        for lang, said in (("zh", "无法写出结果：磁盘已满"), ("en", "No space left on device")):
            err = io.StringIO()
            args = ["audit", "--lang", lang, "-o", str(tmp_path / lang), str(EXAMPLE)]
            code = main(args, stdout=io.BytesIO(), stderr=err)
            assert code == 2
            assert [said in line for line in err.getvalue().splitlines()] == [True]

    def test_unknown_rule_id(self, tmp_path: Path) -> None:
        err = io.StringIO()
        code = main(
            ["audit", "-o", str(tmp_path / "a"), "--select", "t4.totl", str(BROKEN)],
            stdout=io.BytesIO(),
            stderr=err,
        )
        assert 2 == code
        assert "t4.total" in err.getvalue()
        assert not (tmp_path / "a").exists()

    def test_directory_and_stdin_lines(self, tmp_path: Path) -> None:
        """A folder of pages and JSON, and JSON Lines on standard input, as validate."""
        folder = tmp_path / "in"
        folder.mkdir()
        for path in (EXAMPLE, BROKEN, C03):
            (folder / path.name).write_bytes(path.read_bytes())
        out = tmp_path / "a"
        code = main(["audit", "-o", str(out), str(folder)], stdout=io.BytesIO(),
                    stderr=io.StringIO())  # fmt: skip
        assert 1 == code
        assert 4 == len((out / "reports.csv").read_text("utf-8-sig").splitlines())
        lines = b"\n".join(
            json.dumps(json.loads(p.read_bytes())).encode() for p in (EXAMPLE, BROKEN)
        )
        code = main(["audit", "--lines", "-o", str(tmp_path / "b")], stdin=io.BytesIO(lines),
                    stdout=io.BytesIO(), stderr=io.StringIO())  # fmt: skip
        assert 1 == code
        rows = (tmp_path / "b" / "reports.csv").read_text("utf-8-sig").splitlines()
        assert ["-:1", "-:2"] == [row.split(",")[0] for row in rows[1:]]


def test_the_audit_never_imports_the_command_line() -> None:
    """Dependencies run one way: the CLI uses the audit package, never the reverse."""
    import ast

    package = ROOT / "src" / "disclosure_schema" / "audit"
    for module in package.glob("*.py"):
        tree = ast.parse(module.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                assert "cli" not in (node.module or "").split("."), module.name


def test_output_inside_an_input_directory(tmp_path: Path) -> None:
    """The audit's pages must not become inputs of the same audit."""
    (tmp_path / "a.json").write_bytes(EXAMPLE.read_bytes())
    err = io.StringIO()
    code = main(["audit", "--lang", "en", "-o", str(tmp_path / "audit"), str(tmp_path)],
                stdout=io.BytesIO(), stderr=err)  # fmt: skip
    assert 2 == code
    assert "inside the input directory" in err.getvalue()
    assert not (tmp_path / "audit").exists()


def test_an_earlier_audit_is_replaced(tmp_path: Path) -> None:
    """Pages of an earlier, larger audit in the same directory do not linger."""
    _, out = audit(tmp_path, "--all-pages")
    (out / "reports" / "notes.txt").write_text("mine")
    _, out = audit(tmp_path, inputs=(BROKEN,))
    assert ["000001.html", "notes.txt"] == sorted(p.name for p in (out / "reports").iterdir())
