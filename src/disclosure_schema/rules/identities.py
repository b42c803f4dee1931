"""The engine: evaluates the catalogue's identities over a report's cells.

Rules are compiled once per edition into index tuples over the layout's cell
order; nothing here knows any particular identity.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from typing import Any, Final

import attrs

from ..checking import INVALID
from ..findings import Finding, Number, Status, finding
from ..layout import Layout, layout
from ..model import Edition
from .catalogue import RULES, Rule

__all__ = ["evaluate", "null_cells"]

# Beyond this many terms a side lists only its non-zero terms.
_LONG: Final = 6


@attrs.frozen
class _Side:
    """One side of an identity as text, with its format prepared once."""

    names_zh: tuple[str, ...]
    names_en: tuple[str, ...]
    # Short sides list every term: "本年新收({}) + 上年结转({}) = {}".
    template_zh: str
    template_en: str

    @classmethod
    def of(cls, names_zh: tuple[str, ...], names_en: tuple[str, ...]) -> _Side:
        zh = " + ".join(f"{n}({{}})" for n in names_zh)
        en = " + ".join(f"{n} ({{}})" for n in names_en)
        if len(names_zh) > 1:
            zh, en = zh + " = {}", en + " = {}"
        return cls(names_zh, names_en, zh, en)

    def render(self, values: Sequence[Number], total: Number) -> tuple[str, str]:
        if len(values) <= _LONG:
            return self.template_zh.format(*values, total), self.template_en.format(*values, total)
        # Long sides (the 19 or 21 result rows) list their non-zero terms only.
        shown = [i for i, v in enumerate(values) if v]
        zeros = len(values) - len(shown)
        zh = " + ".join(f"{self.names_zh[i]}({values[i]})" for i in shown)
        en = " + ".join(f"{self.names_en[i]} ({values[i]})" for i in shown)
        zh = f"{zh} = {total}" if zh else f"{total}"
        en = f"{en} = {total}" if en else f"{total}"
        if zeros:
            zh += f"（其余 {zeros} 项为 0）"
            en += f" (the other {zeros} terms are 0)"
        return zh, en


@attrs.frozen
class _Compiled:
    rule: Rule
    left: tuple[int, ...]  # positions in the layout's cell order
    right: tuple[int, ...]
    names_zh: tuple[str, ...]  # one per term, left then right
    names_en: tuple[str, ...]
    scope_zh: str
    scope_en: str
    left_text: _Side
    right_text: _Side


@attrs.frozen
class _Plan:
    rules: tuple[_Compiled, ...]
    #: every rule's sum(left) - sum(right), in one call (see _differences)
    differences: Callable[[Sequence[object]], tuple[Number, ...]]


def _term_names(lay: Layout, rule: Rule) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Name each term by what varies across the terms: the column within one row,
    otherwise the row."""
    nodes = [lay.nodes[p] for p in rule.terms]
    parents = {n.pointer.rsplit("/", 1)[0] for n in nodes}
    if len(parents) == 1:
        infos = [n.info for n in nodes]
    else:
        infos = [lay.nodes[n.pointer.rsplit("/", 1)[0]].info for n in nodes]
    zh = tuple(i.name_zh if i else "?" for i in infos)
    en = tuple(i.label_en if i else "?" for i in infos)
    return zh, en


def _differences(edition: Edition, rules: Sequence[_Compiled]) -> Any:
    """Compile the catalogue's index tuples into one function returning every difference.

    Generated from the data, like attrs and cattrs generate their methods: one
    function of plain indexing and additions is several times faster than a loop
    over the rules, and validate() is measured.
    """

    def side(indices: tuple[int, ...]) -> str:
        return "(" + " + ".join(f"c[{i}]" for i in indices) + ")"

    body = ",\n        ".join(f"{side(r.left)} - {side(r.right)}" for r in rules)
    source = f"def differences(c):\n    return (\n        {body},\n    )\n"
    namespace: dict[str, Any] = {}
    exec(compile(source, f"<disclosure_schema identities {edition}>", "exec"), namespace)
    return namespace["differences"]


@functools.cache
def _plan(edition: Edition) -> _Plan:
    lay = layout(edition)
    rules = []
    for rule in RULES[edition]:
        zh, en = _term_names(lay, rule)
        n = len(rule.left)
        rules.append(
            _Compiled(
                rule=rule,
                left=tuple(lay.cell_index[p] for p in rule.left),
                right=tuple(lay.cell_index[p] for p in rule.right),
                names_zh=zh,
                names_en=en,
                scope_zh=rule.title_zh.partition("：")[0],
                scope_en=rule.title_en.partition(": ")[0],
                left_text=_Side.of(zh[:n], en[:n]),
                right_text=_Side.of(zh[n:], en[n:]),
            )
        )
    return _Plan(tuple(rules), _differences(edition, rules))


def evaluate(
    edition: Edition, cells: Sequence[object], complete: bool | None = None
) -> list[Finding]:
    """Findings for every broken or unassessable identity.

    ``cells`` are in layout order; ``complete`` says that every one is a number
    (computed when not given).
    """
    plan = _plan(edition)
    if complete is None:
        complete = None not in cells and INVALID not in cells
    if complete:
        # The common case, kept tight: every operand is a number.
        differences = plan.differences(cells)
        if not any(differences):
            return []
        return [_failed(c, cells) for c, d in zip(plan.rules, differences, strict=True) if d]
    found = []
    for c in plan.rules:
        operands = [cells[i] for i in c.left + c.right]
        if any(v is INVALID for v in operands):
            continue  # a structural finding already covers the cell
        if any(v is None for v in operands):
            found.append(_not_assessable(c, operands))
        elif sum(operands[: len(c.left)]) != sum(operands[len(c.left) :]):  # type: ignore[arg-type]
            found.append(_failed(c, cells))
    return found


def _failed(c: _Compiled, cells: Sequence[object]) -> Finding:
    left = [cells[i] for i in c.left]
    right = [cells[i] for i in c.right]
    actual: Number = sum(left)  # type: ignore[arg-type]
    expected: Number = sum(right)  # type: ignore[arg-type]
    difference = actual - expected
    lz, le = c.left_text.render(left, actual)  # type: ignore[arg-type]
    rz, re_ = c.right_text.render(right, expected)  # type: ignore[arg-type]
    return finding(
        "sum_mismatch",
        f"{c.scope_zh}：{lz}，但{rz}，相差 {abs(difference)}",
        f"{c.scope_en}: {le}, but {re_}; difference {abs(difference)}",
        rule=c.rule.id,
        status=Status.FAILED,
        locations=c.rule.terms,
        expected=expected,
        actual=actual,
        difference=difference,
    )


def _not_assessable(c: _Compiled, operands: Sequence[object]) -> Finding:
    missing = [i for i, v in enumerate(operands) if v is None]
    names_zh = [c.names_zh[i] for i in missing]
    names_en = [c.names_en[i] for i in missing]
    if len(missing) > _LONG:
        zh = f"{'、'.join(names_zh[:3])} 等 {len(missing)} 个单元格"
        en = f"{', '.join(names_en[:3])} and {len(missing) - 3} more cells"
    else:
        zh, en = "、".join(names_zh), ", ".join(names_en)
    return finding(
        "sum_not_assessable",
        f"{c.scope_zh}：无法核对，{zh}未填报",
        f"{c.scope_en}: cannot be checked; not reported: {en}",
        rule=c.rule.id,
        status=Status.NOT_ASSESSABLE,
        locations=tuple(c.rule.terms[i] for i in missing),
    )


def null_cells(edition: Edition, cells: Sequence[object]) -> list[Finding]:
    """A warning for every cell the report left blank."""
    lay = layout(edition)
    return [
        finding(
            "cell_not_reported",
            f"{node.title_zh}（{node.pointer}）：未填报（空白、“/”或“—”），不按 0 计",
            f"{node.title_en} ({node.pointer}): not reported (blank, '/' or '—'); not taken as 0",
            locations=(node.pointer,),
        )
        for node, value in zip(lay.cells, cells, strict=True)
        if value is None
    ]
