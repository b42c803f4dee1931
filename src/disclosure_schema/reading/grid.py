"""Rows of number cells read by the columns of the header above them.

Structured sources (HTML, Word, PDF) give each cell a place on the table's grid:
where it starts and how many grid columns it covers. The grid is the union of
every row's cell edges, so Word exports split it finely: a number cell with
colspan=2 under a header whose cells are split differently. Expanded on the
grid, that number would sit beside a blank that is no cell of the table, and a
row of three numbers would look like six cells. Here a row of numbers gets one
cell per header cell instead (only rows with a number cell that spans several
grid columns: where every cell is one grid column, the grid is the table's and a
header cell over several numbers groups them): each number under the header
cell it overlaps most; one that overlaps two header cells equally goes to the one of them that
no other number of the row holds. A number still over two free header cells
belongs to neither alone: those cells are left blank (null) and the row's other
numbers are read. Two numbers under one header cell, or a number under none, and
the row's numbers are not determined by the layout: its number cells are left
blank (null). Nothing is guessed.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from ..limits import MAX_CELLS
from .labels import number

__all__ = ["Bound", "Budget", "by_header"]

Bound = tuple[int, int]  # (first grid column, grid columns covered)


class Budget:
    """The span copies a document may still make (MAX_CELLS), and how many were not made:
    a few KB of merged cells would otherwise expand to millions."""

    def __init__(self) -> None:
        self.left = MAX_CELLS
        self.cut = 0

    def take(self, copies: int) -> bool:
        if copies > self.left:
            self.cut += copies
            return False
        self.left -= copies
        return True


def _overlap(a: Bound, b: Bound) -> int:
    return max(0, min(a[0] + a[1], b[0] + b[1]) - max(a[0], b[0]))


def by_header(rows: Sequence[Sequence[str]], bounds: Sequence[Sequence[Bound]]) -> list[list[str]]:
    """Each row as cells on the grid (labels repeated over their spans), with the rows of
    numbers under a header rewritten to one cell per header cell.

    ``bounds[i]`` lists row ``i``'s cells in order (a cell continued from a row above
    counts in each row it spans); the text of a cell is ``rows[i][start]``. A header is
    the last row above with two cells or more and no number; a one-cell row (a heading
    across the table) ends it.
    """
    header: list[Bound] | None = None
    out: list[list[str]] = []
    for cells, row_bounds in zip(rows, bounds, strict=True):
        texts = [cells[start] if start < len(cells) else "" for start, _ in row_bounds]
        numeric = [isinstance(number(t), Decimal) for t in texts]
        if not any(numeric):
            header = list(row_bounds) if len(row_bounds) >= 2 else None
            out.append(list(cells))
            continue
        first = numeric.index(True)
        if header is None or all(span == 1 for _, span in row_bounds[first:]):
            # One grid column per cell: the grid is the table's (a header cell over
            # several numbers groups them, as 行政复议 does its five columns).
            out.append(list(cells))
            continue
        out.append(_under(list(cells), list(row_bounds[first:]), texts[first:], header))
    return out


def _under(
    cells: list[str], bounds: list[Bound], texts: list[str], header: list[Bound]
) -> list[str]:
    start = bounds[0][0]
    # The header's cells over the numbers: not those mostly over the row's labels.
    end = max(b[0] + b[1] for b in bounds)
    labels, values = (0, start), (start, end - start)
    columns = [h for h in header if _overlap(h, values) > _overlap(h, labels)]
    under: list[list[str]] = [[] for _ in columns]
    tied: list[tuple[list[int], str]] = []
    for bound, text in zip(bounds, texts, strict=True):
        if not text.strip():
            continue  # a blank cell: its column stays blank whichever it is
        overlaps = [_overlap(bound, h) for h in columns]
        best = max(overlaps, default=0)
        candidates = [i for i, o in enumerate(overlaps) if o == best and best > 0]
        if len(candidates) == 1:
            under[candidates[0]].append(text)
        else:
            tied.append((candidates, text))
    # A number over two header cells equally: a header cell holds one cell of a row, so
    # if all but one of them hold another number, it is the one left; else unknown.
    while tied:
        left = []
        for candidates, text in tied:
            free = [i for i in candidates if not under[i]]
            if len(free) == 1:
                under[free[0]].append(text)
            else:
                left.append((candidates, text))
        if len(left) == len(tied):
            break
        tied = left
    if any(len(found) > 1 for found in under):
        return [*cells[:start], *([""] * len(columns))]
    # A number still over several free header cells belongs to none of them alone (the
    # first one's with the next blank, or theirs together): those cells stay blank, and
    # the row's other numbers, each under one header cell, are read.
    if any(not candidates for candidates, _ in tied):
        return [*cells[:start], *([""] * len(columns))]  # a number under no header cell
    unknown = {i for candidates, _ in tied for i in candidates}
    return [*cells[:start], *("" if i in unknown or not f else f[0] for i, f in enumerate(under))]
