"""Tables without ruling lines in PDFs: numbers placed under the header's columns.

A borderless table is only words on lines. Its header (the lines of column
titles above the first row of numbers) gives the columns: a title with nothing
printed under it inside its width is a column (a leaf), one with titles under it
groups them (申请人情况 over 自然人 … 总计; 法人或其他组织 over five), and
titles stacked on several lines (商业 / 企业, 结 / 果 / 维 / 持) are one column.
Each number of a row then goes to the column whose width holds its centre.

A row becomes explicit cells (its labels, then one cell per column, blank where
nothing is printed) only when that is determined: every number under exactly
one column right of the row's labels, no two under one column. Otherwise the
line is left as it was, for the plain-text reader, which leaves an ambiguous
row null; a number is never placed by guessing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal
from typing import Any, Final

from .labels import number

__all__ = ["Words", "by_columns"]

Words = list[dict[str, Any]]  # pdfplumber words: text, x0, x1, top, bottom
Span = tuple[float, float]
Row = tuple[tuple[str, ...], bool, str]

#: A line that ends a table: a section or sub-table heading, or a line of prose.
_HEADING: Final = re.compile(
    r"^(?:[一二三四五六七八九十]+、|第[一二三四五六七八九十]+条|[（(][一二三四五六七八九十]+[)）])"
)
_TOLERANCE: Final = 2.0  # points: a title and a number set in one column share edges


def _is_number(word: dict[str, Any]) -> bool:
    return isinstance(number(word["text"]), Decimal)


def _ends_table(line: Words, width: float) -> bool:
    if len(line) != 1:
        return False
    word = line[0]
    return word["x1"] - word["x0"] > 0.4 * width or _HEADING.match(word["text"]) is not None


def _leaves(header: Sequence[Words]) -> list[Span]:
    """The header's columns: titles with no later title inside their width, those that
    overlap merged (one title stacked over several lines), left to right."""
    spans: list[Span] = []
    for index, line in enumerate(header):
        below = [w for later in header[index + 1 :] for w in later]
        for word in line:
            x0, x1 = word["x0"] - _TOLERANCE, word["x1"] + _TOLERANCE
            if not any(x0 <= w["x0"] and w["x1"] <= x1 for w in below):
                spans.append((word["x0"], word["x1"]))
    spans.sort()
    merged: list[Span] = []
    for x0, x1 in spans:
        if merged and x0 <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], x1))
        else:
            merged.append((x0, x1))
    return merged


def _holding(columns: list[Span], word: dict[str, Any]) -> list[int]:
    centre = (word["x0"] + word["x1"]) / 2
    return [i for i, (x0, x1) in enumerate(columns) if x0 - _TOLERANCE <= centre <= x1 + _TOLERANCE]


def _cells(line: Words, columns: list[Span], text_of: Any) -> tuple[str, ...] | None:
    """The line as its label cells and one cell per column right of them, or None when
    that is not determined."""
    numbers = [w for w in line if _is_number(w)]
    labels = [w for w in line if not _is_number(w)]
    if not labels and len(numbers) < 2:
        return None  # a lone number (a page number, a stray figure): not a row
    label_end = max((w["x1"] for w in labels), default=float("-inf"))
    if any(w["x0"] < label_end for w in numbers):
        return None  # a number among the labels
    label_columns = [i for w in labels for i in _holding(columns, w)]
    first = max(label_columns, default=-1) + 1
    values = columns[first:]
    if not values:
        return None
    placed: dict[int, str] = {}
    for word in numbers:
        holding = [i - first for i in _holding(columns, word) if i >= first]
        if len(holding) != 1 or holding[0] in placed:
            return None
        placed[holding[0]] = word["text"]
    head = text_of(labels) if labels else ()
    return (*head, *(placed.get(i, "") for i in range(len(values))))


def by_columns(lines: Sequence[tuple[Row, Words | None]], width: float, text_of: Any) -> list[Row]:
    """The rows, with the lines of numbers of borderless tables as explicit cells.

    ``lines`` are the document's rows in reading order, each with its words when it is
    a line of text outside a ruled table (None for the rows of ruled tables);
    ``text_of(words)`` gives the label cells of a line's label words.
    """
    out: list[Row] = []
    header: list[Words] = []
    columns: list[Span] | None = None
    for row, words in lines:
        if words is None or _ends_table(words, width):
            header, columns = [], None
            out.append(row)
            continue
        if not any(_is_number(w) for w in words):
            if columns is None:
                header.append(words)
            out.append(row)  # a header line, or a label's continuation: text as before
            continue
        if columns is None:
            columns = _leaves(header) if header else []
        cells = _cells(words, columns, text_of) if len(columns) >= 2 else None
        out.append(row if cells is None else (cells, True, row[2]))
    return out
