"""PDF files to rows of cells, from the positions of their words (pdfplumber).

Why pdfplumber (on pdfminer.six): it gives each word's box and the page's ruling
lines, which are what a table is made of; it is pure Python (installs wherever
Python does), well kept, and reads a report page in 90-160 ms on the shared build
machine (bench/read.py), inside the 300 ms budget. pypdfium2 is faster (its C
parser) but gives characters only: words, ruling lines and the table grid would all
be ours to rebuild.

A table is found from its ruling lines (the cell borders the agencies' Word
templates draw); each word goes into the cell that holds its centre, so a label
wrapped over three lines is one cell and a number is in the column it is printed
under, whatever the printed order of the text. Spanned cells are treated as the
HTML reader treats them: a label is repeated over its span, a number is not.
Text outside ruled tables becomes one line per printed line, split into cells at
wide gaps, as the plain-text reader expects of PDF text; where such lines are a
table without rulings, their numbers are placed under the header's columns
(:mod:`.columns`). A paragraph wrapped over printed lines is one line. A page
without a text layer (a scan) gets a note: nothing is recognised from images.
"""

from __future__ import annotations

import itertools
import logging
import re
import unicodedata
from collections.abc import Sequence
from decimal import Decimal
from io import BytesIO
from typing import Any, Final

from ..findings import finding
from .columns import Words, by_columns
from .grid import Bound, by_header
from .kinds import Unreadable, require
from .labels import number
from .source import Text, aligned_cells, is_footer

__all__ = ["pdf_text"]

#: A report has about ten pages; a longer PDF is a compilation, read up to here.
MAX_PAGES: Final = 200
_CJK: Final = re.compile(r"[\u3000-\u9fff\uff00-\uffef]")
#: PDF fonts often map a character to its radical or compatibility form: ⼀ (U+2F00,
#: KANGXI RADICAL ONE) for 一, ⾏ for 行. Those read as the ideographs they stand for.
#: Unicode maps the Kangxi radicals and compatibility ideographs to them (NFKC), not
#: the supplement's radicals that are whole simplified characters: those are listed.
_RADICALS: Final = {
    **{
        code: unicodedata.normalize("NFKC", chr(code))
        for block in (range(0x2E80, 0x2FE0), range(0xF900, 0xFB00))
        for code in block
        if unicodedata.normalize("NFKC", chr(code)) != chr(code)
    },
    **{ord(radical): character for radical, character in zip(
        "⺠⻚⻅⻓⻔⻢⻛⻜⻋⻉⻄⻘⻩⻥⻦⻬⻮⻰", "民页见长门马风飞车贝西青黄鱼鸟齐齿龙", strict=True
    )},
}  # fmt: skip

Box = tuple[float, float, float, float]  # x0, top, x1, bottom
Row = tuple[tuple[str, ...], bool, str]


def _centre(word: dict[str, Any]) -> tuple[float, float]:
    return (word["x0"] + word["x1"]) / 2, (word["top"] + word["bottom"]) / 2


def _inside(box: Box, x: float, y: float) -> bool:
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


def _join(parts: Sequence[str]) -> str:
    """Words of one printed line or cell: no space inside Chinese text, one elsewhere."""
    out = ""
    for part in parts:
        if out and not (_CJK.match(out[-1]) or _CJK.match(part[0])):
            out += " "
        out += part
    return out


def _lines(words: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Words grouped into printed lines: a word belongs to a line whose vertical centre
    lies within half its height (numbers and labels of one row are set in different
    fonts, so their tops differ but their centres agree)."""
    lines: list[tuple[float, list[dict[str, Any]]]] = []
    for word in sorted(words, key=lambda w: (_centre(w)[1], w["x0"])):
        y = _centre(word)[1]
        half = (word["bottom"] - word["top"]) / 2
        if lines and abs(lines[-1][0] - y) <= half:
            lines[-1][1].append(word)
        else:
            lines.append((y, [word]))
    return [sorted(ws, key=lambda w: w["x0"]) for _, ws in lines]


def _paragraphs(lines: list[Words]) -> list[Words]:
    """Printed lines with a paragraph's wrapped lines joined: a line that runs to the right
    margin continues on the next when that one starts at the left margin (a paragraph's
    first line is indented, a heading is short or numbered and indented). One line of
    text per paragraph, as a web page gives it: a name or a year broken by the wrap is
    whole again, and a wrapped line is not taken for a title."""
    lines = [line for line in lines if not is_footer(_line_text(line))]
    if len(lines) < 3:
        return lines  # too few lines to tell the margins by
    left = min(line[0]["x0"] for line in lines)
    right = max(line[-1]["x1"] for line in lines)
    out: list[Words] = []
    for line in lines:
        previous = out[-1] if out else None
        em = 0.0 if previous is None else previous[-1]["bottom"] - previous[-1]["top"]
        if (
            previous is not None
            and "  " not in _line_text(previous)
            and "  " not in _line_text(line)
            and previous[0]["x0"] <= left + 3 * em  # the full width, or indented once
            and previous[-1]["x1"] >= right - em
            and line[0]["x0"] <= left + 1
        ):
            out[-1] = previous + line
        else:
            out.append(line)
    return out


def _cell_text(words: list[dict[str, Any]]) -> str:
    return "".join(_join([w["text"] for w in line]) for line in _lines(words))


def _line_text(words: list[dict[str, Any]]) -> str:
    """A printed line with its wide gaps (more than one character) kept as two spaces,
    the column breaks the plain-text reader splits at."""
    out = ""
    previous: dict[str, Any] | None = None
    for word in words:
        if previous is not None:
            gap = word["x0"] - previous["x1"]
            height = word["bottom"] - word["top"]
            if gap > height:
                out += "  "
            elif not (_CJK.match(out[-1]) or _CJK.match(word["text"][0])):
                out += " "
        out += word["text"]
        previous = word
    return out


def _area(box: Box) -> float:
    return (box[2] - box[0]) * (box[3] - box[1])


def _holder(cells: list[Box], x: float, y: float) -> Box | None:
    """The smallest cell holding a point: where rulings do not all meet, pdfplumber also
    reports the larger rectangles they enclose."""
    holding = [c for c in cells if _inside(c, x, y)]
    return min(holding, key=_area) if holding else None


def _contains(outer: Box, inner: Box) -> bool:
    return (
        outer != inner
        and outer[0] <= inner[0] + 0.5
        and outer[1] <= inner[1] + 0.5
        and outer[2] >= inner[2] - 0.5
        and outer[3] >= inner[3] - 0.5
    )


def _slot(edges: list[float], value: float) -> int | None:
    for index, (a, b) in enumerate(itertools.pairwise(edges)):
        if a <= value <= b:
            return index
    return None


def _table_rows(table: Any, words: list[dict[str, Any]], where: str) -> list[Row]:
    """The table's grid with each word in the cell that holds its centre."""
    found: list[Box] = [tuple(c) for c in table.cells]
    # A rectangle around other cells is no cell: where a ruling is missing (a cell cut
    # by the page's end) pdfplumber also reports the frame around the rest.
    cells = [c for c in found if not any(_contains(c, other) for other in found)]
    if not cells:
        return []
    # The grid: pdfplumber's rows and columns start at the distinct left and top edges of
    # the cells (the bboxes of its Row/Column objects are unions that spanned cells widen).
    left, _, right, bottom = table.bbox
    xs = [*sorted({c[0] for c in cells}), right]
    ys = [*sorted({c[1] for c in cells}), bottom]
    texts: dict[Box, list[dict[str, Any]]] = {c: [] for c in cells}
    for word in words:
        x, y = _centre(word)
        holder = _holder(cells, x, y)
        if holder is None:
            # In no closed cell (one whose lower ruling is on the next page): the grid
            # slot it is printed in.
            column, row = _slot(xs, x), _slot(ys, y)
            if column is None or row is None:
                continue
            holder = (xs[column], ys[row], xs[column + 1], ys[row + 1])
            if holder not in texts:
                cells.append(holder)
                texts[holder] = []
        texts[holder].append(word)
    middles = [(a + b) / 2 for a, b in itertools.pairwise(xs)]
    grid: list[tuple[list[str], list[Bound], bool, int]] = []  # cells, bounds, explicit, row
    frame: list[tuple[Words, int]] = []  # printed lines of full-width cells, with their row

    def flush() -> None:
        # Text in full-width cells (one per printed line, in Word's frames): one line per
        # paragraph, as outside tables.
        starts = {id(line[0]): row for line, row in frame if line}
        for line in _paragraphs([line for line, _ in frame if line]):
            grid.append(([_line_text(line)], [(0, 1)], False, starts[id(line[0])]))
        frame.clear()

    for row_no, (y0, y1) in enumerate(itertools.pairwise(ys), 1):
        holders = [_holder(cells, x, (y0 + y1) / 2) for x in middles]
        first = holders[0]
        across = first is not None and first[0] <= left + 1 and first[2] >= right - 1
        if first is not None and across and all(h == first for h in holders):
            frame.extend((line, row_no) for line in _lines(texts[first]))
            continue
        flush()
        values: list[str] = []
        bounds: list[Bound] = []
        for column, holder in enumerate(holders):
            text = _cell_text(texts[holder]) if holder is not None else ""
            if column and holder is not None and holder == holders[column - 1]:
                bounds[-1] = (bounds[-1][0], bounds[-1][1] + 1)
                # A slot covered by a spanned cell: the label again, never the number.
                text = "" if isinstance(number(text), Decimal) else text
            else:
                bounds.append((column, 1))
            values.append(text)
        grid.append((values, bounds, True, row_no))
    flush()
    regridded = by_header([g[0] for g in grid], [g[1] for g in grid])
    out: list[Row] = [
        (tuple(values), explicit, f"{where}, row {row_no}")
        for (_, _, explicit, row_no), values in zip(grid, regridded, strict=True)
        if any(v.strip() for v in values)
    ]
    return _fill_label_columns(out)


def _fill_label_columns(rows: list[Row]) -> list[Row]:
    """An empty cell among the label columns (left of every number) right of a label is
    that label's cell split by a stray ruling: it gets the label, as a span would. Cells
    in the number columns are never filled: there an empty cell is a blank."""
    numeric = [
        next((i for i, c in enumerate(cells) if isinstance(number(c), Decimal)), len(cells))
        for cells, explicit, _ in rows
        if explicit
    ]
    first = min(numeric, default=0)
    out: list[Row] = []
    for cells, explicit, where in rows:
        filled = list(cells)
        if explicit:
            for i in range(1, min(first, len(filled))):
                if not filled[i].strip() and filled[i - 1].strip():
                    filled[i] = filled[i - 1]
        out.append((tuple(filled), explicit, where))
    return out


def pdf_text(data: bytes) -> Text:
    """The PDF's rows (tables as explicit cells, other text as lines) in reading order."""
    pdfplumber = require("pdfplumber", " PDF ", "PDFs")
    # pdfminer logs every font it finds odd; the reader's notes say what matters.
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    lines: list[tuple[Row, Words | None]] = []
    width = 0.0
    notes = []
    blank: list[int] = []
    title = ""
    try:
        with pdfplumber.open(BytesIO(data)) as pdf:
            meta_title = pdf.metadata.get("Title")
            if isinstance(meta_title, str) and "政府信息公开" in meta_title:
                title = meta_title
            pages = pdf.pages
            if len(pages) > MAX_PAGES:
                notes.append(finding(
                    "reading_truncated",
                    f"PDF 有 {len(pages)} 页，只读取前 {MAX_PAGES} 页",
                    f"the PDF has {len(pages)} pages; only the first {MAX_PAGES} are read",
                ))  # fmt: skip
            for page_no, page in enumerate(pages[:MAX_PAGES], 1):
                lines.extend(_page_rows(page, page_no, blank))
                width = max(width, float(page.width))
                page.close()  # pdfplumber caches every page's objects otherwise
    except Unreadable:
        raise
    except Exception as error:  # pdfminer raises many kinds on damaged or encrypted files
        raise Unreadable(
            finding(
                "unreadable_file",
                f"PDF 文件无法打开（{type(error).__name__}），可能已损坏或加密",
                f"the PDF cannot be opened ({type(error).__name__}): damaged or encrypted",
            )
        ) from None
    if blank:
        pages_zh = "、".join(map(str, blank[:20]))
        pages_en = ", ".join(map(str, blank[:20]))
        notes.append(finding(
            "reading_no_text_layer",
            f"PDF 第 {pages_zh} 页没有文字层（扫描件？），不做文字识别，这些页的内容未读取",
            f"page {pages_en} of the PDF has no text layer (a scan?); no OCR is done, so "
            "nothing on it is read",
        ))  # fmt: skip
    rows = by_columns(lines, width, lambda words: aligned_cells(_line_text(words)))
    visible = "\n".join(" | ".join(cells) for cells, _, _ in rows)
    return Text(visible, "pdf", title, tuple(rows), notes=tuple(notes))


def _page_rows(page: Any, page_no: int, blank: list[int]) -> list[tuple[Row, Words | None]]:
    """The page's rows in reading order, each line of text with its words (for
    columns.by_columns); the rows of ruled tables without."""
    words = page.extract_words(keep_blank_chars=False, use_text_flow=False)
    if not words:
        # A scan: no text and an image over most of the page (not a logo, not nothing).
        area = page.width * page.height
        if any((i["x1"] - i["x0"]) * (i["bottom"] - i["top"]) > area / 2 for i in page.images):
            blank.append(page_no)
        return []
    for word in words:
        word["text"] = word["text"].translate(_RADICALS)
    # Only tables of two columns or more: Word draws single-column frames around text.
    tables = [t for t in page.find_tables() if len(t.columns) >= 2]
    placed: list[tuple[float, list[tuple[Row, Words | None]]]] = []
    rest = []
    in_table: list[list[dict[str, Any]]] = [[] for _ in tables]
    for word in words:
        x, y = _centre(word)
        for index, table in enumerate(tables):
            if _inside(table.bbox, x, y):
                in_table[index].append(word)
                break
        else:
            rest.append(word)
    for index, table in enumerate(tables):
        where = f"PDF page {page_no}, table {index + 1}"
        rows = _table_rows(table, in_table[index], where)
        placed.append((table.bbox[1], [(row, None) for row in rows]))
    for line in _paragraphs(_lines(rest)):
        text = _line_text(line)
        if is_footer(text):
            continue
        where = f"PDF page {page_no}, line at {line[0]['top']:.0f}pt"
        placed.append((line[0]["top"], [((aligned_cells(text), False, where), line)]))
    placed.sort(key=lambda item: item[0])
    return [row for _, group in placed for row in group]
