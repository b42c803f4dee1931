"""The report's sentences against its tables (issue 9, narrative against table)."""

from __future__ import annotations

from typing import Any

from disclosure_schema.findings import CODES, Severity
from disclosure_schema.reading import read
from disclosure_schema.rules.catalogue import NARRATIVE

from .conftest import expected
from .render import render


def _page(sentence: str) -> str:
    document = expected("c02")  # table 三: 95 received, 95 handled, 0 carried forward
    text = render(document, "pipes", 1, messy=False)
    return text.replace("本年度依法做好政府信息公开工作。", sentence)


def _mismatches(text: str) -> list[Any]:
    return [n for n in read(text).notes if n.code == "narrative_mismatch"]


class TestNarrative:
    def test_mismatch(self) -> None:
        """A figure the text states that the table contradicts: a warning with both
        figures, the rule id from the catalogue, and where each figure was found."""
        found = _mismatches(_page("2024年共收到政府信息公开申请96件，办结95件。"))
        assert 1 == len(found)
        note = found[0]
        assert note.severity is Severity.WARNING
        assert "narrative.new_received" == note.rule
        assert ("/applications/new_received/total",) == note.locations
        assert (95, 96, 1) == (note.expected, note.actual, note.difference)
        assert "收到政府信息公开申请96件" in note.message_zh
        assert "line" in note.message_en
        assert "line" not in note.message_zh

    def test_agreement(self) -> None:
        """Figures that agree with the table: nothing to say."""
        assert [] == _mismatches(_page("2024年共收到政府信息公开申请95件，全部办结95件。"))

    def test_unclear_figures_are_not_compared(self) -> None:
        """Two different figures for the same thing, or a figure not stated as the
        catalogue's phrase (近百件, a number without 件): no comparison, no guess."""
        two = "本年收到申请90件。其中通过网站收到申请5件。"
        assert [] == _mismatches(_page(two))
        assert [] == _mismatches(_page("本年收到申请近百件，答复及时。"))

    def test_reviews_and_lawsuits(self) -> None:
        """Table 四: reviews against 行政复议总计, lawsuits against both lawsuit totals."""
        found = _mismatches(_page("本年发生行政复议9件，行政诉讼1件。"))
        assert {"narrative.reviews", "narrative.lawsuits"} == {n.rule for n in found}

    def test_catalogue(self) -> None:
        """The checks are declared once, in the catalogue, with a registered code."""
        assert "narrative_mismatch" in CODES
        ids = [c.id for c in NARRATIVE]
        assert len(ids) == len(set(ids))
        assert all(c.id.startswith("narrative.") and c.cells and c.patterns for c in NARRATIVE)
