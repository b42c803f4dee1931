"""Which kinds of file the reader takes, told from their bytes, and the optional parsers.

The parsers of pages, PDFs and Word files (lxml, pdfplumber) are the ``read`` extra
(``pip install 'disclosure-schema[read]'``): a reporting tool that only builds and
validates reports never loads them. Reading plain text needs none of them.
"""

from __future__ import annotations

import importlib
import zipfile
from io import BytesIO
from types import ModuleType
from typing import Final, Literal, TypeAlias

import orjson

from ..findings import Finding, finding

__all__ = ["EXTRA", "KINDS_EN", "KINDS_ZH", "Kind", "Unreadable", "kind_of", "require"]

Kind: TypeAlias = Literal["text", "pdf", "docx"]  # "text" covers HTML, which is text too

#: What the reader takes, for messages.
KINDS_ZH: Final = "网页（.html/.htm）、文本（.txt）、PDF（.pdf）或 Word 文档（.docx）"
KINDS_EN: Final = "a web page (.html/.htm), text (.txt), a PDF (.pdf) or a Word file (.docx)"
EXTRA: Final = "disclosure-schema[read]"


class Unreadable(Exception):
    """The source cannot be read at all; ``note`` says why (never a traceback)."""

    def __init__(self, note: Finding) -> None:
        super().__init__(note.message_en)
        self.note = note


def require(module: str, what_zh: str, what_en: str) -> ModuleType:
    """Import an optional parser, or raise :class:`Unreadable` naming the extra."""
    try:
        return importlib.import_module(module)
    except ImportError:
        raise Unreadable(
            finding(
                "missing_extra",
                f"读取{what_zh}需要可选依赖 {module}：请安装 pip install '{EXTRA}'",
                f"reading {what_en} needs the optional dependency {module}: pip install '{EXTRA}'",
            )
        ) from None


def _unsupported(what_zh: str, what_en: str) -> Unreadable:
    return Unreadable(
        finding(
            "reading_unsupported_input",
            f"这是{what_zh}，阅读器不读取此类文件；它读取{KINDS_ZH}",
            f"this is {what_en}, which the reader does not take; it takes {KINDS_EN}",
        )
    )


_MAGIC: Final = (
    (b"\x89PNG", "PNG 图片", "a PNG image"),
    (b"\xff\xd8\xff", "JPEG 图片", "a JPEG image"),
    (b"GIF8", "GIF 图片", "a GIF image"),
    (b"II*\x00", "TIFF 图片", "a TIFF image"),
    (b"MM\x00*", "TIFF 图片", "a TIFF image"),
    (b"\xd0\xcf\x11\xe0", "旧版 Office 文件（.doc/.xls）", "an old Office file (.doc/.xls)"),
    (b"Rar!", "压缩包", "an archive"),
    (b"\x1f\x8b", "压缩包", "an archive"),
    (b"7z\xbc\xaf", "压缩包", "an archive"),
    (b"{\\rtf", "RTF 文档", "an RTF document"),
)


def _is_json(data: bytes) -> bool:
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    if head not in (b"{", b"["):
        return False
    try:
        orjson.loads(data.removeprefix(b"\xef\xbb\xbf"))
    except orjson.JSONDecodeError:
        return False
    return True


def kind_of(source: bytes | str) -> Kind:
    """The kind of a source, from its bytes (never its name, so standard input works too).

    Raises :class:`Unreadable` for anything else: a JSON report (that is ``validate``'s
    input), images, archives, old Office files, other binary data.
    """
    if isinstance(source, str):
        if _is_json(source.encode("utf-8", "replace")):
            raise _unsupported("JSON（请用 validate 校验 JSON 报告）", "JSON (validate takes it)")
        return "text"
    if source.lstrip()[:5] == b"%PDF-" or source[:1024].find(b"%PDF-") >= 0:
        return "pdf"
    if source[:4] == b"PK\x03\x04":
        try:
            with zipfile.ZipFile(BytesIO(source)) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, OSError, ValueError):
            raise _unsupported("损坏的压缩文件", "a broken zip file") from None
        if "word/document.xml" in names:
            return "docx"
        if any(n.startswith("xl/") for n in names):
            raise _unsupported("Excel 表格（.xlsx）", "an Excel workbook (.xlsx)")
        if "content.xml" in names:
            raise _unsupported("OpenDocument 文件（.odt）", "an OpenDocument file (.odt)")
        raise _unsupported("压缩包", "an archive")
    for magic, zh, en in _MAGIC:
        if source.startswith(magic):
            raise _unsupported(zh, en)
    if _is_json(source):
        raise _unsupported("JSON（请用 validate 校验 JSON 报告）", "JSON (validate takes it)")
    if b"\x00" in source[:8192]:
        raise _unsupported("二进制数据（或 UTF-16 文本）", "binary data (or UTF-16 text)")
    return "text"
