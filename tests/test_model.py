"""The model: both editions, exactly the keys and order of FORMAT.md §3-§7."""

from __future__ import annotations

import re
import typing
from typing import Any

import attrs
import pytest

import disclosure_schema as ds
from disclosure_schema.model import Applications, Report, Results

from . import table_layout
from .table_layout import COLUMNS, ROWS, T4_GROUPS, T4_KEYS, TABLE2


def _keys(cls: type) -> list[str]:
    return [a.name for a in attrs.fields(cls)]


class TestShape:
    def test_top_level_keys(self) -> None:
        """The top-level keys and their order (FORMAT.md §3)."""
        expected = ["edition", "year", "agency", "published_on", "proactive", "applications",
                    "reviews_and_lawsuits", "fees", "sections"]  # fmt: skip
        assert expected == _keys(ds.Report2021) == _keys(ds.Report2019)

    def test_columns(self) -> None:
        """Table 3 has the seven applicant columns, in order, and no subtotal column."""
        assert list(COLUMNS) == _keys(ds.ApplicantRow)

    @pytest.mark.parametrize("edition", ["2021", "2019"])
    def test_rows(self, edition: str) -> None:
        """Table 3's data rows are those of FORMAT.md §4, with no invented subtotal rows."""
        lay = ds.layout(edition)
        rows = [n.pointer.removeprefix("/applications/") for n in lay.nodes["/applications"].walk()
                if n.cls is ds.ApplicantRow]  # fmt: skip
        assert list(ROWS[edition]) == rows

    @pytest.mark.parametrize("edition", ["2021", "2019"])
    def test_table2(self, edition: str) -> None:
        """Table 2 has each edition's rows and columns (FORMAT.md §5)."""
        lay = ds.layout(edition)
        cells = [c.pointer.removeprefix("/proactive/") for c in lay.cells
                 if c.pointer.startswith("/proactive/")]  # fmt: skip
        assert list(TABLE2[edition]) == cells

    def test_table4(self) -> None:
        """Table 4: three groups of five (FORMAT.md §6), the same in both editions."""
        assert list(T4_GROUPS) == _keys(ds.ReviewsAndLawsuits)
        assert list(T4_KEYS) == _keys(ds.Outcomes)

    def test_cell_counts(self) -> None:
        """175 table-3 cells in 2021 (25 x 7), 161 in 2019 (23 x 7)."""
        for edition, n in (("2021", 175), ("2019", 161)):
            cells = ds.layout(edition).cells
            assert n == sum(c.pointer.startswith("/applications/") for c in cells)


class TestSharing:
    def test_one_results_class(self) -> None:
        """Table 3 is defined once: both editions use the same generic classes."""
        hints = typing.get_type_hints(Report)
        assert typing.get_origin(hints["applications"]) is Applications
        assert typing.get_origin(typing.get_type_hints(Applications)["results"]) is Results

    def test_edition_selects_the_class(self) -> None:
        """report_class() maps an edition to its model."""
        assert ds.report_class("2021") is ds.Report2021
        assert ds.report_class("2019") is ds.Report2019
        with pytest.raises(KeyError):
            ds.report_class("2020")

    def test_2019_other_is_one_row(self) -> None:
        """In 2019 results.other is a row; in 2021 a group of three rows."""
        assert ds.layout("2019").nodes["/applications/results/other"].cls is ds.ApplicantRow
        assert ds.layout("2021").nodes["/applications/results/other"].cls is ds.OtherProcessing


class TestLabels:
    def test_every_field_has_labels(self) -> None:
        """Every field of both editions has a Chinese label and an English description."""
        for edition in ("2021", "2019"):
            for node in ds.layout(edition).root.walk():
                if node.info is not None:
                    assert all((node.info.label_zh, node.info.description_en)), node.pointer

    def test_row_labels_are_official(self) -> None:
        """Row labels are the official ones of FORMAT.md §4.1."""
        lay = ds.layout("2021")
        labels = {n.pointer: n.info.label_zh for n in lay.root.walk() if n.info is not None}
        assert (
            "三（三）3.危及“三安全一稳定”"
            == labels["/applications/results/withheld/security_and_stability"]
        )
        assert (
            "三（二）部分公开（区分处理的，只计这一情形，不计其他情形）"
            == labels["/applications/results/partially_disclosed"]
        )

    def test_titles(self) -> None:
        """Node titles name table, row and column for messages."""
        node = ds.layout("2021").node("/applications/results/other/overdue_fee/total")
        assert ("表三 · 逾期未缴纳费用 · 总计", "table 3 › overdue fee › total") == (
            node.title_zh, node.title_en,
        )  # fmt: skip

    def test_keys_are_identifiers(self) -> None:
        """Model keys are plain identifiers: pointers need no escaping, and the fast
        path's colon count relies on keys without ':'."""
        for edition in ("2021", "2019"):
            for node in ds.layout(edition).root.walk():
                assert node.key == "" or node.key.isidentifier()


class TestConstructionChecks:
    """Wrong nested types fail at construction, not later in validate() or dumps()."""

    def _parts(self) -> dict[str, Any]:
        zero = ds.Report2021.zero(year=2021, agency="某局")
        return {
            "year": 2021,
            "agency": zero.agency,
            "proactive": zero.proactive,
            "applications": zero.applications,
            "reviews_and_lawsuits": zero.reviews_and_lawsuits,
        }

    @pytest.mark.parametrize(
        ("key", "value", "message"),
        [
            ("proactive", None, "proactive: expected Proactive2021, got NoneType"),
            ("applications", {"a": 1}, "applications: expected Applications"),
            ("reviews_and_lawsuits", "oops", "expected ReviewsAndLawsuits, got str"),
            ("agency", "某局", "agency: expected Agency, got str"),
            ("fees", {}, "fees: expected Fees, got dict"),
            ("published_on", "2022-01-20", "published_on: '2022-01-20' is not a datetime.date"),
        ],
    )
    def test_wrong_part(self, key: str, value: object, message: str) -> None:
        parts = self._parts() | {key: value}
        with pytest.raises(TypeError, match=re.escape(message)):
            ds.Report2021(**parts)

    def test_other_edition_part(self) -> None:
        """A 2019 table 2, or a 2019 table 3 (one 其他处理 row), in a 2021 report."""
        old = ds.Report2019.zero(year=2020, agency="某局")
        with pytest.raises(TypeError, match="expected Proactive2021, got Proactive2019"):
            ds.Report2021(**self._parts() | {"proactive": old.proactive})
        with pytest.raises(TypeError, match="holding parts of another edition"):
            ds.Report2021(**self._parts() | {"applications": old.applications})

    def test_nested_row(self) -> None:
        """A row group holding something else than rows."""
        row = ds.ApplicantRow.from_mapping({})
        parts: dict[str, Any] = {a.name: row for a in attrs.fields(ds.Withheld)}
        with pytest.raises(TypeError, match="state_secret: expected ApplicantRow, got int"):
            ds.Withheld(**parts | {"state_secret": 1})
        results = self._parts()["applications"].results
        with pytest.raises(TypeError, match="other: expected OtherProcessing or ApplicantRow"):
            results.evolve(other="x")

    def test_good_parts(self) -> None:
        report = ds.Report2021(**self._parts(), fees=ds.Fees(), sections=None)
        assert ds.validate(report).valid


class TestStartingPoints:
    """Blank and zero reports, rows from a mapping: what a reporting tool starts from."""

    @pytest.mark.parametrize("cls", [ds.Report2021, ds.Report2019])
    def test_blank(self, cls: type[ds.Report2021] | type[ds.Report2019]) -> None:
        """Every cell null: valid (blanks are warnings), and each cell is one warning."""
        report = cls.blank(year=2021, agency="某局")
        result = ds.validate(report)
        document = ds.to_dict(report)
        cells = table_layout.cells(cls.EDITION)
        assert all(table_layout.get(document, p) is None for p in cells)
        not_reported = [f.locations[0] for f in result.findings if f.code == "cell_not_reported"]
        assert (True, cells) == (result.valid, not_reported)
        assert report.agency == ds.Agency(name="某局")
        assert (report.fees, report.sections, report.published_on) == (None, None, None)

    @pytest.mark.parametrize("cls", [ds.Report2021, ds.Report2019])
    def test_zero(self, cls: type[ds.Report2021] | type[ds.Report2019]) -> None:
        """Every cell 0: the same document as the independent zero document."""
        agency = ds.Agency(name="某某局", region="某省某市", level="county", code="X1")
        year = 2020 if cls.EDITION == "2019" else 2021  # a year the edition applies to
        report = cls.zero(year=year, agency=agency)
        expected = table_layout.zero_document(cls.EDITION)
        for key in ("published_on", "fees", "sections"):
            del expected[key]
        expected["year"] = year
        assert expected == ds.to_dict(report)
        assert ds.validate(report).findings == ()

    def test_row_from_mapping(self) -> None:
        """Left-out cells are null, never 0; unknown names and bad values raise."""
        row = ds.ApplicantRow.from_mapping({"natural_person": 3, "total": 3})
        assert (3, None, 3) == (row.natural_person, row.other_organization, row.total)
        outcomes = ds.Outcomes.from_mapping({"upheld": 1})
        assert attrs.astuple(outcomes) == (1, None, None, None, None)
        with pytest.raises(KeyError, match="natrual_person"):
            ds.ApplicantRow.from_mapping({"natrual_person": 3})
        with pytest.raises(TypeError, match="not a valid count"):
            ds.ApplicantRow.from_mapping({"total": True})
        # names that are not all str (a spreadsheet's column numbers) are unknown names too
        with pytest.raises(KeyError, match="has no field 1, zz"):
            ds.ApplicantRow.from_mapping({1: 2, "zz": 3})  # type: ignore[dict-item]


class TestExports:
    def test_builder_classes_are_exported(self) -> None:
        """Every class of the model, both editions, is importable from the package."""
        from disclosure_schema import model

        for name in model.__all__:
            assert getattr(ds, name) is getattr(model, name), name
            assert name in ds.__all__
