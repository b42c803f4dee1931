"""How results look: JSON records for machines, a compact text for people."""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from typing import Any, Final

import orjson

from ..api import ValidationResult
from ..findings import CODES, Severity
from ..limits import encodable, printable
from .options import Options
from .summary import Summary

__all__ = ["display_width", "printable", "record", "render", "summary_text"]

_RED, _GREEN, _YELLOW, _DIM, _RESET = "\033[31m", "\033[32m", "\033[33m", "\033[2m", "\033[0m"

_WORDS: Final[Mapping[str, Mapping[str, str]]] = {
    "zh": {
        "valid": "有效",
        "invalid": "无效",
        "unreadable": "无法读取",
        "edition": "{} 版",
        "errors": "{} 个错误",
        "rule": "规则",
        "actual": "报告值",
        "expected": "应为",
        "difference": "差额",
        "warnings": "警告 {} 条：{}",
        "more": "（--verbose 显示全部）",
        "sep": "，",
        "summary": "共 {inputs} 份输入：有效 {valid}，无效 {invalid}，无法读取 {unreadable}",
        "families": "按规则族统计的发现：{}",
    },
    "en": {
        "valid": "valid",
        "invalid": "invalid",
        "unreadable": "unreadable",
        "edition": "edition {}",
        "errors": "{} errors",
        "rule": "rule",
        "actual": "reported",
        "expected": "expected",
        "difference": "difference",
        "warnings": "{} warnings: {}",
        "more": " (--verbose lists them)",
        "sep": ", ",
        "summary": "{inputs} inputs: {valid} valid, {invalid} invalid, {unreadable} unreadable",
        "families": "findings by rule family: {}",
    },
}


def record(source: str, result: ValidationResult) -> dict[str, Any]:
    """The published result record of one input (schemas/findings.schema.json)."""
    return {"source": source, **result.to_dict(), "readable": result.readable}


def _encodable(value: Any) -> Any:
    if isinstance(value, str):
        return encodable(value)
    if isinstance(value, dict):
        return {encodable(k): _encodable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_encodable(v) for v in value]
    return value


def _json(data: dict[str, Any], option: int | None = None) -> bytes:
    try:
        return orjson.dumps(data, option=option)
    except TypeError:  # a lone surrogate somewhere: rare, so escaped only on failure
        return orjson.dumps(_encodable(data), option=option)


def render(source: str, result: ValidationResult, options: Options) -> bytes:
    """One input's output. Any text it echoes is escaped, so rendering cannot fail on
    what a document holds."""
    if options.format == "jsonl":
        return _json(record(source, result)) + b"\n"
    if options.format == "json":
        return _json(record(source, result), orjson.OPT_INDENT_2)
    return _text(source, result, options).encode("utf-8")


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


def _text(source: str, result: ValidationResult, options: Options) -> str:
    words = _WORDS[options.lang]
    zh = options.lang == "zh"
    on = options.color
    errors = result.errors
    if not result.readable:
        status = _paint("✗ " + words["unreadable"], _RED, on)
    elif result.valid:
        status = _paint("✓ " + words["valid"], _GREEN, on)
    else:
        status = _paint("✗ " + words["invalid"], _RED, on)
    head = [status]
    if result.edition:
        head.append(words["edition"].format(result.edition))
    if errors:
        head.append(words["errors"].format(len(errors)))
    lines = [f"{printable(source)}  " + " · ".join(head)]
    broken = [f for f in errors if f.rule is not None]
    if broken:
        width = max(display_width(words["rule"]), *(len(f.rule or "") for f in broken))
        heads = (words["actual"], words["expected"], words["difference"])
        rows = [
            (f.rule or "", _number(f.actual), _number(f.expected), _number(f.difference, True))
            for f in broken
        ]
        header = _left(words["rule"], width) + "".join("  " + _right(h, 10) for h in heads)
        lines.append("    " + _paint(header, _DIM, on))
        for rule, *numbers in rows:
            lines.append(
                "    " + _left(rule, width) + "".join("  " + _right(n, 10) for n in numbers)
            )
    for f in result.findings:
        if f.severity is Severity.WARNING and not options.verbose:
            continue
        mark = {Severity.ERROR: ("✗", _RED), Severity.WARNING: ("!", _YELLOW)}.get(
            f.severity, ("·", _DIM)
        )
        label = f.rule or f.code
        message = printable(f.message_zh if zh else f.message_en)
        lines.append(f"  {_paint(mark[0], mark[1], on)} {label}  {message}")
    warnings = result.warnings
    if warnings and not options.verbose:
        counts: dict[str, int] = {}
        for f in warnings:
            counts[f.code] = counts.get(f.code, 0) + 1
        parts = words["sep"].join(
            f"{CODES[c].title_zh if zh else CODES[c].title_en} {n}" for c, n in counts.items()
        )
        text = words["warnings"].format(len(warnings), parts) + words["more"]
        lines.append("  " + _paint("! " + text, _YELLOW, on))
    return "\n".join(lines) + "\n"


def summary_text(summary: Summary, lang: str) -> str:
    words = _WORDS[lang]
    lines = [
        words["summary"].format(
            inputs=summary.inputs,
            valid=summary.valid,
            invalid=summary.invalid,
            unreadable=summary.unreadable,
        )
    ]
    if summary.families:
        parts = words["sep"].join(f"{k} {v}" for k, v in sorted(summary.families.items()))
        lines.append(words["families"].format(parts))
    return "\n".join(lines) + "\n"
