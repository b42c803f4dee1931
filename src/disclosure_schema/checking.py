"""The structural check: a decoded JSON value against the layout of its edition.

It reports every problem (not the first) with its JSON Pointer, and collects the
table cells in layout order for the identities. It is generic over the layout,
so it knows nothing of any particular table.
"""

from __future__ import annotations

import datetime
import re
from typing import Any, Final

import attrs

from .decoding import Unrepresentable, scan
from .fields import Kind
from .findings import Finding, finding
from .layout import Layout, Node, layout
from .limits import MAX_FINDINGS, more_findings
from .model import EDITIONS, Edition
from .pointers import join

__all__ = ["INVALID", "Checked", "check", "describe_value", "is_date", "not_stated"]


class _Invalid:
    """Marks a cell whose value is unusable (missing, wrong type); identities skip it."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "INVALID"


INVALID: Final = _Invalid()

_DATE: Final = re.compile(r"\d{4}-\d{2}-\d{2}\Z", re.ASCII)


def is_date(value: object) -> bool:
    """An ISO 8601 calendar date, exactly YYYY-MM-DD."""
    if type(value) is not str or not _DATE.match(value):
        return False
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        return False
    return True


@attrs.frozen
class Checked:
    """What the structural check found, and the cells it could read."""

    edition: Edition | None
    findings: tuple[Finding, ...]
    #: cell values in layout order: a number, None (not reported) or INVALID
    cells: tuple[object, ...] | None


_EXPECTED: Final = {
    Kind.COUNT: ("非负整数", "a non-negative integer"),
    Kind.SIGNED_COUNT: ("整数", "an integer"),
    Kind.AMOUNT: ("非负数值", "a non-negative number"),
    Kind.YEAR: ("2019 至 9999 之间的整数年份", "a year, an integer from 2019 to 9999"),
    Kind.EDITION: ('版本 "2019" 或 "2021"', 'the edition "2019" or "2021"'),
    Kind.DATE: ("YYYY-MM-DD 格式的日期", "a date as YYYY-MM-DD"),
    Kind.TEXT: ("非空字符串", "a non-empty string"),
}

# The JSON types each kind accepts; any other type is ``wrong_type``, a right type
# with a wrong value is ``out_of_range`` (numbers) or ``invalid_value``.
_TYPES: Final[dict[Kind, tuple[type, ...]]] = {
    Kind.COUNT: (int,),
    Kind.SIGNED_COUNT: (int,),
    Kind.AMOUNT: (int, float),
    Kind.YEAR: (int,),
    Kind.EDITION: (str,),
    Kind.DATE: (str,),
    Kind.TEXT: (str,),
}


def describe_value(value: object) -> tuple[str, str]:
    """How a value reads in a message, in Chinese and English."""
    if value is None:
        return "null", "null"
    if value is True or value is False:
        text = "true" if value else "false"
        return f"布尔值 {text}", f"the boolean {text}"
    if type(value) is int:
        return f"整数 {value}", f"the integer {value}"
    if type(value) is float:
        return f"小数 {value!r}", f"the decimal number {value!r}"
    if isinstance(value, str):
        shown = value if len(value) <= 20 else value[:20] + "…"
        return f"字符串 “{shown}”", f"the string {shown!r}"
    if isinstance(value, list):
        return "数组", "an array"
    if isinstance(value, dict):
        return "对象", "an object"
    return type(value).__name__, type(value).__name__


def _where(node: Node) -> tuple[str, str]:
    return f"{node.title_zh}（{node.pointer}）", f"{node.title_en} ({node.pointer})"


def not_stated(node: Node) -> Finding:
    """The warning for a null value outside the tables (an agency name not given)."""
    where_zh, where_en = _where(node)
    return finding(
        "not_stated",
        f"{where_zh}：报告未载明",
        f"{where_en}: the report does not state it",
        locations=(node.pointer,),
    )


class _Checker:
    def __init__(self, lay: Layout) -> None:
        self.layout = lay
        self.findings: list[Finding] = []
        self.dropped = 0  # findings past MAX_FINDINGS: counted, not kept (memory)
        self.cells: list[object] = [INVALID] * len(lay.cells)

    def add(self, code: str, node: Node | None, ptr: str, zh: str, en: str) -> None:
        if len(self.findings) >= MAX_FINDINGS:
            self.dropped += 1
            return
        if node is None:
            where_zh = where_en = ptr
        else:
            where_zh, where_en = _where(node)
        self.findings.append(
            finding(code, f"{where_zh}：{zh}", f"{where_en}: {en}", locations=(ptr,))
        )

    def object(self, node: Node, value: Any) -> None:
        if isinstance(value, Unrepresentable):
            return  # reported by the decoder
        if not isinstance(value, dict):
            got_zh, got_en = describe_value(value)
            self.add(
                "wrong_type", node, node.pointer, f"应为对象，实际为{got_zh}",
                f"expected an object, got {got_en}",
            )  # fmt: skip
            return
        known = node.keys
        for key in value:
            if key not in known:
                if len(self.findings) >= MAX_FINDINGS:  # a million unknown keys: count them
                    self.dropped += 1
                    continue
                ptr = join(node.pointer, key)
                self.add(
                    "unknown_key", None, ptr,
                    f"{node.title_zh}中没有“{key}”这一项（{self.layout.edition} 版）",
                    f"{node.title_en} has no key {key!r} in the {self.layout.edition} edition",
                )  # fmt: skip
        for child in node.children:
            assert child.info is not None
            if child.key not in value:
                if not child.info.optional:
                    self.add(
                        "missing_key", child, child.pointer,
                        "缺少此项（未填报的单元格应为 null）" if child.is_cell else "缺少此项",
                        "missing (a cell the report left blank is null, not absent)"
                        if child.is_cell else "missing",
                    )  # fmt: skip
                continue
            v = value[child.key]
            if child.is_leaf:
                self.leaf(child, v)
            elif v is None and child.info.optional:
                self.add(
                    "wrong_type", child, child.pointer, "不能为 null：未提供时请省略此键",
                    "must not be null: leave the key out instead",
                )  # fmt: skip
            else:
                self.object(child, v)

    def leaf(self, node: Node, value: Any) -> None:
        info = node.info
        assert info is not None
        assert info.kind is not None
        kind = info.kind
        if isinstance(value, Unrepresentable):
            return  # reported by the decoder, with its original text
        if value is None:
            if node.is_cell:
                self.cells[self.layout.cell_index[node.pointer]] = None
                return
            if info.nullable:
                self.findings.append(not_stated(node))
                return
            self.add(
                "wrong_type", node, node.pointer,
                "不能为 null" + ("：未提供时请省略此键" if info.optional else ""),
                "must not be null" + (": leave the key out instead" if info.optional else ""),
            )  # fmt: skip
            return
        if kind.accepts(value) and (kind is not Kind.DATE or is_date(value)):
            if node.is_cell:
                self.cells[self.layout.cell_index[node.pointer]] = value
            return
        want_zh, want_en = _EXPECTED[kind]
        got_zh, got_en = describe_value(value)
        if type(value) not in _TYPES[kind]:
            code = "wrong_type"
        elif kind in (Kind.EDITION, Kind.DATE, Kind.TEXT):
            code = "invalid_value"
        else:
            code = "out_of_range"
        self.add(code, node, node.pointer, f"应为{want_zh}，实际为{got_zh}",
                 f"expected {want_en}, got {got_en}")  # fmt: skip


def check(value: Any, *, strings: bool = False) -> Checked:
    """Check a decoded JSON value against the layout its ``edition`` selects.

    ``strings``: also look for what the decoder would have found in JSON text (lone
    surrogates), for a value that did not come through it.
    """
    if strings:
        found = check(value)
        scanned = scan(value)
        if not scanned:
            return found
        return Checked(found.edition, (*scanned, *found.findings), found.cells)
    if not isinstance(value, dict):
        got_zh, got_en = describe_value(value)
        return Checked(
            None,
            (
                finding(
                    "not_an_object",
                    f"报告应为 JSON 对象，实际为{got_zh}",
                    f"a report is a JSON object; this is {got_en}",
                    locations=("",),
                ),
            ),
            None,
        )
    edition = value.get("edition")
    if edition not in EDITIONS or type(edition) is not str:
        if "edition" not in value:
            code, zh, en = "missing_key", "缺少版本（edition）", "the edition is missing"
        else:
            got_zh, got_en = describe_value(edition)
            code = "invalid_value" if isinstance(edition, str) else "wrong_type"
            zh = f'版本应为 "2019" 或 "2021"，实际为{got_zh}'
            en = f'the edition must be "2019" or "2021", got {got_en}'
        return Checked(None, (finding(code, zh, en, locations=("/edition",)),), None)
    checker = _Checker(layout(edition))
    checker.object(checker.layout.root, value)
    if checker.dropped:
        checker.findings.append(more_findings(checker.dropped))
    return Checked(checker.layout.edition, tuple(checker.findings), tuple(checker.cells))
