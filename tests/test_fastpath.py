"""The fast path and the careful path give the same verdict on every document."""

from __future__ import annotations

import copy
import json
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

import disclosure_schema as ds
from disclosure_schema import api
from disclosure_schema.checking import check
from disclosure_schema.fastpath import fast_check, parse
from disclosure_schema.strategies import documents

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**60), 2**60)
    | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner,
                                                                max_size=3),
    max_leaves=5,
)  # fmt: skip


def _paths(value: Any, path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    out = [path]
    if isinstance(value, dict):
        for key, child in value.items():
            out += _paths(child, (*path, key))
    return out


@st.composite
def mutated(draw: st.DrawFn) -> dict[str, Any]:
    """A valid document with one random edit: a value replaced, a key removed or added."""
    document = draw(documents(nulls=draw(st.sampled_from([0.0, 0.1]))))
    changed = copy.deepcopy(document)
    path = draw(st.sampled_from(_paths(changed)[1:]))
    holder = changed
    for key in path[:-1]:
        holder = holder[key]
    action = draw(st.sampled_from(["replace", "delete", "add"]))
    if action == "replace":
        holder[path[-1]] = draw(JSON_VALUES)
    elif action == "delete":
        del holder[path[-1]]
    else:
        holder[draw(st.text(max_size=8))] = draw(JSON_VALUES)
    return changed


class TestAgreement:
    @given(mutated())
    def test_same_verdict_on_documents(self, document: dict[str, Any]) -> None:
        """fast_check() accepts exactly the documents the checker finds no error in."""
        careful = [f for f in check(document).findings if f.severity is ds.Severity.ERROR]
        assert (fast_check(document) is not None) == (not careful)

    @given(mutated())
    def test_same_findings_on_text(self, document: dict[str, Any]) -> None:
        """validate() on text gives the same findings whichever path answers."""
        text = json.dumps(document, ensure_ascii=False)
        assert api._validate_text(text) == ds.validate(text)
        assert api._validate_value(document, []) == ds.validate(document)

    @given(documents())
    def test_valid_documents_take_the_fast_path(self, document: dict[str, Any]) -> None:
        """A well-formed report is accepted by the fast path in every text form."""
        for text in (json.dumps(document, ensure_ascii=False),
                     json.dumps(document, indent=4).encode(),
                     json.dumps(document, separators=(",", ":")).encode()):  # fmt: skip
            accepted = parse(text)
            assert accepted is not None
            assert document == accepted.value

    def test_duplicates_never_take_the_fast_path(self) -> None:
        """A repeated key anywhere sends the text to the careful path."""
        base = json.dumps({"edition": "2021"})
        assert parse(base.replace("{", '{"a": 1, "a": 1, ')) is None
