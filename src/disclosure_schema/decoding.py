"""Bytes to a JSON value, with every problem found on the way as a finding.

This is the careful path: it names the line, column and byte offset of a syntax
error, finds duplicate keys and NaN/Infinity (which fast parsers drop or reject
without saying where), and never raises on any input. The fast path in
:mod:`disclosure_schema.fastpath` falls back to it whenever anything is unusual.
"""

from __future__ import annotations

import codecs
import json
import math
from typing import Any, Final

import attrs

from .findings import Finding, Position, finding
from .limits import MAX_FINDINGS, is_utf8, more_findings
from .pointers import join

__all__ = ["Decoded", "Unrepresentable", "decode", "scan", "string_problem"]

# JSON texts are UTF-8 (RFC 8259); these byte-order marks say the text is something else.
_FOREIGN_BOMS: Final = (
    (codecs.BOM_UTF32_LE, "UTF-32"),
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16"),
)
# Longer integer literals are out of any range this library accepts; not converting
# them also keeps Python's 4300-digit int() limit from raising.
_MAX_INT_DIGITS: Final = 40


@attrs.frozen
class Unrepresentable:
    """A number the JSON text holds but no report can: NaN, Infinity, 1e400, 10**5000.

    The decoder reports it where it finds it; the checker then skips it silently.
    """

    text: str
    code: str  # "non_finite_number" | "out_of_range"


class _Object(dict[str, Any]):
    """A JSON object that had duplicate keys (the last value is kept, as JSON.parse does)."""

    __slots__ = ("duplicates",)
    duplicates: list[str]


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    obj = dict(pairs)
    if len(obj) == len(pairs):
        return obj
    # Sets, not lists: an object of 100,000 repeated keys must take linear time.
    seen: set[str] = set()
    reported: set[str] = set()
    dupes = _Object(obj)
    dupes.duplicates = []
    for key, _ in pairs:
        if key in seen and key not in reported:
            reported.add(key)
            dupes.duplicates.append(key)
        seen.add(key)
    return dupes


def _int(text: str) -> int | Unrepresentable:
    digits = len(text) - (text[0] == "-")
    if digits > _MAX_INT_DIGITS:
        return Unrepresentable(text, "out_of_range")
    return int(text)


def _float(text: str) -> float | Unrepresentable:
    value = float(text)
    return value if math.isfinite(value) else Unrepresentable(text, "out_of_range")


def _constant(text: str) -> Unrepresentable:
    return Unrepresentable(text, "non_finite_number")


_DECODER: Final = json.JSONDecoder(
    object_pairs_hook=_pairs, parse_int=_int, parse_float=_float, parse_constant=_constant
)


@attrs.frozen
class Decoded:
    """The outcome of decoding: a value, or no value and the reason in ``findings``."""

    value: Any
    findings: tuple[Finding, ...]
    readable: bool


def _unreadable(*findings: Finding) -> Decoded:
    return Decoded(None, findings, False)


def _position(text: str, index: int, encoding: str, base: int) -> Position:
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    offset = base + len(text[:index].encode(encoding, "surrogatepass"))
    return Position(line=line, column=column, offset=offset)


def _where_zh(p: Position) -> str:
    return f"第 {p.line} 行第 {p.column} 列（字节偏移 {p.offset}）"


def _where_en(p: Position) -> str:
    return f"line {p.line}, column {p.column} (byte offset {p.offset})"


def _looks_like_text(text: str) -> bool:
    # GB18030 maps almost any byte sequence to something: accept it only when the
    # result reads as text with Chinese in it, not as control characters.
    if any(ch < " " and ch not in "\t\r\n" for ch in text):
        return False
    return sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff") >= 2


def _to_text(data: bytes) -> tuple[str, str, int, list[Finding]] | Decoded:
    """The text, its encoding, the byte length of a skipped BOM, and notes."""
    notes: list[Finding] = []
    base = 0
    for bom, name in _FOREIGN_BOMS:
        if data.startswith(bom):
            return _unreadable(
                finding(
                    "invalid_encoding",
                    f"输入为 {name} 编码（含字节顺序标记）；JSON 报告须为 UTF-8 编码",
                    f"the input is {name}-encoded (it starts with a byte-order mark); "
                    "JSON reports must be UTF-8",
                    position=Position(line=1, column=1, offset=0),
                )
            )
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
        base = len(codecs.BOM_UTF8)
        notes.append(
            finding(
                "utf8_bom",
                "输入以 UTF-8 字节顺序标记开头，已忽略该标记",
                "the input starts with a UTF-8 byte-order mark; it was ignored",
                position=Position(line=1, column=1, offset=0),
            )
        )
    try:
        return data.decode("utf-8"), "utf-8", base, notes
    except UnicodeDecodeError as error:
        bad = base + error.start
        if error.reason == "unexpected end of data":
            return _unreadable(
                finding(
                    "truncated_json",
                    f"字节偏移 {bad} 处：输入在一个字符的中间结束",
                    f"byte offset {bad}: the input ends in the middle of a character",
                    position=_byte_position(data, error.start, base),
                )
            )
        # UTF-8 that breaks after valid multi-byte characters is broken UTF-8; GBK
        # text breaks UTF-8 at its first non-ASCII byte.
        maybe_gbk = data[: error.start].isascii()
    try:
        text = data.decode("gb18030") if maybe_gbk else ""
    except UnicodeDecodeError:
        text = ""
    if text and _looks_like_text(text):
        notes.append(
            finding(
                "gb18030_decoded",
                "输入不是 UTF-8 编码，已按 GB18030（GBK）解码；请以 UTF-8 发布 JSON",
                "the input is not UTF-8; it was decoded as GB18030 (GBK). Publish JSON as UTF-8",
            )
        )
        return text, "gb18030", base, notes
    kind_zh, kind_en = ("二进制数据", "binary data") if b"\x00" in data else ("", "")
    return _unreadable(
        finding(
            "invalid_encoding",
            f"字节偏移 {bad} 处不是有效的 UTF-8 编码{('（' + kind_zh + '）') if kind_zh else ''}，"
            "也不是可识别的 GB18030 文本",
            f"invalid UTF-8 at byte offset {bad}{(' (' + kind_en + ')') if kind_en else ''}, "
            "and not readable as GB18030 text either",
            position=_byte_position(data, bad - base, base),
        )
    )


def _byte_position(data: bytes, index: int, base: int) -> Position:
    line = data.count(b"\n", 0, index) + 1
    column = index - (data.rfind(b"\n", 0, index) + 1) + 1
    return Position(line=line, column=column, offset=base + index)


#: What the JSON parser's messages mean, said whole in each language (its own text is
#: English only, and cut before the position it leaves out).
_JSON_PROBLEMS: Final = (
    ("Unterminated string", "：字符串没有结束", ": a string is not closed"),
    ("Invalid control character", "：字符串中有未转义的控制字符",
     ": a string holds an unescaped control character"),
    ("Invalid \\uXXXX escape", "：\\u 转义无效", ": an invalid \\u escape"),
    ("Invalid \\escape", "：转义序列无效", ": an invalid escape sequence"),
    ("Expecting property name", "：此处应为用双引号括起的键名",
     ": a key in double quotes was expected here"),
    ("Expecting ':'", "：此处应为冒号", ": a ':' was expected here"),
    ("Expecting ','", "：此处应为逗号或结束括号", ": a ',' or a closing bracket was expected here"),
    ("Expecting value", "：此处应为一个值", ": a value was expected here"),
    ("Extra data", "：文档结束后还有内容", ": more text follows the end of the document"),
)  # fmt: skip


def _json_problem(message: str) -> tuple[str, str]:
    for start, zh, en in _JSON_PROBLEMS:
        if message.startswith(start):
            return zh, en
    return "", ""


def decode(data: bytes | str) -> Decoded:
    """Decode one JSON document, collecting every problem. Never raises."""
    notes: list[Finding] = []
    encoding, base = "utf-8", 0
    if isinstance(data, str):
        text = data
        if text.startswith("\ufeff"):
            text, base = text[1:], len(codecs.BOM_UTF8)
            notes.append(
                finding(
                    "utf8_bom",
                    "输入以字节顺序标记（U+FEFF）开头，已忽略该标记",
                    "the input starts with a byte-order mark (U+FEFF); it was ignored",
                )
            )
    else:
        outcome = _to_text(bytes(data))
        if isinstance(outcome, Decoded):
            return outcome
        text, encoding, base, notes = outcome
    if not text.strip():
        what_zh, what_en = ("输入为空", "the input is empty") if not text else (
            "输入只有空白字符", "the input holds only whitespace")  # fmt: skip
        return _unreadable(*notes, finding("empty_input", what_zh, what_en))
    try:
        value = _DECODER.decode(text)
    except json.JSONDecodeError as error:
        where = _position(text, error.pos, encoding, base)
        # A string left open runs to the end of the input: also a cut.
        if error.pos >= len(text.rstrip()) or error.msg.startswith("Unterminated string"):
            code, zh, en = "truncated_json", "JSON 在此处意外结束", "the JSON text ends early"
        else:
            code, zh, en = "invalid_json", "JSON 语法错误", "invalid JSON"
        detail_zh, detail_en = _json_problem(error.msg)
        return _unreadable(
            *notes,
            finding(
                code,
                f"{_where_zh(where)}：{zh}{detail_zh}",
                f"{_where_en(where)}: {en}{detail_en}",
                position=where,
            ),
        )
    except RecursionError:
        return _unreadable(
            *notes,
            finding(
                "too_deep",
                "数组或对象嵌套层数过多，无法解析",
                "arrays or objects are nested too deeply to parse",
            ),
        )
    return Decoded(value, (*notes, *_scan(value)), True)


_PLAIN: Final = frozenset([int, float, bool, type(None)])  # nothing to find in these


def _scan(value: Any, shared: bool = False) -> list[Finding]:
    """Duplicate keys, unrepresentable numbers and broken strings anywhere in the tree,
    in document order; past MAX_FINDINGS they are counted, not kept.

    Iterative: the tree may be as deep as the parser allowed. ``shared``: the value
    was not decoded here, so a container may appear twice, or inside itself. A child's
    pointer is made only when it is needed: an object of a million numbers makes none.
    """
    found: list[Finding] = []
    dropped = 0  # past MAX_FINDINGS: counted before any is built (an object may hold
    # a million broken keys, and each finding costs far more than its key)
    seen: set[int] = set()
    # (the parent's pointer, the key or index in it, or None for the root; the value)
    stack: list[tuple[str, str | int | None, Any]] = [("", None, value)]
    while stack:
        parent, step, v = stack.pop()
        ptr = parent if step is None else join(parent, step)
        if shared and isinstance(v, dict | list):
            if id(v) in seen:
                continue  # looked at already: a cycle is the checker's to report
            seen.add(id(v))
        if isinstance(v, dict):
            if isinstance(v, _Object):
                for key in v.duplicates:
                    if len(found) >= MAX_FINDINGS:
                        dropped += 1
                        continue
                    found.append(
                        finding(
                            "duplicate_key",
                            f"{ptr or '/'}：键“{key}”出现了不止一次",
                            f"{ptr or '/'}: key {key!r} appears more than once",
                            locations=(join(ptr, key),),
                        )
                    )
            children: list[tuple[str, str | int | None, Any]] = []
            for key, child in v.items():
                if not is_utf8(key):
                    if len(found) >= MAX_FINDINGS:
                        dropped += 1
                    else:
                        found.append(_broken_string(join(ptr, key), "键", "key"))
                if type(child) not in _PLAIN:
                    children.append((ptr, key, child))
            stack.extend(reversed(children))  # popped first to last: document order
        elif isinstance(v, list):
            stack.extend(
                (ptr, i, v[i]) for i in range(len(v) - 1, -1, -1) if type(v[i]) not in _PLAIN
            )
        elif isinstance(v, Unrepresentable) or (isinstance(v, str) and not is_utf8(v)):
            if len(found) >= MAX_FINDINGS:
                dropped += 1
            elif isinstance(v, Unrepresentable):
                found.append(unrepresentable(ptr, v))
            else:
                found.append(_broken_string(ptr, "字符串", "string"))
    if dropped:
        found.append(more_findings(dropped))
    return found


def scan(value: Any) -> list[Finding]:
    """What :func:`decode` finds in a value that was decoded elsewhere (a dict handed to
    validate()): lone surrogates in keys and strings, so every path has the same rules."""
    return _scan(value, shared=True)


def string_problem(ptr: str, value: object) -> Finding | None:
    """``invalid_string`` for a string that holds a lone surrogate, else None."""
    if isinstance(value, str) and not is_utf8(value):
        return _broken_string(ptr, "字符串", "string")
    return None


def unrepresentable(ptr: str, v: Unrepresentable) -> Finding:
    shown = v.text if len(v.text) <= 24 else f"{v.text[:12]}…（{len(v.text)} 位）"
    shown_en = v.text if len(v.text) <= 24 else f"{v.text[:12]}… ({len(v.text)} characters)"
    if v.code == "non_finite_number":
        return finding(
            v.code,
            f"{ptr or '/'}：{v.text} 不是有限数值，JSON 不允许",
            f"{ptr or '/'}: {v.text} is not a finite number and is not allowed in JSON",
            locations=(ptr,),
        )
    return finding(
        v.code,
        f"{ptr or '/'}：数值 {shown} 超出可接受范围",
        f"{ptr or '/'}: the number {shown_en} is out of range",
        locations=(ptr,),
    )


def _broken_string(ptr: str, what_zh: str, what_en: str) -> Finding:
    return finding(
        "invalid_string",
        f"{ptr}：{what_zh}含有未配对的 UTF-16 代理项（\\ud800–\\udfff）",
        f"{ptr}: the {what_en} holds an unpaired UTF-16 surrogate (\\ud800-\\udfff)",
        locations=(ptr,),
    )
