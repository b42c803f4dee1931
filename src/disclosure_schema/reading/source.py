"""A published report's bytes to text, and its text to lines of cells.

Five shapes come out the same way, as :class:`Line` objects: HTML table rows
(cells explicit, spans expanded), PDF tables (cells from the words' positions,
see :mod:`.pdf`), Word tables (see :mod:`.docx`), pipe-separated rows (cells explicit), and
everything else (one cell per line, cells ending in " |", space-aligned text
from PDF converters), whose cells are split off by the spacing.
"""

from __future__ import annotations

import codecs
import re
from typing import Final

import attrs

from ..findings import Finding
from .html import html_lines, is_html
from .kinds import kind_of
from .labels import number

__all__ = ["Line", "Text", "aligned_cells", "is_footer", "lines_of", "to_text"]


@attrs.frozen
class Line:
    """One line of the source, split into cells."""

    cells: tuple[str, ...]
    #: cell positions are given by the source (HTML cells, pipes): an empty cell is a blank
    explicit: bool
    where: str  # "line 31" or "HTML table 3, row 5"
    gap: int = 0  # blank lines before it (one-cell-per-line layouts encode blanks this way)


@attrs.frozen
class Text:
    text: str  # the visible text (for HTML: paragraphs, and rows with cells joined by " | ")
    encoding: str
    title: str  # the HTML <title>, if any
    #: (cells, explicit, where): the rows of a structured source (HTML, PDF, Word)
    html_rows: tuple[tuple[tuple[str, ...], bool, str], ...] | None = None
    notes: tuple[Finding, ...] = ()  # what the source's kind says (a PDF without text)


_CHARSET: Final = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([a-zA-Z0-9_-]+)""", re.I)


def to_text(source: bytes | str) -> Text:
    """The source's text and rows. PDF and Word files by their parsers; text is decoded: a
    BOM, then the page's declared charset, then UTF-8, then GB18030.

    Raises :class:`~.kinds.Unreadable` for a kind the reader does not take, or whose
    parser is not installed.
    """
    kind = kind_of(source)
    if kind == "pdf":
        from .pdf import pdf_text

        return pdf_text(source if isinstance(source, bytes) else source.encode())
    if kind == "docx":
        from .docx import docx_text

        return docx_text(source if isinstance(source, bytes) else source.encode())
    if isinstance(source, str):
        text, encoding = source.removeprefix("\ufeff"), "str"
    else:
        data = source
        encoding = ""
        if data.startswith(codecs.BOM_UTF8):
            data, encoding = data[3:], "utf-8 (BOM)"
        declared = _CHARSET.search(data[:4096])
        candidates = ["utf-8", "gb18030"]
        if declared and not encoding:
            name = declared.group(1).decode("ascii").lower()
            name = "gb18030" if name in ("gb2312", "gbk", "gb18030", "x-gbk") else name
            candidates.insert(0, name)
        text = ""
        for candidate in candidates:
            try:
                text = data.decode(candidate)
            except (UnicodeDecodeError, LookupError):
                continue
            encoding = encoding or candidate
            break
        else:
            text, encoding = data.decode("utf-8", "replace"), "utf-8 (invalid bytes replaced)"
    if is_html(text):
        rows, title = html_lines(text)
        visible = "\n".join(" | ".join(cells) for cells, _, _ in rows)
        return Text(visible, encoding, title, tuple(rows))
    return Text(text, encoding, "")


# -- plain text --------------------------------------------------------------------------------

_FOOTER: Final = re.compile(
    r"^\s*(?:[-－—]\s*\d{1,3}\s*[-－—]|第\s*\d+\s*页(?:\s*共\s*\d+\s*页)?)\s*$"
)
_WIDE_GAP: Final = re.compile(r"\s{2,}|\t")


def _aligned(line: str) -> tuple[str, ...]:
    """Cells of a line of space-aligned text: split at runs of spaces, and numbers apart."""
    out: list[str] = []
    for piece in _WIDE_GAP.split(line.strip()):
        words = piece.split(" ")
        if len(words) > 1 and all(number(w) is not None for w in words if w):
            out.extend(w for w in words if w)
        elif piece:
            out.append(piece)
    return tuple(out)


def aligned_cells(line: str) -> tuple[str, ...]:
    """Cells of a line of space-aligned text (the PDF reader's lines outside tables)."""
    return _aligned(line)


def is_footer(line: str) -> bool:
    """A page footer of PDF text: "-3-", "第 3 页"."""
    return _FOOTER.match(line) is not None


def _pipes(line: str) -> list[str]:
    cells = [c.strip() for c in line.split("|")]
    if cells and cells[-1] == "" and line.rstrip().endswith("|"):
        cells.pop()  # the line's closing pipe
    return cells


def lines_of(text: Text) -> list[Line]:
    """The lines of a source, as cells."""
    if text.html_rows is not None:
        return [Line(cells, explicit, where) for cells, explicit, where in text.html_rows]
    raw_lines = text.text.splitlines()
    multi = sum(1 for ln in raw_lines if len([c for c in _pipes(ln) if c]) >= 2)
    pipe_rows = multi >= 3  # a layout of pipe-separated rows, not one cell per line
    out = []
    gap = 0
    for line_no, raw in enumerate(raw_lines, 1):
        if not raw.strip():
            gap += 1
            continue
        if _FOOTER.match(raw):
            continue  # page footers of PDF text: "-3-"
        where = f"line {line_no}"
        if "|" in raw:
            cells = _pipes(raw)
            if not any(cells):
                continue  # a run of empty padding cells: "||"
            if pipe_rows:
                out.append(Line(tuple(cells), True, where, gap))
            else:
                out.append(Line(tuple(c for c in cells if c), False, where, gap))
        else:
            out.append(Line(_aligned(raw), False, where, gap))
        gap = 0
    return out
