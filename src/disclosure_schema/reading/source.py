"""A published report's bytes to text, and its text to lines of cells.

Three shapes come out the same way, as :class:`Line` objects: HTML table rows
(cells explicit, spans expanded), pipe-separated rows (cells explicit), and
everything else (one cell per line, cells ending in " |", space-aligned text
from PDF converters), whose cells are split off by the spacing.
"""

from __future__ import annotations

import codecs
import re
from typing import Final

import attrs

from .glued import glued_lines
from .html import html_lines, is_html
from .labels import match_row, number

__all__ = ["Line", "Text", "lines_of", "to_text"]


@attrs.frozen
class Line:
    """One line of the source, split into cells."""

    cells: tuple[str, ...]
    #: cell positions are given by the source (HTML cells, pipes): an empty cell is a blank
    explicit: bool
    where: str  # "line 31" or "HTML table 3, row 5"
    gap: int = 0  # blank lines before it (one-cell-per-line layouts encode blanks this way)
    #: run-together text: each cell is a token that may hold several table cells
    glued: bool = False
    #: cells stand at their grid positions (HTML): a short row lacks its last cells
    grid: bool = False


@attrs.frozen
class Text:
    text: str  # the visible text (for HTML: paragraphs, and rows with cells joined by " | ")
    encoding: str
    title: str  # the HTML <title>, if any
    html_rows: tuple[tuple[tuple[str, ...], bool, str], ...] | None = (
        None  # (cells, explicit, where)
    )


_CHARSET: Final = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([a-zA-Z0-9_-]+)""", re.I)


def to_text(source: bytes | str) -> Text:
    """Decode: a BOM, then the page's declared charset, then UTF-8, then GB18030."""
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
            continue
        # A label and its numbers with single spaces: "四、结转下年度继续办理 0 0 0 0 0 0 0".
        tail = len(words)
        while tail > 1 and words[tail - 1] and number(words[tail - 1]) is not None:
            tail -= 1
        if 0 < tail < len(words) and number(words[tail - 1]) is None:
            out.extend(_label_words(words[:tail]))
            out.extend(words[tail:])
        elif piece:
            out.append(piece)
    return tuple(out)


def _label_words(words: list[str]) -> list[str]:
    """The text before a row's numbers: a group label and the row's label with a space
    between ("三、本年度办理结果 (一)予以公开") are two cells; a label with a stray
    space stays one."""
    whole = match_row(" ".join(words), None)
    if whole is not None and whole.key is not None:
        return [" ".join(words)]
    for start in range(len(words) - 1, 0, -1):
        found = match_row(" ".join(words[start:]), None)
        if found is not None and found.key is not None:
            return [" ".join(words[:start]), " ".join(words[start:])]
    return [" ".join(words)]


def _pipes(line: str) -> list[str]:
    cells = [c.strip() for c in line.split("|")]
    if cells and cells[-1] == "" and line.rstrip().endswith("|"):
        cells.pop()  # the line's closing pipe
    return cells


def lines_of(text: Text) -> list[Line]:
    """The lines of a source, as cells."""
    if text.html_rows is not None:
        return [
            Line(cells, explicit, where, grid=True) for cells, explicit, where in text.html_rows
        ]
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
        if not pipe_rows and (pieces := glued_lines(raw)) is not None:
            for piece in pieces:
                at = f"{where}, character {piece.start + 1}"
                if piece.tokens:
                    out.append(Line(piece.tokens, False, at, gap, glued=True))
                else:
                    out.append(Line((piece.text.strip(),), False, at, gap))
                gap = 0
        elif "|" in raw:
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
