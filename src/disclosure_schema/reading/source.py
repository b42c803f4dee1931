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
from .glued import Piece, glued_lines
from .html import html_lines, is_html
from .kinds import kind_of
from .labels import BLANK, match_row, number

__all__ = ["Line", "Text", "aligned_cells", "is_footer", "lines_of", "to_text"]


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
    #: (cells, explicit, where): the rows of a structured source (HTML, PDF, Word)
    html_rows: tuple[tuple[tuple[str, ...], bool, str], ...] | None = None
    #: a <meta charset> that names no text encoding (punycode, unicode_escape): ignored
    ignored_charset: str | None = None
    #: what was cut from the page's tables (see grid.Budget), for a note
    cut_cells: int = 0
    notes: tuple[Finding, ...] = ()  # what the source's kind says (a PDF without text)


_CHARSET: Final = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([a-zA-Z0-9_.:-]+)""", re.I)

# The text encodings a page may declare: the WHATWG Encoding Standard's, by their
# labels, with the Python codec that decodes each. A page's charset is only ever looked
# up here: Python's codec registry also holds codecs that are no text encoding
# (punycode and idna raise, unicode_escape makes lone surrogates out of "\ud800").
_ENCODINGS: Final = {
    "utf-8": ("utf-8", "unicode-1-1-utf-8", "unicode11utf8", "unicode20utf8", "utf8",
              "x-unicode20utf8"),
    "gb18030": ("gb18030", "chinese", "csgb2312", "csiso58gb231280", "gb2312", "gb_2312",
                "gb_2312-80", "gbk", "iso-ir-58", "x-gbk"),
    "big5hkscs": ("big5", "big5-hkscs", "cn-big5", "csbig5", "x-x-big5"),
    "cp1252": ("windows-1252", "ansi_x3.4-1968", "ascii", "cp1252", "cp819", "csisolatin1",
               "ibm819", "iso-8859-1", "iso-ir-100", "iso8859-1", "iso88591", "iso_8859-1",
               "iso_8859-1:1987", "l1", "latin1", "us-ascii", "x-cp1252"),
    "cp866": ("ibm866", "866", "cp866", "csibm866"),
    "koi8_r": ("koi8-r", "cskoi8r", "koi", "koi8", "koi8_r"),
    "koi8_u": ("koi8-u", "koi8-ru"),
    "mac_roman": ("macintosh", "csmacintosh", "mac", "x-mac-roman"),
    "mac_cyrillic": ("x-mac-cyrillic", "x-mac-ukrainian"),
    "cp874": ("windows-874", "dos-874", "iso-8859-11", "iso8859-11", "iso885911", "tis-620"),
    "euc_jp": ("euc-jp", "cseucpkdfmtjapanese", "x-euc-jp"),
    "iso2022_jp": ("iso-2022-jp", "csiso2022jp"),
    "cp932": ("shift_jis", "csshiftjis", "ms932", "ms_kanji", "shift-jis", "sjis",
              "windows-31j", "x-sjis"),
    "cp949": ("euc-kr", "cseuckr", "csksc56011987", "iso-ir-149", "korean", "ks_c_5601-1987",
              "ks_c_5601-1989", "ksc5601", "ksc_5601", "windows-949"),
    # A page whose <meta> can be read as ASCII is not UTF-16: HTML takes these as UTF-8.
    "utf-8 ": ("utf-16be", "unicodefffe", "utf-16le", "csunicode", "iso-10646-ucs-2", "ucs-2",
               "unicode", "unicodefeff", "utf-16"),
    **{f"cp{n}": (f"windows-{n}", f"cp{n}", f"x-cp{n}") for n in range(1250, 1259) if n != 1252},
    **{f"iso8859_{n}": (f"iso-8859-{n}", f"iso8859-{n}", f"iso8859{n}", f"iso_8859-{n}")
       for n in (2, 3, 4, 5, 6, 7, 8, 10, 13, 14, 15, 16)},
}  # fmt: skip
_LABELS: Final = {label: codec.strip() for codec, labels in _ENCODINGS.items() for label in labels}


def _declared(data: bytes) -> tuple[str | None, str | None]:
    """The codec a page's <meta charset> names, and the label when it names none."""
    found = _CHARSET.search(data[:4096])
    if found is None:
        return None, None
    label = found.group(1).decode("ascii").lower()
    codec = _LABELS.get(label)
    return (codec, None) if codec else (None, label)


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
    ignored = None
    if isinstance(source, str):
        text, encoding = source.removeprefix("\ufeff"), "str"
    else:
        data = source
        encoding = ""
        if data.startswith(codecs.BOM_UTF8):
            data, encoding = data[3:], "utf-8 (BOM)"
        declared, ignored = _declared(data)
        candidates = ["utf-8", "gb18030"]
        if declared and not encoding:
            candidates.insert(0, declared)
        text = ""
        for candidate in candidates:
            try:
                text = data.decode(candidate)
            except (UnicodeError, LookupError):
                continue
            encoding = encoding or candidate
            break
        else:
            text, encoding = data.decode("utf-8", "replace"), "utf-8 (invalid bytes replaced)"
    if is_html(text):
        rows, title, cut = html_lines(text)
        visible = "\n".join(" | ".join(cells) for cells, _, _ in rows)
        return Text(visible, encoding, title, tuple(rows), ignored, cut)
    return Text(text, encoding, "", None, ignored)


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


def aligned_cells(line: str) -> tuple[str, ...]:
    """Cells of a line of space-aligned text (the PDF reader's lines outside tables)."""
    return _aligned(line)


def is_footer(line: str) -> bool:
    """A page footer of PDF text: "-3-", "第 3 页"."""
    return _FOOTER.match(line) is not None


def _label_words(words: list[str]) -> list[str]:
    """The text before a row's numbers: a group label and the row's label with a space
    between ("三、本年度办理结果 (一)予以公开") are two cells; a label with a stray
    space stays one."""
    if len(words) > 6 or sum(map(len, words)) > 120:
        return [" ".join(words)]  # a sentence, not labels
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
    if len(cells) > 1 and cells[0] == "" and line.lstrip().startswith("|"):
        cells.pop(0)  # the line's opening pipe
    return cells


_T4_CELLS: Final = 15


def _positional(raw: str) -> tuple[str, ...] | None:
    """Table 四's fifteen cells in one row whose blank cells are printed as runs of
    separators ("0 | | | 1 | …", "0\t\t\t1\t…"): the separators give each cell's
    position. Only a row with exactly fifteen fields up to its last number: empty
    fields after it may be padding, and an empty field before the first is indentation,
    so a row that needs either stays unplaced."""
    if "|" in raw:
        fields = _pipes(raw)
    elif "\t" in raw:
        fields = [f.strip() for f in raw.strip().split("\t")]
    else:
        return None
    while fields and not fields[-1]:
        fields.pop()
    if len(fields) != _T4_CELLS or all(fields):
        return None
    values = [number(f) for f in fields if f]
    if any(v is None for v in values) or all(v is BLANK for v in values):
        return None
    return tuple(fields)


def _glued(pieces: list[Piece], where: str, gap: int) -> list[Line]:
    """The lines of run-together text: each piece of text one cell, each run of
    numbers a line of tokens."""
    out = []
    for piece in pieces:
        at = f"{where}, character {piece.start + 1}"
        if piece.tokens:
            out.append(Line(piece.tokens, False, at, gap, glued=True))
        else:
            out.append(Line((piece.text.strip(),), False, at, gap))
        gap = 0
    return out


def lines_of(text: Text) -> list[Line]:
    """The lines of a source, as cells."""
    if text.html_rows is not None:
        html: list[Line] = []
        for found, explicit, where in text.html_rows:
            # A paragraph holding a whole table's text (a page whose table markup was lost)
            pieces = None if explicit or len(found) != 1 else glued_lines(found[0])
            if pieces is None:
                html.append(Line(found, explicit, where, grid=True))
            else:
                html += _glued(pieces, where, 0)
        return html
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
        if (fields := _positional(raw)) is not None:
            out.append(Line(fields, True, where, gap))
        elif not pipe_rows and (pieces := glued_lines(raw)) is not None:
            out += _glued(pieces, where, gap)
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
