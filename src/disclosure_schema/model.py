"""The report model, editions 2019 and 2021 (FORMAT.md §3-§7).

Field order is the JSON key order. The parts both editions share are defined
once: table 3 is generic in the type of its （六）其他处理 row group, and the report
is generic in its table 2 and that row group.
"""

from __future__ import annotations

import datetime
from typing import ClassVar, Generic, Literal, Self, TypeAlias, TypeVar

import attrs

from .fields import Kind, Model, cell, filled, meta, model, node, node_types

__all__ = [
    "EDITIONS",
    "Agency",
    "Amount",
    "ApplicantRow",
    "Applications",
    "Count",
    "DocumentCounts",
    "DocumentCounts2019",
    "Edition",
    "FeeItems2019",
    "Fees",
    "Matters2019",
    "NotProcessed",
    "OtherProcessing",
    "Outcomes",
    "Proactive2019",
    "Proactive2021",
    "Procurement2019",
    "Report",
    "Report2019",
    "Report2021",
    "Results",
    "ReviewsAndLawsuits",
    "Sections",
    "SingleAmount",
    "SingleCount",
    "UnableToProvide",
    "Withheld",
    "report_class",
]

Edition: TypeAlias = Literal["2019", "2021"]
EDITIONS: tuple[Edition, ...] = ("2019", "2021")

#: A table cell holding a count; None when the report gives no number.
Count: TypeAlias = int | None
#: A table cell holding an amount of money; None when the report gives no number.
Amount: TypeAlias = int | float | None


# ---------------------------------------------------------------- table 3


@model
class ApplicantRow(Model):
    """One data row of table 3: the seven applicant columns."""

    natural_person: Count = cell(
        "自然人", label_en="natural persons", description_en="Applications from natural persons."
    )
    commercial_enterprise: Count = cell(
        "商业企业",
        label_en="commercial enterprises",
        description_en="Applications from commercial enterprises (under legal persons or other "
        "organisations, 法人或其他组织).",
    )
    research_institution: Count = cell(
        "科研机构",
        label_en="research institutions",
        description_en="Applications from research institutions (under legal persons or other "
        "organisations).",
    )
    social_welfare_organization: Count = cell(
        "社会公益组织",
        label_en="social welfare organisations",
        description_en="Applications from social welfare organisations (under legal persons or "
        "other organisations).",
    )
    legal_service_organization: Count = cell(
        "法律服务机构",
        label_en="legal service organisations",
        description_en="Applications from legal service organisations (under legal persons or "
        "other organisations).",
    )
    other_organization: Count = cell(
        "其他",
        short_zh="其他组织",
        label_en="other organisations",
        description_en="Applications from other legal persons or organisations.",
    )
    total: Count = cell(
        "总计", label_en="total", description_en="Total over all applicants (the row total)."
    )


@model
class Withheld(Model):
    """三（三）不予公开: not disclosed, by reason."""

    state_secret: ApplicantRow = node(
        "三（三）1.属于国家秘密",
        short_zh="属于国家秘密",
        label_en="state secret",
        description_en="Withheld: the information is a state secret.",
        legal_basis="Art. 14",
    )
    prohibited_by_law: ApplicantRow = node(
        "三（三）2.其他法律行政法规禁止公开",
        short_zh="其他法律行政法规禁止公开",
        label_en="prohibited by other laws",
        description_en="Withheld: disclosure is prohibited by other laws or administrative "
        "regulations.",
        legal_basis="Art. 14",
    )
    security_and_stability: ApplicantRow = node(
        "三（三）3.危及“三安全一稳定”",
        short_zh="危及“三安全一稳定”",
        label_en="security and stability",
        description_en="Withheld: disclosure would endanger national, public, economic security "
        "or social stability.",
        legal_basis="Art. 14",
    )
    third_party_rights: ApplicantRow = node(
        "三（三）4.保护第三方合法权益",
        short_zh="保护第三方合法权益",
        label_en="third-party rights",
        description_en="Withheld to protect the lawful rights and interests of third parties.",
        legal_basis="Art. 15",
    )
    internal_affairs: ApplicantRow = node(
        "三（三）5.属于三类内部事务信息",
        short_zh="属于三类内部事务信息",
        label_en="internal affairs",
        description_en="Withheld: internal affairs information (three kinds).",
        legal_basis="Art. 16 ¶1",
    )
    process_information: ApplicantRow = node(
        "三（三）6.属于四类过程性信息",
        short_zh="属于四类过程性信息",
        label_en="process information",
        description_en="Withheld: process information (four kinds).",
        legal_basis="Art. 16 ¶2",
    )
    enforcement_files: ApplicantRow = node(
        "三（三）7.属于行政执法案卷",
        short_zh="属于行政执法案卷",
        label_en="enforcement files",
        description_en="Withheld: administrative law-enforcement case files.",
        legal_basis="Art. 16 ¶2",
    )
    administrative_query: ApplicantRow = node(
        "三（三）8.属于行政查询事项",
        short_zh="属于行政查询事项",
        label_en="administrative query",
        description_en="Withheld: a matter for administrative query, not disclosure.",
        legal_basis="Art. 36(7)",
    )


@model
class UnableToProvide(Model):
    """三（四）无法提供: the information cannot be provided."""

    not_held: ApplicantRow = node(
        "三（四）1.本机关不掌握相关政府信息",
        short_zh="本机关不掌握相关政府信息",
        label_en="not held",
        description_en="Cannot provide: the agency does not hold the information.",
        legal_basis="Art. 36(4)(5)",
    )
    requires_creation: ApplicantRow = node(
        "三（四）2.没有现成信息需要另行制作",
        short_zh="没有现成信息需要另行制作",
        label_en="requires creation",
        description_en="Cannot provide: the information does not exist and would have to be "
        "created.",
        legal_basis="Art. 38",
    )
    unclear_after_correction: ApplicantRow = node(
        "三（四）3.补正后申请内容仍不明确",
        short_zh="补正后申请内容仍不明确",
        label_en="unclear after correction",
        description_en="Cannot provide: the request is still unclear after correction.",
        legal_basis="Art. 30",
    )


@model
class NotProcessed(Model):
    """三（五）不予处理: not processed."""

    complaint_or_petition: ApplicantRow = node(
        "三（五）1.信访举报投诉类申请",
        short_zh="信访举报投诉类申请",
        label_en="complaint or petition",
        description_en="Not processed: a petition, report or complaint rather than a request.",
        legal_basis="Art. 39 ¶1",
    )
    repeated: ApplicantRow = node(
        "三（五）2.重复申请",
        short_zh="重复申请",
        label_en="repeated request",
        description_en="Not processed: a repeated request.",
        legal_basis="Art. 36(6)",
    )
    publication: ApplicantRow = node(
        "三（五）3.要求提供公开出版物",
        short_zh="要求提供公开出版物",
        label_en="publication",
        description_en="Not processed: a request for public publications.",
        legal_basis="Art. 39 ¶2",
    )
    excessive: ApplicantRow = node(
        "三（五）4.无正当理由大量反复申请",
        short_zh="无正当理由大量反复申请",
        label_en="excessive requests",
        description_en="Not processed: numerous repeated requests without due reason.",
        legal_basis="Art. 35",
    )
    confirmation: ApplicantRow = node(
        "三（五）5.要求行政机关确认或重新出具已获取信息",
        short_zh="要求行政机关确认或重新出具已获取信息",
        label_en="confirmation",
        description_en="Not processed: a request to confirm or reissue information already "
        "obtained.",
    )


@model
class OtherProcessing(Model):
    """三（六）其他处理 in the 2021 edition: three rows."""

    overdue_correction: ApplicantRow = node(
        "三（六）1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        short_zh="逾期不补正",
        label_en="overdue correction",
        description_en="Other: the applicant did not correct the request in time without due "
        "reason, so the agency no longer processes it.",
        legal_basis="Art. 30",
    )
    overdue_fee: ApplicantRow = node(
        "三（六）2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        short_zh="逾期未缴纳费用",
        label_en="overdue fee",
        description_en="Other: the applicant did not pay the notified fee in time, so the agency "
        "no longer processes the request.",
        legal_basis="Art. 42",
    )
    other: ApplicantRow = node(
        "三（六）3.其他",
        short_zh="其他处理",
        label_en="other",
        description_en="Other outcomes.",
    )


OtherT = TypeVar("OtherT", OtherProcessing, ApplicantRow)


@model
class Results(Model, Generic[OtherT]):
    """三、本年度办理结果: results of handling (no subtotal rows: group labels have no numbers)."""

    disclosed: ApplicantRow = node(
        "三（一）予以公开",
        short_zh="予以公开",
        label_en="disclosed",
        description_en="Disclosed.",
        legal_basis="Art. 36(1)(2)",
    )
    partially_disclosed: ApplicantRow = node(
        "三（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        short_zh="部分公开",
        label_en="partially disclosed",
        description_en="Partially disclosed (a request handled in parts counts here only).",
        legal_basis="Art. 37",
    )
    withheld: Withheld = node(
        "三（三）不予公开", label_en="withheld", description_en="Not disclosed, by reason."
    )
    unable_to_provide: UnableToProvide = node(
        "三（四）无法提供",
        label_en="unable to provide",
        description_en="Cannot be provided, by reason.",
    )
    not_processed: NotProcessed = node(
        "三（五）不予处理", label_en="not processed", description_en="Not processed, by reason."
    )
    other: OtherT = node(
        "三（六）其他处理",
        short_zh="其他处理",
        label_en="other processing",
        description_en="Other processing: three rows in the 2021 edition, one row in the 2019 "
        "edition.",
    )
    total: ApplicantRow = node(
        "三（七）总计",
        short_zh="办理结果总计",
        label_en="results total",
        description_en="Total of all results.",
    )


@model
class Applications(Model, Generic[OtherT]):
    """Table 3: 收到和处理政府信息公开申请情况."""

    new_received: ApplicantRow = node(
        "一、本年新收政府信息公开申请数量",
        short_zh="本年新收",
        label_en="new received",
        description_en="Requests received this year.",
    )
    carried_over: ApplicantRow = node(
        "二、上年结转政府信息公开申请数量",
        short_zh="上年结转",
        label_en="carried over",
        description_en="Requests carried over from last year.",
    )
    results: Results[OtherT] = node(
        "三、本年度办理结果", label_en="results", description_en="Results of handling this year."
    )
    carried_forward: ApplicantRow = node(
        "四、结转下年度继续办理",
        short_zh="结转下年度继续办理",
        label_en="carried forward",
        description_en="Requests carried forward to next year.",
        legal_basis="Art. 33",
    )


# ---------------------------------------------------------------- table 4


@model
class Outcomes(Model):
    """One group of table 4: outcomes of review or litigation cases."""

    upheld: Count = cell("结果维持", label_en="upheld", description_en="Decision upheld.")
    corrected: Count = cell("结果纠正", label_en="corrected", description_en="Decision corrected.")
    other: Count = cell("其他结果", label_en="other result", description_en="Other results.")
    pending: Count = cell("尚未审结", label_en="pending", description_en="Not yet concluded.")
    total: Count = cell("总计", label_en="total", description_en="Total cases of the group.")


@model
class ReviewsAndLawsuits(Model):
    """Table 4: 政府信息公开行政复议、行政诉讼情况."""

    administrative_review: Outcomes = node(
        "行政复议", label_en="administrative review", description_en="Administrative review cases."
    )
    lawsuit_direct: Outcomes = node(
        "行政诉讼·未经复议直接起诉",
        short_zh="未经复议直接起诉",
        label_en="lawsuits filed directly",
        description_en="Administrative lawsuits filed without prior review.",
    )
    lawsuit_after_review: Outcomes = node(
        "行政诉讼·复议后起诉",
        short_zh="复议后起诉",
        label_en="lawsuits after review",
        description_en="Administrative lawsuits filed after review.",
    )


# ---------------------------------------------------------------- table 2, 2021


@model
class DocumentCounts(Model):
    """规章 / 行政规范性文件 (2021)."""

    issued: Count = cell("本年制发件数", label_en="issued", description_en="Issued this year.")
    repealed: Count = cell(
        "本年废止件数", label_en="repealed", description_en="Repealed this year."
    )
    in_force: Count = cell(
        "现行有效件数", label_en="in force", description_en="In force at the end of the year."
    )


@model
class SingleCount(Model):
    """A table 2 row with one count column: 本年处理决定数量."""

    decisions: Count = cell(
        "本年处理决定数量", label_en="decisions", description_en="Decisions made this year."
    )


@model
class SingleAmount(Model):
    """行政事业性收费 (2021): 本年收费金额（单位：万元）."""

    amount: Amount = cell(
        "本年收费金额（单位：万元）",
        short_zh="本年收费金额",
        label_en="amount",
        description_en="Administrative fees collected this year, in units of 10,000 yuan.",
        kind=Kind.AMOUNT,
        unit="万元",
    )


@model
class Proactive2021(Model):
    """Table 2, 2021 edition: 主动公开政府信息情况."""

    regulations: DocumentCounts = node(
        "规章", label_en="regulations", description_en="Rules (规章).", legal_basis="Art. 20(1)"
    )
    normative_documents: DocumentCounts = node(
        "行政规范性文件",
        label_en="normative documents",
        description_en="Administrative normative documents.",
        legal_basis="Art. 20(1)",
    )
    licensing: SingleCount = node(
        "行政许可",
        label_en="licensing",
        description_en="Administrative licensing.",
        legal_basis="Art. 20(5)",
    )
    punishment: SingleCount = node(
        "行政处罚",
        label_en="punishment",
        description_en="Administrative punishment.",
        legal_basis="Art. 20(6)",
    )
    coercion: SingleCount = node(
        "行政强制",
        label_en="coercion",
        description_en="Administrative coercive measures.",
        legal_basis="Art. 20(6)",
    )
    administrative_fees: SingleAmount = node(
        "行政事业性收费",
        label_en="administrative fees",
        description_en="Administrative and institutional fees.",
        legal_basis="Art. 20(8)",
    )


# ---------------------------------------------------------------- table 2, 2019


@model
class DocumentCounts2019(Model):
    """规章 / 规范性文件 (2019)."""

    newly_made: Count = cell(
        "本年新制作数量", label_en="newly made", description_en="Made this year."
    )
    newly_published: Count = cell(
        "本年新公开数量", label_en="newly published", description_en="Published this year."
    )
    total_published: Count = cell(
        "对外公开总数量", label_en="total published", description_en="Published in total."
    )


@model
class Matters2019(Model):
    """行政许可 / 其他对外管理服务事项 / 行政处罚 / 行政强制 (2019)."""

    items_last_year: Count = cell(
        "上一年项目数量",
        label_en="items last year",
        description_en="Number of items (matters) last year.",
        unit="项",
    )
    items_change: Count = cell(
        "本年增/减",
        label_en="change this year",
        description_en="Change in the number of items this year; may be negative.",
        kind=Kind.SIGNED_COUNT,
        unit="项",
    )
    decisions: Count = cell(
        "处理决定数量", label_en="decisions", description_en="Decisions made this year."
    )


@model
class FeeItems2019(Model):
    """行政事业性收费 (2019): counts of fee items, not money."""

    items_last_year: Count = cell(
        "上一年项目数量",
        label_en="items last year",
        description_en="Number of fee items last year.",
        unit="项",
    )
    items_change: Count = cell(
        "本年增/减",
        label_en="change this year",
        description_en="Change in the number of fee items this year; may be negative.",
        kind=Kind.SIGNED_COUNT,
        unit="项",
    )


@model
class Procurement2019(Model):
    """政府集中采购 (2019)."""

    projects: Count = cell(
        "采购项目数量", label_en="projects", description_en="Procurement projects.", unit="项"
    )
    amount: Amount = cell(
        "采购总金额",
        label_en="amount",
        description_en="Total procurement amount; the unit is not printed (reports use yuan or "
        "10,000 yuan).",
        kind=Kind.AMOUNT,
        unit=None,
    )


@model
class Proactive2019(Model):
    """Table 2, 2019 edition."""

    regulations: DocumentCounts2019 = node(
        "规章", label_en="regulations", description_en="Rules (规章).", legal_basis="Art. 20(1)"
    )
    normative_documents: DocumentCounts2019 = node(
        "规范性文件",
        label_en="normative documents",
        description_en="Normative documents.",
        legal_basis="Art. 20(1)",
    )
    licensing: Matters2019 = node(
        "行政许可",
        label_en="licensing",
        description_en="Administrative licensing.",
        legal_basis="Art. 20(5)",
    )
    other_services: Matters2019 = node(
        "其他对外管理服务事项",
        label_en="other services",
        description_en="Other external management services.",
        legal_basis="Art. 20(5)",
    )
    punishment: Matters2019 = node(
        "行政处罚",
        label_en="punishment",
        description_en="Administrative punishment.",
        legal_basis="Art. 20(6)",
    )
    coercion: Matters2019 = node(
        "行政强制",
        label_en="coercion",
        description_en="Administrative coercive measures.",
        legal_basis="Art. 20(6)",
    )
    administrative_fees: FeeItems2019 = node(
        "行政事业性收费",
        label_en="administrative fees",
        description_en="Administrative and institutional fee items.",
        legal_basis="Art. 20(8)",
    )
    centralized_procurement: Procurement2019 = node(
        "政府集中采购",
        label_en="centralized procurement",
        description_en="Centralised government procurement.",
        legal_basis="Art. 20(9)",
    )


# ---------------------------------------------------------------- meta


@model
class Agency(Model):
    """The reporting agency."""

    name: str | None = meta(
        "机关名称",
        label_en="name",
        description_en="Agency name; null only where the published text does not name it.",
        kind=Kind.TEXT,
        nullable=True,
    )
    region: str | None = meta(
        "所在地区",
        label_en="region",
        description_en="Administrative region, e.g. 内蒙古自治区包头市.",
        kind=Kind.TEXT,
        default=None,
    )
    level: str | None = meta(
        "层级",
        label_en="level",
        description_en="Administrative level, e.g. province, city, county, township.",
        kind=Kind.TEXT,
        default=None,
    )
    code: str | None = meta(
        "机构代码",
        label_en="code",
        description_en="An identifying code, e.g. the unified social credit code.",
        kind=Kind.TEXT,
        default=None,
    )


@model
class Fees(Model):
    """Information-processing fees (信息处理费, 国办函〔2020〕109号), stated in part 六.

    Each figure is optional: absent when the report does not state it.
    """

    notices_issued: int | None = meta(
        "收费通知件数",
        label_en="fee notices issued",
        description_en="Number of fee notices issued.",
        kind=Kind.COUNT,
        unit="件",
        default=None,
    )
    amount_noticed: int | float | None = meta(
        "通知收费金额",
        label_en="amount noticed",
        description_en="Amount in the fee notices, in yuan.",
        kind=Kind.AMOUNT,
        unit="元",
        default=None,
    )
    amount_collected: int | float | None = meta(
        "实际收取金额",
        label_en="amount collected",
        description_en="Amount actually collected, in yuan.",
        kind=Kind.AMOUNT,
        unit="元",
        default=None,
    )


@model
class Sections(Model):
    """The narrative parts of the report."""

    overview: str | None = meta(
        "一、总体情况",
        label_en="overview",
        description_en="Part 1: overview.",
        kind=Kind.TEXT,
        default=None,
    )
    problems: str | None = meta(
        "五、存在的主要问题及改进情况",
        label_en="problems",
        description_en="Part 5: main problems and improvements.",
        kind=Kind.TEXT,
        default=None,
    )
    other_matters: str | None = meta(
        "六、其他需要报告的事项",
        label_en="other matters",
        description_en="Part 6: other matters to report, including fees charged.",
        kind=Kind.TEXT,
        default=None,
    )


# ---------------------------------------------------------------- the report

ProactiveT = TypeVar("ProactiveT", Proactive2021, Proactive2019)


def _default_edition(self: Report[ProactiveT, OtherT]) -> Edition:
    return self.EDITION


@model
class Report(Model, Generic[ProactiveT, OtherT]):
    """A government information disclosure annual report. Use Report2021 or Report2019."""

    EDITION: ClassVar[Edition]

    edition: Edition = meta(
        "版本",
        label_en="edition",
        description_en="Edition of the national format: 2019 (国办公开办函〔2019〕60号) or 2021 "
        "(国办公开办函〔2021〕30号).",
        kind=Kind.EDITION,
        default=attrs.Factory(_default_edition, takes_self=True),
    )
    year: int = meta("报告年度", label_en="year", description_en="Report year.", kind=Kind.YEAR)
    agency: Agency = node("报告机关", label_en="agency", description_en="The reporting agency.")
    published_on: datetime.date | None = meta(
        "发布日期",
        label_en="published on",
        description_en="Publication date (ISO 8601, YYYY-MM-DD).",
        kind=Kind.DATE,
        default=None,
    )
    proactive: ProactiveT = node(
        "二、主动公开政府信息情况",
        short_zh="表二",
        label_en="table 2",
        description_en="Table 2: proactive disclosure.",
    )
    applications: Applications[OtherT] = node(
        "三、收到和处理政府信息公开申请情况",
        short_zh="表三",
        label_en="table 3",
        description_en="Table 3: applications received and handled.",
    )
    reviews_and_lawsuits: ReviewsAndLawsuits = node(
        "四、政府信息公开行政复议、行政诉讼情况",
        short_zh="表四",
        label_en="table 4",
        description_en="Table 4: administrative review and litigation.",
    )
    fees: Fees | None = node(
        "信息处理费",
        label_en="fees",
        description_en="Information-processing fees charged (part 六).",
        default=None,
    )
    sections: Sections | None = node(
        "正文", label_en="sections", description_en="Narrative parts.", default=None
    )

    def __attrs_post_init__(self) -> None:
        if self.edition != self.EDITION:
            raise ValueError(f"edition {self.edition!r} does not match {type(self).__name__}")

    @classmethod
    def blank(cls, *, year: int, agency: Agency | str) -> Self:
        """A report of this edition with every table cell null (not reported): the
        starting point of a form that staff fill in."""
        return cls._filled(None, year, agency)

    @classmethod
    def zero(cls, *, year: int, agency: Agency | str) -> Self:
        """A report of this edition with every table cell 0 (a valid report)."""
        return cls._filled(0, year, agency)

    @classmethod
    def _filled(cls, value: int | None, year: int, agency: Agency | str) -> Self:
        tables = node_types(cls)
        return cls(
            year=year,
            agency=Agency(name=agency) if isinstance(agency, str) else agency,
            proactive=filled(tables["proactive"], value),
            applications=filled(tables["applications"], value),
            reviews_and_lawsuits=filled(tables["reviews_and_lawsuits"], value),
        )


@model
class Report2021(Report[Proactive2021, OtherProcessing]):
    """A report in the 2021 edition (国办公开办函〔2021〕30号), report years 2021 onward."""

    EDITION: ClassVar[Edition] = "2021"


@model
class Report2019(Report[Proactive2019, ApplicantRow]):
    """A report in the 2019 edition (国办公开办函〔2019〕60号), report years 2019 and 2020."""

    EDITION: ClassVar[Edition] = "2019"


_CLASSES: dict[str, type[Report2021] | type[Report2019]] = {"2021": Report2021, "2019": Report2019}


def report_class(edition: str) -> type[Report2021] | type[Report2019]:
    """The model class of an edition. Raises KeyError for an unknown edition."""
    return _CLASSES[edition]
