"""PDFs: tables read from the positions of their words, against hand transcriptions."""

from __future__ import annotations

import io
import json
import random
import re
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import disclosure_schema as ds
from disclosure_schema.cli import main
from disclosure_schema.reading import read, read_and_validate
from disclosure_schema.reading.source import lines_of, to_text

from .conftest import SOURCES, expected
from .test_corpus import _cells, _expected_cells

pytest.importorskip("pdfplumber")


def _pdf(name: str) -> bytes:
    return (SOURCES / f"{name}.pdf").read_bytes()


class TestCorpusPdfs:
    @pytest.mark.parametrize("name", ["c01", "c02", "c03"])
    def test_every_cell(self, name: str) -> None:
        """Every cell and every null equals the hand transcription of the original report:
        for c03 that includes table 四, which its text export scrambles but the PDF's
        word positions place."""
        reading = read(_pdf(name))
        assert reading.report is not None
        want = expected(name) if name != "c03" else _corpus("c03")
        assert (want["edition"], want["year"], want["agency"]["name"]) == (
            reading.edition, reading.year, reading.agency,
        )  # fmt: skip
        assert _expected_cells(want) == _cells(reading.report)

    @pytest.mark.parametrize(
        ("name", "codes"),
        [
            ("c01", {"reading_merged_row", "reading_label_variant"}),  # （六） as one row
            ("c02", {"reading_merged_row", "reading_label_variant"}),
            ("c03", set()),  # the text's detached labels and scrambled 表四 are gone
        ],
    )
    def test_notes(self, name: str, codes: set[str]) -> None:
        """Only the notes the report itself calls for; no encoding note for a PDF."""
        assert codes == {n.code for n in read(_pdf(name)).notes} - {"reading_edition"}

    def test_provenance_names_page_table_and_row(self) -> None:
        """Every number says which page, table, row and cell it was read from."""
        reading = read(_pdf("c01"))
        where = {p.pointer: p.where for p in reading.provenance}
        cell = where["/applications/new_received/natural_person"]
        assert cell == "PDF page 3, table 2, row 4, cell 4"

    def test_spanned_label_repeated_number_not(self) -> None:
        """A label spanning rows (三、本年度办理结果, printed vertically) is in each row it
        spans, as an HTML rowspan is; cells are explicit, so a blank stays a blank."""
        lines = [ln for ln in lines_of(to_text(_pdf("c01"))) if ln.explicit]
        secret = next(ln for ln in lines if "1.属于国家秘密" in ln.cells)
        assert secret.cells[:3] == ("三、本年度办理结果", "（三）不予公开", "1.属于国家秘密")
        assert secret.cells[3:] == ("1", "0", "0", "0", "0", "0", "1")

    def test_wrapped_paragraphs_joined(self) -> None:
        """A paragraph wrapped over printed lines is one line of text ('…申请21件，' then
        '均在法定期限答复。'), in a frame too; headings stay lines of their own."""
        lines = [ln.cells[0] for ln in lines_of(to_text(_pdf("c01"))) if not ln.explicit]
        assert any("2023年全区受理政府信息公开申请21件，均在法定期限答复。" in ln for ln in lines)
        assert any("（四）政府信息公开平台建设情况。" in ln and "规范。" in ln for ln in lines)
        assert "一、总体情况" in lines
        assert "（三）政府信息管理情况。" in lines

    def test_narrative_frames_are_text(self) -> None:
        """A paragraph in a one-cell frame is a line of text, not a row of repeated cells."""
        lines = lines_of(to_text(_pdf("c01")))
        heading = next(ln for ln in lines if "二、主动公开政府信息情况" in ln.cells[0])
        assert (heading.cells, heading.explicit) == (("二、主动公开政府信息情况",), False)

    @pytest.mark.parametrize("name", ["c01", "c02"])
    def test_places_said_in_chinese(self, name: str) -> None:
        """A Chinese note names its PDF place in Chinese ("PDF page 4, table 1, row 7" was
        left in English inside it)."""
        notes = [n for n in read(_pdf(name)).notes if n.code == "reading_merged_row"]
        assert notes
        for note in notes:
            assert note.message_zh.startswith("PDF 第 4 页表格 1 第 "), note.message_zh
            assert not set(re.findall("[A-Za-z]+", note.message_zh)) - {"PDF", "null"}


def _corpus(name: str) -> dict[str, Any]:
    import json

    from .conftest import FIXTURES

    data: dict[str, Any] = json.loads((FIXTURES / "corpus" / f"{name}.json").read_text("utf-8"))
    return data


class TestBadPdfs:
    def test_scan_without_text_layer(self) -> None:
        """A scanned page (an image, no text) gets a note saying so; nothing is invented."""
        image = pytest.importorskip("PIL.Image")
        buffer = io.BytesIO()
        image.new("L", (200, 280), 255).save(buffer, format="PDF")
        reading = read(buffer.getvalue())
        notes = {n.code: n for n in reading.notes}
        assert "reading_no_text_layer" in notes
        assert "no OCR" in notes["reading_no_text_layer"].message_en
        assert reading.report is None  # no year either: nothing to build

    @pytest.mark.parametrize(
        "data",
        [b"%PDF-1.7\n", b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\n%%EOF", b"%PDF-" + b"\x00" * 99],
    )
    def test_damaged(self, data: bytes) -> None:
        """A damaged PDF: a note, no traceback."""
        reading = read(data)
        assert reading.report is None
        assert {n.code for n in reading.notes} <= {"unreadable_file", "reading_no_text_layer"}
        assert reading.notes

    def test_truncated_corpus_pdf(self) -> None:
        """The first half of a real PDF (a download cut short): a note, no traceback."""
        data = _pdf("c02")
        reading = read(data[: len(data) // 2])
        assert reading.notes


class TestMutatedPdfs:
    @settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(st.sampled_from(["c01", "c03"]), st.randoms(use_true_random=False))
    def test_damaged_bytes(self, name: str, rng: random.Random) -> None:
        """Bytes overwritten or cut anywhere in a real PDF: a Reading, never an exception,
        and every number it places has a source."""
        data = bytearray(_pdf(name))
        for _ in range(rng.randint(1, 20)):
            at = rng.randrange(len(data))
            data[at] = rng.randrange(256)
        if rng.random() < 0.3:
            del data[rng.randrange(len(data)) :]
        reading = read(bytes(data))
        if reading.report is not None:
            filled = {p for p, v in _cells(reading.report).items() if v is not None}
            assert filled <= {p.pointer for p in reading.provenance}


class TestPrintedPage:
    """c04.html printed to PDF by a browser: a second PDF producer, tables cut by page
    breaks (cut cells lose their lower ruling), characters set as radicals."""

    def test_every_cell(self) -> None:
        reading = read(_pdf("c04.print"))
        assert reading.report is not None
        want = expected("c04")
        assert (want["edition"], want["year"]) == (reading.edition, reading.year)
        assert _expected_cells(want) == _cells(reading.report)
        assert {n.code for n in reading.notes} == {"reading_edition", "reading_label_variant"}

    def test_radicals_read_as_characters(self) -> None:
        """⾏ (KANGXI RADICAL WALK ENCLOSURE) is 行, ⺠ (CJK RADICAL CIVILIAN) is 民."""
        text = to_text(_pdf("c04.print")).text
        assert "⾏" not in text
        assert "⺠" not in text
        assert "行政许可" in text
        assert "中华人民共和国政府信息公开条例" in text

    def test_blank_page_is_no_scan(self) -> None:
        """The printout's last page holds only the site's footer images: no scan note."""
        assert "reading_no_text_layer" not in {n.code for n in read(_pdf("c04.print")).notes}

    def test_agency(self) -> None:
        """The name wrapped in a paragraph ('…现向社会公布沭阳县发' / '展和改革局2023年度…')
        is whole again: wrapped lines are joined, so no fragment looks like a title."""
        assert read(_pdf("c04.print")).agency == "沭阳县发展和改革局"


class TestBorderless:
    """c04.html printed with every table border removed: tables that are only words."""

    def test_every_cell_or_null(self) -> None:
        """Every number under its header column, blanks blank. One row stays null: its
        group label and label are printed run together ('（六）其1.申请人无正当理由'),
        which the label reader does not recognise; nothing is placed wrong."""
        reading = read(_pdf("c04.borderless"))
        assert reading.report is not None
        want = _expected_cells(expected("c04"))
        unread = "/applications/results/other/overdue_correction/"
        for pointer in want:
            if pointer.startswith(unread):
                want[pointer] = None
        assert want == _cells(reading.report)

    def test_rows_by_header_columns(self) -> None:
        """A table 三 row with numbers under 自然人 and 总计 only: seven cells, five blank;
        table 四's fifteen numbers under the fifteen stacked titles (结/果/维/持)."""
        lines = [ln for ln in lines_of(to_text(_pdf("c04.borderless"))) if ln.explicit]
        new = next(ln for ln in lines if "一、本年新收政府信息公开申请数量" in ln.cells)
        assert new.cells[-7:] == ("26", "", "", "", "", "", "26")
        t4 = next(ln for ln in lines if len(ln.cells) == 15)
        assert t4.cells == ("0", "0", "0", "1", "1", *["0"] * 10)


class TestIdentities:
    @pytest.mark.parametrize("name", ["c01", "c02", "c03"])
    def test_printed_failures_preserved(self, name: str) -> None:
        """The PDF read and validated breaks exactly the identities its hand transcription
        breaks (c01 prints 行政复议 总计 0 beside 10 + 1): nothing fixed, nothing added."""
        want = {k: v for k, v in _corpus(name).items() if k != "fees"}
        expected_rules = {f.rule for f in ds.validate(want).findings if f.code == "sum_mismatch"}
        result = read_and_validate(_pdf(name))
        assert expected_rules == {f.rule for f in result.findings if f.code == "sum_mismatch"}

    def test_validate_command_reads_pdfs(self) -> None:
        """`validate report.pdf`: read, then validated; c01's two broken totals, exit 1."""
        out, err = io.BytesIO(), io.StringIO()
        path = str(SOURCES / "c01.pdf")
        code = main(["validate", "--format", "jsonl", path], stdout=out, stderr=err)
        record = json.loads(out.getvalue())
        broken = sorted(f["rule"] for f in record["findings"] if f["code"] == "sum_mismatch")
        assert code == 1
        assert broken == ["t4.total.administrative_review", "t4.total.lawsuit_after_review"]


def test_cli_damaged_pdf(tmp_path: Any) -> None:
    """`read broken.pdf`: the reason on stderr, nothing on stdout, exit 2."""
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.4 broken")
    out, err = io.BytesIO(), io.StringIO()
    assert main(["read", "--lang", "en", str(path)], stdout=out, stderr=err) == 2
    assert out.getvalue() == b""
    assert "damaged or encrypted" in err.getvalue()
