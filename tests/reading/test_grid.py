"""Rows of numbers read by the header's columns (Word exports: colspan on data cells)."""

from __future__ import annotations

import itertools
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

import disclosure_schema as ds
from disclosure_schema.reading import Reading, read
from disclosure_schema.reading.grid import Bound, by_header
from disclosure_schema.reading.html import html_lines

HEADER = (
    "<tr><td colspan='2'>信息内容</td><td>本年制发件数</td><td colspan='2'>本年废止件数</td>"
    "<td>现行有效件数</td></tr>"
)


def _rows(body: str) -> list[tuple[str, ...]]:
    rows, _, _ = html_lines(f"<html><body><table>{body}</table></body></html>")
    return [cells for cells, explicit, _ in rows if explicit]


def _page(row: str) -> str:
    return (
        "<html><head><title>某局2023年政府信息公开工作年度报告</title></head><body>"
        "<p>某局2023年政府信息公开工作年度报告</p><p>二、主动公开政府信息情况</p>"
        f"<table><tr><td colspan='6'>第二十条第（一）项</td></tr>{HEADER}{row}</table>"
        "</body></html>"
    )


def _regulations(reading: Reading) -> dict[str, Any]:
    assert reading.report is not None
    assert reading.edition == "2021"
    cells: dict[str, Any] = ds.to_dict(reading.report)["proactive"]["regulations"]
    return cells


class TestByHeader:
    def test_number_over_two_grid_columns_is_one_cell(self) -> None:
        """规章 | 22 (colspan 2) | 3 | 235 (colspan 2) under header cells split
        elsewhere: three cells, each under its header cell (235 overlaps 本年废止件数
        and 现行有效件数 equally; 3 already holds the first, so 235 is the second)."""
        rows = _rows(HEADER + "<tr><td>规章</td><td colspan='2'>22</td><td>3</td>"
                     "<td colspan='2'>235</td></tr>")  # fmt: skip
        assert rows[1] == ("规章", "22", "3", "235")

    def test_read_places_them(self) -> None:
        """Through the whole reader: the three cells of 规章, none doubled or shifted."""
        row = "<tr><td>规章</td><td colspan='2'>22</td><td>3</td><td colspan='2'>235</td></tr>"
        reading = read(_page(row))
        assert reading.report is not None
        assert {"issued": 22, "repealed": 3, "in_force": 235} == _regulations(reading)

    def test_undetermined_row_stays_null(self) -> None:
        """Two numbers under one header cell (本年废止件数 spans two grid columns that
        each hold a number): which one is it? Not determined: every cell is null."""
        row = "<tr><td colspan='2'>规章</td><td>22</td><td>3</td><td>4</td><td colspan='1'>5</td>"
        row += "</tr>"
        # All cells of this row span one grid column: the grid is the table's, as before.
        assert _rows(HEADER + row)[1] == ("规章", "规章", "22", "3", "4", "5")
        wide = "<tr><td>规章</td><td colspan='2'>22</td><td>3</td><td>4</td><td>5</td></tr>"
        assert _rows(HEADER + wide)[1] == ("规章", "", "", "")
        reading = read(_page(wide))
        assert reading.report is not None
        assert {"issued": None, "repealed": None, "in_force": None} == _regulations(reading)

    def test_aligned_spans(self) -> None:
        """A number spanning exactly its header cell is that cell, once."""
        row = "<tr><td colspan='2'>规章</td><td>1</td><td colspan='2'>2</td><td>3</td></tr>"
        assert _rows(HEADER + row)[1] == ("规章", "规章", "1", "2", "3")


@st.composite
def _tables(draw: st.DrawFn) -> tuple[list[Bound], list[Bound], list[str]]:
    """A header of 2-6 cells of random widths, and a row of numbers whose cells cut
    the same grid anywhere."""
    widths = draw(st.lists(st.integers(1, 3), min_size=2, max_size=6))
    header, at = [], 0
    for width in widths:
        header.append((at, width))
        at += width
    cuts = sorted(draw(st.sets(st.integers(1, at - 1), max_size=at - 1)) | {0, at})
    cells = [(a, b - a) for a, b in itertools.pairwise(cuts)]
    values = [str(draw(st.integers(0, 99))) for _ in cells]
    return header, cells, values


def _touches(a: Bound, b: Bound) -> bool:
    return max(a[0], b[0]) < min(a[0] + a[1], b[0] + b[1])


class TestProperties:
    @given(_tables())
    def test_never_a_number_under_a_header_it_is_not_under(
        self, table: tuple[list[Bound], list[Bound], list[str]]
    ) -> None:
        """Whatever the cuts: each number is placed at most once, and only under a header
        cell its own cell overlaps; otherwise its cell is blank."""
        header, cells, values = table
        width = header[-1][0] + header[-1][1]
        header_row = [""] * width
        for start, span in header:
            header_row[start : start + span] = [f"列{start}"] * span
        row = [""] * width
        for (start, _), value in zip(cells, values, strict=True):
            row[start] = value
        out = by_header([header_row, row], [header, cells])[1]
        if all(span == 1 for _, span in cells):
            assert out == row
            return
        assert len(out) == len(header)
        by_value: dict[str, list[Bound]] = {}
        for cell, value in zip(cells, values, strict=True):
            by_value.setdefault(value, []).append(cell)
        for column, text in zip(header, out, strict=True):
            if text:
                assert any(_touches(cell, column) for cell in by_value[text])

    @given(st.lists(st.integers(1, 3), min_size=2, max_size=6), st.data())
    def test_cells_on_the_header_read_exactly(self, widths: list[int], data: st.DataObject) -> None:
        """A row whose cells are exactly the header's cells reads exactly its values."""
        header, at = [], 0
        for width in widths:
            header.append((at, width))
            at += width
        values = [str(data.draw(st.integers(0, 999))) for _ in header]
        row = [""] * at
        for (start, _), value in zip(header, values, strict=True):
            row[start] = value
        out = by_header([["列"] * at, row], [header, header])[1]
        assert out == (values if any(w > 1 for w in widths) else row)
