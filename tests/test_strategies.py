"""The shipped strategies: arguments are validated up front, output is as promised."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis.errors import InvalidArgument

import disclosure_schema as ds
from disclosure_schema.strategies import Planted, documents, planted_errors, reports


class TestArguments:
    @pytest.mark.parametrize(
        "call",
        [
            lambda: reports(edition="2020"),  # type: ignore[arg-type]
            lambda: reports(sizes="huge"),  # type: ignore[arg-type]
            lambda: reports(zeros=1.5),
            lambda: documents(nulls=-0.1),
            lambda: planted_errors(max_changes=0),
        ],
    )
    def test_invalid_arguments(self, call: object) -> None:
        """Bad arguments raise InvalidArgument when the strategy is made."""
        with pytest.raises(InvalidArgument):
            call()  # type: ignore[operator]


class TestOutput:
    @given(reports(edition="2019"))
    def test_edition(self, report: ds.Report2019) -> None:
        """edition= picks the model class."""
        assert isinstance(report, ds.Report2019)

    @given(reports(nulls=0.3))
    def test_nulls_stay_valid(self, report: ds.Report2021) -> None:
        """Null cells make warnings, never errors."""
        assert ds.validate(report).valid

    @given(reports(zeros=1.0))
    def test_all_zero(self, report: ds.Report2021) -> None:
        """zeros=1.0 gives all-zero tables (every leaf 0, so every total 0)."""
        assert 0 == report.applications.results.total.total

    @given(planted_errors(max_changes=3))
    def test_planted(self, planted: Planted) -> None:
        """A planted change moves the cells it names and nothing else."""
        assert 1 <= len(planted.changes) <= 3
        assert all(planted.changes.values())
        assert planted.report.edition == planted.perturbed.edition
