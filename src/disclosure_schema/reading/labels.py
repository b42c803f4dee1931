"""Recognising what a piece of published text is: a table heading, a row label, a
number, a blank, or something else. Labels are matched by meaning, never by
position: normalised (width, spaces, punctuation, quotes, traditional
characters, numbering) and compared by content.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from typing import Final, Literal, TypeAlias

import attrs

from ..layout import layout
from ..model import EDITIONS, ApplicantRow

__all__ = [
    "BLANK",
    "Label",
    "Table",
    "core",
    "heading",
    "heading_prefix",
    "match_row",
    "number",
    "row_cores",
]

Table: TypeAlias = Literal["t2", "t3", "t4", "end"]

# Characters of the labels and headings that Traditional-script pages print differently.
_TRADITIONAL: Final = str.maketrans(
    "開請數處結轉辦規機關務資訊許罰強費購總現廢報計類內舉訴複復議維糾審屬執護權範區業組織實況檔發項條製採統檢紀錄體題問進認確"
    "獲補為與於決門國經濟穩險會責對應單據違當時間導須準滿絕將廳鄉鎮縣轄縮劃屆術標網頁佈擊顯歸續證響鑒"
    "訟這個們來說書號衛廣東長義嚴",
    "开请数处结转办规机关务资讯许罚强费购总现废报计类内举诉复复议维纠审属执护权范区业组织实况档发项条制采统检纪录体题问进认确"
    "获补为与于决门国经济稳险会责对应单据违当时间导须准满绝将厅乡镇县辖缩划届术标网页布击显归续证响鉴"
    "讼这个们来说书号卫广东长义严",
)
# "三、", "（三）", "1.", "1、" and the fused "三（三）1." of the official row labels.
_NUMBERING: Final = re.compile(
    r"^(?:[一二三四五六七八九十]+(?:[、.．]|(?=[(（][一二三四五六七八九十]))"
    r"|[(（][一二三四五六七八九十]+[)）]|\d{1,2}(?:[.、．]|\s)(?!\d))+"
)
_DROP: Final = re.compile(r"[^0-9a-z\u4e00-\u9fff]")
# A pronunciation printed inside a label: "規(guī)章".
_PINYIN: Final = re.compile(r"[(（][a-z\u00c0-\u024f\s]+[)）]")
# An explanation in brackets after a label: the template's own instructions left in.
_BRACKETED: Final = re.compile(r"[(（][^()（）]*[)）]")


def core(text: str) -> str:
    """A label reduced to its meaning: NFKC, simplified, no numbering, no spaces or
    punctuation: ``"（二）部分公开（区分处理的，只计这一情 形"`` becomes
    ``"部分公开区分处理的只计这一情形"``."""
    text = unicodedata.normalize("NFKC", text).translate(_TRADITIONAL).lower()
    text = _PINYIN.sub("", re.sub(r"\s+", "", text))
    previous = None
    while previous != text:  # "三、(一)1.": strip every numbering prefix
        previous = text
        text = _NUMBERING.sub("", text)
    return _DROP.sub("", text)


def numbering(text: str) -> str:
    """The numbering prefix of a label ("3." of "3.其他"), normalised; "" if none."""
    text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))
    found = _NUMBERING.match(text)
    return "" if found is None else found.group(0)


# -- numbers and blanks -------------------------------------------------------------------


class _Blank:
    __slots__ = ()

    def __repr__(self) -> str:
        return "BLANK"


#: A cell the report left blank on purpose: "/", "—", "无", "-".
BLANK: Final = _Blank()

_BLANKS: Final = frozenset(["", "/", "—", "——", "-", "--", "无", "空", "\\", "_", "×", "x"])
_NUMBER: Final = re.compile(
    r"^([+-]?)(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?:元|万元|件|个|项|条|人次)?$"
)

# Digits on both sides of a space with two digits on one side: two numbers, not one
# letter-spaced number ("1 2 3").
_SPACED: Final = re.compile(r"\d\d\s+\d|\d\s+\d\d")


@functools.lru_cache(maxsize=8192)
def number(text: str) -> Decimal | _Blank | None:
    """A cell's value: a Decimal, BLANK for an explicit blank, None when it is no value."""
    text = unicodedata.normalize("NFKC", text).strip()
    if _SPACED.search(text):
        return None  # "95 0": two numbers, or one; not determined
    text = text.replace(" ", "")
    if text in _BLANKS:
        return BLANK
    found = _NUMBER.match(text)
    if found is None:
        return None
    sign, whole, fraction = found.groups()
    try:
        return Decimal(f"{'-' if sign == '-' else ''}{whole.replace(',', '')}{fraction or ''}")
    except InvalidOperation:  # pragma: no cover - the pattern admits only digits
        return None


# -- headings -----------------------------------------------------------------------------

# The printed headings of parts 二 to 五, after their numbering, as label cores. Pages
# shift the numbering (收到和处理… as 二), misspell (行政法复议) and use the long official
# heading of part 五 (政府信息公开工作存在的主要问题及改进情况).
_HEADINGS: Final[tuple[tuple[Table, re.Pattern[str]], ...]] = (
    ("t2", re.compile(r"主动公开政[府务]信息(?:的)?(?:情况)?")),
    (
        "t3",
        re.compile(r"(?:收到和处理政[府务]信息公开申请|依申请公开政[府务]信息)(?:的)?(?:情况)?"),
    ),
    (
        "t4",
        re.compile(
            r"因?政[府务]信息公开(?:工作)?(?:申请)?(?:被申请)?行政法?复议(?:和|与|及)?(?:提起)?"
            r"行政诉讼(?:的)?(?:情况)?"
        ),
    ),
    ("end", re.compile(r"(?:政[府务]信息公开(?:工作)?)?存在的?(?:主要)?问题")),
)
_CN_NUMBER: Final = re.compile(r"^\s*[一二三四五六七八九十]+\s*(?:[、.．]\s*)?")


def _heading_body(cleaned: str) -> tuple[Table, int] | None:
    for table, pattern in _HEADINGS:
        found = pattern.match(cleaned)
        if found is not None:
            return table, found.end()
    return None


@functools.lru_cache(maxsize=8192)
def heading(text: str) -> Table | None:
    """The table a section heading opens (``"四、因政府信息公开工作被申请行政复议和提起
    行政诉讼情况"`` -> ``"t4"``); None when the text is not a section heading. A heading
    is numbered (一、 to 十、, whichever number the page gives it); part 五's heading may
    run on into its text."""
    raw = unicodedata.normalize("NFKC", text).strip()
    numbered = _CN_NUMBER.match(raw)
    if len(raw) > 40 or numbered is None:
        return None  # a paragraph, or a mention of the part in a sentence
    c = _DROP.sub("", re.sub(r"\s+", "", raw[numbered.end() :].translate(_TRADITIONAL)))
    found = _heading_body(c)
    if found is None or (found[0] != "end" and found[1] != len(c)):
        return None
    return found[0]


def heading_prefix(text: str) -> int | None:
    """How long the section heading is that starts ``text`` (run-together text, where a
    heading runs on into the table's header or a sentence); None if it starts none."""
    raw = unicodedata.normalize("NFKC", text)
    if len(raw) != len(text):
        return None
    numbered = _CN_NUMBER.match(raw)
    if numbered is None:
        return None
    kept: list[str] = []
    where: list[int] = []
    for index in range(numbered.end(), min(len(raw), numbered.end() + 60)):
        char = raw[index].translate(_TRADITIONAL)
        if _DROP.sub("", char):
            kept.append(char)
            where.append(index)
    found = _heading_body("".join(kept))
    if found is None:
        return None
    end = where[found[1] - 1] + 1
    return end


# -- row labels ---------------------------------------------------------------------------


@attrs.frozen
class Label:
    """What a piece of text names: a data row (``key``) or a group (``key`` None)."""

    table: Table
    key: str | None  # edition-independent row key, e.g. "results/withheld/state_secret"
    text: str  # the text as printed
    exact: bool  # matched without loosening


# Wordings seen in published reports beside the official labels, by row key.
_ALIASES: Final = {"results/partially_disclosed": ("部分公开",)}


@functools.cache
def _rows() -> tuple[tuple[Table, str | None, tuple[str, ...]], ...]:
    """(table, key, cores that name it), from the labels declared on the model's fields.

    Rows are table 二's lines and table 三's data rows; a table-三 object that is a row
    in neither edition is a group label (key None), which carries no numbers. （六）
    其他处理 is a row in 2019 and a group in 2021: it keeps its key, and whether
    numbers follow it tells which it is.
    """
    found: dict[tuple[Table, str | None], list[str]] = {}
    rows = {
        n.pointer
        for e in EDITIONS
        for n in layout(e).nodes["/applications"].walk()
        if n.cls is ApplicantRow
    }
    for edition in EDITIONS:
        sections: tuple[tuple[Table, str], ...] = (("t2", "/proactive"), ("t3", "/applications"))
        for table, base in sections:
            for node in layout(edition).nodes[base].walk():
                if node.info is None or node.cls is None or node.pointer == base:
                    continue  # cells, and the table itself
                key = node.pointer.removeprefix(base + "/")
                is_row = table == "t2" or node.pointer in rows  # table 二 has no groups
                names = found.setdefault((table, key if is_row else None), [])
                for name in (core(node.info.label_zh), *_ALIASES.get(key, ())):
                    if name not in names:
                        names.append(name)
    return tuple((table, key, tuple(names)) for (table, key), names in found.items())


_OTHER_ROW: Final = ("t3", "results/other/other")


@functools.cache
def row_cores() -> tuple[str, ...]:
    """The cores of every data row's label, longest first (for finding a label at the
    end of run-together text); bare 其他 is left out, it is also a column header."""
    names = {n for _, key, cores in _rows() if key is not None for n in cores}
    return tuple(sorted((n for n in names if len(n) >= 2 and n != "其他"), key=len, reverse=True))


def _bigrams(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)}


def _similarity(a: str, b: str) -> float:
    x, y = _bigrams(a), _bigrams(b)
    return 2 * len(x & y) / (len(x) + len(y)) if x and y else 0.0


def _candidates(table: Table | None) -> Iterable[tuple[Table, str | None, tuple[str, ...]]]:
    return (r for r in _rows() if table is None or r[0] == table)


@functools.lru_cache(maxsize=8192)  # pages repeat labels (spanned cells, headers)
def match_row(text: str, table: Table | None) -> Label | None:
    """The row or group a label names, within ``table`` (None: any table).

    Exact core matches first; then a printed label that is the start of an official
    one (a label wrapped over lines) or holds it; then a close spelling (a dropped
    character, as in "其他法律行政止公开"), only when one row is clearly closest.
    """
    c = core(text)
    if len(c) < 2:
        return None
    if c == "其他":  # "3.其他" is a row; bare "其他" is a column header
        if numbering(text) and table in ("t3", None):
            return Label(_OTHER_ROW[0], _OTHER_ROW[1], text, True)
        return None
    rows = list(_candidates(table))
    for t, key, names in rows:
        if c in names:
            return Label(t, key, text, True)
    bare = core(_BRACKETED.sub("", unicodedata.normalize("NFKC", text)))
    if bare != c and len(bare) >= 2:
        for t, key, names in rows:
            if bare in names:
                return Label(t, key, text, False)  # the label and an explanation in brackets
    loose: list[tuple[float, Table, str | None]] = []
    for t, key, names in rows:
        for name in names:
            if name.startswith(c) and len(c) >= min(6, len(name) // 2 + 1):
                loose.append((0.95, t, key))  # the first line of a wrapped label
            elif len(name) >= 4 and c.startswith(name) and len(c) <= len(name) + 14:
                loose.append((0.9, t, key))  # the label and its explanation
            elif len(c) >= 4 and abs(len(c) - len(name)) <= 4:
                score = _similarity(c, name)
                if score >= 0.7:
                    loose.append((score, t, key))
    if not loose:
        return None
    loose.sort(key=lambda s: s[0], reverse=True)
    best = loose[0]
    if any(other[0] >= best[0] - 0.1 and other[2] != best[2] for other in loose[1:]):
        return None  # two rows about as close: not recognised rather than guessed
    return Label(best[1], best[2], text, False)
