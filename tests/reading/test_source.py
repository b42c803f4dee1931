"""Decoding a page: only the WHATWG text encodings are taken from <meta charset>."""

from __future__ import annotations

import pytest

from disclosure_schema.reading import read
from disclosure_schema.reading.source import to_text

PAGE = "<html><head><meta charset={}><title>x</title></head><body><p>{}</p></body></html>"


class TestDeclaredCharset:
    @pytest.mark.parametrize("label", ["punycode", "idna", "unicode_escape", "rot13", "zip"])
    def test_a_codec_that_is_no_text_encoding_is_ignored_with_a_note(self, label: str) -> None:
        """Python's codec registry is not the web's: punycode and idna raise on decoding,
        unicode_escape turns the text "\\ud800" into a lone surrogate."""
        data = PAGE.format(label, "\\ud800 2021年 政府信息公开").encode()
        text = to_text(data)
        assert label == text.ignored_charset
        assert "utf-8" == text.encoding
        assert "\\ud800" in text.text  # read as the bytes say, not unescaped
        reading = read(data)
        notes = [n for n in reading.notes if n.code == "reading_encoding"]
        assert 1 == len(notes)
        assert label in notes[0].message_en
        assert label in notes[0].message_zh
        assert reading.agency is None or reading.agency.encode("utf-8")

    @pytest.mark.parametrize(
        ("label", "codec", "body"),
        [("gb2312", "gb18030", "政府信息公开"), ("GBK", "gb18030", "政府信息公开"),
         ("x-gbk", "gb18030", "政府信息公开"), ("big5", "big5hkscs", "政府資訊公開"),
         ("windows-1252", "cp1252", "café"), ("latin1", "cp1252", "café"),
         ("utf8", "utf-8", "政府信息公开"), ("utf-16", "utf-8", "政府信息公开"),
         ("shift_jis", "cp932", "政府情報公開"), ("iso-8859-5", "iso8859_5", "Мир")],
    )  # fmt: skip
    def test_web_labels_name_their_encoding(self, label: str, codec: str, body: str) -> None:
        """A web label names its encoding (utf-16 in an ASCII-readable <meta> is UTF-8,
        as browsers take it)."""
        data = PAGE.format(label, body).encode(codec)
        text = to_text(data)
        assert text.ignored_charset is None
        assert codec == text.encoding
        assert body in text.text
