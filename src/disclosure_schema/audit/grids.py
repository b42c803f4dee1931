"""Tables 二, 三 and 四 drawn as the official grids, from the model's labels.

Each table is computed once per edition and language as a skeleton: static HTML
with a slot for every cell (its index in the layout's cells). A page fills the
slots, so drawing a report costs one pass over its cells.
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Callable
from typing import Final, TypeAlias

from ..layout import Node, layout
from ..model import Edition
from .words import WORDS

__all__ = ["Skeleton", "fill", "tables"]

#: Static HTML and, between it, the index of a cell whose <td> goes there.
Skeleton: TypeAlias = tuple[str | int, ...]

_NUMERALS: Final = "零一二三四五六七八九"
#: Group numbers the model's labels carry ("三、", "三（三）"): the grid numbers rows itself.
_NUMBERED: Final = re.compile(r"^[一二三四五六七八九十]+(、|（[一二三四五六七八九十]+）)")
_ARTICLE: Final = re.compile(r"Art\. (\d+)\((\d+)\)")
_UNITS_SHOWN: Final = {"万元": "10,000 yuan", "元": "yuan"}


def _zh_number(n: int) -> str:
    if n < 10:
        return _NUMERALS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else _NUMERALS[tens]) + "十" + (_NUMERALS[ones] if ones else "")


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _label(node: Node, lang: str) -> str:
    assert node.info is not None
    if lang == "zh":
        return _NUMBERED.sub("", node.info.name_zh)
    return node.info.label_en


def _number(level: int, index: int, lang: str) -> str:
    """Row numbering as the template prints it: 一、 then （一） then 1."""
    if level == 0:
        return f"{_zh_number(index + 1)}、" if lang == "zh" else f"{index + 1}. "
    if level == 1:
        return f"（{_zh_number(index + 1)}）" if lang == "zh" else f"({index + 1}) "
    return f"{index + 1}." if lang == "zh" else f"{index + 1}. "


def _column(node: Node, lang: str) -> str:
    """A column's heading: its label, and the unit where the unit is not a count."""
    label = _label(node, lang)
    unit = node.info.unit if node.info else None
    if unit in _UNITS_SHOWN:
        label += WORDS[lang]["unit"].format(unit if lang == "zh" else _UNITS_SHOWN[unit])
    return _e(label)


def _heading(table: Node, lang: str) -> str:
    assert table.info is not None
    if lang == "zh":
        return table.info.name_zh
    return table.info.description_en.rstrip(".")


def _is_row(node: Node) -> bool:
    return bool(node.children) and all(c.is_cell for c in node.children)


def _table3(table: Node, index: dict[str, int], lang: str) -> list[str | int]:
    words = WORDS[lang]
    rows: list[tuple[tuple[tuple[Node, int, int], ...], Node]] = []  # (chain, row)

    def walk(node: Node, chain: tuple[tuple[Node, int, int], ...]) -> None:
        for i, child in enumerate(node.children):
            link = (*chain, (child, len(chain), i))
            if _is_row(child):
                rows.append((link, child))
            else:
                walk(child, link)

    walk(table, ())
    depth = max(len(chain) for chain, _ in rows)
    under: dict[str, int] = {}
    for chain, _ in rows:
        for node, _, _ in chain:
            under[node.pointer] = under.get(node.pointer, 0) + 1
    columns = rows[0][1].children
    middle = columns[1:-1]  # the applicant columns under 法人或其他组织
    out: list[str | int] = [
        '<table class="grid t3"><thead>',
        f'<tr><th class="corner" colspan="{depth}" rowspan="3"></th>'
        f'<th colspan="{len(columns)}">{_e(words["applicants"])}</th></tr>',
        f'<tr><th rowspan="2">{_column(columns[0], lang)}</th>'
        f'<th colspan="{len(middle)}">{_e(words["legal_or_other"])}</th>'
        f'<th rowspan="2">{_column(columns[-1], lang)}</th></tr>',
        "<tr>" + "".join(f"<th>{_column(c, lang)}</th>" for c in middle) + "</tr>",
        "</thead><tbody>",
    ]
    started: set[str] = set()
    for chain, row in rows:
        out.append("<tr>")
        for node, level, position in chain:
            if node.pointer in started:
                continue
            started.add(node.pointer)
            span = f' rowspan="{under[node.pointer]}"' if under[node.pointer] > 1 else ""
            last = node is row
            colspan = f' colspan="{depth - level}"' if last and depth - level > 1 else ""
            text = _number(level, position, lang) + _label(node, lang)
            out.append(f'<th class="row"{span}{colspan}>{_e(text)}</th>')
        out.extend(index[c.pointer] for c in row.children)
        out.append("</tr>")
    out.append("</tbody></table>")
    return out


def _table4(table: Node, index: dict[str, int], lang: str) -> list[str | int]:
    words = WORDS[lang]
    groups = table.children
    review, lawsuits = groups[0], groups[1:]
    width = len(review.children)
    out: list[str | int] = [
        '<table class="grid t4"><thead>',
        f'<tr><th colspan="{width}" rowspan="2">{_e(_label(review, lang))}</th>'
        f'<th colspan="{width * len(lawsuits)}">{_e(words["lawsuit"])}</th></tr>',
        "<tr>"
        + "".join(f'<th colspan="{width}">{_e(_label(g, lang))}</th>' for g in lawsuits)
        + "</tr>",
        "<tr>" + "".join(f"<th>{_column(c, lang)}</th>" for g in groups for c in g.children),
        "</tr></thead><tbody><tr>",
    ]
    out.extend(index[c.pointer] for g in groups for c in g.children)
    out.append("</tr></tbody></table>")
    return out


def _article(basis: str | None, lang: str) -> str:
    match = _ARTICLE.fullmatch(basis or "")
    if match is None:
        return ""
    article, item = int(match[1]), int(match[2])
    if lang == "zh":
        return WORDS[lang]["article"].format(_zh_number(article), _zh_number(item))
    return WORDS[lang]["article"].format(article, item)


def _table2(table: Node, index: dict[str, int], lang: str) -> list[str | int]:
    """Table 二 is printed as small tables, one per article item and set of columns."""
    words = WORDS[lang]
    groups: list[list[Node]] = []
    for row in table.children:
        key = (row.info.legal_basis if row.info else None, row.keys)
        if groups and (groups[-1][0].info.legal_basis if groups[-1][0].info else None,
                       groups[-1][0].keys) == key:  # fmt: skip
            groups[-1].append(row)
        else:
            groups.append([row])
    out: list[str | int] = []
    for group in groups:
        first = group[0]
        columns = first.children
        out.append('<table class="grid t2"><thead>')
        article = _article(first.info.legal_basis if first.info else None, lang)
        if article:
            span = len(columns) + 1
            out.append(f'<tr><th class="article" colspan="{span}">{_e(article)}</th></tr>')
        out.append(
            f"<tr><th>{_e(words['info_content'])}</th>"
            + "".join(f"<th>{_column(c, lang)}</th>" for c in columns)
            + "</tr></thead><tbody>"
        )
        for row in group:
            out.append(f'<tr><th class="row">{_e(_label(row, lang))}</th>')
            out.extend(index[c.pointer] for c in row.children)
            out.append("</tr>")
        out.append("</tbody></table>")
    return out


def _merge(parts: list[str | int]) -> Skeleton:
    """Join neighbouring static pieces, so filling a skeleton joins fewer strings."""
    out: list[str | int] = []
    for part in parts:
        if isinstance(part, str) and out and isinstance(out[-1], str):
            out[-1] += part
        else:
            out.append(part)
    return tuple(out)


@functools.cache
def tables(edition: Edition, lang: str) -> tuple[tuple[str, str, Skeleton], ...]:
    """(table class, heading, skeleton) of tables 二, 三 and 四, in order."""
    lay = layout(edition)
    index = dict(lay.cell_index)
    out = []
    for pointer, cls, draw in (
        ("/proactive", "t2", _table2),
        ("/applications", "t3", _table3),
        ("/reviews_and_lawsuits", "t4", _table4),
    ):
        table = lay.nodes[pointer]
        out.append((cls, _heading(table, lang), _merge(draw(table, index, lang))))
    return tuple(out)


def fill(skeleton: Skeleton, cell: Callable[[int], str]) -> str:
    """The table's HTML, each slot filled with ``cell(index)``."""
    return "".join(part if isinstance(part, str) else cell(part) for part in skeleton)
