"""The fast path and the careful path give the same verdict on every document."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import disclosure_schema as ds
from disclosure_schema import api
from disclosure_schema.checking import check
from disclosure_schema.fastpath import fast_check, parse
from disclosure_schema.strategies import documents

from .table_layout import put, zero_document

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


class TestMutationGaps:
    """Cases a mutation run showed no test had: each fails a plausible slip."""

    def test_negative_count_beside_a_null(self) -> None:
        """The bulk non-negative check also holds when the report has a null cell."""
        document = zero_document("2021")
        put(document, "/applications/new_received/legal_person", None)
        put(document, "/applications/new_received/natural_person", -1)
        assert fast_check(document) is None
        assert parse(json.dumps(document).encode()) is None
        result = ds.validate(json.dumps(document).encode())
        assert "out_of_range" in [f.code for f in result.findings]

    def _text(self, name_json: str, duplicate: bool) -> str:
        document = zero_document("2021")
        put(document, "/agency/name", "@")
        text = json.dumps(document, ensure_ascii=False).replace('"@"', name_json)
        if duplicate:
            text = text.replace('"year": 2021', '"year": 2021, "year": 2021', 1)
        return text

    def test_colons_in_strings_are_not_keys(self) -> None:
        """A ':' inside a string, literal or escaped, is not counted as a key's: a
        report holding one is still taken by the fast path."""
        for name in ('"a:b"', '"a\\u003Ab"', '"a\\u003ab"'):
            text = self._text(name, duplicate=False)
            assert parse(text) is not None, name
            assert parse(text.encode()) is not None, name

    def test_escaped_colon_does_not_hide_a_duplicate_key(self) -> None:
        """A duplicated key next to a string holding an escaped colon: the colon counts
        must not cancel out, on bytes or str."""
        for name in ('"a:b"', '"a\\u003Ab"', '"a\\u003ab"'):
            text = self._text(name, duplicate=True)
            for source in (text, text.encode()):
                assert parse(source) is None, name
                assert "duplicate_key" in [f.code for f in ds.validate(source).findings]

    def test_lone_surrogate_in_a_dict_is_not_fast(self) -> None:
        """A dict can hold a string no JSON text may: the fast path leaves it to the
        careful one, which reports it (issue 12, item 10)."""
        document = zero_document("2021")
        put(document, "/agency/name", "局\ud800")
        assert fast_check(document) is None
        assert ["invalid_string"] == [f.code for f in ds.validate(document).findings]
        with pytest.raises(ds.LoadError) as caught:
            ds.from_dict(document)
        assert ["invalid_string"] == [f.code for f in caught.value.findings]

    def test_lone_surrogate_in_text_is_not_fast(self) -> None:
        """The fast path for text does not look for lone surrogates itself: it relies on
        orjson refusing them, escaped or raw, so that the careful path reports them."""
        for name in ('"局\\ud800"', '"局\\udc00x"', '"局\ud800"'):
            text = self._text(name, duplicate=False)
            sources: list[str | bytes] = [text]
            if "\\" in name:  # a raw surrogate cannot be UTF-8 bytes
                sources.append(text.encode())
            for source in sources:
                assert parse(source) is None, name
                codes = [f.code for f in ds.validate(source).findings]
                assert codes == ["invalid_string"], (name, codes)
