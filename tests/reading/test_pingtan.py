"""Department pages of 平潭综合实验区 as crawlers keep them (issue 9, family A): the
whole report on one line, cells run together. Each is compared, cell by cell and null
by null, with a hand transcription (tests/fixtures/reading/pingtan/NAME.json, the
reasons for each null in NAME.notes.md)."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

import disclosure_schema as ds
from disclosure_schema.reading import read

from .conftest import FIXTURES, cells, sum_failures

SOURCES = FIXTURES / "reading" / "sources" / "pingtan"
EXPECTED = FIXTURES / "reading" / "pingtan"
NAMES = sorted(p.stem for p in SOURCES.glob("d-*.txt"))

#: Where the reader rightly gives another name than the transcription.
AGENCY = {
    # named only in a contact sentence (请与X联系), which the reader never takes
    "d-gwh-2023": None,
    "d-gwh-2024": None,
    "d-gwh-2025": None,
    # no title; the signature prints 财政全融局 (sic), and nothing is silently corrected
    "d-czj-2022": "平潭综合实验区财政全融局",
}


def _source(name: str) -> bytes:
    return (SOURCES / f"{name}.txt").read_bytes().split(b"\n---\n", 1)[1]


def _expected(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((EXPECTED / f"{name}.json").read_text(encoding="utf-8"))
    return data


def test_all_there() -> None:
    """35 pages, each with its transcription and notes."""
    assert 35 == len(NAMES)
    for name in NAMES:
        assert (EXPECTED / f"{name}.json").exists()
        assert (EXPECTED / f"{name}.notes.md").exists()


@pytest.mark.parametrize("name", NAMES)
def test_every_cell(name: str) -> None:
    """Every cell and every null equals the transcription: no wrong number, nothing a
    careful person reads left out, nothing a careful person leaves open filled in."""
    want = _expected(name)
    reading = read(_source(name))
    assert reading.report is not None
    got = ds.to_dict(reading.report)
    agency = AGENCY.get(name, want["agency"]["name"])
    assert (want["edition"], want["year"], agency) == (got["edition"], got["year"], reading.agency)
    assert cells(want) == cells(got)


@pytest.mark.parametrize("name", NAMES)
def test_identity_failures_preserved(name: str) -> None:
    """The report read from the page fails exactly the identities the page's own
    figures fail."""
    reading = read(_source(name))
    assert reading.report is not None
    assert sum_failures(_expected(name)) == sum_failures(ds.to_dict(reading.report))


@pytest.mark.parametrize("name", NAMES)
def test_every_null_is_explained(name: str) -> None:
    """Every null cell is covered by a note that says why (the readings a row allows,
    numbers that may span rows, a row the page does not print)."""
    reading = read(_source(name))
    assert reading.report is not None
    covered = [loc for note in reading.notes for loc in note.locations]
    for pointer, value in cells(ds.to_dict(reading.report)).items():
        if value is None:
            assert any(pointer == loc or pointer.startswith(loc + "/") for loc in covered), pointer


def _all_sources() -> list[bytes]:
    corpus = sorted((FIXTURES / "reading" / "sources").glob("c*.txt"))
    pages = [p.read_bytes().split(b"\n---\n", 1)[1] for p in corpus]
    return pages + [_source(name) for name in NAMES]


def test_chinese_notes_are_chinese() -> None:
    """A Chinese note has no English in it (places, reasons, row names), apart from
    null and HTML; English notes name the tables 二, 三, 四 as the format does."""
    for page in _all_sources():
        for note in read(page).notes:
            zh = note.message_zh.replace("null", "").replace("HTML", "")
            assert not re.search(r"[A-Za-z]{2,}", zh), note.message_zh


@pytest.mark.parametrize("name", NAMES[::5])
def test_in_a_page(name: str) -> None:
    """The same text kept in an HTML page whose table markup was lost (one paragraph)
    reads to the same report."""
    text = _source(name).decode("utf-8")
    page = f"<html><head><meta charset='utf-8'></head><body><p>{text}</p></body></html>"
    assert read(_source(name)).report == read(page.encode("utf-8")).report
