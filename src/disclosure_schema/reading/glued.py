"""Page text with the markup stripped: a report on one line, table cells run together.

Two jobs. :func:`glued_lines` cuts such a line into the pieces the segmenter reads
in every other layout (headings, row labels, other text, and runs of digits), so
``…申请数量3000003二、上年结转…`` becomes a label, a run ``3000003`` and the next
label. :func:`readings` splits a row's digit tokens into exactly its number of
cells by the format's digit rules alone: a count has no leading zero, a number
never spans a space, only 本年增/减 may be negative, only amounts carry decimals.
A row that splits more than one way is reported with every reading; the arithmetic
of the table never chooses one.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Sequence
from decimal import Decimal
from typing import Final, Literal, TypeAlias

import attrs

from .labels import core, heading_prefix, match_row, row_cores

__all__ = ["CellKind", "Piece", "cell_value", "glued_lines", "is_blank", "readings"]

CellKind: TypeAlias = Literal["count", "signed", "amount"]

# Same-length replacements, so positions in the cleaned line are positions in the source.
_WIDTH: Final = str.maketrans("０１２３４５６７８９．－　", "0123456789.- ")
_SPACE: Final = "[ \\t\\xa0]"
_COUNT_UNITS: Final = ("笔", "件", "个", "项")
_UNITS: Final[tuple[tuple[str, CellKind], ...]] = (
    ("万元", "amount"),
    ("元", "amount"),
    *((u, "count") for u in _COUNT_UNITS),
)
# Blank-cell markers: "-" (also "－" after _WIDTH), "—", "/", and "无" where no word
# goes on ("无法提供", "无正当理由" are labels, not blanks).
_BLANK_MARK: Final = "(?:[-—/]|无(?!(?!无)[\u4e00-\u9fff]))"
_BLANK_CHARS: Final = frozenset("-—/无")
# Thousands separators ("9,487") are part of a number: a comma between digits with
# three after it.
_DIGITS: Final = r"\d+(?:,\d{3})*"
# A token: digits, with signs, blank markers and decimal points between them ("0+11",
# "1-10", "547.9659", "0-", "0/00000"), or blank markers alone ("/", "——"); and a count's
# unit when another number follows ("2笔 984361元").
_TOKEN: Final = (
    rf"(?:{_BLANK_MARK}*\+?{_DIGITS}(?:(?:\.|\+|{_BLANK_MARK}+\+?){_DIGITS})*{_BLANK_MARK}*"
    rf"(?:[{''.join(_COUNT_UNITS)}](?={_SPACE}+\d))?|{_BLANK_MARK}+)"
)
_RUN: Final = re.compile(rf"(?<![0-9A-Za-z.\-+/—]){_TOKEN}(?:{_SPACE}+{_TOKEN})*(?:万元|元)?")
# "2023/01/15", "2022/2023": dates in prose, not cells around a "/" blank.
_DATE: Final = re.compile(r"(?:19|20)\d\d/(?:\d{1,2}(?:/\d{1,2})?|(?:19|20)\d\d)(?!\d)")
# A number followed by one of these is part of a sentence ("2479条", "2022年"), not a cell.
_PROSE_AFTER: Final = frozenset(
    "年月日时条件个次人家项篇期份余多天名起场批类宗户位号倍岁%％‰:：/~～"
)
_NUMBERING_AFTER: Final = frozenset(".．、")
_YEAR_END: Final = re.compile(r"(?:19|20)\d\d$")
_LABEL_START: Final = re.compile(r"[ \t]*[\u4e00-\u9fff“\"(（]")
# Where a printed label starts inside run-together text: "一、", "（一）", "(一)", "1.".
_MARKER: Final = re.compile(
    r"[一二三四五六七八九十]+\s*[、．.]|[（(]\s*[一二三四五六七八九十]+\s*[）)]|\d\s*[.．、](?=[^\d])"
)
_DROP: Final = re.compile(r"[^0-9a-z\u4e00-\u9fff]")
_CLAUSE: Final = frozenset("，。；：、,;:")
_LONGEST: Final = 120  # characters: longer than any printed row label
_MAX_RUNS: Final = 3000  # runs of numbers on one line: more is no report page


@attrs.frozen
class Piece:
    """A piece of a run-together line: text, or a run of number tokens."""

    text: str  # the text; for a run, its tokens joined by one space
    tokens: tuple[str, ...]  # () for text
    start: int  # where it starts in the line (0-based)
    glued: bool = False  # a run printed against the text before it, with no space


def _runs(line: str) -> list[tuple[int, int, list[tuple[int, str]]]]:
    """Runs of number tokens that stand as table cells: (start, end, [(at, token)])."""
    out = []
    for found in _RUN.finditer(line):
        start, end = found.span()
        text = found.group(0)
        unit = ""
        for suffix in ("万元", "元"):
            if text.endswith(suffix):
                unit, text = suffix, text[: -len(suffix)]
                break
        # A number's thousands separators go: "1,015" is the digits 1015, which the
        # splitter reads as one cell or as several exactly as it reads unseparated digits.
        tokens = [
            (start + m.start(), m.group(0).replace(",", "")) for m in re.finditer(r"\S+", text)
        ]
        after = line[end : end + 1]
        if after == "," and line[end + 1 : end + 2].isdigit():
            continue  # "9,48": a separator without its three digits is no number we read
        if not unit and after in _NUMBERING_AFTER and _LABEL_START.match(line, end + 1):
            # "…00000002.其他法律…": the last digit numbers the next label.
            at, last = tokens[-1]
            if last[-1].isdigit():
                tokens[-1] = (at, last[:-1])
                end -= 1
                if not tokens[-1][1]:
                    tokens.pop()
        elif not unit and after == "年":
            # "…20000022025年，我局…": the year starts the next sentence.
            at, last = tokens[-1]
            year = _YEAR_END.search(last)
            if year is not None:
                tokens[-1] = (at, last[: year.start()])
                end = at + year.start()
                if not tokens[-1][1]:
                    tokens.pop()
        elif not unit and (after in _PROSE_AFTER or (after.isascii() and after.isalpha())):
            continue
        before = line[start - 1 : start]
        if before == "第" or (before.isascii() and before.isalpha()):
            continue
        if any(_DATE.search(t) for _, t in tokens):
            continue
        if not tokens:
            continue
        if unit:
            at, last = tokens[-1]
            tokens[-1] = (at, last + unit)
        out.append((start, end, tokens))
        if len(out) > _MAX_RUNS:
            break  # no report page: the caller gives up on this line
    return out


def _cleaned(text: str) -> tuple[str, list[int]]:
    """The text as label cores compare it, and where each kept character came from."""
    kept: list[str] = []
    where: list[int] = []
    for index, char in enumerate(text):
        norm = _DROP.sub("", core_char(char))
        for c in norm:
            kept.append(c)
            where.append(index)
    return "".join(kept), where


@functools.lru_cache(maxsize=4096)
def core_char(char: str) -> str:
    return core(char) if not char.isdigit() else char


def _label_suffix(text: str) -> int | None:
    """Where a row label that ends ``text`` starts ("…现行有效件数规章" -> the 规章)."""
    skip = max(0, len(text) - _LONGEST)  # no label is longer: the rest cannot hold one
    cleaned, where = _cleaned(text[skip:])
    for name in row_cores():
        if len(name) >= 2 and cleaned.endswith(name) and len(cleaned) > len(name):
            return skip + where[len(cleaned) - len(name)]
    return None


def _no_row(text: str) -> bool:
    found = match_row(text, None)
    return found is None or found.key is None


def _text_pieces(text: str, start: int, before_run: bool) -> list[Piece]:
    """A stretch of text between runs, cut where printed labels and headings start."""
    cuts = sorted({0, *(m.start() for m in _MARKER.finditer(text))})
    parts = [text[a:b] for a, b in zip(cuts, [*cuts[1:], len(text)], strict=True)]
    out: list[Piece] = []
    at = start
    for index, part in enumerate(parts):
        last = index == len(parts) - 1
        found = heading_prefix(part)
        if found is not None:
            out.append(Piece(part[:found], (), at))
            if part[found:].strip():
                out.append(Piece(part[found:], (), at + found))
        elif part.strip()[:1] in _CLAUSE:
            out.append(Piece(part, (), at))  # the rest of a sentence, never a label
        elif last and before_run and part.strip() and _no_row(part.strip()):
            cut = _label_suffix(part)
            if cut is not None:
                out.append(Piece(part[:cut], (), at))
                out.append(Piece(part[cut:], (), at + cut))
            else:
                out.append(Piece(part, (), at))
        elif part.strip():
            out.append(Piece(part, (), at))
        at += len(part)
    return out


def glued_lines(line: str) -> list[Piece] | None:
    """The pieces of a line of run-together text; None when the line is not of that
    kind (no row label or table header directly followed by numbers), so that the
    other layouts' rules apply to it."""
    clean = unicodedata.normalize("NFC", line).translate(_WIDTH)
    if len(clean) != len(line):
        clean = line.translate(_WIDTH)
    runs = _runs(clean)
    if len(runs) > _MAX_RUNS:
        return None  # no report: its tables and sentences hold a few hundred numbers
    glued_any = any(start and not clean[start - 1].isspace() for start, _, _ in runs)
    if not glued_any and len(runs) < 3:
        return None  # no digits against text, and too few runs for a page on one line
    pieces: list[Piece] = []
    labelled = glued_label = 0
    at = 0
    for start, end, tokens in runs:
        if all(is_blank(t) for _, t in tokens) and not _after_label(clean, at, start):
            continue  # "无。", "和/或": prose; blanks stand as cells only after a row label
        text = clean[at:start]
        chunk = _text_pieces(text, at, before_run=True) if text.strip() else []
        pieces += chunk
        previous = chunk[-1].text.strip() if chunk else ""
        glued = bool(text) and not text[-1].isspace()
        found = match_row(previous, None) if previous else None
        if found is not None and found.key is not None:
            labelled += 1
            glued_label += glued
        pieces.append(Piece(
            " ".join(t for _, t in tokens), tuple(t for _, t in tokens), start, glued
        ))  # fmt: skip
        at = end
    if clean[at:].strip():
        pieces += _text_pieces(clean[at:], at, before_run=False)
    # A row label printed against its digits, or many labelled rows on one line (a page's
    # text with the cells spaced): one row of space-aligned text is neither.
    if labelled >= 3 or glued_label >= 1:
        return pieces
    return None


def _after_label(line: str, at: int, start: int) -> bool:
    """Whether a row label ends the text before ``start`` (from ``at``). Only the tail is
    looked at: no label is longer, and prose full of "/" stays linear."""
    tail = max(at, start - 2 * _LONGEST)
    chunk = _text_pieces(line[tail:start], tail, before_run=True)
    if not chunk:
        return False
    found = match_row(chunk[-1].text.strip(), None)
    return found is not None and found.key is not None


def is_blank(cell: str) -> bool:
    """A blank cell's marker(s), with or without a unit ("/", "——", "无", "-元")."""
    for suffix, _ in _UNITS:
        cell = cell.removesuffix(suffix)
    return bool(cell) and all(c in _BLANK_CHARS for c in cell)


# -- splitting a row's digits into its cells ------------------------------------------------

_MAX_DIGITS: Final = 120  # a row's tokens longer than this are not split (no such row)


def _cell_ends(token: str, at: int, kind: CellKind) -> list[int]:
    """Where a cell of ``kind`` that starts at ``at`` in ``token`` may end."""
    i = at
    char = token[at]
    blank: list[int] = []
    if char in "/无":
        blank = [at + 1]
    elif char in "-—":
        # A blank printed "-" or "—"; "--" and "——" are one blank or two.
        j = at
        while j < len(token) and token[j] == char:
            j += 1
            blank.append(j)
    if token[i : i + 1] in ("-", "+"):
        if kind != "signed":
            return blank
        i += 1
    if i >= len(token) or not token[i].isdigit():
        return blank
    if token[i] == "0":
        whole_ends = [i + 1]
    else:
        j = i
        while j < len(token) and token[j].isdigit():
            j += 1
        whole_ends = list(range(i + 1, j + 1))
    if token[i : i + 1] == "0" and at != i and kind == "signed":
        return blank  # "-0" is no number
    ends = []
    for end in whole_ends:
        if end < len(token) and token[end] == "." and kind == "amount":
            k = end + 1
            while k < len(token) and token[k].isdigit():
                k += 1
                ends.append(k)
        else:
            ends.append(end)
    return blank + ends


def readings(
    tokens: Sequence[str], kinds: Sequence[CellKind], limit: int = 8
) -> tuple[list[list[str]], int]:
    """Every way to split ``tokens`` into ``len(kinds)`` cells by the digit rules: up to
    ``limit`` readings (each a list of cell strings) and how many there are in all.

    A token never shares a cell with another (a number never spans a space); a blank
    marker is a cell of its own ("/", "无", and "-" or "—" where a run of them is one blank
    or several); a lone ``-`` may be a sign as well, in a signed column only, so "1-10"
    reads two ways under (count, signed, count); a unit
    ends the last cell of its token, which must then be of its kind (元 an amount, 笔 a
    count).
    """
    units: list[str] = [""] * len(tokens)
    unit_kinds: list[CellKind | None] = [None] * len(tokens)
    bare = list(tokens)
    for index, token in enumerate(tokens):
        for suffix, kind in _UNITS:
            if token.endswith(suffix):
                units[index], bare[index] = suffix, token[: -len(suffix)]
                unit_kinds[index] = kind
                break
    n = len(kinds)
    if not bare or sum(len(t) for t in bare) > _MAX_DIGITS or any(not t for t in bare):
        return [], 0

    @functools.cache
    def count(t: int, p: int, c: int) -> int:
        if t == len(bare):
            return 1 if c == n else 0
        if p == len(bare[t]):
            if unit_kinds[t] is not None and kinds[c - 1] != unit_kinds[t]:
                return 0
            return count(t + 1, 0, c)
        if c == n:
            return 0
        return sum(count(t, end, c + 1) for end in _cell_ends(bare[t], p, kinds[c]))

    total = count(0, 0, 0)
    found: list[list[str]] = []

    def walk(t: int, p: int, c: int, cells: list[str]) -> None:
        if len(found) >= limit or count(t, p, c) == 0:
            return
        if t == len(bare):
            found.append(list(cells))
            return
        if p == len(bare[t]):
            walk(t + 1, 0, c, cells)
            return
        for end in _cell_ends(bare[t], p, kinds[c]):
            cell = bare[t][p:end] + (units[t] if end == len(bare[t]) else "")
            walk(t, end, c + 1, [*cells, cell])

    walk(0, 0, 0, [])
    return found, total


def cell_value(cell: str) -> Decimal:
    """The number of a cell that :func:`readings` gave (not a blank): its unit dropped."""
    for suffix, _ in _UNITS:
        cell = cell.removesuffix(suffix)
    return Decimal(cell.removeprefix("+"))
