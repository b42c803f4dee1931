"""Derive the totals a report's identities determine from its filled-in parts."""

from __future__ import annotations

import functools
from typing import Final, Generic

import attrs

from ..fields import MAX_COUNT
from ..findings import Finding, Status, finding
from ..layout import layout
from ..model import Edition
from ..rules import FAMILIES, RULES
from ..rules.identities import evaluate
from .cells import R, cells_of, with_cells

__all__ = ["Derived", "derive"]

#: Which term of each family of identities is the derived one: the total, and for the
#: balance the applications carried forward to next year (its residual). The
#: identities themselves come from the catalogue; this only says which way to solve.
#: In the order they are tried: row totals feed the results total, which feeds the balance.
SOLVES: Final = {
    "t3.row_total": "total",
    "t3.results_total": "results/total",
    "t3.balance": "carried_forward",
    "t4.total": "total",
}


@attrs.frozen
class _Step:
    rule_id: str
    family: str
    target: int  # the cell this identity fills in
    same: tuple[int, ...]  # the other terms on the target's side
    other: tuple[int, ...]  # the terms on the other side


@functools.cache
def _plan(edition: Edition) -> tuple[_Step, ...]:
    lay = layout(edition)
    families = {f.id: f for f in FAMILIES}
    steps = []
    for rule in RULES[edition]:
        term = SOLVES.get(rule.family)
        if term is None:
            continue  # a kind of rule that determines no total
        family = families[rule.family]
        side, other = (rule.left, rule.right) if term in family.left else (rule.right, rule.left)
        target = side[(family.left if side is rule.left else family.right).index(term)]
        if f"/{term}/" not in f"{target}/":  # the catalogue's expansion changed shape
            raise LookupError(f"{rule.id}: term {term!r} is not at {target}")
        steps.append(
            _Step(
                rule_id=rule.id,
                family=rule.family,
                target=lay.cell_index[target],
                same=tuple(lay.cell_index[p] for p in side if p != target),
                other=tuple(lay.cell_index[p] for p in other),
            )
        )
    order = list(SOLVES)
    return tuple(sorted(steps, key=lambda step: order.index(step.family)))


@attrs.frozen
class Derived(Generic[R]):
    """What :func:`derive` did."""

    report: R  # the report with every determined total filled in
    filled: tuple[str, ...]  # pointers of the cells filled in, in document order
    #: where the report's own numbers disagree (``sum_mismatch``: a filled total against
    #: its parts) or a total would come out negative (``not_derivable``); nothing is changed
    #: to make them agree
    findings: tuple[Finding, ...]


def derive(report: R) -> Derived[R]:
    """Fill in every total the identities determine: the 总计 column, 三（七）总计,
    table 4's totals, and 结转下年度继续办理 from the balance when it is the only
    unknown. A cell already filled is never overwritten, and a cell with a blank
    part stays blank."""
    edition = report.edition
    cells = list(cells_of(report))
    filled: set[int] = set()
    refused: dict[int, Finding] = {}
    progress = True
    while progress:  # a derived total can complete another identity (row, then balance)
        progress = False
        for step in _plan(edition):
            if cells[step.target] is not None:
                continue
            terms = [cells[i] for i in step.same + step.other]
            if None in terms:
                continue
            value = sum(cells[i] for i in step.other) - sum(cells[i] for i in step.same)  # type: ignore[misc]
            if not 0 <= value <= MAX_COUNT:
                refused.setdefault(step.target, _not_derivable(edition, step, value))
                continue
            cells[step.target] = value
            filled.add(step.target)
            refused.pop(step.target, None)
            progress = True
    findings = [f for f in evaluate(edition, cells) if f.status is Status.FAILED]
    findings += refused.values()
    lay = layout(edition)
    return Derived(
        report=with_cells(report, cells) if filled else report,
        filled=tuple(lay.cells[i].pointer for i in sorted(filled)),
        findings=tuple(findings),
    )


def _not_derivable(edition: Edition, step: _Step, value: int) -> Finding:
    node = layout(edition).cells[step.target]
    if value < 0:
        zh, en = (
            f"按 {step.rule_id} 推算为负数（{value}）",
            f"{step.rule_id} gives {value}, below 0",
        )
    else:
        zh, en = (
            f"按 {step.rule_id} 推算超出范围（{value}）",
            f"{step.rule_id} gives {value}, too large",
        )
    return finding(
        "not_derivable",
        f"{node.title_zh}（{node.pointer}）：{zh}，未填入",
        f"{node.title_en} ({node.pointer}): {en}; left blank",
        rule=step.rule_id,
        locations=(node.pointer,),
        actual=value,
    )
