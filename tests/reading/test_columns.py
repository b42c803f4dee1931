"""Borderless PDF tables: numbers under the header's columns, or left alone."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from disclosure_schema.reading.columns import Words, by_columns

WIDTH = 600.0


def _line(*words: tuple[str, float, float]) -> Words:
    return [{"text": t, "x0": x0, "x1": x1, "top": 0.0, "bottom": 10.0} for t, x0, x1 in words]


def _read(*lines: Words) -> list[tuple[tuple[str, ...], bool]]:
    rows: list[tuple[Any, Words | None]] = [
        ((tuple(w["text"] for w in line), False, f"line {i}"), line) for i, line in enumerate(lines)
    ]
    out = by_columns(rows, WIDTH, lambda words: ("".join(w["text"] for w in words),))
    return [(cells, explicit) for cells, explicit, _ in out]


HEADER = _line(("信息内容", 50, 100), ("本年制发件数", 200, 270), ("本年废止件数", 320, 390),
               ("现行有效件数", 440, 510))  # fmt: skip


class TestByColumns:
    def test_blank_cell_kept_in_place(self) -> None:
        """规章 with numbers under 本年制发件数 and 现行有效件数 only: the middle is blank."""
        rows = _read(HEADER, _line(("规章", 50, 74), ("22", 200, 212), ("235", 440, 458)))
        assert rows[1] == (("规章", "22", "", "235"), True)

    def test_number_between_columns_is_left_alone(self) -> None:
        """A number whose centre is under no column (or two): the line as it was."""
        line = _line(("规章", 50, 74), ("22", 200, 212), ("235", 290, 310))
        assert _read(HEADER, line)[1] == (("规章", "22", "235"), False)

    def test_two_numbers_under_one_column_left_alone(self) -> None:
        line = _line(("规章", 50, 74), ("2", 200, 206), ("3", 250, 256))
        assert _read(HEADER, line)[1] == (("规章", "2", "3"), False)

    def test_lone_number_is_no_row(self) -> None:
        """A page number under a table is not a row."""
        assert _read(HEADER, _line(("3", 440, 446)))[1] == (("3",), False)

    def test_grouped_and_stacked_titles(self) -> None:
        """A title over others groups them; titles stacked over lines are one column."""
        rows = _read(
            _line(("行政复议", 50, 200), ("行政诉讼", 250, 400)),
            _line(("结果", 50, 70), ("总计", 100, 120), ("结果", 250, 270), ("总计", 300, 320)),
            _line(("维持", 50, 70), ("维持", 250, 270)),
            _line(("1", 52, 58), ("2", 102, 108), ("3", 252, 258), ("4", 302, 308)),
        )
        assert rows[3] == (("1", "2", "3", "4"), True)

    def test_heading_ends_the_table(self) -> None:
        """After a heading the old header no longer applies: a new one is read."""
        rows = _read(
            HEADER,
            _line(("第二十条第（五）项", 50, 160)),
            _line(("信息内容", 50, 100), ("本年处理决定数量", 200, 300)),
            _line(("行政许可", 50, 98), ("7", 200, 206)),
        )
        assert rows[3] == (("行政许可", "7"), True)

    def test_no_header_no_columns(self) -> None:
        line = _line(("规章", 50, 74), ("22", 200, 212), ("235", 440, 458))
        assert _read(line)[0] == (("规章", "22", "235"), False)


@st.composite
def _tables(draw: st.DrawFn) -> tuple[list[Words], list[list[str]]]:
    """A borderless table: a label column and 1-15 titled columns of random widths with
    gaps, and rows whose numbers are centred (or set flush left) under their titles,
    some cells blank. Returns the lines and, per row, the expected cells."""
    count = draw(st.integers(1, 15))
    widths = draw(st.lists(st.integers(14, 80), min_size=count, max_size=count))
    flush_left = draw(st.booleans())
    spans, x = [], 150.0
    for width in widths:
        spans.append((x, x + width))
        x += width + draw(st.integers(8, 30))
    header = [{"text": "项目", "x0": 20.0, "x1": 44.0, "top": 0.0, "bottom": 10.0}]
    header += [{"text": f"列{i}", "x0": a, "x1": b, "top": 0.0, "bottom": 10.0}
               for i, (a, b) in enumerate(spans)]  # fmt: skip
    lines, expected = [header], []
    for row in range(draw(st.integers(1, 6))):
        cells = [draw(st.one_of(st.just(""), st.integers(0, 99999).map(str))) for _ in spans]
        if sum(1 for c in cells if c) == 0:
            cells[0] = "0"
        words = [{"text": f"行{row}", "x0": 20.0, "x1": 44.0, "top": 0.0, "bottom": 10.0}]
        for (a, b), text in zip(spans, cells, strict=True):
            if text:
                size = 6.0 * len(text)
                x0 = a if flush_left else (a + b - size) / 2
                words.append({"text": text, "x0": x0, "x1": x0 + size, "top": 0.0, "bottom": 10.0})
        lines.append(words)
        expected.append([f"行{row}", *cells])
    return lines, expected


class TestColumnsProperty:
    @given(_tables())
    def test_every_number_in_its_column(self, table: tuple[list[Words], list[list[str]]]) -> None:
        """Numbers centred or flush left under their titles: each row reads as its label
        and exactly its cells, blanks where nothing is printed."""
        lines, expected = table
        rows = _read(*lines)[1:]
        assert [(tuple(cells), True) for cells in expected] == rows
