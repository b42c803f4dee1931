"""The fast path of validate(): accept a well-formed report in a few C-speed steps.

Most reports are well formed, so validate() first asks one question: does the
document have exactly the layout's keys, with a valid value everywhere? A
function generated from the layout (as attrs and cattrs generate theirs)
answers the "keys" half with plain indexing and collects the cells; the values
are then checked in bulk. Any "no", for whatever reason, sends the document to
the careful path (:mod:`~disclosure_schema.decoding`,
:mod:`~disclosure_schema.checking`), which finds and explains every problem.
The two paths are tested to agree.

Duplicate keys: fast JSON parsers keep the last value silently, so the fast path
proves there were none by counting. Every key of a JSON object is followed by
exactly one ':' outside strings, so the number of ':' in the text, minus those
inside strings, equals the number of keys the parser kept exactly when no key
was repeated.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from operator import itemgetter
from typing import Any, Final, cast

import attrs
import orjson

from .checking import is_date
from .fields import MAX_COUNT, Kind, predicate
from .layout import Layout, Node, layout
from .limits import is_utf8
from .model import EDITIONS, Edition

__all__ = ["Accepted", "fast_check", "parse"]

_NONE: Final = type(None)


@attrs.frozen
class Accepted:
    """A document the fast path accepted."""

    edition: Edition
    value: dict[str, Any]
    cells: tuple[object, ...]  # in layout order
    complete: bool  # no cell is null


def _counts(values: Sequence[object]) -> tuple[bool, bool]:
    """(every value is a count or null, none is null)."""
    types = set(map(type, values))
    if types == {int}:
        ints = cast(Sequence[int], values)
        return min(ints) >= 0 and max(ints) <= MAX_COUNT, True
    if types <= {int, _NONE}:
        numbers = [v for v in cast(Sequence[int | None], values) if v is not None]
        return not numbers or (min(numbers) >= 0 and max(numbers) <= MAX_COUNT), False
    return False, False


@attrs.frozen
class _Checker:
    keys: Callable[[Any], tuple[tuple[object, ...], int, int] | None]  # orjson's output
    dict_keys: Callable[[Any], tuple[tuple[object, ...], int, int] | None]  # any dict
    counts: itemgetter[tuple[object, ...]]
    others: tuple[tuple[int, Callable[[object], bool]], ...]  # (cell index, predicate)


def _generate(
    lay: Layout, strings: bool
) -> Callable[[Any], tuple[tuple[object, ...], int, int] | None]:
    """Source for one function that checks every key and every non-cell value of the
    layout and returns (cells, number of keys, number of ':' inside strings).

    ``strings``: also refuse a text holding a lone surrogate. Only a dict built in
    Python can hold one (orjson refuses them in JSON text), so the function for
    parsed text leaves that work out of validate()'s measured path.
    """
    lines: list[str] = []
    cell_exprs: list[str] = []
    fixed_keys: list[int] = []  # key counts of objects without optional keys
    names = iter(f"v{i}" for i in range(1, 10_000))

    def leaf(node: Node, var: str, pad: str) -> None:
        assert node.info is not None
        assert node.info.kind is not None
        kind = node.info.kind
        if node.is_cell:
            cell_exprs.append(var)
            return
        if kind is Kind.EDITION:
            lines.append(f"{pad}if {var} != {lay.edition!r}: return None")
        elif kind is Kind.DATE:
            lines.append(f"{pad}if not is_date({var}): return None")
        else:
            lines.append(f"{pad}if not accepts[{kind.name!r}]({var}): return None")
        if strings and kind is Kind.TEXT:  # a lone surrogate: the careful path reports it
            lines.append(f"{pad}if not encodable({var}): return None")
        if kind in (Kind.EDITION, Kind.DATE, Kind.TEXT):
            lines.append(f"{pad}sc += {var}.count(':')")

    def obj(node: Node, var: str, pad: str) -> None:
        lines.append(f"{pad}if type({var}) is not dict: return None")
        required = [c for c in node.children if c.info is not None and not c.info.optional]
        optional = [c for c in node.children if c.info is not None and c.info.optional]
        if optional:
            lines.append(f"{pad}n = {len(required)}")
            for child in optional:
                lines.append(f"{pad}if {child.key!r} in {var}: n += 1")
            lines.append(f"{pad}if len({var}) != n: return None")
            lines.append(f"{pad}nk += n")
        else:
            lines.append(f"{pad}if len({var}) != {len(required)}: return None")
            fixed_keys.append(len(required))
        for child in node.children:
            assert child.info is not None
            inner = pad
            if child.info.optional:
                # cells are never optional, so the final tuple may name every one
                assert not any(n.is_cell for n in child.walk()), child.pointer
                lines.append(f"{pad}if {child.key!r} in {var}:")
                inner = pad + "    "
            name = next(names)
            lines.append(f"{inner}{name} = {var}[{child.key!r}]")
            if child.is_leaf:
                leaf(child, name, inner)
            else:
                obj(child, name, inner)

    obj(lay.root, "v0", "        ")
    source = "\n".join(
        [
            "def check_keys(v0):",
            "    nk = 0",
            "    sc = 0",
            "    try:",
            *lines,
            "    except KeyError:",
            "        return None  # a key missing and another unknown: same count",
            f"    return ({', '.join(cell_exprs)},), nk + {sum(fixed_keys)}, sc",
        ]
    )
    namespace: dict[str, Any] = {
        "encodable": is_utf8,
        "is_date": is_date,
        "accepts": {k.name: predicate(k) for k in Kind},
    }
    exec(compile(source, f"<disclosure_schema fast path {lay.edition}>", "exec"), namespace)
    fn: Callable[[Any], tuple[tuple[object, ...], int, int] | None] = namespace["check_keys"]
    return fn


@functools.cache
def _checkers() -> dict[str, _Checker]:
    out: dict[str, _Checker] = {}
    for edition in EDITIONS:
        lay = layout(edition)
        kinds = [c.kind for c in lay.cells]
        counts = tuple(i for i, k in enumerate(kinds) if k is Kind.COUNT)
        others = tuple((i, predicate(k)) for i, k in enumerate(kinds) if k and k is not Kind.COUNT)
        out[edition] = _Checker(
            _generate(lay, strings=False), _generate(lay, strings=True), itemgetter(*counts), others
        )
    return out


def _accept(value: Any, parsed: bool) -> tuple[Accepted, int, int] | None:
    """``parsed``: ``value`` is orjson's output, which holds no lone surrogate."""
    if type(value) is not dict:
        return None
    edition = value.get("edition")
    checker = _checkers().get(edition) if type(edition) is str else None
    if checker is None:
        return None
    found = (checker.keys if parsed else checker.dict_keys)(value)
    if found is None:
        return None
    cells, keys, colons = found
    ok, complete = _counts(checker.counts(cells))
    if not ok:
        return None
    for index, accepts in checker.others:
        v = cells[index]
        if v is None:
            complete = False
        elif not accepts(v):
            return None
    return Accepted(edition, value, cells, complete), keys, colons  # type: ignore[arg-type]


def fast_check(value: Any) -> Accepted | None:
    """A decoded document, if it is a perfectly well-formed report; else None."""
    found = _accept(value, parsed=False)
    return None if found is None else found[0]


def parse(data: bytes | bytearray | memoryview | str) -> Accepted | None:
    """Parse and check JSON text in one go; None whenever the careful path must look."""
    try:
        value = orjson.loads(data)
    except orjson.JSONDecodeError:
        return None
    found = _accept(value, parsed=True)
    if found is None:
        return None
    accepted, keys, colons_in_strings = found
    # A string's ':' may be written '\u003a' in the text. Counting a '\u003a' that
    # is really an escaped backslash only errs towards the careful path.
    if isinstance(data, str):
        colons = data.count(":")
        if colons_in_strings:
            colons += data.count("\\u003a") + data.count("\\u003A")
    else:
        text = data if isinstance(data, bytes) else bytes(data)
        colons = text.count(b":")
        if colons_in_strings:
            colons += text.count(b"\\u003a") + text.count(b"\\u003A")
    if colons - colons_in_strings != keys:
        return None
    return accepted
