"""Inputs the reader does not take, and the optional parsers of the read extra."""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile

import pytest

from disclosure_schema.cli import main
from disclosure_schema.reading import read

from .conftest import SOURCES, source


def _zip(name: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(name, "x")
    return buffer.getvalue()


PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 40
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 40


class TestUnsupported:
    @pytest.mark.parametrize(
        ("data", "what"),
        [
            (b'{"edition": "2021", "year": 2023}', "JSON"),
            (b"\xef\xbb\xbf[1, 2]", "JSON"),
            ('{"year": 2023}', "JSON"),
            (PNG, "PNG image"),
            (OLE, "old Office file"),
            (b"PK\x03\x04" + b"\x00" * 30, "broken zip"),
            (_zip("xl/workbook.xml"), "Excel workbook"),
            (_zip("content.xml"), "OpenDocument"),
            (_zip("readme.txt"), "archive"),
            ("hello\x00world".encode("utf-16-le"), "binary data"),
        ],
    )
    def test_named(self, data: bytes | str, what: str) -> None:
        """No report, and one note naming what it is and every kind the reader takes."""
        reading = read(data)
        assert reading.report is None
        (note,) = reading.notes
        assert note.code == "reading_unsupported_input"
        assert what in note.message_en
        for kind in (".html", ".txt", ".pdf", ".docx"):
            assert kind in note.message_en
            assert kind in note.message_zh

    def test_text_that_only_starts_like_json(self) -> None:
        """A text page starting with a brace is still text."""
        reading = read("{目录}\n" + source("c04").decode("utf-8"))
        assert reading.report is not None

    def test_cli_read_json_report(self, tmp_path: pytest.TempPathFactory) -> None:
        """`read report.json` exits 2 with the kinds it takes; it writes no report."""
        path = f"{tmp_path}/report.json"
        with open(path, "wb") as handle:
            handle.write(b'{"edition": "2021", "year": 2023, "agency": {"name": "x"}}')
        out, err = io.BytesIO(), io.StringIO()
        assert main(["read", "--lang", "en", path], stdout=out, stderr=err) == 2
        assert out.getvalue() == b""
        assert "JSON" in err.getvalue()
        assert "a PDF (.pdf)" in err.getvalue()
        assert "validate" in err.getvalue()


class TestExtra:
    def test_model_alone_loads_no_parser(self) -> None:
        """A reporting tool that imports the library does not load page, PDF or Word
        parsers."""
        code = (
            "import sys, disclosure_schema as ds\n"
            "ds.validate({})\n"
            "loaded = sorted(m for m in ('lxml', 'pdfplumber', 'pdfminer', 'docx') "
            "if m in sys.modules)\n"
            "print(loaded)\n"
        )
        result = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )
        assert result.stdout.strip() == "[]"

    @pytest.mark.parametrize(
        ("module", "name"),
        [("lxml.etree", "c04.html"), ("pdfplumber", "c01.pdf")],
    )
    def test_missing_parser_names_the_extra(
        self, monkeypatch: pytest.MonkeyPatch, module: str, name: str
    ) -> None:
        """Without the parser installed (simulated): a note naming the extra, no
        traceback; the command line says the same and exits 2."""
        monkeypatch.setitem(sys.modules, module, None)  # import now raises ImportError
        data = (SOURCES / name).read_bytes()
        (note,) = read(data).notes
        assert note.code == "missing_extra"
        assert "pip install 'disclosure-schema[read]'" in note.message_en
        assert "disclosure-schema[read]" in note.message_zh
        out, err = io.BytesIO(), io.StringIO()
        assert main(["read", str(SOURCES / name)], stdout=out, stderr=err) == 2
        assert "disclosure-schema[read]" in err.getvalue()

    def test_plain_text_needs_no_parser(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Plain text is read without any optional parser."""
        for module in ("lxml", "lxml.etree", "pdfplumber"):
            monkeypatch.setitem(sys.modules, module, None)
        assert read(source("c01")).report is not None
