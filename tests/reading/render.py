"""Print a report the way agencies publish it, in each layout seen in the wild.

Test code, written from the printed format (the seed report and FORMAT.md §8),
independent of the reader: reading what this prints must give the report back.
"""

from __future__ import annotations

import html
import random
from decimal import Decimal
from typing import Any, Literal

Layout = Literal["pipes", "lines", "lines_pipe", "html", "aligned"]
LAYOUTS: tuple[Layout, ...] = ("pipes", "lines", "lines_pipe", "html", "aligned")

T2_2021 = [
    ("第二十条第(一)项", ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
     [("规章", "regulations", ["issued", "repealed", "in_force"]),
      ("行政规范性文件", "normative_documents", ["issued", "repealed", "in_force"])]),
    ("第二十条第(五)项", ["信息内容", "本年处理决定数量"],
     [("行政许可", "licensing", ["decisions"])]),
    ("第二十条第(六)项", ["信息内容", "本年处理决定数量"],
     [("行政处罚", "punishment", ["decisions"]), ("行政强制", "coercion", ["decisions"])]),
    ("第二十条第(八)项", ["信息内容", "本年收费金额(单位:万元)"],
     [("行政事业性收费", "administrative_fees", ["amount"])]),
]  # fmt: skip
_MATTERS = ["items_last_year", "items_change", "decisions"]
T2_2019 = [
    ("第二十条第(一)项", ["信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"],
     [("规章", "regulations", ["newly_made", "newly_published", "total_published"]),
      ("规范性文件", "normative_documents", ["newly_made", "newly_published", "total_published"])]),
    ("第二十条第(五)项", ["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"],
     [("行政许可", "licensing", _MATTERS), ("其他对外管理服务事项", "other_services", _MATTERS)]),
    ("第二十条第(六)项", ["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"],
     [("行政处罚", "punishment", _MATTERS), ("行政强制", "coercion", _MATTERS)]),
    ("第二十条第(八)项", ["信息内容", "上一年项目数量", "本年增/减"],
     [("行政事业性收费", "administrative_fees", ["items_last_year", "items_change"])]),
    ("第二十条第(九)项", ["信息内容", "采购项目数量", "采购总金额"],
     [("政府集中采购", "centralized_procurement", ["projects", "amount"])]),
]  # fmt: skip

COLUMNS = ["natural_person", "commercial_enterprise", "research_institution",
           "social_welfare_organization", "legal_service_organization", "other_organization",
           "total"]  # fmt: skip

# (group labels printed before the row, the row's printed label, its path)
_T3_COMMON_HEAD = [
    ([], "一、本年新收政府信息公开申请数量", "new_received"),
    ([], "二、上年结转政府信息公开申请数量", "carried_over"),
    (["三、本年度办理结果"], "(一)予以公开", "results/disclosed"),
    ([], "(二)部分公开(区分处理的,只计这一情形,不计其他情形)", "results/partially_disclosed"),
    (["(三)不予公开"], "1.属于国家秘密", "results/withheld/state_secret"),
    ([], "2.其他法律行政法规禁止公开", "results/withheld/prohibited_by_law"),
    ([], "3.危及“三安全一稳定”", "results/withheld/security_and_stability"),
    ([], "4.保护第三方合法权益", "results/withheld/third_party_rights"),
    ([], "5.属于三类内部事务信息", "results/withheld/internal_affairs"),
    ([], "6.属于四类过程性信息", "results/withheld/process_information"),
    ([], "7.属于行政执法案卷", "results/withheld/enforcement_files"),
    ([], "8.属于行政查询事项", "results/withheld/administrative_query"),
    (["(四)无法提供"], "1.本机关不掌握相关政府信息", "results/unable_to_provide/not_held"),
    ([], "2.没有现成信息需要另行制作", "results/unable_to_provide/requires_creation"),
    ([], "3.补正后申请内容仍不明确", "results/unable_to_provide/unclear_after_correction"),
    (["(五)不予处理"], "1.信访举报投诉类申请", "results/not_processed/complaint_or_petition"),
    ([], "2.重复申请", "results/not_processed/repeated"),
    ([], "3.要求提供公开出版物", "results/not_processed/publication"),
    ([], "4.无正当理由大量反复申请", "results/not_processed/excessive"),
    ([], "5.要求行政机关确认或重新出具已获取信息", "results/not_processed/confirmation"),
]
_T3_OTHER_2021 = [
    (["(六)其他处理"],
     "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
     "results/other/overdue_correction"),
    ([], "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
     "results/other/overdue_fee"),
    ([], "3.其他", "results/other/other"),
]  # fmt: skip
_T3_OTHER_2019: list[tuple[list[str], str, str]] = [([], "(六)其他处理", "results/other")]
_T3_TAIL: list[tuple[list[str], str, str]] = [
    ([], "(七)总计", "results/total"),
    ([], "四、结转下年度继续办理", "carried_forward"),
]

TRADITIONAL = str.maketrans("开请数处结转规关务许罚强费总现废", "開請數處結轉規關務許罰強費總現廢")
BLANKS = ["/", "—", "-", "无"]
RUN_BLANKS = ["-", "-", "－", "—", "/", "无"]


def t3_rows(edition: str) -> list[tuple[list[str], str, str]]:
    other = _T3_OTHER_2021 if edition == "2021" else _T3_OTHER_2019
    return _T3_COMMON_HEAD + other + _T3_TAIL


def _get(document: dict[str, Any], path: str) -> Any:
    value: Any = document
    for part in path.split("/"):
        value = value[part]
    return value


def _show(value: Any, rng: random.Random, blank: str) -> str:
    if value is None:
        return blank if blank is not None else rng.choice(BLANKS)
    if isinstance(value, float):
        return repr(value)
    return str(value)


def _style(label: str, rng: random.Random, messy: bool) -> str:
    """Print a label the ways real pages do: full-width punctuation, curly or straight
    quotes, a stray space, traditional characters."""
    if not messy:
        return label
    if rng.random() < 0.5:
        label = label.replace("(", "（").replace(")", "）").replace(",", "，")
    if rng.random() < 0.3:
        label = label.replace("“", '"').replace("”", '"')
    if rng.random() < 0.2 and len(label) > 4:
        at = rng.randrange(2, len(label) - 1)
        label = label[:at] + " " + label[at:]
    if rng.random() < 0.15:
        label = label.translate(TRADITIONAL)
    return label


def rows_of(document: dict[str, Any], rng: random.Random, messy: bool) -> list[Any]:
    """The report as printed rows: ("heading", text), ("header", cells) and
    ("row", groups, label, values) in reading order."""
    edition = document["edition"]
    blank = rng.choice(BLANKS)
    title = f"{document['agency']['name']}{document['year']}年政府信息公开工作年度报告"
    out: list[Any] = [("heading", title),
                      ("heading", "一、总体情况"), ("text", "本年度依法做好政府信息公开工作。"),
                      ("heading", "二、主动公开政府信息情况")]  # fmt: skip
    for section, header, rows in T2_2021 if edition == "2021" else T2_2019:
        out.append(("header", [section]))
        out.append(("header", header))
        for label, key, columns in rows:
            values = [_show(document["proactive"][key][c], rng, blank) for c in columns]
            out.append(("row", [], _style(label, rng, messy), values))
    out.append(("heading", "三、收到和处理政府信息公开申请情况"))
    out.append(("header", ["(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和)",
                           "申请人情况"]))  # fmt: skip
    out.append(("header", ["自然人", "法人或其他组织", "总计"]))
    out.append(("header", ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]))
    for groups, label, path in t3_rows(edition):
        row = _get(document["applications"], path)
        values = [_show(row[c], rng, blank) for c in COLUMNS]
        out.append(("row", [_style(g, rng, messy) for g in groups], _style(label, rng, messy),
                    values))  # fmt: skip
    out.append(("heading", "四、政府信息公开行政复议、行政诉讼情况"))
    out.append(("header", ["行政复议", "行政诉讼"]))
    out.append(("header", ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计",
                           "未经复议直接起诉", "复议后起诉"]))  # fmt: skip
    out.append(("header", ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 2))
    t4 = document["reviews_and_lawsuits"]
    values = [_show(t4[g][k], rng, blank)
              for g in ("administrative_review", "lawsuit_direct", "lawsuit_after_review")
              for k in ("upheld", "corrected", "other", "pending", "total")]  # fmt: skip
    out.append(("row", [], "", values))
    out.append(("heading", "五、存在的主要问题及改进情况"))
    out.append(("text", "无。"))
    out.append(("heading", "六、其他需要报告的事项"))
    return out


def render(document: dict[str, Any], layout: Layout, seed: int, messy: bool = True) -> str:
    rng = random.Random(seed)
    rows = rows_of(document, rng, messy)
    if layout == "html":
        return _html(rows, rng)
    lines: list[str] = []
    for row in rows:
        kind = row[0]
        if kind in ("heading", "text"):
            lines.append(row[1])
            continue
        cells = row[1] if kind == "header" else [*row[1], row[2], *row[3]] if row[2] else row[3]
        if layout == "pipes":
            lines.append(" | ".join(cells) + " |" + " |" * rng.randrange(0, 3))
        elif layout == "lines":
            for cell in cells:
                lines += [cell, ""]
        elif layout == "lines_pipe":
            lines += [f"{cell} |" for cell in cells]
            if rng.random() < 0.5:
                lines.append("||")
        else:  # aligned, as PDF-to-text tools print: long labels wrap, columns by spaces
            if kind == "header":
                lines.append("    ".join(cells))
                continue
            groups, label, numbers = row[1], row[2], row[3]
            prefix = "    ".join(groups) + "    " if groups else ""
            if len(label) > 18 and rng.random() < 0.5:
                cut = rng.randrange(int(len(label) * 0.6), len(label) - 2)
                lines.append("      " + prefix + label[:cut])
                prefix, label = "", label[cut:]
            lines.append(f"{prefix + label:<30}" + "".join(f"{n:>8}" for n in numbers))
    return "\n".join(lines) + "\n"


def _spans(rows: list[Any]) -> dict[tuple[int, str], int]:
    """How many rows each group label spans: 三、本年度办理结果 down to (七)总计; a
    subgroup such as (三)不予公开 until the next group or the total."""
    data = [i for i, r in enumerate(rows) if r[0] == "row" and r[2]]
    spans: dict[tuple[int, str], int] = {}
    for position, i in enumerate(data):
        for group in rows[i][1]:
            count = 0
            for j in data[position:]:
                ends = "总计" in rows[j][2]
                if j != i and not group.startswith("三") and (rows[j][1] or ends):
                    break
                count += 1
                if ends:
                    break
            spans[(i, group)] = count
    return spans


def _html(rows: list[Any], rng: random.Random) -> str:
    """A page: tables with spanned group cells, labels split over <p> and <span>."""
    parts = ["<!doctype html><html><head><meta charset='utf-8'><title>年报</title>",
             "<style>td{border:1px}</style></head><body><div class='article'>"]  # fmt: skip
    table: list[str] | None = None
    spans = _spans(rows)
    for index, row in enumerate(rows):
        kind = row[0]
        if kind in ("heading", "text"):
            if table is not None:
                parts.append("<table border='1'><tbody>" + "".join(table) + "</tbody></table>")
                table = None
            parts.append(f"<p><span>{html.escape(row[1])}</span></p>")
            continue
        table = table if table is not None else []
        if kind == "header":
            cells = "".join(f"<td colspan='{1 + (i == 0)}'>{html.escape(c)}</td>"
                            for i, c in enumerate(row[1]))  # fmt: skip
            table.append(f"<tr>{cells}</tr>")
            continue
        groups, label, values = row[1], row[2], row[3]
        cells = ""
        for group in groups:
            span = spans.get((index, group), 1)
            cells += f"<td rowspan='{span}'><p>{html.escape(group)}</p></td>"
        if label:
            half = len(label) // 2
            cells += (f"<td><p><span>{html.escape(label[:half])}</span></p>"
                      f"<p><span>{html.escape(label[half:])}</span></p></td>")  # fmt: skip
        for value in values:
            pad = " colspan='2'" if len(values) == 1 and rng.random() < 0.5 else ""
            cells += f"<td{pad}><p>{html.escape(value)}</p></td>"
        table.append(f"<tr>{cells}</tr>")
    if table is not None:
        parts.append("<table><tbody>" + "".join(table) + "</tbody></table>")
    parts.append("</div></body></html>")
    return "".join(parts)


def _plain(value: Any) -> str:
    """A number as a page prints it: no exponent, no trailing zeros."""
    if isinstance(value, float):
        text = format(Decimal(repr(value)), "f")
        return text.rstrip("0").rstrip(".") if "." in text else text
    return str(value)


#: (where the row's cells are, their column keys, the printed tokens)
Printed = tuple[str, list[str], list[str]]
T4_GROUPS = ("administrative_review", "lawsuit_direct", "lawsuit_after_review")
T4_COLUMNS = [f"{g}/{k}" for g in T4_GROUPS for k in ("upheld", "corrected", "other", "pending",
                                                       "total")]  # fmt: skip


def run_together(
    document: dict[str, Any], seed: int, messy: bool = True
) -> tuple[str, list[Printed]]:
    """The report as a page's text with its markup stripped (issue 9, family A): all on
    one line, each cell against the next or after one space, the next row's numbering
    against the last cell. A row's blank cells are printed with one of RUN_BLANKS.
    Also returns each printed row,
    so that a test can work out on its own what the text settles."""
    rng = random.Random(seed)
    edition = document["edition"]
    printed: list[Printed] = []
    parts = [f"{document['agency']['name']}{document['year']}年政府信息公开工作年度报告",
             "一、总体情况", "本年度依法做好政府信息公开工作。",
             "二、主动公开政府信息情况"]  # fmt: skip

    def row(label: str, pointer: str, columns: list[str], values: list[Any]) -> None:
        text = ""
        blank = rng.choice(RUN_BLANKS)
        for index, value in enumerate(values):
            cell = blank if value is None else _plain(value)
            text += (" " if index and rng.random() < 0.4 else "") + cell
        if text.endswith("无"):
            text += " "  # "无" against the next label would read as a word ("无法提供")
        parts.append(label + (" " if rng.random() < 0.2 else "") + text)
        printed.append((pointer, columns, text.split()))

    for section, header, rows in T2_2021 if edition == "2021" else T2_2019:
        parts.append(section + "".join(header))
        for label, key, columns in rows:
            values = [document["proactive"][key][c] for c in columns]
            row(_style(label, rng, messy), f"/proactive/{key}", columns, values)
    parts.append("三、收到和处理政府信息公开申请情况")
    parts.append("(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和)"
                 "申请人情况自然人法人或其他组织总计商业企业科研机构社会公益组织"
                 "法律服务机构其他")  # fmt: skip
    for groups, label, path in t3_rows(edition):
        values = [_get(document["applications"], path)[c] for c in COLUMNS]
        printed_label = "".join(_style(g, rng, messy) for g in groups) + _style(label, rng, messy)
        row(printed_label, f"/applications/{path}", COLUMNS, values)
    parts.append("四、政府信息公开行政复议、行政诉讼情况行政复议行政诉讼"
                 + "结果维持结果纠正其他结果尚未审结总计未经复议直接起诉复议后起诉"
                 + "结果维持结果纠正其他结果尚未审结总计" * 2)  # fmt: skip
    t4 = document["reviews_and_lawsuits"]
    row("", "/reviews_and_lawsuits", T4_COLUMNS, [_get(t4, c) for c in T4_COLUMNS])
    parts.append("五、存在的主要问题及改进情况无。六、其他需要报告的事项")
    return "".join(p + (" " if rng.random() < 0.3 else "") for p in parts), printed
