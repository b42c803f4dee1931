"""What kind of file the reader was handed, before reading it as a page.

The reader takes HTML pages and their text (plain text, text converted from PDF).
Other kinds get a clear answer naming the kinds it takes, never an all-null report
read from bytes that are no page at all.
"""

from __future__ import annotations

from typing import Final

import orjson

__all__ = ["TAKES_EN", "TAKES_ZH", "unsupported_kind"]

TAKES_EN: Final = "the reader takes HTML pages and text (.html, .htm, .txt)"
TAKES_ZH: Final = "只能读取网页（HTML）和文本（.html、.htm、.txt）"

# (leading bytes, the kind in English, in Chinese)
_MAGIC: Final = (
    (b"%PDF-", "a PDF file", "PDF 文件"),
    (
        b"PK\x03\x04",
        "a zip archive (a Word .docx or another office file)",
        "压缩包（Word .docx 等办公文件）",
    ),
    (b"\xd0\xcf\x11\xe0", "an old-style office file (.doc, .xls)", "旧式办公文件（.doc、.xls）"),
    (b"\x89PNG", "a PNG image", "PNG 图片"),
    (b"\xff\xd8\xff", "a JPEG image", "JPEG 图片"),
)


def unsupported_kind(source: bytes | str) -> tuple[str, str] | None:
    """(English, Chinese) names of the kind of file when it is not one the reader takes."""
    head = source[:8] if isinstance(source, bytes) else source[:8].encode("utf-8", "replace")
    for magic, en, zh in _MAGIC:
        if head.startswith(magic):
            return en, zh
    text = source if isinstance(source, str) else None
    start = source.lstrip()[:1]
    if start in (b"{", b"[", "{", "["):
        try:
            orjson.loads(source)
        except orjson.JSONDecodeError:
            return None
        return (
            "JSON (a report already in the model? validate it instead)",
            "JSON（已是报告的数据？请用 validate 检查）",
        )
    sample = source[:4096]
    if isinstance(sample, bytes) and text is None and sample.count(b"\x00") > 8:
        return "a binary file", "二进制文件"
    return None
