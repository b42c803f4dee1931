"""Run-together page text (issue 9, family A): a report on one line, cells run together.

The fuzz test works out on its own, from the digit rules of FORMAT.md, which printed
rows the text settles; it shares no code with the reader's splitter.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Sequence
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import disclosure_schema as ds
from disclosure_schema.reading import read
from disclosure_schema.reading.glued import CellKind, glued_lines, readings
from disclosure_schema.strategies import documents

from .conftest import FIXTURES, assert_table4_unread
from .render import run_together

# -- the digit rules, written from FORMAT.md ---------------------------------------------------

_CELL = {
    "count": re.compile(r"0|[1-9][0-9]*"),
    "signed": re.compile(r"[-+]?(?:0|[1-9][0-9]*)"),
    "amount": re.compile(r"(?:0|[1-9][0-9]*)(?:\.[0-9]+)?"),
}


def _kind(column: str) -> str:
    if column.endswith("amount"):
        return "amount"
    return "signed" if column.endswith("items_change") else "count"


def _admissible(cell: str, kind: str) -> bool:
    cell = cell.replace("－", "-")
    if cell in ("/", "无") or (cell and set(cell) in ({"-"}, {"—"})):
        return True  # a blank cell: "/", "无", or "-", "--", "—", "——" (one blank each)
    return bool(_CELL[kind].fullmatch(cell)) and cell not in ("-0", "+0")


def _splits(tokens: list[str], kinds: Sequence[str]) -> int:
    """How many ways (0, 1, or 2 meaning "more than one") the tokens split into cells."""
    text = "|".join(tokens)

    @functools.cache
    def ways(at: int, cell: int) -> int:
        if at == len(text):
            return 1 if cell == len(kinds) else 0
        if text[at] == "|":
            return ways(at + 1, cell)
        if cell == len(kinds):
            return 0
        total = 0
        end = at + 1
        while end <= len(text) and "|" not in text[at:end]:
            if _admissible(text[at:end], kinds[cell]):
                total += ways(end, cell + 1)
            end += 1
        return min(total, 2)

    return ways(0, 0)


def _get(document: dict[str, Any], pointer: str) -> Any:
    value: Any = document
    for part in pointer.strip("/").split("/"):
        value = value[part]
    return value


def _failures(report: Any) -> dict[str | None, tuple[str, ...]]:
    """The identities a report breaks, with the cells each involves."""
    result = ds.validate(report)
    return {f.rule: f.locations for f in result.findings if f.code == "sum_mismatch"}


def _small(document: dict[str, Any]) -> dict[str, Any]:
    """Figures of the size department reports print (most cells one or two digits)."""

    def walk(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: walk(v) for k, v in value.items()}
        if isinstance(value, bool) or not isinstance(value, int | float):
            return value
        if isinstance(value, float):
            return round(value % 1000, 2)
        return value % 120 if value >= 0 else -(-value % 30)

    small = {k: walk(v) if k in ("proactive", "applications", "reviews_and_lawsuits") else v
             for k, v in document.items()}  # fmt: skip
    return small


# -- the splitter, by example ----------------------------------------------------------------


class TestReadings:
    @pytest.mark.parametrize(
        ("tokens", "kinds", "want"),
        [
            (["3000003"], ["count"] * 7, [["3", "0", "0", "0", "0", "0", "3"]]),
            (["0", "0", "0", "0", "0", "00"], ["count"] * 7, [["0"] * 7]),
            (["110000011"], ["count"] * 7, None),  # 1 10 … 11, 11 0 … 11, …
            (["1400000", "14"], ["count"] * 7, None),
            (["000"], ["count"] * 3, [["0", "0", "0"]]),
            (["7816"], ["amount"], [["7816"]]),
            (["0+11"], ["count", "signed", "count"], [["0", "+1", "1"]]),
            (["1-10"], ["count", "signed", "count"], None),  # 1 -1 0, or 1 (blank) 10
            (["3-10"], ["count", "count", "count"], [["3", "-", "10"]]),
            (["2笔", "984361元"], ["count", "amount"], [["2笔", "984361元"]]),
            (["547.9659万元"], ["amount"], [["547.9659万元"]]),
            (["5", "47.9659万元"], ["count", "amount"], [["5", "47.9659万元"]]),
            (["10000100000000000"], ["count"] * 15, None),  # 17 digits, 15 cells
            (["00"], ["count"], []),  # no count has a leading zero
            (["12.5"], ["count"], []),  # only amounts carry decimals
            (["-3"], ["count"], []),  # a count is never negative
            (["/", "/", "/"], ["count"] * 3, [["/", "/", "/"]]),  # 规章/ / /
            (["0/00000", "0"], ["count"] * 8, [["0", "/", "0", "0", "0", "0", "0", "0"]]),
            (["5无12"], ["count"] * 3, [["5", "无", "12"]]),
            (["1—10"], ["count", "signed", "count"], [["1", "—", "10"]]),  # "—" is no sign
            (["12--"], ["count"] * 3, None),  # 1 2 (one blank "--"), or 12 (blank) (blank)
            (["12——"], ["count"] * 4, [["1", "2", "—", "—"]]),
            (["——"], ["count"], [["——"]]),
            (["1/0"], ["amount"] * 2, []),  # "/" is a cell, never inside a number
        ],
    )  # fmt: skip
    def test_examples(
        self, tokens: list[str], kinds: list[CellKind], want: list[list[str]] | None
    ) -> None:
        """Exactly one reading where the digit rules settle the row; several (None here)
        where they do not; none where no split fits."""
        found, total = readings(tokens, kinds)
        if want is None:
            assert total > 1
        else:
            assert (want, len(want)) == (found, total)

    @given(st.lists(st.integers(0, 300), min_size=1, max_size=15), st.randoms())
    def test_agrees_with_brute_force(self, values: list[int], rng: Any) -> None:
        """The number of readings agrees with an independent count, and a settled row
        reads back the printed values."""
        tokens = [""]
        for value in values:
            if tokens[-1] and rng.random() < 0.4:
                tokens.append("")
            tokens[-1] += str(value)
        kinds: list[CellKind] = ["count"] * len(values)
        found, total = readings(tokens, kinds)
        assert min(total, 2) == _splits(tokens, kinds)
        if total == 1:
            assert [str(v) for v in values] == found[0]


# -- pieces of a run-together line -----------------------------------------------------------


class TestPieces:
    def test_issue_example(self) -> None:
        """The next row's numbering glued to this row's cells belongs to the next label."""
        line = (
            "一、本年新收政府信息公开申请数量3000003二、上年结转政府信息公开申请数量0000000"
            "三、本年度办理结果（一）予以公开1000001（三）不予公开1.属于国家秘密00000002.其他法律"
            "行政法规禁止公开0000000"
        )
        pieces = glued_lines(line)
        assert pieces is not None
        runs = [p.tokens for p in pieces if p.tokens]
        assert [("3000003",), ("0000000",), ("1000001",), ("0000000",), ("0000000",)] == runs
        texts = [p.text for p in pieces if not p.tokens]
        assert "2.其他法律行政法规禁止公开" in texts
        assert "1.属于国家秘密" in texts

    def test_prose_numbers_are_not_cells(self) -> None:
        """2479条, 2022年, 41.5% belong to sentences; a year glued after a row's digits
        starts the next sentence."""
        line = (
            "（七）总计190000019四、结转下年度继续办理20000022025年，我局共收到申请21件，占41.5%。"
        )
        pieces = glued_lines(line)
        assert pieces is not None
        assert [("190000019",), ("2000002",)] == [p.tokens for p in pieces if p.tokens]

    def test_blank_markers_are_cells(self) -> None:
        """A blank marker after a row label, or between digits, is a cell of its own;
        "无" that starts a word ("无法提供", "无正当理由") is text."""
        line = (
            "规章/ / /行政规范性文件1/5行政许可/（四）无法提供1.本机关不掌握相关政府信息0/00000 0"
        )
        pieces = glued_lines(line)
        assert pieces is not None
        assert [("/", "/", "/"), ("1/5",), ("/",), ("0/00000", "0")] == [
            p.tokens for p in pieces if p.tokens
        ]
        assert "（四）无法提供" in [p.text for p in pieces]

    def test_blanks_in_prose_are_not_cells(self) -> None:
        """ "无。", "和/或" and dates are prose: no run, unless a row label comes first."""
        line = "二、主动公开政府信息情况规章3 0 5行政许可/和/或发布于2023/01/15，无。行政处罚0"
        pieces = glued_lines(line)
        assert pieces is not None
        assert [("3", "0", "5"), ("/",), ("0",)] == [p.tokens for p in pieces if p.tokens]
        assert "和/或发布于2023/01/15，无。" in [p.text for p in pieces]

    def test_blank_markers_read(self) -> None:
        """Table 二 and 三 rows with blank markers run together: blanks are null, the
        digits around them are placed; a row the markers leave open stays null."""
        text = (
            "某局2022年政府信息公开工作年度报告二、主动公开政府信息情况第二十条第(一)项信息内容"
            "本年制发件数本年废止件数现行有效件数规章/ / /行政规范性文件1/5"
            "第二十条第(五)项信息内容本年处理决定数量行政许可/"
            "第二十条第(六)项信息内容本年处理决定数量行政处罚无 行政强制－"
            "第二十条第(八)项信息内容本年收费金额（单位：万元）行政事业性收费0"
            "三、收到和处理政府信息公开申请情况申请人情况自然人法人或其他组织总计商业企业科研机构"
            "社会公益组织法律服务机构其他一、本年新收政府信息公开申请数量3/0000 3"
            "二、上年结转政府信息公开申请数量12——0003"
        )
        reading = read(text)
        assert reading.report is not None
        data = ds.to_dict(reading.report)
        proactive = data["proactive"]
        assert [None] * 3 == list(proactive["regulations"].values())
        assert [1, None, 5] == list(proactive["normative_documents"].values())
        assert None is proactive["licensing"]["decisions"]
        assert None is proactive["punishment"]["decisions"]
        assert None is proactive["coercion"]["decisions"]
        assert 0 == proactive["administrative_fees"]["amount"]
        applications = data["applications"]
        assert [3, None, 0, 0, 0, 0, 3] == list(applications["new_received"].values())
        # 1 2 —— 0 0 0 3 (one blank) or 12 — — 0 0 0 3 (two): not chosen
        assert [None] * 7 == list(applications["carried_over"].values())
        ambiguous = [n for n in reading.notes if n.code == "reading_ambiguous"]
        assert any("/applications/carried_over/total" in n.locations for n in ambiguous)
        missing = {loc for n in reading.notes if n.code == "reading_row_missing"
                   for loc in n.locations}  # fmt: skip
        assert not missing & {"/proactive/licensing", "/proactive/punishment",
                              "/proactive/coercion"}  # fmt: skip

    @pytest.mark.parametrize("digits", ["0000000", "0 0 0 0 0 0 0", "2 00000 2", "2/////2"])
    def test_merged_other_row(self, digits: str) -> None:
        """A 2021 report printing （六）其他处理 as one row (the 2019 layout): the three 2021
        rows stay null, all-0 or not, and the note gives the printed digits."""
        document = json.loads((FIXTURES / "corpus" / "c02.json").read_text(encoding="utf-8"))
        text, _ = run_together(document, 3, messy=False)
        start, end = text.index("(六)其他处理"), text.index("(七)总计")
        text = text[:start] + f"(六)其他处理{digits}" + text[end:]
        reading = read(text)
        assert reading.report is not None
        other = ds.to_dict(reading.report)["applications"]["results"]["other"]
        assert {k: [None] * 7 for k in other} == {k: list(v.values()) for k, v in other.items()}
        (note,) = [n for n in reading.notes if n.code == "reading_merged_row"]
        assert digits in note.message_zh
        assert digits in note.message_en
        assert {f"/applications/results/other/{k}" for k in other} == set(note.locations)
        assert 95 == reading.report.applications.results.total.total

    @pytest.mark.parametrize(
        "row",
        [
            "0 | | | 1 | 1 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 7",
            "0\t\t\t1\t1\t0\t0\t0\t0\t0\t0\t0\t0\t0\t7",
        ],
    )
    def test_table4_separator_runs_in_one_line(self, row: str) -> None:
        """Table 四 with blanks as separator runs inside a one-line page: not read
        (table 四's numbers split apart, or 13 numbers for 15 cells), null with a note."""
        document = json.loads((FIXTURES / "corpus" / "c02.json").read_text(encoding="utf-8"))
        text, _ = run_together(document, 3, messy=False)
        start = text.rindex("尚未审结总计") + len("尚未审结总计")
        reading = read(text[:start] + row + text[text.index("五、存在") :])
        assert_table4_unread(reading)

    def test_aligned_row_is_not_run_together(self) -> None:
        """A row of space-aligned text is left to the other layouts' rules."""
        assert (
            glued_lines("（四）无法提供    1. 本机关不掌握相关政府信息      0    无    无") is None
        )

    def test_heading_runs_into_the_identity_sentence(self) -> None:
        """A heading followed on the same line by the 勾稽关系 sentence still opens table 三."""
        text = (
            "河包镇2021年政府信息公开工作年度报告 "
            "三、收到和处理政府信息公开申请情况（本列数据的勾稽关系为："
            "第一项加第二项之和，等于第三项加第四项之和）申请人情况自然人法人或其他组织总计商业企业"
            "科研机构社会公益组织法律服务机构其他一、本年新收政府信息公开申请数量3000003二、上年结转"
            "政府信息公开申请数量0 0 0 0 0 00"
        )
        reading = read(text)
        assert reading.report is not None
        data = ds.to_dict(reading.report)["applications"]
        assert [3, 0, 0, 0, 0, 0, 3] == list(data["new_received"].values())
        assert [0] * 7 == list(data["carried_over"].values())


# -- the fuzz test ---------------------------------------------------------------------------


class TestRunTogether:
    @settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(documents(zeros=0.5, nulls=0.05), st.integers(0, 2**32))
    def test_every_cell_is_right_or_null(self, document: dict[str, Any], seed: int) -> None:
        """A generated report printed run-together (cells split, joined and re-spaced at
        random): every cell read is the printed value or null, never another number;
        every row that the digit rules settle is read; every row they leave open is
        null."""
        document = _small({**document, "agency": {"name": "平潭综合实验区财政金融局"}})
        text, printed = run_together(document, seed)
        reading = read(text)
        assert reading.report is not None, [n.message_en for n in reading.notes]
        got = ds.to_dict(reading.report)
        for pointer, columns, tokens in printed:
            want = [_get(document, f"{pointer}/{c}") for c in columns]
            have = [_get(got, f"{pointer}/{c}") for c in columns]
            for column, w, h in zip(columns, want, have, strict=True):
                assert h is None or h == w, (pointer, column, tokens, want, have)
            ways = _splits(tokens, [_kind(c) for c in columns])
            if ways == 1:
                assert want == have, (pointer, tokens)
            else:
                assert [None] * len(columns) == have, (pointer, tokens, ways)
        # The page's own arithmetic errors (the figures above break identities at random)
        # come out exactly: none invented, none hidden where every cell was read.
        broken = _failures(ds.from_dict(document))
        found = _failures(reading.report)
        assert set(found) <= set(broken)
        for rule, cells in broken.items():
            if all(_get(got, c) is not None for c in cells):
                assert rule in found, rule
