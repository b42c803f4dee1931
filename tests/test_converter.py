"""The cattrs converter: made by a factory, strict hooks."""

from __future__ import annotations

import json
from pathlib import Path

import cattrs
import pytest

import disclosure_schema as ds

EXAMPLE = Path(__file__).parent.parent / "examples" / "baotou-2021.json"


class TestConverter:
    def test_factory_gives_new_converters(self) -> None:
        """make_converter() returns a fresh converter each time, never the global one."""
        a, b = ds.make_converter(), ds.make_converter()
        assert a is not b
        assert a is not cattrs.global_converter

    @pytest.mark.parametrize("bad", [True, "3", 3.0, -1])
    def test_strict_counts(self, bad: object) -> None:
        """Structuring directly with the converter still refuses True, "3", 3.0 and -1."""
        data = json.loads(EXAMPLE.read_bytes())
        data["applications"]["new_received"]["natural_person"] = bad
        with pytest.raises(cattrs.errors.ClassValidationError):
            ds.make_converter().structure(data, ds.Report2021)

    def test_round_trip(self) -> None:
        """structure(unstructure(r)) == r, with the edition kept in the output."""
        converter = ds.make_converter()
        report = ds.loads(EXAMPLE.read_bytes())
        data = converter.unstructure(report)
        assert "2021" == data["edition"]
        assert report == converter.structure(data, ds.Report2021)

    def test_dates(self) -> None:
        """published_on is a datetime.date in the model and YYYY-MM-DD in JSON."""
        data = json.loads(EXAMPLE.read_bytes())
        data["published_on"] = "2022-01-20"
        report = ds.from_dict(data)
        assert "2022-01-20" == ds.to_dict(report)["published_on"]
        assert 2022 == report.published_on.year  # type: ignore[union-attr]
