"""The layout families of issue 9 besides run-together text: headings that vary (B),
label and numbers with single spaces (E), noisy labels (F), and short delimited rows,
which say nothing about which cell is missing."""

from __future__ import annotations

import random
import re
from typing import Any

import pytest

import disclosure_schema as ds
from disclosure_schema.reading import read

from .conftest import expected
from .render import render, rows_of


def _same(document: dict[str, Any], text: str) -> Any:
    reading = read(text)
    assert reading.report is not None, [n.message_en for n in reading.notes]
    got = ds.to_dict(reading.report)
    for key in ("edition", "year", "proactive", "applications", "reviews_and_lawsuits"):
        assert document[key] == got[key], key
    return reading


def _codes(reading: Any) -> set[str]:
    return {n.code for n in reading.notes}


_T3 = "三、收到和处理政府信息公开申请情况"
_T4 = "四、政府信息公开行政复议、行政诉讼情况"


class TestHeadings:
    @pytest.mark.parametrize("layout", ["pipes", "lines", "aligned"])
    @pytest.mark.parametrize(
        ("printed", "instead"),
        [
            (_T3, "二、收到和处理政府信息公开申请情况"),
            (_T4, "四、政府信息公开行政法复议、行政诉讼情况"),
            (_T4, "三、因政府信息公开工作被申请行政复议和提起行政诉讼情况"),
            ("五、存在的主要问题及改进情况", "五、政府信息公开工作存在的主要问题及改进情况"),
        ],
    )  # fmt: skip
    def test_variants(self, layout: str, printed: str, instead: str) -> None:
        """Shifted numbering, a typo, the official long heading of part 五: the tables
        are found, and a full report gets no "text ends before part 五" note."""
        document = expected("c02")
        text = render(document, layout, 2, messy=False).replace(printed, instead)  # type: ignore[arg-type]
        reading = _same(document, text)
        assert "reading_truncated" not in _codes(reading)

    def test_a_mention_is_no_heading(self) -> None:
        """The parts named in a sentence (本报告由总体情况、主动公开政府信息情况、…组成) open
        no table."""
        document = expected("c02")
        text = render(document, "pipes", 2, messy=False)
        intro = (
            "本报告由总体情况、收到和处理政府信息公开申请情况、存在的主要问题及改进情况等组成。\n"
        )
        _same(document, intro + text)


class TestSingleSpaces:
    def test_label_and_numbers_with_single_spaces(self) -> None:
        """`行政许可 97`, `四、结转下年度继续办理 0 0 0 0 0 0 0`: one space between the label
        and each number."""
        document = expected("c02")
        text = render(document, "pipes", 4, messy=False)
        spaced = "\n".join(re.sub(r"\s*\|\s*", " ", line).strip() for line in text.splitlines())
        _same(document, spaced)


class TestNoisyLabels:
    @pytest.mark.parametrize(
        ("printed", "instead"),
        [
            ("规章 |", "規(guī)章 |"),  # a pronunciation inside the label
            ("行政规范性文件 |", "行政规范性文件(指各行政机关印发的有正式文号的文件) |"),
            ("行政处罚 |", "行政處罰 |"),  # traditional characters
            ("4.保护第三方合法权益 |", "4.保(bǎo)护第三方合法权益 |"),
        ],
    )  # fmt: skip
    def test_noisy_labels(self, printed: str, instead: str) -> None:
        """Pronunciations, the template's instructions left in, traditional characters:
        the row is recognised, with a note where the label differs."""
        document = expected("c02")
        text = render(document, "pipes", 5, messy=False)
        assert printed in text
        _same(document, text.replace(printed, instead))


class TestShortRows:
    def test_short_pipe_row_is_not_filled_from_the_left(self) -> None:
        """`| 规章 | 22 | 235 |` under three columns: which cell is missing is unknown, so
        the row stays null (235 is not 本年废止件数)."""
        document = expected("c02")
        text = render(document, "pipes", 1, messy=False)
        line = next(ln for ln in text.splitlines() if ln.startswith("规章 |"))
        reading = read(text.replace(line, "规章 | 22 | 235 |"))
        assert reading.report is not None
        regulations = ds.to_dict(reading.report)["proactive"]["regulations"]
        assert {"issued": None, "repealed": None, "in_force": None} == regulations
        assert "reading_unassigned" in _codes(reading)

    def test_short_row_at_the_end_of_the_text(self) -> None:
        """A row the text breaks off in: its first cells are the first columns."""
        document = expected("c02")
        text = render(document, "pipes", 1, messy=False)
        text = (
            text[: text.index("2.其他法律行政法规禁止公开")]
            + "2.其他法律行政法规禁止公开 | 0 | 0 |"
        )
        reading = read(text)
        assert reading.report is not None
        row = ds.to_dict(reading.report)["applications"]["results"]["withheld"]
        assert [0, 0, None] == list(row["prohibited_by_law"].values())[:3]
        assert "reading_truncated" in _codes(reading)


def _pdf_detached(document: dict[str, Any], seed: int) -> str:
    """PDF text whose labels are split over lines, each row's numbers on a line of
    their own (issue 9, family G)."""
    rng = random.Random(seed)
    lines: list[str] = []
    for row in rows_of(document, rng, messy=False):
        if row[0] in ("heading", "text"):
            lines.append(row[1])
        elif row[0] == "header":
            lines.append("  ".join(row[1]))
        else:
            groups, label, values = row[1], row[2], row[3]
            lines += groups
            if len(label) > 6:
                cut = rng.randrange(4, len(label) - 1)
                lines += [label[:cut], label[cut:]]
            elif label:
                lines.append(label)
            lines.append("   ".join(values))
    return "\n".join(lines) + "\n"


class TestDetachedLabels:
    @pytest.mark.parametrize("seed", range(8))
    @pytest.mark.parametrize("name", ["c02", "c17"])
    def test_label_over_lines_numbers_below(self, name: str, seed: int) -> None:
        """A label split over two lines, its numbers on the next line: read as printed."""
        document = expected(name)
        _same(document, _pdf_detached(document, seed))


class TestTable4Shapes:
    def _t4(self) -> tuple[dict[str, Any], str, str]:
        document = expected("c02")
        text = render(document, "pipes", 1, messy=False)
        start = text.index("四、政府信息公开行政复议")
        end = text.index("五、存在的主要问题")
        return document, text[:start], text[end:]

    def test_three_sub_tables(self) -> None:
        """行政复议 / 未经复议直接起诉 / 复议后起诉, each with its own header and a 5-cell row."""
        document, head, tail = self._t4()
        t4 = document["reviews_and_lawsuits"]
        keys = ("upheld", "corrected", "other", "pending", "total")
        parts = ["四、政府信息公开行政复议、行政诉讼情况"]
        for title, group in (("行政复议", "administrative_review"),
                             ("行政诉讼 | 未经复议直接起诉", "lawsuit_direct"),
                             ("复议后起诉", "lawsuit_after_review")):  # fmt: skip
            parts.append(f"{title} |")
            parts.append("结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |")
            parts.append(" | ".join(str(t4[group][k]) for k in keys) + " |")
        _same(document, head + "\n".join(parts) + "\n" + tail)

    def test_fifteen_cells_with_empty_ones(self) -> None:
        """A 15-cell row whose blank cells are kept as empty cells: read by position."""
        document, head, tail = self._t4()
        groups = ("administrative_review", "lawsuit_direct", "lawsuit_after_review")
        keys = ("upheld", "corrected", "other", "pending", "total")
        t4 = {g: dict(document["reviews_and_lawsuits"][g]) for g in groups}
        t4["lawsuit_direct"]["other"] = None
        t4["administrative_review"]["pending"] = None
        cells = ["" if t4[g][k] is None else str(t4[g][k]) for g in groups for k in keys]
        table = (
            "四、政府信息公开行政复议、行政诉讼情况\n"
            "行政复议 | 行政诉讼 |\n"
            "结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 | 复议后起诉 |\n"
            "| " + " | ".join(cells) + " |\n"
        )
        _same({**document, "reviews_and_lawsuits": t4}, head + table + tail)


def test_truncation_note_in_one_language_each() -> None:
    """A text that ends before any table says so without a Chinese word in English."""
    from disclosure_schema.reading import read

    page = "平潭综合实验区某局2023年政府信息公开工作年度报告\n一、总体情况\n本局认真落实。\n"
    (note,) = [n for n in read(page.encode()).notes if n.code == "reading_truncated"]
    assert "（已读到的表：无）" in note.message_zh
    assert "(tables reached: none)" in note.message_en
