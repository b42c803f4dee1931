"""Every layout seen in the wild reads back exactly what was printed."""

from __future__ import annotations

import codecs
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import disclosure_schema as ds
from disclosure_schema.reading import read
from disclosure_schema.strategies import documents

from .conftest import FIXTURES, assert_table4_unread, expected, source
from .render import LAYOUTS, Layout, render


def _same(document: dict[str, Any], reading: Any) -> None:
    assert reading.report is not None, [n.message_en for n in reading.notes]
    got = ds.to_dict(reading.report)
    for key in ("edition", "year", "proactive", "applications", "reviews_and_lawsuits"):
        assert document[key] == got[key], key
    assert document["agency"]["name"] == got["agency"]["name"]


_NAMES = st.sampled_from(["包头市工业和信息化局", "河包镇人民政府", "沭阳县发展和改革局"])


class TestRoundTrip:
    @settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
    @given(documents(nulls=0.1), st.sampled_from(LAYOUTS), st.integers(0, 2**32), _NAMES)
    def test_printed_reports_read_back(
        self, document: dict[str, Any], layout: str, seed: int, name: str
    ) -> None:
        """A report printed as pipes, one cell per line, cells ending in ' |', an HTML
        table with spans, or space-aligned text with wrapped labels, with full-width
        punctuation, curly quotes, stray spaces, traditional characters and blanks
        ('/', '—', '-', '无'), reads back cell for cell."""
        document = {**document, "agency": {"name": name}}
        _same(document, read(render(document, layout, seed)))  # type: ignore[arg-type]

    @pytest.mark.parametrize("layout", LAYOUTS)
    def test_real_numbers_in_every_layout(self, layout: str) -> None:
        """淮安市 2024's numbers (large, non-zero) in each layout."""
        pdf = ds.loads((FIXTURES / "corpus" / "c03.json").read_bytes())
        document = {
            **expected("c03"),
            "reviews_and_lawsuits": ds.to_dict(pdf)["reviews_and_lawsuits"],
        }
        for seed in range(10):
            _same(document, read(render(document, layout, seed)))  # type: ignore[arg-type]


class TestEncodings:
    def _page(self) -> tuple[dict[str, Any], str]:
        document = expected("c02")
        return document, render(document, "pipes", 1, messy=False)

    def test_utf8_bom(self) -> None:
        """UTF-8 with a byte-order mark."""
        document, text = self._page()
        _same(document, read(codecs.BOM_UTF8 + text.encode("utf-8")))

    def test_gb18030(self) -> None:
        """GB18030/GBK text is decoded, with a note."""
        document, text = self._page()
        reading = read(text.encode("gb18030"))
        _same(document, reading)
        assert "reading_encoding" in {n.code for n in reading.notes}

    def test_declared_charset(self) -> None:
        """An HTML page in GBK that declares its charset."""
        document = expected("c02")
        page = render(document, "html", 3).replace("charset='utf-8'", "charset='gbk'")
        _same(document, read(page.encode("gbk")))


def _with_row(text: str, after: str, row: str) -> str:
    at = text.index(after)
    end = text.index("\n", at) + 1
    return text[:end] + row + "\n" + text[end:]


class TestNotes:
    def test_extra_local_row_is_dropped(self) -> None:
        """A row the format does not have (a local addition) is dropped, with a note, and
        its numbers go nowhere."""
        document = expected("c02")
        text = render(document, "pipes", 1, messy=False)
        text = _with_row(text, "行政强制 |", "地方性法规 | 7 | 1 | 9 |")
        text = _with_row(
            text, "8.属于行政查询事项", "9.属于本市特色事项 | 3 | 0 | 0 | 0 | 0 | 0 | 3 |"
        )
        reading = read(text)
        _same(document, reading)
        dropped = [n for n in reading.notes if n.code == "reading_unrecognised_row"]
        assert 2 == len(dropped)
        assert "9.属于本市特色事项" in dropped[1].message_zh

    def test_short_row_with_padding_stays_null(self) -> None:
        """A text row of 6 numbers for 7 columns, padded with empty cells past its columns:
        the padding does not say which column is missing, so no number is placed (an empty
        end cell kept as the total put 95 in 其他)."""
        document = expected("c02")
        text = render(document, "pipes", 1, messy=False)
        start = text.index("一、本年新收")
        end = text.index("\n", start)
        row = "一、本年新收政府信息公开申请数量 | 95 | 0 | 0 | 0 | 0 | 95 | | |"
        text = text[:start] + row + text[end:]
        reading = read(text)
        assert reading.report is not None
        cells = ds.to_dict(reading.report)["applications"]["new_received"]
        assert {None} == set(cells.values())
        assert "reading_unassigned" in {n.code for n in reading.notes}

    def test_number_in_the_label_cell(self) -> None:
        """An HTML row whose label cell holds its first number ("…数量 95", then six cells):
        which column each cell is is not determined, so the row stays null (the grid read
        the six as the first six columns: 0 for 自然人, 95 for 其他)."""
        document = expected("c02")
        page = render(document, "html", 1, messy=False)
        start = page.index("<tr><td><p><span>一、本年新收")
        end = page.index("</tr>", start) + len("</tr>")
        cells = "".join(f"<td>{v}</td>" for v in (0, 0, 0, 0, 0, 95))
        page = (
            page[:start]
            + f"<tr><td>一、本年新收政府信息公开申请数量 95</td>{cells}</tr>"
            + page[end:]
        )
        reading = read(page)
        assert reading.report is not None
        row = ds.to_dict(reading.report)["applications"]["new_received"]
        assert {None} == set(row.values())
        assert "reading_unrecognised_row" in {n.code for n in reading.notes}

    @pytest.mark.parametrize("layout", ["lines", "lines_pipe"])
    def test_one_cell_per_line_row_with_an_extra_number(self, layout: Layout) -> None:
        """One cell per line, 8 numbers between a row's label and the next: the row stays
        null (it took the first 7, 7 for 商业企业 and 0 for 总计, and dropped the 95)."""
        document = expected("c02")
        text = render(document, layout, 1, messy=False)
        first = "95\n\n" if layout == "lines" else "95 |\n"
        at = text.index(first, text.index("一、本年新收"))
        text = text[:at] + first + first.replace("95", "7") + text[at + len(first) :]
        reading = read(text)
        assert reading.report is not None
        cells = ds.to_dict(reading.report)["applications"]["new_received"]
        assert {None} == set(cells.values())
        assert 0 == reading.report.applications.carried_over.total
        assert "reading_unassigned" in {n.code for n in reading.notes}

    def test_missing_table(self) -> None:
        """A report without table 三: a note, and its cells null."""
        document = expected("c02")
        text = render(document, "pipes", 1, messy=False)
        start = text.index("三、收到和处理")
        text = text[:start] + text[text.index("四、政府信息公开行政复议") :]
        reading = read(text)
        assert reading.report is not None
        assert "reading_table_missing" in {n.code for n in reading.notes}
        assert reading.report.applications.new_received.total is None

    def test_2019_layout_in_a_2022_report(self) -> None:
        """A 2022 report laid out in the 2019 edition is read as 2019, and flagged."""
        document = {**expected("c17"), "year": 2022}
        reading = read(render(document, "pipes", 1, messy=False))
        assert "2019" == reading.edition
        assert "reading_layout_mismatch" in {n.code for n in reading.notes}

    def test_merged_other_row_with_numbers(self) -> None:
        """（六） printed as one row with a non-zero cell: the three 2021 rows stay null."""
        document = expected("c02")
        text = render(document, "pipes", 1, messy=False)
        start = text.index("(六)其他处理")
        end = text.index("(七)总计")
        text = text[:start] + "(六)其他处理 | 2 | 0 | 0 | 0 | 0 | 0 | 2 |\n" + text[end:]
        reading = read(text)
        assert reading.report is not None
        assert reading.report.applications.results.other.other.total is None  # type: ignore[union-attr]
        assert "reading_merged_row" in {n.code for n in reading.notes}

    @pytest.mark.parametrize("layout", ["pipes", "c01"])
    def test_merged_other_row_of_zeros(self, layout: str) -> None:
        """（六） printed as one row of 0s (pipes; c01's PDF text): the three 2021 rows stay
        null too (reading each as 0 would take the identity （六） = 1 + 2 + 3 as given),
        and the note gives the printed values and covers the three rows."""
        if layout == "pipes":
            text = render(expected("c02"), "pipes", 1, messy=False)
            start, end = text.index("(六)其他处理"), text.index("(七)总计")
            text = text[:start] + "(六)其他处理 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n" + text[end:]
        else:
            text = source("c01").decode("utf-8")
        reading = read(text)
        assert reading.report is not None
        other = ds.to_dict(reading.report)["applications"]["results"]["other"]
        assert all(v is None for row in other.values() for v in row.values())
        (note,) = [n for n in reading.notes if n.code == "reading_merged_row"]
        assert "0 0 0 0 0 0 0" in note.message_en
        assert {f"/applications/results/other/{k}" for k in other} == set(note.locations)

    @staticmethod
    def _with_t4_row(layout: Layout, row: str) -> str:
        lines = render(expected("c02"), layout, 1, messy=False).split("\n")
        at = max(i for i, line in enumerate(lines) if line.lstrip().startswith("结果维持"))
        return "\n".join([*lines[: at + 1], row, *lines[at + 2 :]])

    @settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
    @given(
        documents(nulls=0.3),
        st.sampled_from(["pipes", "aligned"]),
        st.sampled_from(["| {} |", "{} |", "{}", "\t{}", "{}\t"]),
        st.sampled_from([" | ", "|", "\t"]),
    )
    def test_table4_separator_runs_fuzz(
        self, document: dict[str, Any], layout: Layout, frame: str, sep: str
    ) -> None:
        """Table 四 printed in one row, blank cells as empty fields between separators:
        the cells are read exactly when the fields show every position (fifteen up to
        the last number, and the first unless an opening pipe frames it), else
        the table is null; never another number."""
        t4 = document["reviews_and_lawsuits"]
        values = [t4[g][k] for g in t4 for k in t4[g]]
        if sep == "\t":
            frame = frame.replace("|", "").strip(" ")
        elif "\t" in frame:
            frame = "{}"
        row = frame.format(sep.join("" if v is None else str(v) for v in values))
        lines = render(document, layout, 1, messy=False).split("\n")
        at = max(i for i, line in enumerate(lines) if line.lstrip().startswith("结果维持"))
        reading = read("\n".join([*lines[: at + 1], row, *lines[at + 2 :]]))
        assert reading.report is not None
        got = ds.to_dict(reading.report)["reviews_and_lawsuits"]
        have = [got[g][k] for g in got for k in got[g]]
        # An empty first field without an opening pipe looks like one (or like indentation).
        shown = values[-1] is not None and (frame.startswith("|") or values[0] is not None)
        if shown or None not in values:
            assert values == have, row
        else:
            assert [None] * 15 == have, row

    @pytest.mark.parametrize("layout", ["pipes", "aligned"])
    @pytest.mark.parametrize(
        "row",
        [
            "0 |  |  | 1 | 1 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 7 |",
            "| 0 | | | 1 | 1 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 7",
            "0\t\t\t1\t1\t0\t0\t0\t0\t0\t0\t0\t0\t0\t7",
            "0\t/\t\t1\t1\t0\t0\t0\t0\t0\t0\t0\t0\t0\t7\t",
        ],
    )
    def test_table4_blanks_as_separator_runs(self, layout: Layout, row: str) -> None:
        """Table 四 in one row whose blank cells are runs of pipes or tabs: the
        separators say which cells are blank, so the numbers are placed and the blanks
        are null."""
        reading = read(self._with_t4_row(layout, row))
        assert reading.report is not None
        t4 = ds.to_dict(reading.report)["reviews_and_lawsuits"]
        assert [0, None, None, 1, 1] == list(t4["administrative_review"].values())
        assert [0] * 5 == list(t4["lawsuit_direct"].values())
        assert [0, 0, 0, 0, 7] == list(t4["lawsuit_after_review"].values())

    @pytest.mark.parametrize("layout", ["pipes", "aligned"])
    @pytest.mark.parametrize(
        "row",
        [
            # the last cell empty: a blank, or padding after a short row?
            "0 | | | 1 | 1 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 7 | |",
            # an empty first field: a blank, or indentation?
            "\t0\t\t1\t1\t0\t0\t0\t0\t0\t0\t0\t0\t0\t7",
            # fourteen fields: which cell is missing is not shown
            "0\t\t1\t1\t0\t0\t0\t0\t0\t0\t0\t0\t0\t7",
            # spaces: their widths are no cell positions
            "0        1    1    0    0    0    0    0    0    0    0    0    7",
        ],
    )
    def test_table4_blanks_not_shown(self, layout: Layout, row: str) -> None:
        """A table 四 row whose layout does not say which cells are blank stays null, with
        a note."""
        reading = read(self._with_t4_row(layout, row))
        assert_table4_unread(reading)

    def test_numbers_that_cannot_be_placed(self) -> None:
        """One cell per line, empty cells dropped: a row of 1 number for 3 columns stays null."""
        lines = [
            "2022年某局政府信息公开工作年度报告",
            "二、主动公开政府信息情况",
            "第二十条第(一)项",
            "本年制发件数",
            "规章",
            "1",
            "行政规范性文件",
            "2",
            "0",
            "5",
        ]
        reading = read("\n".join(lines))
        assert reading.report is not None
        assert reading.report.proactive.regulations.issued is None  # type: ignore[union-attr]
        assert 2 == reading.report.proactive.normative_documents.issued  # type: ignore[union-attr]
        assert "reading_unassigned" in {n.code for n in reading.notes}
