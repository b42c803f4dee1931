"""Reading published reports (web pages and their text) into the model, inventing nothing.

``read(source)`` takes HTML or plain text (str or bytes; the encoding is detected),
a PDF with a text layer, or a Word (.docx) file, and returns a :class:`Reading`:
the report of the detected edition with ``null`` in every cell the text does not
give, the provenance of every cell it filled, and notes on everything it could not
place. A number is put in a cell only
when its row label was recognised and its column is certain.
"""

from __future__ import annotations

import functools
from decimal import Decimal
from typing import Any

import attrs

from ..api import AnyReport, ValidationResult, _sorted, from_dict, to_dict, validate
from ..fields import Kind
from ..findings import Finding, finding
from ..layout import layout
from ..limits import MAX_CELLS, MAX_PAGE, printable, too_large
from ..model import EDITIONS, ApplicantRow, Edition
from .assemble import Provenance, assemble
from .kinds import Unreadable
from .meta import agency_name, report_year
from .narrative import narrative_findings
from .source import lines_of, to_text

__all__ = ["Provenance", "Reading", "read", "read_and_validate", "validate_reading"]


@attrs.frozen(kw_only=True)
class Reading:
    """What was read from a published report."""

    report: AnyReport | None  # None only when no year or edition can be told
    edition: Edition | None
    edition_reason: str
    year: int | None
    year_source: str
    agency: str | None
    agency_source: str
    provenance: tuple[Provenance, ...]
    notes: tuple[Finding, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "edition": self.edition,
            "edition_reason": self.edition_reason,
            "year": self.year,
            "year_source": self.year_source,
            "agency": self.agency,
            "agency_source": self.agency_source,
            "provenance": [attrs.asdict(p) for p in self.provenance],
            "notes": [n.to_dict() for n in self.notes],
        }


@functools.cache
def _t3_rows(edition: Edition) -> list[str]:
    return [
        n.pointer.removeprefix("/applications/")
        for n in layout(edition).nodes["/applications"].walk()
        if n.cls is ApplicantRow
    ]


def _typed(kind: Kind | None, value: Decimal) -> int | float | None:
    integral = value == value.to_integral_value()
    if kind is Kind.AMOUNT:
        return int(value) if integral else float(value)
    if not integral or (kind is Kind.COUNT and value < 0):
        return None
    return int(value)


def _unreadable(note: Finding) -> Reading:
    return Reading(
        report=None,
        edition=None,
        edition_reason="",
        year=None,
        year_source="",
        agency=None,
        agency_source="",
        provenance=(),
        notes=(note,),
    )


def read(source: bytes | str) -> Reading:
    """Read a published report: HTML, text, PDF or Word. Never raises on bad input; an
    input of another kind (a JSON report, an image), one whose parser is not installed,
    or one over MAX_PAGE gives a Reading without a report and a note saying so."""
    if len(source) > MAX_PAGE:
        return _unreadable(too_large("", MAX_PAGE))
    try:
        text = to_text(source)
    except Unreadable as error:
        return _unreadable(error.note)
    raw_lines = text.text.splitlines()
    notes: list[Finding] = list(text.notes)
    if text.encoding not in ("utf-8", "utf-8 (BOM)", "str", "pdf", "docx"):
        notes.append(finding(
            "reading_encoding", f"按 {text.encoding} 解码", f"decoded as {text.encoding}"
        ))  # fmt: skip
    if text.ignored_charset is not None:
        label = printable(text.ignored_charset)
        notes.append(finding(
            "reading_encoding",
            f"网页声明的字符集“{label}”不是文本编码，已忽略，按 {text.encoding} 解码",
            f"the page declares the charset {label!r}, which is no text encoding; it was "
            f"ignored and the page decoded as {text.encoding}",
        ))  # fmt: skip
    if text.cut_cells:
        notes.append(finding(
            "reading_grid_cut",
            f"表格的合并单元格展开后超过 {MAX_CELLS} 个单元格，其余 {text.cut_cells} 个未展开",
            f"the tables' merged cells would expand past {MAX_CELLS} cells; the other "
            f"{text.cut_cells} were not expanded",
        ))  # fmt: skip
    year, year_source = report_year(raw_lines)
    agency, agency_source = agency_name(raw_lines, text.title)
    rows = {e: _t3_rows(e) for e in EDITIONS}
    assembled = assemble(lines_of(text), year, rows)
    notes += assembled.notes
    edition = assembled.edition
    if edition is not None:
        notes.append(finding(
            "reading_edition",
            f"识别为 {edition} 版：{assembled.reason_zh}",
            f"read as the {edition} edition: {assembled.reason}",
        ))  # fmt: skip
        expected = "2021" if year is not None and year >= 2021 else "2019"
        if year is not None and edition != expected:
            notes.append(finding(
                "reading_layout_mismatch",
                f"{year} 年度报告应使用 {expected} 版格式，但表格是 {edition} 版的",
                f"a {year} report should use the {expected} edition, but its tables are laid "
                f"out in the {edition} edition",
            ))  # fmt: skip
    if agency is None:
        notes.append(finding(
            "reading_meta_missing", "文本没有写明机关名称，名称留为 null",
            "the text does not name the agency; the name is null",
            locations=("/agency/name",),
        ))  # fmt: skip
    report = None
    provenance = list(assembled.provenance)
    if edition is not None and year is not None and 2019 <= year <= 9999:
        report, dropped = _build(edition, year, agency, assembled.cells)
        notes += dropped
        nulled = {n.locations[0] for n in dropped}
        provenance = [p for p in provenance if p.pointer not in nulled]
        notes += narrative_findings(
            text.text, _values(report), {p.pointer: p.where for p in provenance}
        )
    elif year is None:
        notes.append(finding(
            "reading_meta_missing", "文本没有写明报告年度，无法生成报告",
            "the text gives no report year, so no report can be built", locations=("/year",),
        ))  # fmt: skip
    return Reading(
        report=report,
        edition=edition,
        edition_reason=assembled.reason,
        year=year,
        year_source=year_source,
        agency=agency,
        agency_source=agency_source,
        provenance=tuple(provenance),
        notes=tuple(notes),
    )


def _values(report: AnyReport) -> dict[str, Any]:
    data = to_dict(report)
    out = {}
    for node in layout(report.edition).cells:
        value: Any = data
        for part in node.path:
            value = value[part]
        out[node.pointer] = value
    return out


def _build(
    edition: Edition, year: int, agency: str | None, cells: dict[str, Decimal | None]
) -> tuple[AnyReport, list[Finding]]:
    lay = layout(edition)
    dropped: list[Finding] = []
    values: dict[str, int | float | None] = {}
    for node in lay.cells:
        raw = cells.get(node.pointer)
        value = None if raw is None else _typed(node.kind, raw)
        if raw is not None and value is None:
            dropped.append(finding(
                "reading_not_a_count",
                f"{node.title_zh}（{node.pointer}）：{raw} 不是计数，留为 null",
                f"{node.title_en} ({node.pointer}): {raw} is not a count; null",
                locations=(node.pointer,),
            ))  # fmt: skip
        values[node.pointer] = value

    def build(pointer: str) -> dict[str, Any]:
        node = lay.nodes[pointer]
        return {c.key: values[c.pointer] if c.is_cell else build(c.pointer) for c in node.children}

    document = {
        "edition": edition,
        "year": year,
        "agency": {"name": agency},
        "proactive": build("/proactive"),
        "applications": build("/applications"),
        "reviews_and_lawsuits": build("/reviews_and_lawsuits"),
    }
    return from_dict(document), dropped


def read_and_validate(source: bytes | str) -> ValidationResult:
    """Read a published report and validate it: reading notes beside the findings."""
    return validate_reading(read(source))


def validate_reading(reading: Reading) -> ValidationResult:
    """Validate what was read, with the reading notes beside the findings.

    A null cell the reader never read (no provenance: not found, or found but not
    placed) is "not read", not "left blank"; a value the reading notes already say
    is missing is not reported a second time.
    """
    if reading.report is None:
        notes = list(reading.notes)
        notes.append(finding(
            "invalid_value", "无法从文本生成报告", "no report could be read from the text"
        ))  # fmt: skip
        return ValidationResult(reading.edition, _sorted(reading.edition, notes))
    result = validate(reading.report)
    read_cells = {p.pointer for p in reading.provenance}
    noted = {pointer for n in reading.notes if n.category == "reading" for pointer in n.locations}
    lay = layout(result.edition) if result.edition else None
    findings = []
    for f in result.findings:
        if f.code == "not_stated" and set(f.locations) <= noted:
            continue
        if f.code == "cell_not_reported" and lay and f.locations[0] not in read_cells:
            node = lay.nodes[f.locations[0]]
            findings.append(finding(
                "cell_not_read",
                f"{node.title_zh}（{node.pointer}）：未能从文本读出，不按空白或 0 计",
                f"{node.title_en} ({node.pointer}): not read from the text; not taken as "
                "blank or 0",
                locations=f.locations,
            ))  # fmt: skip
        else:
            findings.append(f)
    findings += reading.notes
    return ValidationResult(result.edition, _sorted(result.edition, findings))
