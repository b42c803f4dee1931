"""The field wrapper: facts declared once per field, strict value kinds."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any, cast

import attrs
import pytest

import disclosure_schema as ds
from disclosure_schema.fields import MAX_COUNT, Kind, field_info
from disclosure_schema.model import ApplicantRow, Report2021, SingleAmount, Withheld

EXAMPLE = Path(__file__).parent.parent / "examples" / "baotou-2021.json"


class TestKinds:
    @pytest.mark.parametrize(
        ("kind", "good", "bad"),
        [
            (Kind.COUNT, [0, 1, MAX_COUNT], [-1, MAX_COUNT + 1, True, False, 1.0, "1", None]),
            (Kind.SIGNED_COUNT, [-MAX_COUNT, -1, 0, 5], [MAX_COUNT + 1, True, -1.0, "-1"]),
            (Kind.AMOUNT, [0, 0.5, 7730.28, MAX_COUNT], [-0.01, math.nan, math.inf, True, "1"]),
            (Kind.YEAR, [2019, 2025, 9999], [2018, 10000, True, 2021.0, "2021"]),
            (Kind.EDITION, ["2019", "2021"], ["2020", 2021, None]),
            (Kind.TEXT, ["包头", " "], ["", None, 1]),
        ],
    )
    def test_accepts(self, kind: Kind, good: list[object], bad: list[object]) -> None:
        """Each kind accepts exactly its values; True is not a count, 1.0 is not either."""
        assert all(kind.accepts(v) for v in good)
        assert not any(kind.accepts(v) for v in bad)


class TestFieldInfo:
    def test_declared_on_the_field(self) -> None:
        """Labels, unit and legal basis are read from the attrs field's metadata."""
        info = field_info(attrs.fields(Withheld).state_secret)
        assert ("三（三）1.属于国家秘密", "Art. 14", "属于国家秘密") == (
            info.label_zh, info.legal_basis, info.name_zh,
        )  # fmt: skip
        cell = field_info(attrs.fields(SingleAmount).amount)
        assert (Kind.AMOUNT, "万元", True) == (cell.kind, cell.unit, cell.nullable)

    def test_every_field_is_declared(self) -> None:
        """A field without the wrapper is a programming error, caught early."""

        @attrs.frozen
        class Bare:
            x: int

        with pytest.raises(TypeError, match="cell\\(\\), node\\(\\) or meta\\(\\)"):
            field_info(attrs.fields(Bare).x)


class TestValidators:
    def test_cells_reject_bad_values(self) -> None:
        """Constructing a row with True or -1 in a cell raises at once."""
        zeros = dict.fromkeys(a.name for a in attrs.fields(ApplicantRow))
        for bad in (True, -1, 1.0, "1"):
            with pytest.raises(TypeError):
                ApplicantRow(**{**zeros, "natural_person": bad})  # type: ignore[arg-type]
        assert ApplicantRow(**zeros).total is None

    def test_models_are_frozen_and_slotted(self) -> None:
        """Models cannot be changed and have no __dict__."""
        row = ApplicantRow(**dict.fromkeys((a.name for a in attrs.fields(ApplicantRow)), 0))
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            row.total = 1  # type: ignore[misc]
        assert not hasattr(row, "__dict__")

    def test_keyword_only(self) -> None:
        """Models take keyword arguments only: 7 positional numbers are too easy to shift."""
        with pytest.raises(TypeError):
            ApplicantRow(0, 0, 0, 0, 0, 0, 0)  # type: ignore[call-arg]

    def test_edition_follows_the_class(self) -> None:
        """Report2021 fills in its edition and refuses another."""
        report = ds.loads(EXAMPLE.read_bytes())
        assert isinstance(report, Report2021)
        assert "2021" == attrs.evolve(cast(Any, report)).edition
        with pytest.raises(ValueError, match="does not match"):
            attrs.evolve(cast(Any, report), edition="2019")
