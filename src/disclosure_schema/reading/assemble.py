"""From lines of cells to the report's cells, in three steps.

1. Segment: walk the cells in reading order; a section heading opens a table, a
   recognised label opens a row, and the numbers that follow are that row's.
   Nothing is assigned to a column yet, because the edition is not known.
2. Detect the edition from table 二's column headers, table 三's （六） rows, and
   the report year, and say why.
3. Assign: a row's numbers go to the edition's columns only when that can be
   done without guessing: as many numbers as columns, or explicit cell
   positions (HTML, pipes), or blank lines that say which cells are empty.
   Otherwise the row stays null, and a note says so.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Iterable
from decimal import Decimal
from typing import Final

import attrs

from ..fields import Kind
from ..findings import Finding, finding
from ..layout import layout
from ..model import EDITIONS, ApplicantRow, Edition
from .glued import CellKind, cell_value, is_blank, readings
from .labels import BLANK, Label, Table, core, heading, match_row, number, numbering
from .source import Line

__all__ = ["Assembled", "Provenance", "assemble"]


@attrs.frozen
class Provenance:
    """Where one cell's value was read: the raw text, the row label, the place."""

    pointer: str
    raw: str
    label: str
    where: str


@attrs.frozen
class _Value:
    raw: str
    value: Decimal | object  # a Decimal, or BLANK
    where: str
    #: a token of run-together text: it may hold several cells, split by the digit rules
    glued: bool = False


_GAP: Final = _Value("", BLANK, "an empty cell shown by blank lines")
_GLUED: Final = object()  # the value of a run-together token before it is split


@attrs.define
class _Row:
    table: Table
    key: str
    label: Label
    where: str
    explicit: bool
    values: list[_Value] = attrs.Factory(list)
    interrupted: bool = False
    cut: bool = False  # the text ends inside it
    grid: bool = False  # its cells stand at grid positions (HTML)
    #: run-together text: labels of the same group printed right after it with no numbers
    #: of their own; its numbers may be cells that span those rows too
    spanned: list[str] = attrs.Factory(list)
    #: one cell per line: a number came after its table-three width, as a run of its own
    full: bool = False


@attrs.define
class _Segments:
    rows: list[_Row] = attrs.Factory(list)
    tables: list[Table] = attrs.Factory(list)  # in order of appearance
    t2_headers: list[str] = attrs.Factory(list)  # cores of table 二's header cells
    t4_runs: list[list[_Value]] = attrs.Factory(list)
    #: table 四's header text, each with how many runs of numbers came before it
    t4_texts: list[tuple[int, str]] = attrs.Factory(list)
    #: values with no row: (the key of the last row with values, the values)
    orphans: list[tuple[str | None, list[_Value]]] = attrs.Factory(list)
    labels_seen: set[str] = attrs.Factory(set)  # keys whose labels appear, with or without numbers
    dropped: list[tuple[str, str, int]] = attrs.Factory(list)  # (label, where, how many numbers)
    ended: bool = False  # section 五 or later was reached


_CLAUSE: Final = frozenset("，。；：、,;:")
_T3_WIDTH: Final = 7
_T4_WIDTH: Final = 15
_T2_HEADERS_2021: Final = ("本年制发件数", "本年废止件数", "现行有效件数", "本年收费金额")
_T2_HEADERS_2019: Final = ("本年新制作数量", "本年新公开数量", "对外公开总数量", "上一年项目数量",
                           "本年增减", "采购项目数量", "采购总金额")  # fmt: skip


def _typical_gap(lines: list[Line]) -> int:
    """The blank lines that usually separate cells (0 or 1); more mean empty cells."""
    gaps = [line.gap for line in lines if not line.explicit]
    return int(statistics.median(gaps)) if gaps else 0


class _Segmenter:
    def __init__(self, lines: list[Line]) -> None:
        self.lines = lines
        self.out = _Segments()
        self.table: Table | None = None
        self.pending: _Row | None = None
        self.t4_run: list[_Value] | None = None
        self.orphan: list[_Value] | None = None
        self.last_key: str | None = None
        self.last_glued: _Row | None = None  # the last row of run-together numbers
        self.fragment: str | None = None  # text that may be a label's first line
        self.typical = _typical_gap(lines)

    # -- the state machine ----------------------------------------------------------

    def run(self) -> _Segments:
        for line in self.lines:
            if line.explicit:
                self.explicit(line)
            elif line.glued:
                for token in line.cells:
                    self.value(_Value(token, _GLUED, line.where, glued=True), self.typical)
            else:
                for index, cell in enumerate(line.cells):
                    self.cell(cell, line, gap=line.gap if index == 0 else self.typical)
        if self.pending is not None:
            self.pending.cut = not self.out.ended
        self.finish()
        return self.out

    def open_table(self, table: Table) -> None:
        self.finish()
        self.end_runs()
        self.table = table
        if table == "end":
            self.out.ended = True
        elif table not in self.out.tables:
            self.out.tables.append(table)

    def finish(self) -> None:
        row, self.pending = self.pending, None
        if row is None:
            return
        self.end_runs()
        if row.values:
            self.out.rows.append(row)
            self.last_key = row.key
            self.last_glued = row if row.values[0].glued else None

    def end_runs(self) -> None:
        if self.t4_run:
            self.out.t4_runs.append(self.t4_run)
        last = self.out.rows[-1] if self.out.rows else None
        if (
            self.orphan
            and last is not None
            and last.key == self.last_key
            and last.full
            and (len(self.orphan) % _T3_WIDTH)
        ):
            # Numbers on after a full row and before the next label, not a row's worth:
            # the row had more numbers than columns (or lost some), so it is not determined.
            last.values.extend(self.orphan)
        elif self.orphan:
            self.out.orphans.append((self.last_key, self.orphan))
        self.t4_run = self.orphan = None

    def label(self, text: str) -> Label | None:
        if self.table == "end" or text.lstrip()[:1] in _CLAUSE:
            return None  # past the tables, or the rest of a sentence ("，予以公开1件")
        found = match_row(text, self.table if self.table in ("t2", "t3") else None)
        if found is not None and self.table is None and not found.exact:
            return None  # outside any table only an exact label opens one
        if found is not None and self.table == "t4":
            return None
        return found

    def cell(self, text: str, line: Line, gap: int) -> None:
        value = number(text)
        fragment, self.fragment = self.fragment, None
        if value is not None:
            self.value(_Value(text, value, line.where), gap)
            return
        table = heading(text)
        if table is not None:
            self.open_table(table)
            return
        if self.table == "t2":
            self.out.t2_headers.append(core(text))
        found = self.label(text)
        if fragment is not None and (found is None or not found.exact):
            # A label split over lines before any number (PDF text): "3.危及“三" and
            # "安全一稳定”" are one label, and the second half alone is not it.
            joined = self.label(fragment + text)
            if joined is not None and joined.key is not None:
                found = joined
        if found is None:
            self.other_text(text)
            return
        self.start(found, line, explicit=False)

    def other_text(self, text: str) -> None:
        """Text that is no label: a wrapped label's next line, a header, prose."""
        self.last_glued = None
        row = self.pending
        if row is not None and not row.values:
            # A numbered text ("1.申请人无正") starts another label, never continues one.
            joined = None if numbering(text) else match_row(row.label.text + text, row.table)
            if joined is not None and joined.key == row.key:
                row.label = joined  # the label's next line
                return
            self.fragment = text
            # Something else stands between the label and any numbers: numbers that come
            # later are not known to be this row's.
            self.pending = None
        else:
            self.fragment = text
            if row is not None:
                row.interrupted = True  # after some numbers: later numbers are not this row's
        self.end_runs()
        if self.table == "t4":
            self.out.t4_texts.append((len(self.out.t4_runs), core(text)))

    def start(self, found: Label, line: Line, explicit: bool) -> None:
        row, before = self.pending, self.last_glued
        if row is not None and not row.values and before is not None:
            if _parent(row.key) == _parent(before.key):
                before.spanned.append(row.label.text)
            else:
                self.last_glued = None
        self.finish()
        self.end_runs()
        if found.table != self.table:
            self.open_table(found.table)  # a table whose heading is missing
        if found.key is None:
            return  # a group label: its rows carry the numbers
        self.out.labels_seen.add(found.key)
        self.pending = _Row(found.table, found.key, found, line.where, explicit)

    def value(self, v: _Value, gap: int) -> None:
        row = self.pending
        if row is not None and not row.interrupted and not row.explicit:
            # Numbers on the row's own line (or in its run-together piece) all belong to
            # it, however many: a row with one number too many must come out null, not
            # lose its last number to the next row.
            same_line = bool(row.values) and row.values[-1].where == v.where
            full = row.table == "t3" and len(row.values) >= _T3_WIDTH and not same_line
            if not full:
                if self.typical >= 1 and gap > self.typical:
                    row.values.extend([_GAP] * (gap - self.typical))
                row.values.append(v)
                return
            row.full = True
        if row is not None:
            self.finish()
        if self.table == "t4":
            self.t4_run = self.t4_run or []
            self.t4_run.append(v)
        elif self.table == "t3":
            self.orphan = self.orphan or []
            self.orphan.append(v)
        elif self.table == "t2":
            self.out.dropped.append(("", v.where, 1))

    def explicit(self, line: Line) -> None:
        """A row whose cells the source delimits: labels first, then its values."""
        found: Label | None = None
        start = 0
        for index, text in enumerate(line.cells):
            if number(text) is not None and text.strip():
                break
            table = heading(text)
            if table is not None:
                self.open_table(table)
                continue
            if self.table == "t2":
                self.out.t2_headers.append(core(text))
            elif self.table == "t4" and text.strip():
                self.finish()
                self.out.t4_texts.append((len(self.out.t4_runs), core(text)))
            # No row label ends in a digit: a label cell that does ("…申请数量 95") holds
            # a number too, so which column each cell after it is is not determined.
            labelled = text.strip() and not text.rstrip()[-1:].isdigit()
            candidate = self.label(text) if labelled else None
            if candidate is not None:
                found, start = candidate, index + 1
        values = [_Value(t, number(t) if t.strip() else BLANK, f"{line.where}, cell {i + 1}")
                  for i, t in enumerate(line.cells[start:], start)]  # fmt: skip
        if found is None:
            numbers = [v for v in values if v.raw.strip() and number(v.raw) is not None]
            if numbers and len(numbers) == len([v for v in values if v.raw.strip()]):
                self.finish()
                while values and not values[-1].raw.strip():
                    values.pop()
                if self.table == "t4" and len(values) == _T4_WIDTH:
                    self.out.t4_runs.append(values)  # blank cells kept where they stand
                elif self.table == "t4":
                    self.out.t4_runs.append(numbers)
                elif self.table == "t3":
                    self.out.orphans.append((self.last_key, numbers))
                elif self.table == "t2":
                    self.out.dropped.append(("", numbers[0].where, len(numbers)))
            elif any(number(c) not in (None, BLANK) for c in line.cells) and self.table in (
                "t2",
                "t3",
            ):
                label = next((c for c in line.cells if c.strip()), "")
                count = sum(1 for c in line.cells if number(c) not in (None, BLANK))
                self.out.dropped.append((label, line.where, count))
            return
        if any(v.value is None for v in values):
            # A text cell among the values: not a row of numbers (a header, a note).
            values = values[: next(i for i, v in enumerate(values) if v.value is None)]
        self.start(found, line, explicit=True)
        if self.pending is not None:
            if values and any(v.raw.strip() for v in values):
                self.pending.values = values
                self.pending.grid = line.grid
                # The text ends in this row: its missing cells are the last ones.
                self.pending.cut = line is self.lines[-1] and not self.out.ended
                self.finish()
            else:
                self.pending.explicit = False  # the numbers may follow on later lines


def _parent(key: str) -> str:
    return key.rpartition("/")[0]


def segment(lines: list[Line]) -> _Segments:
    return _Segmenter(lines).run()


# -- step 2: the edition ---------------------------------------------------------------------


def detect_edition(seg: _Segments, year: int | None) -> tuple[Edition | None, str, str]:
    """The edition, and the evidence for it in English and in Chinese, in the order of
    its strength."""
    headers = " ".join(seg.t2_headers)
    new = [h for h in _T2_HEADERS_2021 if h in headers]
    old = [h for h in _T2_HEADERS_2019 if h in headers]
    keys = {r.key for r in seg.rows} | seg.labels_seen
    if "other_services" in keys or "centralized_procurement" in keys:
        old.append("其他对外管理服务事项/政府集中采购")
    if new or old:
        edition: Edition = "2021" if len(new) >= len(old) else "2019"
        shown = new[0] if edition == "2021" else old[0]
        return (
            edition,
            f"table 二's column headers are those of the {edition} edition ({shown})",
            f"表二的列标题是 {edition} 版的（{shown}）",
        )
    if any(k.startswith("results/other/") for k in keys):
        return (
            "2021",
            "table 三 has the three （六） rows of the 2021 edition",
            "表三有 2021 版（六）其他处理下的三行",
        )
    if year is not None:
        edition = "2021" if year >= 2021 else "2019"
        return (
            edition,
            f"no table layout to tell by; the {year} report year calls for it",
            f"没有可据以判断的表格版式；{year} 年度的报告应使用此版",
        )
    return (
        None,
        "neither the tables nor a report year tell the edition",
        "表格和报告年度都不能说明版本",
    )


# -- step 3: assigning values to columns --------------------------------------------------------

# The columns each row's numbers go to, in printed order, from the model (the one
# place the tables are described): table 二 per edition, table 三's seven applicant
# columns, and table 四's fifteen cells in one printed row.
_T2_COLUMNS: Final[dict[Edition, dict[str, tuple[str, ...]]]] = {
    e: {row.key: row.keys for row in layout(e).nodes["/proactive"].children} for e in EDITIONS
}
_T3_COLUMNS: Final = tuple(a.name for a in attrs.fields(ApplicantRow))
_T4_GROUPS: Final = ("administrative_review", "lawsuit_direct", "lawsuit_after_review")
_T4_COLUMNS: Final = tuple(
    c.pointer for c in layout("2021").cells if c.pointer.startswith("/reviews_and_lawsuits/")
)


_KINDS: Final[dict[Kind | None, CellKind]] = {
    Kind.COUNT: "count",
    Kind.SIGNED_COUNT: "signed",
    Kind.AMOUNT: "amount",
}


@attrs.frozen
class Assembled:
    edition: Edition | None
    reason: str
    reason_zh: str
    cells: dict[str, Decimal | None]
    provenance: tuple[Provenance, ...]
    notes: tuple[Finding, ...]


# Places in the source are written in English ("line 3, character 40"); Chinese notes
# say them in Chinese.
_WHERE_ZH: Final = (
    (re.compile(r"HTML table (\d+), row (\d+)"), r"HTML 表格 \1 第 \2 行"),
    (re.compile(r"HTML text block (\d+)"), r"HTML 第 \1 段文字"),
    (re.compile(r"PDF page (\d+), table (\d+), row (\d+)"), r"PDF 第 \1 页表格 \2 第 \3 行"),
    (re.compile(r"PDF page (\d+), line at (\d+)pt"), r"PDF 第 \1 页距顶端 \2 磅的一行"),
    (re.compile(r"Word table (\d+), row (\d+)"), r"Word 表格 \1 第 \2 行"),
    (re.compile(r"Word paragraph (\d+)"), r"Word 第 \1 段"),
    (re.compile(r"line (\d+)"), r"第 \1 行"),
    (re.compile(r", character (\d+)"), r"第 \1 字"),
    (re.compile(r", cell (\d+)"), r"第 \1 格"),
    (re.compile(r"an empty cell shown by blank lines"), "空行表示的空单元格"),
)


def where_zh(text: str) -> str:
    """A Chinese message with the places in it said in Chinese."""
    for pattern, replacement in _WHERE_ZH:
        text = pattern.sub(replacement, text)
    return text


def _note(code: str, zh: str, en: str, locations: Iterable[str] = ()) -> Finding:
    return finding(code, where_zh(zh), en, locations=tuple(locations))


class _Assigner:
    def __init__(self, seg: _Segments, edition: Edition, t3_rows: list[str]) -> None:
        self.seg = seg
        self.edition = edition
        self.t3_rows = t3_rows  # the edition's table 三 row keys, in order
        self.cells: dict[str, Decimal | None] = {}
        self.provenance: list[Provenance] = []
        self.notes: list[Finding] = []
        self.filled: set[str] = set()  # row keys with values
        self.merged_keys: set[str] = set()  # rows printed merged (a note covers them)

    def zh_rows(self, base: str, keys: Iterable[str]) -> str:
        """Rows named in Chinese, for Chinese notes (the keys are for the English ones)."""
        nodes = layout(self.edition).nodes
        return "、".join(nodes[f"{base}/{k}"].title_zh if f"{base}/{k}" in nodes else k
                        for k in keys)  # fmt: skip

    def put(self, pointer: str, value: _Value, label: str) -> None:
        self.cells[pointer] = None if value.value is BLANK else value.value  # type: ignore[assignment]
        self.provenance.append(Provenance(pointer, value.raw, label, value.where))

    def columns(self, row: _Row) -> tuple[str, list[str]] | None:
        if row.table == "t2":
            names = _T2_COLUMNS[self.edition].get(row.key)
            if names is None:
                return None
            return f"/proactive/{row.key}", list(names)
        if row.key not in self.t3_rows:
            return None
        return f"/applications/{row.key}", list(_T3_COLUMNS)

    def dropped(self) -> None:
        for label, where, count in self.seg.dropped:
            shown_zh = f"“{label}”行的" if label else ""
            shown_en = f"of the row '{label}' " if label else ""
            self.notes.append(_note(
                "reading_unrecognised_row",
                f"{where}：{shown_zh}{count} 个数字没有可识别的行名，未采用",
                f"{where}: {count} numbers {shown_en}have no recognisable row label; dropped",
            ))  # fmt: skip

    def variant(self, row: _Row) -> None:
        """An info note when a label was recognised from other wording than the official."""
        older = row.key == "normative_documents" and self.edition == "2021"
        if older and core(row.label.text) == "规范性文件":
            zh = "2021 版为“行政规范性文件”，此处为 2019 版的“规范性文件”"
            en = "the 2021 edition says 行政规范性文件; this is the 2019 wording 规范性文件"
        elif not row.label.exact:
            zh, en = "与正式行名不完全一致，按意思识别", "differs from the official label"
        else:
            return
        self.notes.append(_note(
            "reading_label_variant",
            f"{row.where}：“{row.label.text}”：{zh}",
            f"{row.where}: '{row.label.text}': {en}",
        ))  # fmt: skip

    def split(
        self, label: str, where: str, values: list[_Value], pointers: list[str]
    ) -> list[_Value] | None:
        """Run-together tokens split into the row's cells by the digit rules: the cells
        when exactly one split is admissible; else None, and a note with the readings."""
        tokens = [v.raw for v in values if v.raw]
        kinds = [_KINDS.get(layout(self.edition).nodes[p].kind, "count") for p in pointers]
        found, total = readings(tokens, kinds)
        shown = " ".join(tokens)
        n = len(pointers)
        if total == 1:
            out: list[_Value] = []
            cells = iter(found[0])
            for value in values:
                rest = value.raw
                while rest:
                    cell = next(cells)
                    out.append(
                        _Value(cell, BLANK if is_blank(cell) else cell_value(cell), value.where)
                    )
                    rest = rest[len(cell) :]
            return out
        if total == 0:
            self.notes.append(_note(
                "reading_unassigned",
                f"{where}：“{label}”行的数字 {shown} 按数字规则分不成 {n} 个单元格，全部留为 null",
                f"{where}: the digits {shown} of the row '{label}' cannot be split into {n} "
                "cells by the digit rules, so the row is null",
                pointers,
            ))  # fmt: skip
            return None
        listed = "; ".join(" ".join(r) for r in found)
        listed_zh = "；".join(" ".join(r) for r in found)
        more_zh = f"等，共 {total} 种" if total > len(found) else ""
        more_en = f"; {total} in all" if total > len(found) else ""
        self.notes.append(_note(
            "reading_ambiguous",
            f"{where}：“{label}”行的数字 {shown} 按数字规则可以有多种分法（{listed_zh}{more_zh}），"
            "不凭猜测选择，全部留为 null",
            f"{where}: the digits {shown} of the row '{label}' split into {n} cells in more "
            f"than one way ({listed}{more_en}); none is chosen, so the row is null",
            pointers,
        ))  # fmt: skip
        return None

    def row(self, row: _Row) -> None:
        self.variant(row)
        if row.key in self.filled:
            self.notes.append(_note(
                "reading_duplicate_row",
                f"{row.where}：“{row.label.text}”行再次出现，只采用第一次的数字",
                f"{row.where}: the row '{row.label.text}' appears again; only the first is used",
            ))  # fmt: skip
            return
        target = self.columns(row)
        if target is None:
            self.merged_or_unknown(row)
            return
        base, names = target
        values = list(row.values)
        n = len(names)
        pointers = [f"{base}/{name}" for name in names]
        if any(v.glued for v in values) and row.spanned:
            shown = "、".join(row.spanned)
            self.notes.append(_note(
                "reading_ambiguous",
                f"{row.where}：“{row.label.text}”行之后的“{shown}”没有数字；这些数字可能只属于本行，"
                "也可能是跨这几行的合并单元格，不凭猜测选择，留为 null",
                f"{row.where}: '{shown}' after the row '{row.label.text}' has no numbers; its "
                "numbers may be this row's alone or cells that span those rows too, so none "
                "is chosen and the row is null",
                pointers,
            ))  # fmt: skip
            self.filled.add(row.key)
            return
        if any(v.glued for v in values):
            split = self.split(row.label.text, row.where, values, pointers)
            for pointer, value in zip(pointers, split or (), strict=False):
                self.put(pointer, value, row.label.text)
            self.filled.add(row.key)
            return
        padded = len(values) > n
        while len(values) > n and values[-1].value is BLANK:
            values.pop()  # empty padding cells at the end of a row
        if padded and not row.grid and any(v.raw.strip() for v in values):
            # A text row padded past its columns ("| 95 | 0 | 95 | | |") does not say how
            # many of its empty end cells are padding: kept, one would stand for the last
            # column and the numbers before it would fill the wrong ones.
            while not values[-1].raw.strip():
                values.pop()
        if len(values) == n:
            for pointer, value in zip(pointers, values, strict=True):
                self.put(pointer, value, row.label.text)
        elif len(values) < n and (row.grid or (row.cut and (row.explicit or row.table == "t3"))):
            # Cell positions are known (an HTML grid, or the text ends inside the row):
            # the first cells are the first columns.
            for pointer, value in zip(pointers, values, strict=False):
                self.put(pointer, value, row.label.text)
            code = "reading_truncated" if row.cut else "reading_short_row"
            self.notes.append(_note(
                code,
                f"{row.where}：“{row.label.text}”行只有 {len(values)} 个单元格，应有 {n} 个；"
                "其余为 null",
                f"{row.where}: the row '{row.label.text}' has {len(values)} of {n} cells; the "
                "rest are null",
                pointers[len(values):],
            ))  # fmt: skip
        elif (
            len(values) > n and len({v.value for v in values}) == 1 and values[0].value is not BLANK
        ):
            # One number too many, all of them equal ("0 0 0 0 0 0 0 0"): whichever is the
            # extra one, every cell has that value.
            for pointer, value in zip(pointers, values, strict=False):
                self.put(pointer, value, row.label.text)
            self.notes.append(_note(
                "reading_unassigned",
                f"{row.where}：“{row.label.text}”行有 {len(values)} 个数字，应有 {n} 列；"
                "数字全部相同，无论多出的是哪一个，各列都是这个值",
                f"{row.where}: the row '{row.label.text}' has {len(values)} numbers for {n} "
                "columns; they are all equal, so whichever is the extra one every cell has "
                "that value",
                pointers,
            ))  # fmt: skip
        else:
            # A short delimited row ("| 规章 | 22 | 235 |" under three columns) does not say
            # which cell is missing: filling it from the left would invent a column.
            self.notes.append(_note(
                "reading_unassigned",
                f"{row.where}：“{row.label.text}”行有 {len(values)} 个数字，应有 {n} 列，"
                "无法不靠猜测地对应到列，全部留为 null",
                f"{row.where}: the row '{row.label.text}' has {len(values)} numbers for {n} "
                "columns; they cannot be placed without guessing, so the row is null",
                pointers,
            ))  # fmt: skip
        self.filled.add(row.key)

    def merged_or_unknown(self, row: _Row) -> None:
        if row.key == "results/other" and self.edition == "2021":
            self.merged(row)
        elif row.key.startswith("results/other/"):
            self.notes.append(_note(
                "reading_layout_mismatch",
                f"{row.where}：“{row.label.text}”是 2021 版的行，2019 版没有，未采用",
                f"{row.where}: '{row.label.text}' is a row of the 2021 edition, not of 2019; "
                "dropped",
            ))  # fmt: skip
        else:
            self.notes.append(_note(
                "reading_layout_mismatch",
                f"{row.where}：“{row.label.text}”行不属于 {self.edition} 版格式，未采用",
                f"{row.where}: the row '{row.label.text}' is not part of the {self.edition} "
                "edition; dropped",
            ))  # fmt: skip

    def merged(self, row: _Row) -> None:
        """（六）其他处理 printed as one row in a 2021-edition report: the three rows stay
        null, even when the one row is all 0 (reading each as 0 would take the identity
        (六) = 1 + 2 + 3 as given, and that identity is what users check)."""
        self.merged_keys.add(row.key)
        subrows = [k for k in self.t3_rows if k.startswith("results/other/")]
        shown = " ".join(v.raw if v.raw.strip() else "（空）" for v in row.values)
        shown_en = " ".join(v.raw if v.raw.strip() else "(empty)" for v in row.values)
        pointers = [f"/applications/{k}" for k in subrows]
        self.notes.append(_note(
            "reading_merged_row",
            f"{row.where}：（六）其他处理按 2019 版印成一行（{shown}），2021 版应分三行；"
            "一行的数字不能分到三行，三行均留为 null",
            f"{row.where}: （六）其他处理 is printed as one row ({shown_en}), as in the 2019 "
            "edition, where the 2021 edition has three; one row cannot be split among three, "
            "so the three rows are null",
            pointers,
        ))  # fmt: skip

    def orphans(self) -> None:
        """Rows of numbers printed before their labels (PDF text puts multi-line labels
        after the numbers): placed only when the table's own row order leaves one way."""
        for after, values in self.seg.orphans:
            groups = [values[i : i + _T3_WIDTH] for i in range(0, len(values), _T3_WIDTH)]
            start = self.t3_rows.index(after) + 1 if after in self.t3_rows else 0
            later = [r for r in self.t3_rows[start:] if r in self.filled]
            stop = self.t3_rows.index(later[0]) if later else len(self.t3_rows)
            slots = [r for r in self.t3_rows[start:stop] if r not in self.filled]
            fits = (
                not any(v.glued for v in values)
                and len(values) % _T3_WIDTH == 0
                and len(groups) == len(slots)
                and all(slot in self.seg.labels_seen for slot in slots)
            )
            if fits:
                for slot, group in zip(slots, groups, strict=True):
                    for column, value in zip(_T3_COLUMNS, group, strict=True):
                        self.put(f"/applications/{slot}/{column}", value, f"({slot})")
                    self.filled.add(slot)
                self.notes.append(_note(
                    "reading_detached_labels",
                    f"{values[0].where} 起：{len(groups)} 行数字印在行名之前；按表格行序，它们只能"
                    f"属于 {self.zh_rows('/applications', slots)}",
                    f"from {values[0].where}: {len(groups)} rows of numbers are printed before "
                    f"their labels; by the table's row order they can only be {', '.join(slots)}",
                    [f"/applications/{s}" for s in slots],
                ))  # fmt: skip
            else:
                self.notes.append(_note(
                    "reading_unrecognised_row",
                    f"{values[0].where} 起：{len(values)} 个数字没有可识别的行名，未采用",
                    f"from {values[0].where}: {len(values)} numbers have no recognisable row "
                    "label; dropped",
                ))  # fmt: skip

    def missing(self) -> None:
        """Rows of a table that the text skips: their cells stay null, and say so. After
        the text ends, only gaps count (the truncation note covers the rest)."""
        orders = {
            "t2": list(_T2_COLUMNS[self.edition]),
            "t3": self.t3_rows,
        }
        if self.edition == "2021" and "results/other" in self.merged_keys:
            orders["t3"] = [k for k in self.t3_rows if not k.startswith("results/other/")]
        for table, keys in orders.items():
            if table not in self.seg.tables:
                continue
            found = [i for i, k in enumerate(keys) if k in self.filled]
            last = max(found) if found else -1
            gaps = [k for i, k in enumerate(keys)
                    if k not in self.filled and (self.seg.ended or i < last)]  # fmt: skip
            if gaps:
                name = "表二" if table == "t2" else "表三"
                self.notes.append(_note(
                    "reading_row_missing",
                    f"{name}：没有找到这些行，其单元格为 null："
                    f"{self.zh_rows('/proactive' if table == 't2' else '/applications', gaps)}",
                    f"table {name[1]}: these rows are not in the text, so their cells are null: "
                    f"{', '.join(gaps)}",
                    [f"/{'proactive' if table == 't2' else 'applications'}/{k}" for k in gaps],
                ))  # fmt: skip
        if "t4" in self.seg.tables and not self.seg.t4_runs and self.seg.ended:
            self.notes.append(_note(
                "reading_row_missing", "表四：没有找到数字，单元格为 null",
                "table 四: no numbers found; its cells are null",
            ))  # fmt: skip

    def sub_tables(self) -> bool:
        """Table 四 printed as three tables (行政复议 / 未经复议直接起诉 / 复议后起诉), each
        with its own heading before its one row of numbers."""
        before = [" ".join(t for n, t in self.seg.t4_texts if n == i) for i in range(3)]
        return (
            "行政复议" in before[0]
            and "起诉" not in before[0]
            and "直接起诉" in before[1]
            and "复议后起诉" not in before[1]
            and "复议后起诉" in before[2]
        )

    def table4(self) -> None:
        runs = self.seg.t4_runs
        if len(runs) == 1 and any(v.glued for v in runs[0]):
            split = self.split("表四", runs[0][0].where, runs[0], list(_T4_COLUMNS))
            for pointer, value in zip(_T4_COLUMNS, split or (), strict=False):
                self.put(pointer, value, "表四")
            return
        if len(runs) == 3 and self.sub_tables():
            for group, run in zip(_T4_GROUPS, runs, strict=True):
                columns = [
                    c for c in _T4_COLUMNS if c.startswith(f"/reviews_and_lawsuits/{group}/")
                ]
                if any(v.glued for v in run):
                    placed = self.split("表四", run[0].where, run, columns)
                elif len(run) == len(columns):
                    placed = run
                else:
                    placed = None
                    self.notes.append(_note(
                        "reading_unassigned",
                        f"表四：{len(run)} 个数字，应有 {len(columns)} 个，"
                        "无法不靠猜测地对应到列，留为 null",
                        f"table 四: {len(run)} numbers for {len(columns)} columns; they cannot be "
                        "placed without guessing, so they are null",
                        columns,
                    ))  # fmt: skip
                for pointer, value in zip(columns, placed or (), strict=False):
                    self.put(pointer, value, "表四")
            return
        fitting = [r for r in runs if len(r) == _T4_WIDTH]
        if len(fitting) == 1 and len(runs) == 1:
            for pointer, value in zip(_T4_COLUMNS, fitting[0], strict=True):
                self.put(pointer, value, "表四")
        elif runs:
            count = sum(len(r) for r in runs)
            self.notes.append(_note(
                "reading_unassigned",
                f"表四：{count} 个数字分散在表头文字之间，无法不靠猜测地对应到列，留为 null",
                f"table 四: {count} numbers are scattered among the header text and cannot be "
                "placed without guessing, so the table is null",
                _T4_COLUMNS,
            ))  # fmt: skip


def assemble(lines: list[Line], year: int | None, t3_rows: dict[Edition, list[str]]) -> Assembled:
    """The cells a source gives, where each came from, and notes on what could not be used."""
    seg = segment(lines)
    edition, reason, reason_zh = detect_edition(seg, year)
    if edition is None:
        return Assembled(None, reason, reason_zh, {}, (), ())
    assigner = _Assigner(seg, edition, t3_rows[edition])
    for row in seg.rows:
        assigner.row(row)
    assigner.orphans()
    assigner.table4()
    assigner.dropped()
    assigner.missing()
    notes = assigner.notes
    if not seg.ended:
        seen = "、".join({"t2": "表二", "t3": "表三", "t4": "表四"}[t] for t in seg.tables) or "无"
        notes.append(_note(
            "reading_truncated",
            f"文本在第五部分之前结束（已读到的表：{seen}）；其后的单元格均为 null",
            f"the text ends before part 五 (tables reached: {seen}); every cell after the end "
            "is null",
        ))  # fmt: skip
    for table, name in (("t2", "表二"), ("t3", "表三"), ("t4", "表四")):
        if table not in seg.tables and seg.ended:
            notes.append(
                _note("reading_table_missing", f"没有找到{name}", f"{name} (table) was not found")
            )
    return Assembled(
        edition, reason, reason_zh, assigner.cells, tuple(assigner.provenance), tuple(notes)
    )
