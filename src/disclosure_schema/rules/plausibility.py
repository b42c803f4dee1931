"""Plausibility rules within one report (FORMAT.md §9.4): warnings, never errors.

Their ids, titles and sources are catalogue entries (:data:`.catalogue.CHECKS`);
here is how each is evaluated. ``p.same_as_last_year`` needs two reports and is in
:mod:`.cross`.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any, Final

from ..checking import INVALID
from ..fields import Kind
from ..findings import Finding, finding
from ..layout import layout
from ..model import Edition
from .catalogue import CHECKS, RULES, Check
from .identities import _plan

__all__ = ["plausibility"]

_BY_ID: Final = {c.id: c for c in CHECKS}
_OVERDUE_FEE: Final = "/applications/results/other/overdue_fee/total"
_AMOUNTS: Final = ("amount_noticed", "amount_collected")


def _amount(value: object) -> bool:
    """A fee amount the structural check accepts (others are its findings, not ours)."""
    return Kind.AMOUNT.accepts(value)


def _warn(check: Check, zh: str, en: str, locations: tuple[str, ...] = ()) -> Finding:
    return finding(
        "implausible",
        f"{check.title_zh}：{zh}",
        f"{check.title_en}: {en}",
        rule=check.id,
        locations=locations,
    )


@functools.cache
def _rule_cells(edition: Edition) -> tuple[tuple[int, ...], ...]:
    return tuple(c.left + c.right for c in _plan(edition).rules)  # the engine's indices


def plausibility(
    edition: Edition,
    year: object,
    fees: Mapping[str, Any] | None,
    cells: Sequence[object],
    complete: bool,
) -> list[Finding]:
    """The plausibility warnings of one report: its edition, its ``year`` and ``fees``
    as given (values of the wrong type are left to the structural check) and its cells
    in layout order."""
    out: list[Finding] = []
    # Cheap tests first: this runs on every valid report, and validate() is measured.
    if (
        type(year) is int
        and ((year >= 2021) if edition == "2019" else (year <= 2020))
        and Kind.YEAR.accepts(year)
    ):
        applies = "2019、2020" if edition == "2019" else "2021 及以后"
        applies_en = "2019 and 2020" if edition == "2019" else "2021 and later"
        out.append(
            _warn(
                _BY_ID["p.edition_year"],
                f"{year} 年度的报告采用 {edition} 版格式（该格式适用于 {applies} 年度）",
                f"a report on {year} in the {edition} edition (which applies to {applies_en})",
                ("/edition", "/year"),
            )
        )
    if fees:
        out += _fees(edition, fees, cells)
    if not complete:
        unassessable = all(
            any(cells[i] is None or cells[i] is INVALID for i in terms)
            for terms in _rule_cells(edition)
        )
        if unassessable:
            out.append(
                _warn(
                    _BY_ID["p.nothing_assessable"],
                    f"全部 {len(RULES[edition])} 条勾稽关系都有未填报的单元格，本报告未经任何核对",
                    f"every one of the {len(RULES[edition])} identities has a cell not "
                    "reported: nothing in this report was checked",
                )
            )
    return out


def _fees(edition: Edition, fees: Mapping[str, Any], cells: Sequence[object]) -> list[Finding]:
    out = []
    for key in _AMOUNTS:
        amount = fees.get(key)
        if amount is None or (type(amount) is int and amount % 10 == 0):
            continue
        if _amount(amount) and Decimal(str(amount)) % 10 != 0:
            out.append(
                _warn(
                    _BY_ID["p.fee_not_multiple_of_10"],
                    f"/fees/{key} 为 {amount} 元，国办函〔2020〕109号的任何收费标准都得不出此数",
                    f"/fees/{key} is {amount} yuan, which no tier of the fee rules can produce",
                    (f"/fees/{key}",),
                )
            )
    notices = fees.get("notices_issued")
    if edition == "2021" and type(notices) is int and notices == 0:
        n = cells[layout(edition).cell_index[_OVERDUE_FEE]]
        if type(n) is int and n > 0:
            out.append(
                _warn(
                    _BY_ID["p.overdue_fee_without_notice"],
                    f"{n} 件申请因逾期未缴费不再处理，但收费通知件数为 0",
                    f"{n} applications dropped for fees not paid, but no fee notice was issued",
                    (_OVERDUE_FEE, "/fees/notices_issued"),
                )
            )
    return out
