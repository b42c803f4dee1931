"""Compare two reports: the values that differ, as records in document order."""

from __future__ import annotations

import datetime
import functools
from typing import Any, Literal

import attrs

from ..layout import Node, layout
from ..model import Edition
from .cells import AnyReport

__all__ = ["Difference", "compare"]


@attrs.frozen(kw_only=True)
class Difference:
    """One value that differs between report ``a`` and report ``b``."""

    pointer: str
    title_zh: str
    title_en: str
    a: Any  # the JSON value in a (a date as YYYY-MM-DD); None: null or absent
    b: Any
    #: "a" or "b" when the key exists in that report's edition only (2019 against 2021)
    only_in: Literal["a", "b"] | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "pointer": self.pointer,
            "a": self.a,
            "b": self.b,
            "only_in": self.only_in,
            "title_zh": self.title_zh,
            "title_en": self.title_en,
        }


@functools.cache
def _leaves(edition: Edition) -> tuple[Node, ...]:
    return tuple(n for n in layout(edition).root.walk() if n.is_leaf)


def _value(report: AnyReport, node: Node) -> Any:
    value: Any = report
    for key in node.path:
        value = getattr(value, key)
        if value is None:
            return None  # an absent optional part (fees, sections)
    return value.isoformat() if isinstance(value, datetime.date) else value


def compare(a: AnyReport, b: AnyReport) -> tuple[Difference, ...]:
    """Every value (table cells, year, agency, dates, fees, narrative) that differs
    between ``a`` and ``b``, in document order. Reports of different editions are
    compared key by key; a key that only one edition has is a difference when its
    value is not null."""
    mine = _leaves(a.edition)
    theirs = {n.pointer: n for n in _leaves(b.edition)}
    order = _merged(mine, _leaves(b.edition))
    own = {n.pointer: n for n in mine}
    found = []
    for pointer in order:
        na, nb = own.get(pointer), theirs.get(pointer)
        va = None if na is None else _value(a, na)
        vb = None if nb is None else _value(b, nb)
        # == on the JSON values: 1 and 1.0 are one amount (a model holds no bool count)
        if na is not None and nb is not None and va == vb:
            continue
        if (na is None and vb is None) or (nb is None and va is None):
            continue  # a key of one edition only, null there: nothing to say
        node = na or nb
        assert node is not None
        found.append(
            Difference(
                pointer=pointer,
                title_zh=node.title_zh,
                title_en=node.title_en,
                a=va,
                b=vb,
                only_in="a" if nb is None else "b" if na is None else None,
            )
        )
    return tuple(found)


def _merged(first: tuple[Node, ...], second: tuple[Node, ...]) -> list[str]:
    """The pointers of both, in document order: the second's own keys go after the
    key that precedes them there."""
    order = [n.pointer for n in first]
    position = {p: i for i, p in enumerate(order)}
    at = -1
    extra: dict[int, list[str]] = {}
    for node in second:
        if node.pointer in position:
            at = position[node.pointer]
        else:
            extra.setdefault(at, []).append(node.pointer)
    out = list(extra.get(-1, ()))
    for i, pointer in enumerate(order):
        out.append(pointer)
        out.extend(extra.get(i, []))
    return out
