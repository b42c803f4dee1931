"""The report's own sentences against its tables: 本年共收到政府信息公开申请21件 and a
table-三 total of 19 cannot both be right. A mismatch is a ``narrative_mismatch``
warning naming both figures and where each was found; the checks are declared in the
rule catalogue (:data:`~disclosure_schema.rules.catalogue.NARRATIVE`).

Only a figure the text states clearly counts: a phrase of the catalogue with a number
of 件 (or 起) in it. Where the text states a figure several times and not the same,
nothing is compared; no figure is ever taken from nearby numbers.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Mapping
from typing import Any

from ..findings import Finding, finding
from ..rules.catalogue import NARRATIVE
from .assemble import where_zh

__all__ = ["narrative_findings"]


@functools.cache
def _patterns() -> tuple[tuple[Any, tuple[re.Pattern[str], ...]], ...]:
    return tuple((c, tuple(re.compile(p) for p in c.patterns)) for c in NARRATIVE)


def _line(text: str, at: int) -> int:
    return text.count("\n", 0, at) + 1


def narrative_findings(
    text: str, cells: Mapping[str, Any], where: Mapping[str, str]
) -> list[Finding]:
    """Mismatches between the figures the text states and the table cells read
    (``cells``: pointer -> value; ``where``: pointer -> where the cell was read)."""
    text = unicodedata.normalize("NFKC", text)
    out = []
    for check, patterns in _patterns():
        values = [cells.get(p) for p in check.cells]
        counts = [v for v in values if isinstance(v, int) and not isinstance(v, bool)]
        if len(counts) != len(values):
            continue  # a cell the table does not give: nothing to compare with
        stated = [(int(m.group(1)), m.group(0), m.start()) for p in patterns
                  for m in p.finditer(text)]  # fmt: skip
        if len({figure for figure, _, _ in stated}) != 1:
            continue  # not stated, or stated as different figures
        figure, phrase, at = stated[0]
        table = sum(counts)
        if figure == table:
            continue
        places = "、".join(where.get(p, p) for p in check.cells)
        out.append(finding(
            "narrative_mismatch",
            f"正文第 {_line(text, at)} 行写“{phrase}”（{figure}），表格中为 {table}"
            f"（{where_zh(places)}）：{check.title_zh}",
            f"line {_line(text, at)} of the text says '{phrase}' ({figure}); the table gives "
            f"{table} ({places}): {check.title_en}",
            rule=check.id,
            locations=check.cells,
            expected=table,
            actual=figure,
            difference=figure - table,
        ))  # fmt: skip
    return out
