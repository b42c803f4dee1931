"""Real published reports: every cell and every null, as people read them by hand."""

from __future__ import annotations

import random
import re
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import disclosure_schema as ds
from disclosure_schema.reading import Reading, read
from disclosure_schema.reading.labels import match_row

from .conftest import expected, header, source

WITH_TABLES = [f"c{i:02d}" for i in range(1, 18)] + ["c04.html"]
NARRATIVE_ONLY = ["c18", "c19", "c20", "c21", "c22"]

#: The notes each source must get (besides the edition note), decided by reading it.
NOTES = {
    "c01": {"reading_merged_row", "reading_label_variant"},  # one （六） row; 行政止公开
    "c02": {"reading_merged_row", "reading_label_variant"},
    "c03": {"reading_detached_labels", "reading_unassigned"},  # labels after numbers; 表四
    "c04": {"reading_label_variant"},  # 规范性文件 in a 2021 report
    "c04.html": {"reading_label_variant"},
    "c05": {"reading_truncated"},
    "c06": {"reading_truncated"},
    "c07": {"reading_truncated", "reading_meta_missing"},  # only 我局
    "c08": {"reading_truncated"},
    "c09": {"reading_truncated", "reading_meta_missing"},  # ends inside a row
    "c10": {"reading_truncated"},
    "c11": {"reading_truncated"},
    "c12": {"reading_truncated"},
    "c13": {"reading_truncated"},
    "c14": {"reading_truncated", "reading_meta_missing"},  # named only in a contact sentence
    "c15": {"reading_truncated"},
    "c16": {"reading_truncated", "reading_unassigned", "reading_meta_missing"},
    "c17": {"reading_truncated"},  # ends inside a row
}


#: Where the reader rightly gives another agency name than the corpus file: the text
#: names the agency only in a contact sentence (请与X办公室联系), which is never taken.
AGENCY = {"c14": None}


def _cells(report: Any) -> dict[str, Any]:
    lay = ds.layout(report.edition)
    data = ds.to_dict(report)
    out = {}
    for node in lay.cells:
        value: Any = data
        for part in node.path:
            value = value[part]
        out[node.pointer] = value
    return out


def _expected_cells(document: dict[str, Any]) -> dict[str, Any]:
    document = {k: v for k, v in document.items() if k != "fees"}
    return _cells(ds.from_dict(document))


class TestCorpus:
    @pytest.mark.parametrize("name", WITH_TABLES)
    def test_every_cell(self, name: str) -> None:
        """Every cell and every null equals the hand transcription of the source."""
        reading = read(source(name))
        want = expected(name)
        assert reading.report is not None
        agency = AGENCY.get(name, want["agency"]["name"])
        assert (want["edition"], want["year"], agency) == (
            reading.edition, reading.year, reading.agency,
        )  # fmt: skip
        assert _expected_cells(want) == _cells(reading.report)

    @pytest.mark.parametrize("name", WITH_TABLES)
    def test_notes(self, name: str) -> None:
        """Each source gets exactly the notes its text calls for."""
        codes = {n.code for n in read(source(name)).notes} - {"reading_edition"}
        assert NOTES[name] == codes

    @pytest.mark.parametrize("name", WITH_TABLES)
    def test_provenance(self, name: str) -> None:
        """Every number in the report was read from the source, and says from where."""
        reading = read(source(name))
        assert reading.report is not None
        text = source(name).decode("utf-8")
        filled = {p: v for p, v in _cells(reading.report).items() if v is not None}
        sourced = {p.pointer: p for p in reading.provenance}
        assert set(filled) <= set(sourced)
        for pointer in filled:
            assert sourced[pointer].raw.strip() in text, pointer
            assert sourced[pointer].where

    @pytest.mark.parametrize("name", NARRATIVE_ONLY)
    def test_narrative_only(self, name: str) -> None:
        """A report with no tables: its year, every cell null, and a note saying so."""
        reading = read(source(name))
        assert reading.report is not None
        assert int(header(name)["year"]) == reading.year
        assert set(_cells(reading.report).values()) == {None}
        assert "reading_truncated" in {n.code for n in reading.notes}

    def test_html_and_text_agree(self) -> None:
        """The saved page c04.html and its text give the same report."""
        assert read(source("c04.html")).report == read(source("c04")).report

    def test_edition_reason(self) -> None:
        """The edition comes with the reason for it."""
        reading = read(source("c05"))
        reason = "table 二's column headers are those of the 2019 edition (本年新制作数量)"
        assert ("2019", reason) == (reading.edition, reading.edition_reason)


# -- robustness -----------------------------------------------------------------------------


def _mutate(text: str, rng: random.Random) -> str:
    lines = text.split("\n")
    for _ in range(rng.randint(1, 6)):
        action = rng.choice(["drop", "swap", "junk", "truncate", "duplicate", "digits"])
        if not lines:
            break
        at = rng.randrange(len(lines))
        if action == "drop":
            del lines[at]
        elif action == "swap":
            cells = lines[at].split("|")
            if len(cells) > 2:
                i, j = rng.sample(range(len(cells)), 2)
                cells[i], cells[j] = cells[j], cells[i]
                lines[at] = "|".join(cells)
        elif action == "junk":
            junk = "".join(chr(rng.randrange(0x20, 0x9FFF)) for _ in range(rng.randrange(1, 30)))
            lines.insert(at, junk)
        elif action == "truncate":
            lines = lines[:at]
            if lines:
                lines[-1] = lines[-1][: rng.randrange(len(lines[-1]) + 1)]
        elif action == "duplicate":
            lines.insert(at, lines[at])
        else:
            lines[at] = re.sub(r"\d", lambda _: str(rng.randrange(10)), lines[at])
    return "\n".join(lines)


def _check_invariants(reading: Reading, text: str) -> None:
    """No number without a recognised label; nothing invented."""
    if reading.report is None:
        assert reading.notes
        return
    filled = {p: v for p, v in _cells(reading.report).items() if v is not None}
    sourced = {p.pointer: p for p in reading.provenance}
    assert set(filled) <= set(sourced), "a number with no source"
    for pointer in filled:
        origin = sourced[pointer]
        assert origin.raw.strip() in text
        if origin.label == "表四" or origin.label.startswith("("):
            continue  # table 四's one row, or rows placed by the table's row order
        found = match_row(origin.label, None)
        assert found is not None, origin
        assert found.key is not None
        row = pointer.split("/")[2:-1] if pointer.startswith("/applications") else None
        if row is not None and found.key != "results/other":
            assert "/".join(row) == found.key, (pointer, origin)


class TestRobustness:
    @settings(max_examples=300)
    @given(st.sampled_from(WITH_TABLES[:-1] + NARRATIVE_ONLY), st.randoms(use_true_random=False))
    def test_mutated_sources(self, name: str, rng: random.Random) -> None:
        """Dropped lines, swapped cells, junk, truncation: never an exception, never a
        number under a label that was not recognised, and notes for what went missing."""
        original = read(source(name))
        text = _mutate(source(name).decode("utf-8"), rng)
        reading = read(text)
        _check_invariants(reading, text)
        if original.report is not None and reading.report is not None:
            before = sum(v is not None for v in _cells(original.report).values())
            after = sum(v is not None for v in _cells(reading.report).values())
            if after < before:
                assert {n.code for n in reading.notes} - {"reading_edition", "reading_encoding"}

    @given(st.binary(max_size=2000))
    def test_arbitrary_bytes(self, data: bytes) -> None:
        """Any bytes: a Reading, never an exception."""
        reading = read(data)
        assert isinstance(reading.notes, tuple)

    @given(st.text(max_size=2000))
    def test_arbitrary_text(self, text: str) -> None:
        """Any text: a Reading, never an exception, nothing invented."""
        _check_invariants(read(text), text)
