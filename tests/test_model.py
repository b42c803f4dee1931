"""The model: both editions, exactly the keys and order of FORMAT.md §3-§7."""

from __future__ import annotations

import typing

import attrs
import pytest

import disclosure_schema as ds
from disclosure_schema.model import Applications, Report, Results

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
