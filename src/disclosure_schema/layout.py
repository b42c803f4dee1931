"""The layout: the model flattened into a tree of nodes with pointers and labels.

It is derived from the attrs classes and their field wrappers, never written by
hand, and it is what the checker, the rule catalogue, the schema export, the
strategies and the messages walk.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping
from types import MappingProxyType
from typing import Any

import attrs

from .fields import FieldInfo, Kind, field_info, field_types, object_class, typevar_mapping
from .model import Edition, report_class

__all__ = ["Layout", "Node", "layout"]

_NUMBERS = (Kind.COUNT, Kind.SIGNED_COUNT, Kind.AMOUNT)


@attrs.frozen(kw_only=True, eq=False)
class Node:
    """One key of the report: an object (``cls`` set) or a leaf (``kind`` set)."""

    key: str  # "" for the root
    pointer: str
    path: tuple[str, ...]
    info: FieldInfo | None  # None for the root
    cls: type | None  # the attrs class of an object node
    children: tuple[Node, ...]
    parent_titles: tuple[tuple[str, str], ...]  # (zh, en) titles of the enclosing objects

    @property
    def kind(self) -> Kind | None:
        return None if self.info is None else self.info.kind

    @property
    def is_leaf(self) -> bool:
        return self.cls is None

    @property
    def is_cell(self) -> bool:
        """A table cell: a required numeric leaf that may be null."""
        return self.info is not None and self.info.nullable and self.info.kind in _NUMBERS

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(c.key for c in self.children)

    def walk(self) -> Iterator[Node]:
        """This node and every node below it, in document order."""
        yield self
        for child in self.children:
            yield from child.walk()

    @property
    def title_zh(self) -> str:
        """A Chinese name for messages: table, row and column labels."""
        return _title(self, 0)

    @property
    def title_en(self) -> str:
        return _title(self, 1)


def _title(node: Node, lang: int) -> str:
    if node.info is None:
        return "报告" if lang == 0 else "report"
    own = node.info.name_zh if lang == 0 else node.info.label_en
    chain = [t[lang] for t in node.parent_titles]
    # The table, then the row (the direct parent), then the column: intermediate row
    # groups are left out because row labels already carry their group number.
    parts = chain[:1] + chain[-1:] if len(chain) >= 2 else chain
    sep = " · " if lang == 0 else " › "
    return sep.join([*dict.fromkeys(parts), own])


@attrs.frozen(kw_only=True, eq=False)
class Layout:
    """The layout of one edition."""

    edition: Edition
    root: Node
    #: every table cell in document order; a report's cell values are a tuple in this order
    cells: tuple[Node, ...]
    nodes: Mapping[str, Node]  # by pointer
    cell_index: Mapping[str, int]  # pointer -> position in ``cells``

    def node(self, pointer: str) -> Node:
        return self.nodes[pointer]


# -- deriving the tree from the attrs classes ----------------------------------------


def _build(
    tp: Any, key: str, path: tuple[str, ...], info: FieldInfo | None, titles: tuple[Any, ...]
) -> Node:
    pointer = "".join("/" + p for p in path)
    if info is not None and info.kind is not None:
        return Node(
            key=key, pointer=pointer, path=path, info=info, cls=None, children=(),
            parent_titles=titles,
        )  # fmt: skip
    cls, _ = typevar_mapping(object_class(tp))
    if not attrs.has(cls):
        raise TypeError(f"{pointer}: {tp!r} is neither a leaf nor an attrs class")
    types = field_types(object_class(tp))
    own_titles = titles if info is None else (*titles, (info.name_zh, info.label_en))
    children = []
    for attribute in attrs.fields(cls):
        child_info = field_info(attribute)
        child_tp = types[attribute.name]
        children.append(
            _build(child_tp, attribute.name, (*path, attribute.name), child_info, own_titles)
        )
    return Node(
        key=key, pointer=pointer, path=path, info=info, cls=cls, children=tuple(children),
        parent_titles=titles,
    )  # fmt: skip


@functools.cache
def layout(edition: Edition) -> Layout:
    """The layout of an edition (computed once)."""
    root = _build(report_class(edition), "", (), None, ())
    nodes = {n.pointer: n for n in root.walk()}
    cells = tuple(n for n in root.walk() if n.is_cell)
    return Layout(
        edition=edition,
        root=root,
        cells=cells,
        nodes=MappingProxyType(nodes),
        cell_index=MappingProxyType({c.pointer: i for i, c in enumerate(cells)}),
    )
