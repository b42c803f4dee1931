"""Strict structure: every wrong value at every position is rejected, with its pointer.

Positions are enumerated exhaustively from tests/table_layout.py's complete
document, not sampled, and each case goes through validate() (dict and text)
and loads().
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from typing import Any

import pytest

import disclosure_schema as ds
from disclosure_schema.checking import describe_value, is_date

from .table_layout import delete, put, zero_document

COUNT = [
    (True, "wrong_type"),
    (False, "wrong_type"),
    (1.0, "wrong_type"),
    (2.5, "wrong_type"),
    ("1", "wrong_type"),
    (-1, "out_of_range"),
    (2**53, "out_of_range"),
    ([], "wrong_type"),
    ({}, "wrong_type"),
]
AMOUNT = [
    (True, "wrong_type"),
    ("1.5", "wrong_type"),
    (-1, "out_of_range"),
    (-0.5, "out_of_range"),
    (2**53, "out_of_range"),
    (1e300, "out_of_range"),
    ([1], "wrong_type"),
]
SIGNED = [
    (True, "wrong_type"),
    (1.0, "wrong_type"),
    ("-1", "wrong_type"),
    (2**53, "out_of_range"),
    (-(2**53), "out_of_range"),
]
YEAR = [
    (2018, "out_of_range"),
    (10000, "out_of_range"),
    ("2021", "wrong_type"),
    (2021.0, "wrong_type"),
    (True, "wrong_type"),
    (None, "wrong_type"),
]
TEXT = [("", "invalid_value"), (1, "wrong_type"), (None, "wrong_type"), (["x"], "wrong_type")]
DATE = [
    ("2022-1-20", "invalid_value"),
    ("2022-02-30", "invalid_value"),
    ("20220120", "invalid_value"),
    ("2022-01-20T00:00", "invalid_value"),
    (20220120, "wrong_type"),
    (None, "wrong_type"),
]
EDITION = [("2020", "invalid_value"), (2021, "wrong_type"), (None, "wrong_type")]
OBJECT = [([], "wrong_type"), (0, "wrong_type"), ("x", "wrong_type"), (None, "wrong_type")]


def _kind(pointer: str) -> list[tuple[object, str]]:
    """What the value at a pointer is, per FORMAT.md (not per the model under test)."""
    if pointer == "/edition":
        return EDITION
    if pointer == "/year":
        return YEAR
    if pointer == "/published_on":
        return DATE
    if pointer == "/agency/name":  # required, but null where the text does not name it
        return [(v, c) for v, c in TEXT if v is not None]
    if pointer.startswith(("/agency/", "/sections/")):
        return TEXT
    if pointer.endswith("items_change"):
        return SIGNED
    if pointer.endswith(("/amount", "amount_noticed", "amount_collected")):
        return AMOUNT
    return COUNT


def _positions(value: Any, pointer: str = "") -> Iterator[tuple[str, bool]]:
    """(pointer, is an object) for every value below the root."""
    if isinstance(value, dict):
        for key, child in value.items():
            yield f"{pointer}/{key}", isinstance(child, dict)
            yield from _positions(child, f"{pointer}/{key}")


def _cases() -> Iterator[tuple[str, str, object, str]]:
    for edition in ("2021", "2019"):
        for pointer, is_object in _positions(zero_document(edition)):
            for value, code in OBJECT if is_object else _kind(pointer):
                yield edition, pointer, value, code


CASES = list(_cases())


def _errors(result: ds.ValidationResult) -> list[tuple[str, tuple[str, ...]]]:
    return [(f.code, f.locations) for f in result.findings]


def _assert_rejected(document: dict[str, Any], code: str, pointer: str) -> None:
    expected = [(code, (pointer,))]
    assert expected == _errors(ds.validate(document))
    text = json.dumps(document, ensure_ascii=False)
    assert expected == _errors(ds.validate(text.encode()))
    with pytest.raises(ds.LoadError) as raised:
        ds.loads(text)
    assert expected == [(f.code, f.locations) for f in raised.value.findings]
    with pytest.raises(ds.LoadError):
        ds.from_dict(document)


class TestWrongValues:
    def test_case_count(self) -> None:
        """Every leaf and object of both editions is covered (over 2,000 cases)."""
        assert len(CASES) > 2000

    @pytest.mark.parametrize(("edition", "pointer", "value", "code"), CASES)
    def test_rejected_with_pointer(self, edition: str, pointer: str, value: object,
                                   code: str) -> None:  # fmt: skip
        """A wrong value is exactly one error, at its pointer, with the right code."""
        document = zero_document(edition)
        put(document, pointer, copy.deepcopy(value))
        _assert_rejected(document, code, pointer)


class TestKeys:
    @pytest.mark.parametrize("edition", ["2021", "2019"])
    def test_unknown_key_in_every_object(self, edition: str) -> None:
        """An extra key in any object is one unknown_key error at its pointer."""
        base = zero_document(edition)
        objects = [""] + [p for p, is_object in _positions(base) if is_object]
        for pointer in objects:
            document = copy.deepcopy(base)
            put(document, f"{pointer}/extra_key", 0)
            _assert_rejected(document, "unknown_key", f"{pointer}/extra_key")

    @pytest.mark.parametrize("edition", ["2021", "2019"])
    def test_missing_required_key(self, edition: str) -> None:
        """A required key left out is one missing_key error at its pointer."""
        optional = {"/published_on", "/fees", "/sections", "/agency/region", "/agency/level",
                    "/agency/code"}  # fmt: skip
        base = zero_document(edition)
        for pointer, _ in _positions(base):
            if pointer in optional or pointer.startswith(("/fees/", "/sections/")):
                continue
            document = copy.deepcopy(base)
            delete(document, pointer)
            _assert_rejected(document, "missing_key", pointer)

    @pytest.mark.parametrize("edition", ["2021", "2019"])
    def test_optional_keys_may_be_absent(self, edition: str) -> None:
        """Optional meta, fees and sections keys may each be left out."""
        base = zero_document(edition)
        for pointer in ("/published_on", "/fees", "/sections", "/agency/region",
                        "/fees/notices_issued", "/sections/problems"):  # fmt: skip
            document = copy.deepcopy(base)
            delete(document, pointer)
            assert () == ds.validate(document).findings, pointer
            assert ds.from_dict(document) == ds.loads(json.dumps(document))

    def test_null_cell_is_allowed(self) -> None:
        """A cell may be null: not an error, a warning."""
        document = zero_document("2021")
        put(document, "/proactive/regulations/issued", None)
        result = ds.validate(document)
        assert result.valid
        assert [("cell_not_reported", ("/proactive/regulations/issued",))] == _errors(result)
        proactive = ds.from_dict(document).proactive
        assert isinstance(proactive, ds.Proactive2021)
        assert proactive.regulations.issued is None

    def test_null_agency_name_is_a_warning(self) -> None:
        """An agency name the text does not give is null: a warning, not an error."""
        document = zero_document("2019")
        put(document, "/agency/name", None)
        result = ds.validate(document)
        assert (True, [("not_stated", ("/agency/name",))]) == (result.valid, _errors(result))
        assert ds.from_dict(document).agency.name is None
        assert result == ds.validate(ds.from_dict(document))

    def test_several_problems_are_all_reported(self) -> None:
        """Loading collects every problem, not the first, in document order."""
        document = zero_document("2021")
        put(document, "/year", "2021")
        put(document, "/applications/new_received/total", True)
        delete(document, "/reviews_and_lawsuits/lawsuit_direct")
        put(document, "/proactive/extra", 1)
        with pytest.raises(ds.LoadError) as raised:
            ds.from_dict(document)
        assert [
            ("wrong_type", ("/year",)),
            ("unknown_key", ("/proactive/extra",)),
            ("wrong_type", ("/applications/new_received/total",)),
            ("missing_key", ("/reviews_and_lawsuits/lawsuit_direct",)),
        ] == [(f.code, f.locations) for f in raised.value.findings]

    def test_identities_still_checked_beside_a_structural_error(self) -> None:
        """A wrong value elsewhere does not hide a broken identity."""
        document = zero_document("2021")
        put(document, "/agency/name", "")
        put(document, "/reviews_and_lawsuits/administrative_review/total", 3)
        assert [
            ("invalid_value", ("/agency/name",)),
            ("sum_mismatch", tuple(
                f"/reviews_and_lawsuits/administrative_review/{k}"
                for k in ("total", "upheld", "corrected", "other", "pending")
            )),
            ("wrong_cell_candidates", tuple(  # the total, or any part, may be wrong
                f"/reviews_and_lawsuits/administrative_review/{k}"
                for k in ("upheld", "corrected", "other", "pending", "total")
            )),
        ] == _errors(ds.validate(document))  # fmt: skip


class TestTopLevel:
    @pytest.mark.parametrize(
        ("value", "code", "pointer"),
        [
            ([], "not_an_object", ""),
            ("report", "not_an_object", ""),
            (3, "not_an_object", ""),
            (None, "not_an_object", ""),
            ({}, "missing_key", "/edition"),
            ({"edition": "2020"}, "invalid_value", "/edition"),
            ({"edition": 2021}, "wrong_type", "/edition"),
        ],
    )
    def test_not_a_report(self, value: object, code: str, pointer: str) -> None:
        """Something that is not a report object is one error."""
        text = json.dumps(value)
        assert [(code, (pointer,))] == _errors(ds.validate(text))
        assert ds.validate(text).edition is None


class TestHelpers:
    @pytest.mark.parametrize(
        ("value", "expected"),
        [
            (None, ("null", "null")),
            (True, ("布尔值 true", "the boolean true")),
            (3, ("整数 3", "the integer 3")),
            (1.0, ("小数 1.0", "the decimal number 1.0")),
            ("1", ("字符串 “1”", "the string '1'")),
            ([], ("数组", "an array")),
            ({}, ("对象", "an object")),
        ],
    )
    def test_describe_value(self, value: object, expected: tuple[str, str]) -> None:
        """Messages say what the wrong value was, in both languages."""
        assert expected == describe_value(value)

    @pytest.mark.parametrize(
        ("value", "ok"),
        [("2022-01-20", True), ("2024-02-29", True), ("2023-02-29", False),
         ("2022-1-20", False), ("２０２２-01-20", False), (20220120, False)],
    )  # fmt: skip
    def test_is_date(self, value: object, ok: bool) -> None:
        """Dates are exactly YYYY-MM-DD with ASCII digits, and real."""
        assert ok is is_date(value)

    def test_message_names_the_cell(self) -> None:
        """A wrong cell's message gives its Chinese labels and its pointer."""
        document = zero_document("2021")
        put(document, "/applications/results/withheld/state_secret/natural_person", True)
        (finding,) = ds.validate(document).findings
        assert (
            "表三 · 属于国家秘密 · 自然人（/applications/results/withheld/state_secret/"
            "natural_person）：应为非负整数，实际为布尔值 true"
        ) == finding.message_zh
        assert finding.message_en.endswith("expected a non-negative integer, got the boolean true")
