"""HTML tables to rows: spans expand, within a bound on the whole page."""

from __future__ import annotations

from disclosure_schema.limits import MAX_CELLS
from disclosure_schema.reading import read
from disclosure_schema.reading.html import html_lines


def _table(rows: list[str]) -> str:
    return "<html><body><table>" + "".join(f"<tr>{r}</tr>" for r in rows) + "</table></body></html>"


class TestSpans:
    def test_spans_expand(self) -> None:
        """A label spanning 2x2 is repeated in its four cells; a number spanning is
        put once (repeating it would count it more than once)."""
        rows, _, cut = html_lines(
            _table(["<td rowspan=2 colspan=2>标签</td><td>1</td>", "<td>2</td>"])
        )
        assert 0 == cut
        assert [("标签", "标签", "1"), ("标签", "标签", "2")] == [r[0] for r in rows]
        rows, _, _ = html_lines(_table(["<td colspan=3>7</td>", "<td>a</td>"]))
        assert ("7", "", "") == rows[0][0]

    def test_a_span_bomb_is_bounded_and_noted(self) -> None:
        """200 rows of rowspan=colspan=200 (8.7 KB) would be 8 million cells: the page
        gets MAX_CELLS copies in all; what was not expanded is counted in a note."""
        page = _table(["<td rowspan=200 colspan=200>x</td>"] * 200)
        assert len(page) < 10_000
        rows, _, cut = html_lines(page)
        cells = sum(len(r[0]) for r in rows)
        assert cells <= MAX_CELLS + 200  # the copies made, and each real cell once
        # a copy charged is made only if its rows exist: cut and made never exceed the
        # copies asked for, and the cut is most of them
        asked = 200 * (200 * 200 - 1)
        assert cut + (cells - 200) <= asked
        assert cut >= asked - MAX_CELLS
        notes = [n for n in read(page.encode()).notes if n.code == "reading_grid_cut"]
        assert 1 == len(notes)
        assert str(cut) in notes[0].message_en
