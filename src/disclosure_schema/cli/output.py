"""How results look: JSON records for machines, a compact text for people.

Every word of the text comes from the table of words below, in the one language
asked for; identifiers (rule ids, codes, pointers, paths) are the same in both.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from typing import Final

import orjson

from ..findings import CODES, Finding, Severity
from ..limits import printable
from ..record import Record, State, family_title, to_json
from .options import Options
from .summary import Summary

__all__ = ["WORDS", "count", "display_width", "printable", "render", "summary_text"]

_RED, _GREEN, _YELLOW, _DIM, _RESET = "\033[31m", "\033[32m", "\033[33m", "\033[2m", "\033[0m"

#: Every word the command line prints. "{n}" counts take the plural form of ``count``.
WORDS: Final[Mapping[str, Mapping[str, str]]] = {
    "zh": {
        "valid": "有效",
        "invalid": "无效",
        "unchecked": "未能核对",
        "why_unchecked": "没有一项勾稽关系可以核对：表格没有读出，或单元格全部空白",
        "unreadable": "无法读取",
        "edition": "{} 版",
        "errors": "{n} 个错误",
        "rule": "规则",
        "left": "左边",
        "right": "右边",
        "difference": "差额",
        "warnings": "警告 {n} 条：{}",
        "more": "（--verbose 显示全部）",
        "sep": "，",
        "list_sep": "、",
        "inputs": "共 {n} 份输入",
        "summary": "{inputs}：有效 {valid}，无效 {invalid}，未能核对 {unchecked}，"
        "无法读取 {unreadable}",
        "errors_by_family": "错误，按规则族：",
        "warnings_by_family": "警告，按规则族：",
        "errors_by_code": "错误，按代码：",
        "warnings_by_code": "警告，按代码：",
        "skipped": "跳过 {n} 个不是报告格式的文件：{}",
        "and_more": "等",
        "reports": "{n} 份",
        "rate": "每秒 {} 份",
        "seconds": "{} 秒",
        "left_time": "剩余 {} 秒",
    },
    "en": {
        "valid": "valid",
        "invalid": "invalid",
        "unchecked": "unchecked",
        "why_unchecked": "not one identity could be checked: no table was read, or every "
        "cell is blank",
        "unreadable": "unreadable",
        "edition": "edition {}",
        "errors": "{n} error|{n} errors",
        "rule": "rule",
        "left": "left side",
        "right": "right side",
        "difference": "difference",
        "warnings": "{n} warning: {}|{n} warnings: {}",
        "more": " (--verbose lists them)",
        "sep": ", ",
        "list_sep": ", ",
        "inputs": "{n} input|{n} inputs",
        "summary": "{inputs}: {valid} valid, {invalid} invalid, {unchecked} unchecked, "
        "{unreadable} unreadable",
        "errors_by_family": "errors by rule family:",
        "warnings_by_family": "warnings by rule family:",
        "errors_by_code": "errors by code:",
        "warnings_by_code": "warnings by code:",
        "skipped": "skipped {n} file of no known kind: {}|skipped {n} files of no known kind: {}",
        "and_more": "and more",
        "reports": "{n} report|{n} reports",
        "rate": "{}/s",
        "seconds": "{}s",
        "left_time": "{}s left",
    },
}


def count(lang: str, key: str, n: int, *args: object) -> str:
    """A phrase with a count, singular or plural as the count asks (English only has both)."""
    forms = WORDS[lang][key].split("|")
    form = forms[0] if n == 1 or len(forms) == 1 else forms[1]
    return form.format(*args, n=f"{n:,}")


def render(record: Record, options: Options) -> bytes:
    """One input's output. Any text it echoes is escaped, so rendering cannot fail on
    what a document holds."""
    if options.format == "jsonl":
        return to_json(record.to_dict()) + b"\n"
    if options.format == "json":
        return to_json(record.to_dict(), orjson.OPT_INDENT_2)
    return _text(record, options).encode("utf-8")


def display_width(text: str) -> int:
    """Columns a string takes on a terminal: CJK characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _right(text: str, width: int) -> str:
    return " " * max(width - display_width(text), 0) + text


def _left(text: str, width: int) -> str:
    return text + " " * max(width - display_width(text), 0)


def _paint(text: str, colour: str, on: bool) -> str:
    return f"{colour}{text}{_RESET}" if on else text


def _number(value: object, signed: bool = False) -> str:
    if value is None:
        return "—"
    return f"{value:+}" if signed and isinstance(value, int | float) else str(value)


_STATUS: Final[Mapping[State, tuple[str, str]]] = {
    "valid": ("✓", _GREEN),
    "invalid": ("✗", _RED),
    "unchecked": ("?", _YELLOW),
    "unreadable": ("✗", _RED),
}


def _table(broken: list[Finding], lang: str, on: bool) -> list[str]:
    """Broken identities: the sum of each side and the difference."""
    words = WORDS[lang]
    width = max(display_width(words["rule"]), *(len(f.rule or "") for f in broken))
    heads = (words["left"], words["right"], words["difference"])
    columns = [max(10, display_width(h)) for h in heads]
    header = _left(words["rule"], width) + "".join(
        "  " + _right(h, w) for h, w in zip(heads, columns, strict=True)
    )
    lines = ["    " + _paint(header, _DIM, on)]
    for f in broken:
        numbers = (_number(f.actual), _number(f.expected), _number(f.difference, True))
        lines.append(
            "    "
            + _left(f.rule or "", width)
            + "".join("  " + _right(n, w) for n, w in zip(numbers, columns, strict=True))
        )
    return lines


def _shown(f: Finding) -> bool:
    """Warnings listed without --verbose: which cell is most likely wrong (the answer to
    the errors above it, not a remark of its own)."""
    return f.category == "localisation"


def _text(record: Record, options: Options) -> str:
    lang = options.lang
    words = WORDS[lang]
    zh = lang == "zh"
    on = options.color
    result = record.result
    errors = result.errors
    mark, colour = _STATUS[record.state]
    head = [_paint(f"{mark} {words[record.state]}", colour, on)]
    if result.edition:
        head.append(words["edition"].format(result.edition))
    if errors:
        head.append(count(lang, "errors", len(errors)))
    lines = [f"{printable(record.source)}  " + " · ".join(head)]
    if record.state == "unchecked":
        lines.append("  " + _paint("? " + words["why_unchecked"], _YELLOW, on))
    broken = [f for f in errors if f.rule is not None]
    if broken:
        lines += _table(broken, lang, on)
    for f in result.findings:
        if f.severity is Severity.WARNING and not options.verbose and not _shown(f):
            continue
        sign = {Severity.ERROR: ("✗", _RED), Severity.WARNING: ("!", _YELLOW)}.get(
            f.severity, ("·", _DIM)
        )
        label = f.rule or f.code
        message = printable(f.message_zh if zh else f.message_en)
        lines.append(f"  {_paint(sign[0], sign[1], on)} {label}  {message}")
    warnings = tuple(f for f in result.warnings if not _shown(f))
    if warnings and not options.verbose:
        counts: dict[str, int] = {}
        for f in warnings:
            counts[f.code] = counts.get(f.code, 0) + 1
        parts = words["sep"].join(
            f"{CODES[c].title_zh if zh else CODES[c].title_en} {n}" if c in CODES else f"{c} {n}"
            for c, n in counts.items()
        )
        text = count(lang, "warnings", len(warnings), parts) + words["more"]
        lines.append("  " + _paint("! " + text, _YELLOW, on))
    return "\n".join(lines) + "\n"


def _counts(title: str, counter: Mapping[str, int], lang: str, describe: bool) -> list[str]:
    if not counter:
        return []
    rows = sorted(counter.items())
    width = max(len(k) for k, _ in rows)
    digits = max(len(f"{v:,}") for _, v in rows)
    lines = [title]
    for key, value in rows:
        if describe:
            name = family_title(key, lang)
        else:
            code = CODES.get(key)
            name = "" if code is None else code.title_zh if lang == "zh" else code.title_en
        name = "" if name == key else name
        lines.append(f"  {key:<{width}}  {value:>{digits},}  {name}".rstrip())
    return lines


def summary_text(summary: Summary, lang: str) -> str:
    words = WORDS[lang]
    lines = [
        words["summary"].format(
            inputs=count(lang, "inputs", summary.inputs),
            valid=summary.valid,
            invalid=summary.invalid,
            unchecked=summary.unchecked,
            unreadable=summary.unreadable,
        )
    ]
    if summary.skipped:
        names = printable(words["list_sep"].join(summary.skipped_names))
        if summary.skipped > len(summary.skipped_names):
            names += (" " if lang == "en" else "") + words["and_more"]
        lines.append(count(lang, "skipped", summary.skipped, names))
    lines += _counts(words["errors_by_family"], summary.errors_by_family, lang, True)
    lines += _counts(words["errors_by_code"], summary.errors_by_code, lang, False)
    lines += _counts(words["warnings_by_family"], summary.warnings_by_family, lang, True)
    lines += _counts(words["warnings_by_code"], summary.warnings_by_code, lang, False)
    return "\n".join(lines) + "\n"
