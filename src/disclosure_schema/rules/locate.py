"""Locating the wrong cell (FORMAT.md §9.5): when identities fail, the fewest cells
whose change makes every identity hold.

This is the Fellegi-Holt error localisation with equal weights (the idea of the R
packages errorlocate and deductive), specialised to the catalogue's identities: sums
with coefficients +1 and -1 over non-negative integer counts. The search is exact
for explanations of up to :data:`MAX_CELLS` cells:

* an explanation must touch every failing identity (a failing identity none of
  whose cells changes stays broken), so the search branches on the cells of an
  untouched failing identity, the one with the fewest cells first;
* once every failing identity is touched, a set that does not yet reconcile can
  only grow by a cell sharing an identity with it (a part of a minimal set that
  touches nothing else would have to change by zero);
* a set is an explanation when the changes it needs are determined, whole, leave
  every count >= 0 and are all non-zero (:func:`_solve`).

Sizes are tried in increasing order, so every explanation reported is minimal and
every minimal one of that size is reported. Identities are split into independent
groups (table 3, each group of table 4) so that one broken table-4 total does not
multiply the answers for another. Nothing here changes a report: the result is
findings.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Sequence
from fractions import Fraction
from typing import Final

import attrs

from ..checking import INVALID
from ..findings import Change, Finding, finding
from ..layout import layout
from ..model import Edition
from .catalogue import Rule
from .identities import _plan

__all__ = ["MAX_CELLS", "PATTERNS", "Explanation", "explanations", "locate"]

#: The largest explanation searched for; more cells than this is not a typing slip.
MAX_CELLS: Final = 3
#: Sets tried per group of identities before giving up (bounds the time on wild input).
_BUDGET: Final = 50_000
#: At most this many explanations are listed in one finding.
MAX_LISTED: Final = 20

#: Typing patterns: code -> (Chinese, English) description.
PATTERNS: Final = {
    "digits_swapped": ("疑为相邻两位数字颠倒", "two digits look swapped"),
    "digit_dropped": ("疑为漏录一位数字", "a digit looks dropped"),
    "digit_added": ("疑为多录一位数字", "a digit looks added"),
    "digit_changed": ("疑为录错一位数字", "one digit looks mistyped"),
    "split_across_cells": (
        "疑为一个数字被拆到相邻两格",
        "one number looks split across two neighbouring cells",
    ),
    "neighbour_cell": (
        "疑为数值填入了相邻的行或列",
        "the values look put in the neighbouring row or column",
    ),
}

#: One explanation: cell index -> the value that reconciles it.
Explanation = dict[int, int]


@attrs.frozen
class _System:
    rules: tuple[Rule, ...]
    #: per rule: (cell index, +1 for a left term or -1 for a right term)
    terms: tuple[tuple[tuple[int, int], ...], ...]
    #: per cell index: (rule index, coefficient) of every rule it is a term of
    by_cell: dict[int, tuple[tuple[int, int], ...]]
    pointers: tuple[str, ...]
    #: (a, b) for cells next to each other in a row or a column, a printed first
    neighbours: frozenset[tuple[int, int]]
    #: per rule: cell index -> coefficient
    rows: dict[int, dict[int, int]]
    #: the rules in groups that share no cell (table 3; each group of table 4)
    groups: tuple[frozenset[int], ...]


@functools.cache
def _system(edition: Edition) -> _System:
    lay = layout(edition)
    index = lay.cell_index
    compiled = _plan(edition).rules  # the engine's index tuples, not a second derivation
    terms = tuple(tuple((i, 1) for i in c.left) + tuple((i, -1) for i in c.right) for c in compiled)
    by_cell: dict[int, list[tuple[int, int]]] = {}
    for i, ts in enumerate(terms):
        for c, a in ts:
            by_cell.setdefault(c, []).append((i, a))
    # The grid: a row is the object holding cells, in document order within its table.
    rows: dict[str, list[str]] = {}
    for node in lay.cells:
        if index[node.pointer] in by_cell:
            rows.setdefault(node.pointer.rsplit("/", 1)[0], []).append(node.key)
    neighbours: set[tuple[int, int]] = set()
    parents = list(rows)
    for parent, keys in rows.items():
        for k1, k2 in itertools.pairwise(keys):
            neighbours.add((index[f"{parent}/{k1}"], index[f"{parent}/{k2}"]))
    for p1, p2 in itertools.pairwise(parents):
        if p1.split("/")[1] == p2.split("/")[1]:  # the same table
            for key in rows[p1]:
                if key in rows[p2]:
                    neighbours.add((index[f"{p1}/{key}"], index[f"{p2}/{key}"]))
    return _System(
        rules=tuple(c.rule for c in compiled),
        terms=terms,
        by_cell={c: tuple(v) for c, v in by_cell.items()},
        pointers=tuple(n.pointer for n in lay.cells),
        neighbours=frozenset(neighbours),
        rows={i: dict(ts) for i, ts in enumerate(terms)},
        groups=tuple(frozenset(g) for g in _groups(terms)),
    )


# -- the search ----------------------------------------------------------------------


def _solve(
    cells: tuple[int, ...],
    touched: Sequence[int],
    rows: dict[int, dict[int, int]],
    residual: dict[int, int],
    values: Sequence[object],
) -> Explanation | None:
    """The new values of ``cells`` that make every identity they touch hold, when they
    are determined, whole, non-negative and all different from the printed ones."""
    n = len(cells)
    # One equation per touched identity: sum(coef * change) = -residual.
    matrix = [
        [Fraction(rows[i].get(c, 0)) for c in cells] + [Fraction(-residual.get(i, 0))]
        for i in touched
    ]
    pivot_row = 0
    pivots: list[int] = []
    for col in range(n):
        found = next((r for r in range(pivot_row, len(matrix)) if matrix[r][col]), None)
        if found is None:
            return None  # the change is not determined: no single suggestion
        matrix[pivot_row], matrix[found] = matrix[found], matrix[pivot_row]
        head = matrix[pivot_row][col]
        matrix[pivot_row] = [x / head for x in matrix[pivot_row]]
        for r in range(len(matrix)):
            if r != pivot_row and matrix[r][col]:
                factor = matrix[r][col]
                matrix[r] = [
                    x - factor * y for x, y in zip(matrix[r], matrix[pivot_row], strict=True)
                ]
        pivots.append(col)
        pivot_row += 1
    if any(row[n] for row in matrix[pivot_row:]):
        return None  # the identities ask for contradictory changes
    out: Explanation = {}
    for r, col in enumerate(pivots):
        change = matrix[r][n]
        if change.denominator != 1 or change == 0:
            return None
        value = values[cells[col]]
        assert type(value) is int
        new = value + int(change)
        if new < 0:
            return None
        out[cells[col]] = new
    return out


class _Search:
    """Every minimal explanation of the failing identities of one independent group."""

    def __init__(
        self,
        system: _System,
        values: Sequence[object],
        rules: set[int] | frozenset[int],
        residual: dict[int, int],
    ) -> None:
        self.system = system
        self.values = values
        self.residual = residual
        self.rules = rules
        self.failing = [i for i in sorted(rules) if residual.get(i)]
        self.rows = system.rows
        self._rules_of: dict[int, tuple[tuple[int, int], ...]] = {}
        self.tried = 0
        self.exhausted = False

    def run(self) -> list[Explanation] | None:
        """The minimal explanations, or None when none of up to MAX_CELLS cells exists
        or the budget ran out."""
        for size in range(1, MAX_CELLS + 1):
            found: dict[tuple[int, ...], Explanation] = {}
            self._grow((), size, set(), found)
            if self.exhausted:
                return None
            if found:
                return [found[k] for k in sorted(found)]
        return None

    def rules_of(self, cell: int) -> tuple[tuple[int, int], ...]:
        """The identities a cell is a term of; only assessable ones constrain a change."""
        found = self._rules_of.get(cell)
        if found is None:
            found = tuple((i, a) for i, a in self.system.by_cell[cell] if i in self.rules)
            self._rules_of[cell] = found
        return found

    def _touched(self, cells: tuple[int, ...]) -> list[int]:
        return sorted({i for c in cells for i, _ in self.rules_of(c)})

    def _grow(
        self,
        cells: tuple[int, ...],
        size: int,
        seen: set[tuple[int, ...]],
        found: dict[tuple[int, ...], Explanation],
    ) -> None:
        key = tuple(sorted(cells))
        if key in seen or self.exhausted:
            return
        seen.add(key)
        self.tried += 1
        if self.tried > _BUDGET:
            self.exhausted = True
            return
        touched = self._touched(cells)
        untouched = [i for i in self.failing if i not in touched]
        left = size - len(cells)
        if untouched:
            # A cell is a term of at most 3 identities: prune what cannot be covered.
            if left == 0 or len(untouched) > 3 * left:
                return
            branch = min(untouched, key=lambda i: len(self.system.terms[i]))
            for c, _ in self.system.terms[branch]:
                if c not in cells:
                    self._grow((*cells, c), size, seen, found)
            return
        if left == 0:
            solved = _solve(key, touched, self.rows, self.residual, self.values)
            if solved is not None:
                found[key] = solved
            return
        for i in touched:
            for c, _ in self.system.terms[i]:
                if c not in cells:
                    self._grow((*cells, c), size, seen, found)


def _groups(terms: Sequence[tuple[tuple[int, int], ...]]) -> list[set[int]]:
    """The identities, split into groups that share no cell."""
    parent = list(range(len(terms)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[int, int] = {}
    for i, ts in enumerate(terms):
        for c, _ in ts:
            if c in owner:
                parent[root(i)] = root(owner[c])
            else:
                owner[c] = i
    groups: dict[int, set[int]] = {}
    for i in range(len(terms)):
        groups.setdefault(root(i), set()).add(i)
    return sorted(groups.values(), key=min)


def explanations(
    edition: Edition, values: Sequence[object]
) -> list[tuple[list[str], list[Explanation] | None]]:
    """For each independent group with failing identities: the failing rule ids and
    every minimal explanation (None when none of up to MAX_CELLS cells was found).

    ``values`` are the report's cells in layout order (as validate() collects them).
    """
    system = _system(edition)
    residual: dict[int, int] = {}
    if None not in values and INVALID not in values:
        # Every identity assessable: the engine's compiled differences, in one call.
        differences = _plan(edition).differences(values)
        residual = {i: int(d) for i, d in enumerate(differences) if d}
        assessable = set(range(len(system.terms)))
    else:
        assessable = set()
        for i, terms in enumerate(system.terms):
            total = 0
            for c, a in terms:
                v = values[c]
                if type(v) is not int:
                    break
                total += a * v
            else:
                assessable.add(i)
                if total:
                    residual[i] = total
    if not residual:
        return []
    out = []
    for static in system.groups:
        group = static & assessable
        if any(i in residual for i in group):
            search = _Search(system, values, set(group), residual)
            failing = [system.rules[i].id for i in search.failing]
            out.append((failing, search.run()))
    return out


# -- typing patterns -----------------------------------------------------------------


def _one_removed(longer: str, shorter: str) -> bool:
    return any(longer[:k] + longer[k + 1 :] == shorter for k in range(len(longer)))


def _single_pattern(actual: int, expected: int) -> str | None:
    a, e = str(actual), str(expected)
    if len(a) == len(e):
        diff = [k for k in range(len(a)) if a[k] != e[k]]
        if len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == e[diff[1]] \
                and a[diff[1]] == e[diff[0]]:  # fmt: skip
            return "digits_swapped"
        if len(diff) == 1 and len(a) >= 2:  # a one-digit number changed is just another number
            return "digit_changed"
    elif len(a) + 1 == len(e) and _one_removed(e, a):
        return "digit_dropped"
    elif len(a) == len(e) + 1 and _one_removed(a, e):
        return "digit_added"
    return None


def _patterns(system: _System, values: Sequence[object], found: Explanation) -> dict[int, str]:
    """The typing pattern of each changed cell, where one fits."""
    out: dict[int, str] = {}
    for a, b in system.neighbours:
        if a in found and b in found:
            va, vb = values[a], values[b]
            printed = f"{va}{vb}"
            if (printed == str(found[a]) and found[b] == 0) or (
                printed == str(found[b]) and found[a] == 0
            ):
                out[a] = out[b] = "split_across_cells"
            elif va == found[b] and vb == found[a]:
                out[a] = out[b] = "neighbour_cell"
    for c, new in found.items():
        if c not in out:
            value = values[c]
            assert type(value) is int
            pattern = _single_pattern(value, new)
            if pattern is not None:
                out[c] = pattern
    return out


# -- findings ------------------------------------------------------------------------


def _changes(system: _System, values: Sequence[object], found: Explanation) -> tuple[Change, ...]:
    patterns = _patterns(system, values, found)
    out = []
    for c in sorted(found):
        value = values[c]
        assert type(value) is int
        out.append(
            Change(
                pointer=system.pointers[c],
                actual=value,
                expected=found[c],
                pattern=patterns.get(c),
            )
        )
    return tuple(out)


def _pattern_text(pattern: str | None) -> tuple[str, str]:
    if pattern is None:
        return "", ""
    zh, en = PATTERNS[pattern]
    return f"（{zh}）", f" ({en})"


def locate(edition: Edition, values: Sequence[object]) -> list[Finding]:
    """The localisation findings for a report's cells (layout order): nothing when every
    assessable identity holds."""
    system = _system(edition)
    lay = layout(edition)
    out: list[Finding] = []
    for failing, found in explanations(edition, values):
        ids = ", ".join(failing)
        if found is None:
            out.append(
                finding(
                    "wrong_cell_not_located",
                    f"无法定位出错的单元格：改动不超过 {MAX_CELLS} 个单元格无法使 {ids} 成立",
                    f"no wrong cell located: no change of at most {MAX_CELLS} cells makes "
                    f"{ids} hold",
                    explains=tuple(failing),
                )
            )
            continue
        if len(found) == 1:
            changes = _changes(system, values, found[0])
            others = len(changes) - 1
            for change in changes:
                node = lay.nodes[change.pointer]
                c = lay.cell_index[change.pointer]
                mine = tuple(
                    system.rules[i].id
                    for i, _ in system.by_cell[c]
                    if system.rules[i].id in failing
                )
                pz, pe = _pattern_text(change.pattern)
                with_zh = f"（连同另外 {others} 处）" if others else ""
                with_en = f" (together with {others} other cells)" if others else ""
                out.append(
                    finding(
                        "likely_wrong_cell",
                        f"{node.title_zh}（{change.pointer}）很可能有误：填报 {change.actual}，"
                        f"改为 {change.expected}{with_zh} 即可使 {', '.join(mine)} 成立{pz}",
                        f"{node.title_en} ({change.pointer}) is most likely wrong: printed "
                        f"{change.actual}; {change.expected}{with_en} makes "
                        f"{', '.join(mine)} hold{pe}",
                        locations=(change.pointer,),
                        actual=change.actual,
                        expected=change.expected,
                        difference=change.actual - change.expected,
                        explains=mine,
                        pattern=change.pattern,
                    )
                )
            continue
        listed = [_changes(system, values, e) for e in found[:MAX_LISTED]]
        more_zh = (
            f"（共 {len(found)} 种，仅列前 {MAX_LISTED} 种）" if len(found) > MAX_LISTED else ""
        )
        more_en = (
            f" (of {len(found)}; the first {MAX_LISTED} shown)" if len(found) > MAX_LISTED else ""
        )
        text_zh = "；或 ".join(
            "、".join(
                f"{lay.nodes[c.pointer].title_zh}（{c.pointer}）{c.actual} 改为 {c.expected}"
                f"{_pattern_text(c.pattern)[0]}"
                for c in changes
            )
            for changes in listed
        )
        text_en = "; or ".join(
            ", ".join(
                f"{lay.nodes[c.pointer].title_en} ({c.pointer}) {c.actual} -> {c.expected}"
                f"{_pattern_text(c.pattern)[1]}"
                for c in changes
            )
            for changes in listed
        )
        pointers = tuple(dict.fromkeys(c.pointer for changes in listed for c in changes))
        out.append(
            finding(
                "wrong_cell_candidates",
                f"无法确定唯一的出错单元格：{len(found)} 种同样少的改法都能使 {ids} 成立"
                f"{more_zh}：{text_zh}",
                f"no single wrong cell: {len(found)} equally small changes make {ids} hold"
                f"{more_en}: {text_en}",
                locations=pointers,
                explains=tuple(failing),
                candidates=tuple(listed),
            )
        )
    return out
