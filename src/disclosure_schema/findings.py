"""Findings: what validation reports, as records. Each kind has a stable code.

The table of codes is data: the docs page of all codes is generated from it, and
severity is a policy attached to the code, not to the rule that produced it.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, Final, Literal, TypeAlias

import attrs

__all__ = [
    "CODES",
    "Category",
    "Change",
    "Code",
    "Finding",
    "Number",
    "Position",
    "Severity",
    "Status",
]

Number: TypeAlias = int | float


class Severity(enum.StrEnum):
    ERROR = "error"  # the report is invalid
    WARNING = "warning"  # something is missing or doubtful; the report stays valid
    INFO = "info"  # a note: something was accepted that deserves a mention (a BOM)


class Status(enum.StrEnum):
    """The outcome of evaluating an identity."""

    FAILED = "failed"
    NOT_ASSESSABLE = "not_assessable"


Category: TypeAlias = Literal[
    "input",
    "structure",
    "identity",
    "localisation",
    "cross_report",
    "plausibility",
    "cell",
    "reading",
]


@attrs.frozen(kw_only=True)
class Code:
    """One kind of finding."""

    code: str
    category: Category
    severity: Severity
    title_zh: str
    title_en: str
    description_en: str


def _codes(*codes: Code) -> Mapping[str, Code]:
    return MappingProxyType({c.code: c for c in codes})


E, W, I = Severity.ERROR, Severity.WARNING, Severity.INFO  # noqa: E741

#: Every finding code, in documentation order.
CODES: Final[Mapping[str, Code]] = _codes(
    # input: the bytes could not be read as one JSON document
    Code(code="io_error", category="input", severity=E, title_zh="无法读取",
         title_en="cannot read",
         description_en="The file does not exist, is a directory, or cannot be read."),
    Code(code="no_reports", category="input", severity=E, title_zh="没有报告",
         title_en="no reports",
         description_en="A directory given on the command line holds no file of a kind the "
         "command line reads (.json, .jsonl, .ndjson, .html, .htm, .txt)."),
    Code(code="input_too_large", category="input", severity=E, title_zh="输入过大",
         title_en="input too large",
         description_en="A single document (a file, or one line of JSON Lines) larger than "
         "16 MiB; it is not read, so memory stays bounded."),
    Code(code="internal_error", category="input", severity=E, title_zh="内部错误",
         title_en="internal error",
         description_en="The library failed on this input (a bug: please report it). The "
         "batch goes on with the next input."),
    Code(code="missing_extra", category="input", severity=E, title_zh="缺少可选依赖",
         title_en="optional dependency missing",
         description_en="Reading web pages, PDFs and Word files needs the parsers of the "
         "read extra: pip install 'disclosure-schema[read]'."),
    Code(code="unreadable_file", category="input", severity=E, title_zh="文件无法打开",
         title_en="file cannot be opened",
         description_en="A PDF or Word file that its parser cannot open (damaged, "
         "encrypted, truncated)."),
    Code(code="too_many_findings", category="input", severity=W, title_zh="发现过多",
         title_en="too many findings",
         description_en="An input gave more than 1,000 findings; the first 1,000 (errors "
         "first) are listed and this one counts the rest, so output and memory stay "
         "bounded."),
    Code(code="empty_input", category="input", severity=E, title_zh="输入为空",
         title_en="empty input",
         description_en="The input is empty or holds only whitespace."),
    Code(code="invalid_encoding", category="input", severity=E, title_zh="编码无效",
         title_en="invalid encoding",
         description_en="The bytes are neither UTF-8 nor unambiguous GB18030 text "
         "(binary data, UTF-16, a broken multi-byte sequence)."),
    Code(code="invalid_json", category="input", severity=E, title_zh="JSON 语法错误",
         title_en="invalid JSON",
         description_en="The text is not JSON; the position gives line, column and byte "
         "offset."),
    Code(code="truncated_json", category="input", severity=E, title_zh="JSON 不完整",
         title_en="truncated JSON",
         description_en="The text ends in the middle of a JSON document."),
    Code(code="too_deep", category="input", severity=E, title_zh="嵌套过深",
         title_en="nested too deeply",
         description_en="Arrays or objects are nested deeper than a JSON parser can follow."),
    Code(code="path_as_text", category="input", severity=E, title_zh="路径被当作 JSON 文本",
         title_en="path given as text",
         description_en="validate() was given a str that is no JSON but looks like a file "
         "name; a str is JSON text, a path must be a pathlib.Path."),
    Code(code="utf8_bom", category="input", severity=I, title_zh="含 UTF-8 字节顺序标记",
         title_en="UTF-8 byte-order mark",
         description_en="The input starts with a UTF-8 byte-order mark; it was accepted and "
         "ignored."),
    Code(code="gb18030_decoded", category="input", severity=W, title_zh="按 GB18030 解码",
         title_en="decoded as GB18030",
         description_en="The input is not UTF-8 but is unambiguous GB18030 (GBK) text; it was "
         "decoded as such. Publish JSON in UTF-8."),
    # structure: the JSON does not have the shape of a report
    Code(code="not_an_object", category="structure", severity=E, title_zh="不是 JSON 对象",
         title_en="not an object",
         description_en="The document is a JSON array, string, number or literal, not an "
         "object."),
    Code(code="duplicate_key", category="structure", severity=E, title_zh="键重复",
         title_en="duplicate key",
         description_en="A key appears twice in one JSON object; readers disagree on which "
         "value wins."),
    Code(code="non_finite_number", category="structure", severity=E, title_zh="非有限数值",
         title_en="non-finite number",
         description_en="NaN or Infinity: not JSON, and not a number of anything."),
    Code(code="invalid_string", category="structure", severity=E, title_zh="字符串无效",
         title_en="invalid string",
         description_en="A string holds an unpaired UTF-16 surrogate escape."),
    Code(code="missing_key", category="structure", severity=E, title_zh="缺少键",
         title_en="missing key",
         description_en="A required key is absent. A cell the report left blank is null, "
         "not absent."),
    Code(code="unknown_key", category="structure", severity=E, title_zh="未知键",
         title_en="unknown key",
         description_en="A key that the edition does not define."),
    Code(code="wrong_type", category="structure", severity=E, title_zh="类型错误",
         title_en="wrong type",
         description_en="A value of the wrong JSON type: a count must be an integer (not true, "
         "1.0 or \"1\"), a table an object."),
    Code(code="out_of_range", category="structure", severity=E, title_zh="数值超出范围",
         title_en="out of range",
         description_en="A negative count, or a number above 2**53 - 1 (the largest integer "
         "every JSON reader keeps exact)."),
    Code(code="invalid_value", category="structure", severity=E, title_zh="取值无效",
         title_en="invalid value",
         description_en="An unknown edition, a malformed date, an empty name, a null where no "
         "null is allowed."),
    # identities
    Code(code="sum_mismatch", category="identity", severity=E, title_zh="勾稽关系不成立",
         title_en="identity broken",
         description_en="The two sides of a reconciliation identity differ."),
    Code(code="sum_not_assessable", category="identity", severity=W,
         title_zh="勾稽关系无法核对", title_en="identity not assessable",
         description_en="An identity cannot be checked because some of its cells were not "
         "reported (null)."),
    Code(code="not_derivable", category="identity", severity=E, title_zh="无法推算总计",
         title_en="total not derivable",
         description_en="derive: the identity that determines a blank total gives a negative "
         "number (its parts exceed the other side) or one above 2**53 - 1; the cell is left "
         "blank."),
    # reading published pages (disclosure_schema.reading)
    Code(code="narrative_mismatch", category="reading", severity=W,
         title_zh="正文与表格不一致", title_en="text and table disagree",
         description_en="A figure the report's text states clearly (本年共收到申请21件) differs "
         "from the table cells that give it; both figures and where each was found are "
         "named. The rule id is the check's id in the catalogue (narrative.*)."),
    Code(code="reading_unsupported_input", category="reading", severity=E,
         title_zh="无法读取的文件类型", title_en="not a kind the reader takes",
         description_en="The file is not a kind the reader takes (a JSON report, an image, an "
         "old .doc, an archive): nothing is read, and the message names the kinds it takes "
         "(web pages, text, PDF, Word .docx)."),
    Code(code="reading_edition", category="reading", severity=I, title_zh="识别的版本",
         title_en="edition detected",
         description_en="Which edition the reader took the page to be, and why."),
    Code(code="reading_no_text_layer", category="reading", severity=W,
         title_zh="PDF 没有文字层", title_en="PDF without text",
         description_en="A PDF whose pages carry no text (a scanned image); it is not "
         "recognised by OCR, so every cell is null."),
    Code(code="reading_encoding", category="reading", severity=I, title_zh="文本编码",
         title_en="encoding",
         description_en="The page was not UTF-8; it was decoded as its declared charset or "
         "GB18030."),
    Code(code="reading_meta_missing", category="reading", severity=W, title_zh="缺少年度或机关",
         title_en="year or agency not found",
         description_en="The text names no agency (the name is null) or gives no report year "
         "(no report can be built)."),
    Code(code="reading_truncated", category="reading", severity=W, title_zh="文本不完整",
         title_en="text ends early",
         description_en="The text stops before part 五 or inside a row: the cells after the "
         "end are null."),
    Code(code="reading_table_missing", category="reading", severity=W, title_zh="缺少表格",
         title_en="table missing",
         description_en="A table of the format is not in the text at all."),
    Code(code="reading_grid_cut", category="reading", severity=W, title_zh="表格过大已截断",
         title_en="table cut",
         description_en="A table whose rowspan/colspan would expand past 100,000 cells (a "
         "broken or hostile page); the cells past the bound are not read."),
    Code(code="reading_layout_mismatch", category="reading", severity=W,
         title_zh="版式与版本不符", title_en="layout does not fit the edition",
         description_en="A 2019-edition layout in a report of 2021 or later, or a row that "
         "belongs to the other edition; the row is dropped."),
    Code(code="reading_merged_row", category="reading", severity=W, title_zh="分项合并为一行",
         title_en="row group printed as one row",
         description_en="（六）其他处理 printed as one row where the 2021 edition has three: "
         "one row cannot be split among three, so the three rows are null (all-0 rows "
         "too); the note gives the printed values."),
    Code(code="reading_unassigned", category="reading", severity=W, title_zh="数字无法对应到列",
         title_en="numbers not placed",
         description_en="A row's numbers cannot be assigned to columns without guessing (too "
         "few or too many, empty cells dropped by the layout); the row is null."),
    Code(code="reading_ambiguous", category="reading", severity=W, title_zh="数字分法不唯一",
         title_en="several readings",
         description_en="Run-together digits that the format's digit rules split into the "
         "row's cells in more than one way; the row is null and the note lists the readings."),
    Code(code="reading_short_row", category="reading", severity=W, title_zh="行不完整",
         title_en="short row",
         description_en="A row with fewer cells than columns, its cells delimited: the first "
         "cells are read, the rest are null."),
    Code(code="reading_unrecognised_row", category="reading", severity=W,
         title_zh="无法识别的行", title_en="unrecognised row",
         description_en="Numbers whose row label is not one of the format (a local extra row, "
         "an unreadable label); they are dropped, never put in a cell."),
    Code(code="reading_row_missing", category="reading", severity=W, title_zh="缺少行",
         title_en="row missing",
         description_en="A row of the format that the text does not have (a gap in a table, "
         "or a whole table without numbers); its cells are null."),
    Code(code="reading_duplicate_row", category="reading", severity=W, title_zh="行重复",
         title_en="row repeated",
         description_en="A row printed twice; the first one is used."),
    Code(code="reading_detached_labels", category="reading", severity=I,
         title_zh="行名与数字分离", title_en="labels printed after their numbers",
         description_en="Rows of numbers printed before their labels (PDF text); placed "
         "because the table's row order leaves exactly one way."),
    Code(code="reading_label_variant", category="reading", severity=I, title_zh="行名有出入",
         title_en="label variant",
         description_en="A row recognised from a label that differs from the official one "
         "(older wording, a typo, a wrapped line)."),
    Code(code="reading_not_a_count", category="reading", severity=W, title_zh="不是计数",
         title_en="not a count",
         description_en="A number where a count belongs that is not a whole number of 0 or "
         "more; the cell is null."),
    # localisation: which cells most likely explain the broken identities (FORMAT §9.5)
    Code(code="likely_wrong_cell", category="localisation", severity=W,
         title_zh="很可能有误的单元格", title_en="likely wrong cell",
         description_en="The fewest cells whose change makes every identity hold are unique "
         "(Fellegi-Holt, equal weights, counts kept non-negative integers): one finding per "
         "cell, with the printed value (actual), the reconciling value (expected), the failing "
         "rules it explains and, where it fits, a typing pattern."),
    Code(code="wrong_cell_candidates", category="localisation", severity=W,
         title_zh="可能有误的单元格（多种可能）", title_en="candidate wrong cells",
         description_en="Several equally small sets of cells would make every identity hold: "
         "one finding lists every candidate with its reconciling value; none is picked."),
    Code(code="wrong_cell_not_located", category="localisation", severity=I,
         title_zh="无法定位有误的单元格", title_en="wrong cell not located",
         description_en="No set of at most 3 cells reconciles the broken identities within "
         "the search limit; no cell is suggested."),
    # across two reports of one agency (FORMAT §9.3)
    Code(code="cross_report_mismatch", category="cross_report", severity=E,
         title_zh="与上年报告不衔接", title_en="does not follow last year's report",
         description_en="A cross-report rule (x.carry_over) fails between two consecutive "
         "reports of one agency; locations point into this report, previous_locations into "
         "the earlier one, previous_source names it."),
    Code(code="cross_report_doubtful", category="cross_report", severity=W,
         title_zh="与上年报告不衔接（存疑）", title_en="doubtful against last year's report",
         description_en="A cross-report rule that can legitimately fail does: x.in_force "
         "(documents lapse without being repealed), or x.carry_over after the agency's code "
         "or name changed."),
    Code(code="cross_report_not_assessable", category="cross_report", severity=W,
         title_zh="跨年度规则无法核对", title_en="cross-report rule not assessable",
         description_en="A cross-report rule with a cell left blank (null) in either report."),
    Code(code="duplicate_year", category="cross_report", severity=W,
         title_zh="同一机关同一年度有多份报告", title_en="two reports for one year",
         description_en="Two inputs are reports of the same agency for the same year: no "
         "pair with that year is compared (none is picked silently)."),
    # plausibility (FORMAT §9.4): warnings, each rule with its source in the catalogue
    Code(code="implausible", category="plausibility", severity=W, title_zh="不合常理",
         title_en="implausible",
         description_en="A plausibility rule (p.*) fires: the sums may hold, but the report "
         "is unlikely to be right. The rule id says which; docs/rules.md gives its source."),
    Code(code="not_stated", category="cell", severity=W, title_zh="未载明",
         title_en="not stated",
         description_en="A value outside the tables that the report does not state (an "
         "agency name missing from the published text) is null."),
    Code(code="cell_not_read", category="cell", severity=W, title_zh="单元格未读出",
         title_en="cell not read",
         description_en="A published page's cell that the reader could not find or place "
         "(see the reading notes); it is null, and it is not known to be blank."),
    Code(code="cell_not_reported", category="cell", severity=W, title_zh="单元格未填报",
         title_en="cell not reported",
         description_en="The report gives no number for this cell (blank, \"/\", \"—\"); it is "
         "not taken as zero."),
)  # fmt: skip


@attrs.frozen(kw_only=True)
class Position:
    """Where in the text a problem is: 1-based line and column, 0-based byte offset."""

    line: int
    column: int
    offset: int


@attrs.frozen(kw_only=True)
class Change:
    """One cell of a suggested explanation: printed ``actual``, reconciling ``expected``."""

    pointer: str
    actual: int
    expected: int
    pattern: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "pointer": self.pointer,
            "actual": self.actual,
            "expected": self.expected,
            "pattern": self.pattern,
        }


@attrs.frozen(kw_only=True)
class Finding:
    """One thing validation found. Returned, never raised."""

    code: str
    severity: Severity
    message_zh: str
    message_en: str
    rule: str | None = None  # the identity's id, for identity findings
    status: Status | None = None  # for identity findings
    locations: tuple[str, ...] = ()  # JSON Pointers of every cell or value involved
    expected: Number | None = None  # identities: sum of the right-hand terms
    actual: Number | None = None  # identities: sum of the left-hand terms
    difference: Number | None = None  # actual - expected
    position: Position | None = None  # input errors: where in the text
    #: localisation: the failing rules the suggested change explains
    explains: tuple[str, ...] = ()
    #: localisation: the typing pattern that turns the expected value into the printed one
    pattern: str | None = None
    #: localisation with several answers: every minimal explanation, each a tuple of changes
    candidates: tuple[tuple[Change, ...], ...] = ()
    #: cross-report rules: pointers into the earlier report, and which input it was
    previous_locations: tuple[str, ...] = ()
    previous_source: str | None = None

    @property
    def category(self) -> Category:
        return CODES[self.code].category

    def to_dict(self) -> dict[str, Any]:
        """The finding as JSON-ready data, in the published key order."""
        return {
            "code": self.code,
            "rule": self.rule,
            "severity": self.severity.value,
            "status": None if self.status is None else self.status.value,
            "locations": list(self.locations),
            "expected": self.expected,
            "actual": self.actual,
            "difference": self.difference,
            "message_zh": self.message_zh,
            "message_en": self.message_en,
            "position": None if self.position is None else attrs.asdict(self.position),
            # localisation keys, only on the findings that have them (older outputs unchanged)
            **({"explains": list(self.explains)} if self.explains else {}),
            **({"pattern": self.pattern} if self.pattern is not None else {}),
            **(
                {"candidates": [[c.to_dict() for c in e] for e in self.candidates]}
                if self.candidates
                else {}
            ),
            **(
                {"previous_locations": list(self.previous_locations)}
                if self.previous_locations
                else {}
            ),
            **({"previous_source": self.previous_source} if self.previous_source else {}),
        }


def finding(code: str, message_zh: str, message_en: str, **kwargs: Any) -> Finding:
    """A finding with the severity its code's policy gives."""
    return Finding(
        code=code,
        severity=CODES[code].severity,
        message_zh=message_zh,
        message_en=message_en,
        **kwargs,
    )
