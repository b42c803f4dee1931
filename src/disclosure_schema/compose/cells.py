"""A report's table cells as one tuple in layout order, and back."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeAlias, TypeVar

from ..layout import Node, layout
from ..model import Edition, Report2019, Report2021

__all__ = ["AnyReport", "R", "cells_of", "getter", "with_cells"]

AnyReport: TypeAlias = Report2021 | Report2019
#: A report of either edition; what goes in is what comes out.
R = TypeVar("R", bound=Report2021 | Report2019)


@functools.cache
def getter(edition: Edition) -> Callable[[Any], tuple[object, ...]]:
    """A function returning a report's cells in layout order.

    Generated from the layout, as the identities' differences are: each object is
    fetched once into a local and each cell read from it, a third of the attribute
    lookups of ``operator.attrgetter`` over dotted paths. Adding up 10,000 reports
    spends most of its time here.
    """
    lines: list[str] = []
    cells: list[str] = []

    def visit(node: Node, name: str) -> None:
        for child in node.children:
            if child.is_cell:
                cells.append(f"{name}.{child.key}")
            elif child.cls is not None and any(n.is_cell for n in child.walk()):
                local = f"n{len(lines)}"
                lines.append(f"    {local} = {name}.{child.key}")
                visit(child, local)

    visit(layout(edition).root, "r")
    source = "def get(r):\n" + "\n".join(lines) + f"\n    return ({', '.join(cells)},)\n"
    namespace: dict[str, Any] = {}
    exec(compile(source, f"<disclosure_schema cells {edition}>", "exec"), namespace)
    function: Callable[[Any], tuple[object, ...]] = namespace["get"]
    return function


def cells_of(report: AnyReport) -> tuple[object, ...]:
    return getter(report.edition)(report)


def with_cells(report: R, cells: Sequence[object]) -> R:
    """A copy of ``report`` with its table cells replaced by ``cells`` (layout order);
    everything outside the tables is kept. The constructors check every value."""
    values = iter(cells)

    def build(node: Node, obj: Any) -> Any:
        assert node.cls is not None
        kwargs: dict[str, Any] = {}
        for child in node.children:
            if child.is_cell:
                kwargs[child.key] = next(values)
            elif child.cls is not None and getattr(obj, child.key) is not None:
                kwargs[child.key] = build(child, getattr(obj, child.key))
            else:  # a value outside the tables, or an absent optional part
                kwargs[child.key] = getattr(obj, child.key)
        return node.cls(**kwargs)

    built: R = build(layout(report.edition).root, report)
    _exhausted(values)
    return built


def _exhausted(values: Iterator[object]) -> None:
    if next(values, _END) is not _END:
        raise ValueError("more cell values than the edition has cells")


_END = object()
