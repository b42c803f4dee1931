"""Labels are matched by meaning: width, spaces, punctuation, quotes, script, numbering."""

from __future__ import annotations

from decimal import Decimal

import pytest

from disclosure_schema.reading.labels import BLANK, core, heading, match_row, number


class TestCore:
    @pytest.mark.parametrize(
        ("printed", "meaning"),
        [
            ("（二）部分公开（区分处理的，只计这一情 形，不", "部分公开区分处理的只计这一情形不"),
            ("(二)部分公开(区分处理的,只计这一情形", "部分公开区分处理的只计这一情形"),
            ("3.危及“三安全一稳定”", "危及三安全一稳定"),
            ('3.危及"三安全一稳定"', "危及三安全一稳定"),
            ("商业 企业", "商业企业"),
            ("規範性文件", "规范性文件"),
            ("三、（一）予以公开", "予以公开"),
            ("1、申请人无正当理由逾期不补正", "申请人无正当理由逾期不补正"),
        ],
    )
    def test_core(self, printed: str, meaning: str) -> None:
        """Printing variants reduce to the same core."""
        assert meaning == core(printed)


class TestRows:
    @pytest.mark.parametrize(
        ("printed", "key"),
        [
            ("一、本年新收政府信息公开申请数量", "new_received"),
            ("（七）总计", "results/total"),
            ("3、其他", "results/other/other"),
            ("(六)其他处理", "results/other"),
            ("2.其他法律行政止公开", "results/withheld/prohibited_by_law"),  # a dropped 法规禁
            ("5.要求行政机关确认或重 新出具", "results/not_processed/confirmation"),  # wrapped
            ("4.无正当理由大量反复 申请", "results/not_processed/excessive"),
            ("2.重复申请", "results/not_processed/repeated"),
        ],
    )
    def test_table3_rows(self, printed: str, key: str) -> None:
        """Table 三's rows, however printed."""
        found = match_row(printed, "t3")
        assert found is not None
        assert key == found.key

    @pytest.mark.parametrize("printed", ["其他", "商业企业", "申请人", "自然人", "法人或其他组织"])
    def test_not_rows(self, printed: str) -> None:
        """Column headers and fragments are not rows ("其他" is a row only numbered)."""
        assert match_row(printed, "t3") is None

    def test_groups_carry_no_numbers(self) -> None:
        """Group labels are recognised as groups, not rows."""
        found = match_row("（三）不予公开", "t3")
        assert found is not None
        assert found.key is None

    def test_table2_only_in_table2(self) -> None:
        """A table 二 label is not looked for in table 三."""
        assert match_row("行政许可", "t3") is None
        found = match_row("行政许可", "t2")
        assert found is not None
        assert "licensing" == found.key


class TestHeadings:
    @pytest.mark.parametrize(
        ("text", "table"),
        [
            ("二、主动公开政府信息情况", "t2"),
            ("三、收到和处理政府信息公开申请情况", "t3"),
            ("四、政府信息公开行政复议、行政诉讼情况", "t4"),
            ("四、因政府信息公开工作被申请行政复议和提起行政诉讼情况", "t4"),
            ("五、存在的主要问题及改进情况", "end"),
            ("五、存在问题及改进情况", "end"),
            ("（一）主动公开政府信息情况", None),  # a subsection of part 一, not table 二
        ],
    )
    def test_headings(self, text: str, table: str | None) -> None:
        """Reworded section headings open the right table."""
        assert table == heading(text)


class TestNumbers:
    @pytest.mark.parametrize(
        ("text", "value"),
        [
            ("0", Decimal(0)), (" 21", Decimal(21)), ("7730.28", Decimal("7730.28")),
            ("+2", Decimal(2)), ("-1", Decimal(-1)), ("3235727元", Decimal(3235727)),
            ("1,234", Decimal(1234)), ("１２", Decimal(12)),
            ("/", BLANK), ("—", BLANK), ("-", BLANK), ("无", BLANK), ("", BLANK),
            ("-3-", None), ("2.", None), ("共3件", None),
            # A space between numbers: two cells in one, not the number 950.
            ("95 0", None), ("1 23", None), ("1 2 3", Decimal(123)),
        ],
    )  # fmt: skip
    def test_number(self, text: str, value: object) -> None:
        """Numbers as printed; blanks; and what is neither."""
        assert value == number(text)
