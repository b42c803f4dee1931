"""The layout: the model flattened into nodes with pointers and labels."""

from __future__ import annotations

import disclosure_schema as ds


class TestLayout:
    def test_cells_in_document_order(self) -> None:
        """200 cells in 2021 (10 + 175 + 15), 198 in 2019 (22 + 161 + 15), in order."""
        lay = ds.layout("2021")
        assert 200 == len(lay.cells)
        assert "/proactive/regulations/issued" == lay.cells[0].pointer
        assert "/reviews_and_lawsuits/lawsuit_after_review/total" == lay.cells[-1].pointer
        assert 198 == len(ds.layout("2019").cells)
        assert all(lay.cell_index[c.pointer] == i for i, c in enumerate(lay.cells))

    def test_only_numbers_in_tables_are_cells(self) -> None:
        """Cells are the tables' numbers; the nullable agency name is not a cell."""
        lay = ds.layout("2021")
        assert not lay.node("/agency/name").is_cell
        assert lay.node("/agency/name").info.nullable  # type: ignore[union-attr]
        assert not lay.node("/year").is_cell

    def test_titles(self) -> None:
        """Titles name table, row and column, in both languages."""
        node = ds.layout("2021").node("/applications/results/withheld/state_secret/natural_person")
        assert "表三 · 属于国家秘密 · 自然人" == node.title_zh
        assert "table 3 › state secret › natural persons" == node.title_en
        assert "报告年度" == ds.layout("2019").node("/year").title_zh

    def test_generic_parts_resolve_per_edition(self) -> None:
        """The generic table 3 resolves to each edition's （六） row group."""
        for edition, keys in (("2021", ("overdue_correction", "overdue_fee", "other")),
                              ("2019", ("natural_person",))):  # fmt: skip
            node = ds.layout(edition).node("/applications/results/other")
            assert keys == node.keys[: len(keys)]
