"""Word files: tables read from the document's own cells, merges kept as merges."""

from __future__ import annotations

import io
import random
import zipfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from disclosure_schema.limits import MAX_CELLS
from disclosure_schema.reading import docx as docx_module
from disclosure_schema.reading import read
from disclosure_schema.reading.source import lines_of, to_text

from .conftest import SOURCES, expected, source
from .test_corpus import _cells, _expected_cells

pytest.importorskip("lxml")

#: c04.html saved as Word by tests/fixtures/reading/make_docx.py (merges made by Word's
#: own model through python-docx: w:gridSpan and w:vMerge).
DOCX = SOURCES / "c04.docx"


def _rows() -> list[tuple[str, ...]]:
    return [line.cells for line in lines_of(to_text(DOCX.read_bytes())) if line.explicit]


class TestDocx:
    def test_every_cell(self) -> None:
        """Every cell and every null equals the hand transcription of c04."""
        reading = read(DOCX.read_bytes())
        want = expected("c04")
        assert reading.report is not None
        assert (want["edition"], want["year"], want["agency"]["name"]) == (
            reading.edition, reading.year, reading.agency,
        )  # fmt: skip
        assert _expected_cells(want) == _cells(reading.report)
        assert {n.code for n in reading.notes} == {"reading_edition", "reading_label_variant"}

    def test_same_rows_as_the_page(self) -> None:
        """The Word file's table rows are the saved page's, cell for cell."""
        page = [ln.cells for ln in lines_of(to_text(source("c04.html"))) if ln.explicit]
        assert page == _rows()

    def test_merges(self) -> None:
        """A vertical merge (三、本年度办理结果, w:vMerge) repeats its label down the rows;
        a horizontal one (（七）总计 over two columns, w:gridSpan) across; blank number
        cells stay blank."""
        rows = _rows()
        secret = next(r for r in rows if "1.属于国家秘密" in r)
        assert secret == (
            "三、本年度办理结果", "（三）不予公开", "1.属于国家秘密",
            "0", "", "", "", "", "", "0",
        )  # fmt: skip
        total = next(r for r in rows if "（七）总计" in r)
        assert total[:4] == ("三、本年度办理结果", "（七）总计", "（七）总计", "26")
        licensing = next(r for r in rows if r[0] == "行政许可")
        assert licensing == ("行政许可", "0")  # one number under one header cell: one cell

    def test_provenance(self) -> None:
        reading = read(DOCX.read_bytes())
        where = {p.pointer: p.where for p in reading.provenance}
        assert where["/applications/new_received/total"] == "Word table 3, row 4, cell 10"


def _zip(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


class TestBadDocx:
    @pytest.mark.parametrize(
        "files",
        [
            {"word/document.xml": b"<w:document"},  # damaged XML
            {"word/document.xml": b"<!DOCTYPE x [<!ENTITY a 'aaaa'>]><x>&a;</x>"},
            {"word/document.xml": b"<x/>"},  # no body
        ],
    )
    def test_damaged(self, files: dict[str, bytes]) -> None:
        reading = read(_zip(files))
        assert reading.report is None
        assert reading.notes

    def test_truncated(self) -> None:
        data = DOCX.read_bytes()
        reading = read(data[: len(data) // 2])
        assert reading.report is None
        assert {n.code for n in reading.notes} <= {"unreadable_file", "reading_unsupported_input"}

    def test_oversized_part_is_not_unpacked(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """The text part's declared size is checked before unpacking (a zip bomb)."""
        monkeypatch.setattr(docx_module, "MAX_XML", 1000)
        (note,) = read(DOCX.read_bytes()).notes
        assert note.code == "unreadable_file"


class TestMutatedDocx:
    @settings(max_examples=40, deadline=None)
    @given(st.randoms(use_true_random=False))
    def test_damaged_parts(self, rng: random.Random) -> None:
        """The document's XML cut, duplicated or with bytes overwritten, or the zip's own
        bytes damaged: a Reading, never an exception."""
        with zipfile.ZipFile(DOCX) as archive:
            xml = bytearray(archive.read("word/document.xml"))
        if rng.random() < 0.5:
            a, b = sorted(rng.randrange(len(xml)) for _ in range(2))
            xml = xml[:a] + xml[b:] if rng.random() < 0.5 else xml[:b] + xml[a:]
        for _ in range(rng.randint(0, 5)):
            xml[rng.randrange(len(xml))] = rng.randrange(256)
        data = bytearray(_zip({"word/document.xml": bytes(xml)}))
        if rng.random() < 0.3:
            data[rng.randrange(len(data))] = rng.randrange(256)
        reading = read(bytes(data))
        assert isinstance(reading.notes, tuple)


def _cell(text: str, merge: str | None = None) -> str:
    props = f'<w:tcPr><w:vMerge w:val="{merge}"/></w:tcPr>' if merge else ""
    return f"<w:tc>{props}<w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>"


def test_number_merged_over_rows() -> None:
    """A number merged over rows (w:vMerge) is the first row's or theirs together: not
    read; a 0 is the first row's 0; a label is repeated down."""
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    rows = [
        _cell("组", "restart") + _cell("一") + _cell("1", "restart") + _cell("0", "restart"),
        _cell("", "continue") + _cell("二") + _cell("", "continue") + _cell("", "continue"),
    ]
    body = "".join(f"<w:tr>{r}</w:tr>" for r in rows)
    xml = f"<w:document {w}><w:body><w:tbl>{body}</w:tbl></w:body></w:document>"
    text = to_text(_zip({"word/document.xml": xml.encode("utf-8")}))
    assert [line.cells for line in lines_of(text)] == [("组", "一", "", "0"), ("组", "二", "", "")]


def test_spans_past_max_cells_are_not_spread() -> None:
    """A few KB of w:gridSpan=64 cells would be millions of grid cells (13 s, 500 MB for
    a 24 KB file): past MAX_CELLS copies a cell is read once, and a note says so."""
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    cell = (
        '<w:tc><w:tcPr><w:gridSpan w:val="64"/></w:tcPr><w:p><w:r><w:t>x</w:t></w:r></w:p></w:tc>'
    )
    row = "<w:tr>" + cell * 2000 + "</w:tr>"
    xml = f"<w:document {w}><w:body><w:tbl>{row}</w:tbl></w:body></w:document>"
    text = to_text(_zip({"word/document.xml": xml.encode("utf-8")}))
    assert text.cut_cells > 0
    assert text.html_rows is not None
    assert sum(len(cells) for cells, _, _ in text.html_rows) <= 2000 + MAX_CELLS
    assert "reading_grid_cut" in {
        n.code for n in read(_zip({"word/document.xml": xml.encode()})).notes
    }
