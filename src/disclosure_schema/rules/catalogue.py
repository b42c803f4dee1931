"""The rule catalogue: every reconciliation identity (勾稽关系) as data.

An identity is ``sum(left) == sum(right)`` over cells named by JSON Pointers.
Four families (FORMAT.md §9.1-§9.2) are declared below as data; each is
expanded over the rows, columns or groups the model defines, once per edition.
The result, :data:`RULES`, is the single source of truth for the engine, the
published rule files and the docs.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Final, Literal, TypeAlias

import attrs

from ..layout import Layout, Node, layout
from ..model import EDITIONS, ApplicantRow, Edition, Outcomes

__all__ = [
    "CATALOGUE_VERSION",
    "CHECKS",
    "FAMILIES",
    "NARRATIVE",
    "RULES",
    "Catalogue",
    "Check",
    "CheckKind",
    "Family",
    "NarrativeCheck",
    "Rule",
    "RuleKind",
    "Term",
]

#: Bumped whenever a rule is added, removed or changed (integrators pin it).
CATALOGUE_VERSION: Final = "1.2.0"  # 1.1.0: cross-report and plausibility; 1.2.0: narrative

RuleKind: TypeAlias = Literal["official", "structural"]


@attrs.frozen(kw_only=True)
class Rule:
    """One identity: the sum of the ``left`` cells equals the sum of the ``right`` cells."""

    id: str
    family: str
    kind: RuleKind
    editions: tuple[Edition, ...]
    title_zh: str
    title_en: str
    left: tuple[str, ...]  # JSON Pointers
    right: tuple[str, ...]

    @property
    def terms(self) -> tuple[str, ...]:
        return self.left + self.right


@attrs.frozen(kw_only=True)
class Family:
    """A template of identities, expanded over the parts of the table named by ``over``."""

    id: str
    kind: RuleKind
    over: Literal["t3_columns", "t3_rows", "t4_groups"]
    title_zh: str  # "{scope}" is replaced by the row, column or group
    title_en: str
    description_en: str
    #: the terms, relative to the table (t3 columns: row paths; rows and groups: column keys);
    #: "*" on the right stands for every detail result row (all rows under results but total)
    left: tuple[str, ...]
    right: tuple[str, ...]


FAMILIES: Final[tuple[Family, ...]] = (
    Family(
        id="t3.balance",
        kind="official",
        over="t3_columns",
        title_zh="{scope}：第一项加第二项之和，等于第三项加第四项之和",
        title_en="{scope}: received this year plus carried over equals the results total plus "
        "carried forward",
        description_en="Printed in table 3's header: every application received or carried "
        "over is either handled this year or carried forward.",
        left=("new_received", "carried_over"),
        right=("results/total", "carried_forward"),
    ),
    Family(
        id="t3.results_total",
        kind="structural",
        over="t3_columns",
        title_zh="{scope}：办理结果总计等于各项办理结果之和",
        title_en="{scope}: the results total equals the sum of every result row",
        description_en="Row 3(7), the results total, is the sum of the detail result rows (21 "
        "in the 2021 edition, 19 in 2019); the group labels 3(3)-3(6) are not rows and have "
        "no numbers.",
        left=("results/total",),
        right=("*",),
    ),
    Family(
        id="t3.row_total",
        kind="structural",
        over="t3_rows",
        title_zh="{scope}：总计等于各类申请人之和",
        title_en="{scope}: the total equals the sum of the six applicant columns",
        description_en="Every data row's total is the sum of its six applicant columns.",
        left=("total",),
        right=(
            "natural_person",
            "commercial_enterprise",
            "research_institution",
            "social_welfare_organization",
            "legal_service_organization",
            "other_organization",
        ),
    ),
    Family(
        id="t4.total",
        kind="structural",
        over="t4_groups",
        title_zh="{scope}：总计等于结果维持、结果纠正、其他结果、尚未审结之和",
        title_en="{scope}: the total equals upheld + corrected + other + pending",
        description_en="Each group of table 4 totals its four outcomes.",
        left=("total",),
        right=("upheld", "corrected", "other", "pending"),
    ),
)

_T3 = "/applications"
_T4 = "/reviews_and_lawsuits"


def _rows(lay: Layout) -> list[Node]:
    """Table 3's data rows in document order (group labels are not rows)."""
    return [n for n in lay.nodes[_T3].walk() if n.cls is ApplicantRow]


def _scope_column(column: Node) -> tuple[str, str]:
    assert column.info is not None
    return f"表三“{column.info.label_zh}”列", f"table 3, column '{column.info.label_en}'"


def _scope_row(row: Node) -> tuple[str, str]:
    assert row.info is not None
    return f"表三“{row.info.label_zh}”行", f"table 3, row '{row.info.label_en}'"


def _scope_group(group: Node) -> tuple[str, str]:
    assert group.info is not None
    return f"表四“{group.info.label_zh}”", f"table 4, '{group.info.label_en}'"


def _expand(
    family: Family, lay: Layout
) -> Iterator[tuple[str, str, str, tuple[str, ...], tuple[str, ...]]]:
    """(id suffix, scope zh, scope en, left pointers, right pointers) for each instance."""
    rows = _rows(lay)
    if family.over == "t3_columns":
        details = [r.pointer for r in rows if r.pointer.startswith(f"{_T3}/results/")]
        details.remove(f"{_T3}/results/total")
        for column in rows[0].children:

            def cells(paths: tuple[str, ...], key: str = column.key) -> tuple[str, ...]:
                out: list[str] = []
                for p in paths:
                    out += [f"{d}/{key}" for d in details] if p == "*" else [f"{_T3}/{p}/{key}"]
                return tuple(out)

            yield (column.key, *_scope_column(column), cells(family.left), cells(family.right))
    elif family.over == "t3_rows":
        for row in rows:
            suffix = row.pointer[len(_T3) + 1 :].replace("/", ".")
            yield (
                suffix,
                *_scope_row(row),
                tuple(f"{row.pointer}/{k}" for k in family.left),
                tuple(f"{row.pointer}/{k}" for k in family.right),
            )
    else:
        for group in lay.nodes[_T4].children:
            assert group.cls is Outcomes
            yield (
                group.key,
                *_scope_group(group),
                tuple(f"{group.pointer}/{k}" for k in family.left),
                tuple(f"{group.pointer}/{k}" for k in family.right),
            )


def _build() -> dict[Edition, tuple[Rule, ...]]:
    """Expand every family in every edition; an identity the same in both is one record."""
    found: dict[tuple[str, tuple[str, ...], tuple[str, ...]], list[Edition]] = {}
    titles: dict[str, tuple[Family, str, str]] = {}
    order: dict[Edition, list[tuple[str, tuple[str, ...], tuple[str, ...]]]] = {}
    for edition in EDITIONS:
        lay = layout(edition)
        order[edition] = []
        for family in FAMILIES:
            for suffix, scope_zh, scope_en, left, right in _expand(family, lay):
                for ptr in left + right:
                    if ptr not in lay.cell_index:  # a family naming a cell the model lacks
                        raise LookupError(f"{family.id}.{suffix}: no cell {ptr} in {edition}")
                key = (f"{family.id}.{suffix}", left, right)
                found.setdefault(key, []).append(edition)
                titles[key[0]] = (family, scope_zh, scope_en)
                order[edition].append(key)
    rules = {}
    for key, editions in found.items():
        rule_id, left, right = key
        family, scope_zh, scope_en = titles[rule_id]
        rules[key] = Rule(
            id=rule_id,
            family=family.id,
            kind=family.kind,
            editions=tuple(editions),
            title_zh=family.title_zh.format(scope=scope_zh),
            title_en=family.title_en.format(scope=scope_en),
            left=left,
            right=right,
        )
    return {e: tuple(rules[k] for k in keys) for e, keys in order.items()}


class Catalogue(Mapping[Edition, tuple[Rule, ...]]):
    """The rules of each edition, read-only: ``RULES["2021"]`` is a tuple of 42 rules."""

    def __init__(self, by_edition: Mapping[Edition, tuple[Rule, ...]], version: str) -> None:
        self._by_edition = dict(by_edition)
        self._by_id = {(e, r.id): r for e, rs in by_edition.items() for r in rs}
        self.version = version

    def __getitem__(self, edition: Edition) -> tuple[Rule, ...]:
        return self._by_edition[edition]

    def __iter__(self) -> Iterator[Edition]:
        return iter(self._by_edition)

    def __len__(self) -> int:
        return len(self._by_edition)

    def rule(self, rule_id: str, edition: Edition) -> Rule:
        """The rule with this id in this edition. Raises KeyError."""
        return self._by_id[(edition, rule_id)]

    def distinct(self) -> tuple[Rule, ...]:
        """Every rule record once (rules identical in both editions are one record)."""
        seen: dict[int, Rule] = {}
        for rules in self._by_edition.values():
            for r in rules:
                seen.setdefault(id(r), r)
        return tuple(seen.values())

    def __repr__(self) -> str:
        counts = ", ".join(f"{e}: {len(rs)}" for e, rs in self._by_edition.items())
        return f"<Catalogue {self.version} ({counts} rules)>"


#: The catalogue: ``RULES["2021"]`` (42 rules) and ``RULES["2019"]`` (40 rules).
RULES: Final = Catalogue(_build(), CATALOGUE_VERSION)


# -- checks that are not identities within one report (FORMAT.md §9.3-§9.4) -----------

CheckKind: TypeAlias = Literal["cross_report", "plausibility"]


@attrs.frozen(kw_only=True)
class Term:
    """A term of a cross-report identity: a cell of the earlier or of the later report."""

    report: Literal["previous", "current"]
    pointer: str


@attrs.frozen(kw_only=True)
class Check:
    """A cross-report rule or a plausibility rule, with its source.

    Cross-report rules are identities over two reports of one agency in consecutive
    years, ``sum(left) == sum(right)``; plausibility rules are described here and
    evaluated by :mod:`.plausibility` (their logic is not a sum).
    """

    id: str
    family: str
    kind: CheckKind
    severity: Literal["error", "warning"]
    #: editions of the report checked (for cross-report rules: the later one)
    editions: tuple[Edition, ...]
    #: cross-report rules: editions of the earlier report
    previous_editions: tuple[Edition, ...] = ()
    title_zh: str
    title_en: str
    explanation_en: str
    source: str
    left: tuple[Term, ...] = ()
    right: tuple[Term, ...] = ()
    series_only: bool = False


_REGULATIONS = "《中华人民共和国政府信息公开条例》（2019 年修订）"
_FORMAT_2021 = "国办公开办函〔2021〕30号"
_FEES = "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）"


def _cross() -> tuple[Check, ...]:
    lay = layout("2021")
    row = lay.nodes[f"{_T3}/carried_over"]
    out = []
    for column in row.children:
        assert column.info is not None
        out.append(
            Check(
                id=f"x.carry_over.{column.key}",
                family="x.carry_over",
                kind="cross_report",
                severity="error",
                editions=EDITIONS,
                previous_editions=EDITIONS,
                title_zh=f"表三“{column.info.label_zh}”列：本年“上年结转”等于上年报告的“结转下年度继续办理”",
                title_en=f"table 3, column '{column.info.label_en}': carried over this year "
                "equals carried forward in last year's report",
                explanation_en="Applications not finished at the end of a year are carried "
                "into the next one. A warning, not an error, when the agency's code or name "
                "changed (a reorganisation can legitimately break it).",
                source=f"{_FORMAT_2021}（表三第二项、第四项）; FORMAT.md §9.3",
                left=(Term(report="current", pointer=f"{_T3}/carried_over/{column.key}"),),
                right=(Term(report="previous", pointer=f"{_T3}/carried_forward/{column.key}"),),
            )
        )
    for key, zh in (("regulations", "规章"), ("normative_documents", "行政规范性文件")):
        base = f"/proactive/{key}"
        out.append(
            Check(
                id=f"x.in_force.{key}",
                family="x.in_force",
                kind="cross_report",
                severity="warning",
                editions=("2021",),
                previous_editions=("2021",),
                title_zh=f"表二{zh}：现行有效件数等于上年现行有效件数加本年制发件数减本年废止件数",
                title_en=f"table 2, {key.replace('_', ' ')}: in force equals last year's in "
                "force plus issued minus repealed",
                explanation_en="A warning only: documents that lapse on expiry are not always "
                "counted as repealed.",
                source=f"{_FORMAT_2021}（表二第二十条第（一）项）; FORMAT.md §9.3",
                left=(
                    Term(report="current", pointer=f"{base}/in_force"),
                    Term(report="current", pointer=f"{base}/repealed"),
                ),
                right=(
                    Term(report="previous", pointer=f"{base}/in_force"),
                    Term(report="current", pointer=f"{base}/issued"),
                ),
            )
        )
    return tuple(out)


def _plausibility() -> tuple[Check, ...]:
    def check(
        id: str, title_zh: str, title_en: str, explanation_en: str, source: str, *,
        editions: tuple[Edition, ...] = EDITIONS, series_only: bool = False,
    ) -> Check:  # fmt: skip
        return Check(
            id=id, family=id, kind="plausibility", severity="warning", editions=editions,
            title_zh=title_zh, title_en=title_en, explanation_en=explanation_en,
            source=source, series_only=series_only,
        )  # fmt: skip

    return (
        check(
            "p.edition_year",
            "版本与报告年度不符",
            "the edition does not fit the report year",
            "The 2021 format applies to the reports on 2021 and later, the 2019 format to "
            "2019 and 2020: a 2019-edition report for 2021 or later, or a 2021-edition report "
            "for 2019 or 2020.",
            f"{_FORMAT_2021}; 国办公开办函〔2019〕60号",
        ),
        check(
            "p.overdue_fee_without_notice",
            "有“逾期未缴费”的申请，但未发出收费通知",
            "applications dropped for unpaid fees, but no fee notice issued",
            "Row 3(6)2 of table 3 counts applications dropped because the fee notice was not "
            "paid in time; it is positive while the stated fees show no notice issued.",
            f"{_REGULATIONS} 第四十二条; {_FEES}",
            editions=("2021",),
        ),
        check(
            "p.fee_not_multiple_of_10",
            "信息处理费金额不是 10 元的整数倍",
            "a fee amount that is not a multiple of 10 yuan",
            "Every tier of the fee rules (100 yuan per application band, 10, 20 or 40 yuan "
            "a page) gives a multiple of 10 yuan.",
            _FEES,
        ),
        check(
            "p.same_as_last_year",
            "表三与上年完全相同",
            "table 3 identical to last year's",
            "Table 3 identical, and not all zero, in two consecutive reports of one agency: "
            "published reports have been copied from the year before.",
            "FORMAT.md §9.4 (copied reports are a documented problem)",
            series_only=True,
        ),
        check(
            "p.nothing_assessable",
            "没有任何勾稽关系可以核对",
            "no identity could be checked",
            "Every identity has a cell the report left blank: saying 'valid' would claim a "
            "check that did not happen.",
            "FORMAT.md §9.4",
        ),
    )


#: The checks beyond one report's identities: cross-report rules, then plausibility.
CHECKS: Final[tuple[Check, ...]] = _cross() + _plausibility()
# -- the reader's check of a page's narrative against its tables ---------------------------


@attrs.frozen(kw_only=True)
class NarrativeCheck:
    """A figure that a report's text states in a sentence and its tables also give
    (本年新收…申请X件 against 表三 一、总计). Not an identity: the reader reports a
    mismatch as a ``narrative_mismatch`` warning with this id as its rule."""

    id: str
    title_zh: str
    title_en: str
    cells: tuple[str, ...]  # the table cells whose sum the sentence states (both editions)
    #: regular expressions for the sentence, the figure in group 1 (a count of 件 or 起)
    patterns: tuple[str, ...]
    severity: Literal["warning"] = "warning"
    source: str = "FORMAT.md §9.4 (narrative against table; raised by the reader)"


_GAP: Final = r"[^，。；;,\d]{0,30}?"  # words inside the phrase, no clause break, no number
_SUM: Final = "(?:共|总计|合计)?"  # an optional word for "in all" before the figure
NARRATIVE: Final[tuple[NarrativeCheck, ...]] = (
    NarrativeCheck(
        id="narrative.new_received",
        title_zh="正文所述本年新收申请数与表三“一、本年新收”总计一致",
        title_en="applications received this year, as the text states them, match table 3",
        cells=("/applications/new_received/total",),
        patterns=(rf"(?:新收|收到){_GAP}申请{_SUM}(\d+)件",),
    ),
    NarrativeCheck(
        id="narrative.results_total",
        title_zh="正文所述办结申请数与表三“（七）总计”一致",
        title_en="applications handled, as the text states them, match table 3's results total",
        cells=("/applications/results/total/total",),
        patterns=(rf"办结{_GAP}{_SUM}(\d+)件",),
    ),
    NarrativeCheck(
        id="narrative.carried_forward",
        title_zh="正文所述结转下年度申请数与表三“四、结转下年度继续办理”总计一致",
        title_en="applications carried forward, as the text states them, match table 3",
        cells=("/applications/carried_forward/total",),
        patterns=(rf"结转(?:至)?下一?年度?{_GAP}(\d+)件",),
    ),
    NarrativeCheck(
        id="narrative.reviews",
        title_zh="正文所述行政复议数与表四行政复议总计一致",
        title_en="administrative reviews, as the text states them, match table 4",
        cells=("/reviews_and_lawsuits/administrative_review/total",),
        patterns=(rf"行政复议(?:案件)?{_SUM}(\d+)(?:件|起)",),
    ),
    NarrativeCheck(
        id="narrative.lawsuits",
        title_zh="正文所述行政诉讼数与表四行政诉讼总计（未经复议直接起诉与复议后起诉之和）一致",
        title_en="lawsuits, as the text states them, match table 4 (direct plus after review)",
        cells=(
            "/reviews_and_lawsuits/lawsuit_direct/total",
            "/reviews_and_lawsuits/lawsuit_after_review/total",
        ),
        patterns=(rf"行政诉讼(?:案件)?{_SUM}(\d+)(?:件|起)",),
    ),
)
