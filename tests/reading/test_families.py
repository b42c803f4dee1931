"""The layout families of issue 9 besides run-together text: headings that vary (B),
label and numbers with single spaces (E), noisy labels (F), and short delimited rows,
which say nothing about which cell is missing."""

from __future__ import annotations

import re
from typing import Any

import pytest

import disclosure_schema as ds
from disclosure_schema.reading import read

from .conftest import expected
from .render import render


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
