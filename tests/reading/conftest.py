"""Sources of the reading tests: the published text of each corpus report (the part
below its '---' header line), copied into tests/fixtures/reading/sources."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import disclosure_schema as ds
from disclosure_schema.reading import Reading

FIXTURES = Path(__file__).parent.parent / "fixtures"
SOURCES = FIXTURES / "reading" / "sources"


def source(name: str) -> bytes:
    """The published bytes: an HTML page, or a text file without its corpus header."""
    if name.endswith(".html"):
        return (SOURCES / name).read_bytes()
    raw = (SOURCES / f"{name}.txt").read_bytes()
    return raw.split(b"\n---\n", 1)[1]


def header(name: str) -> dict[str, str]:
    raw = (SOURCES / f"{name}.txt").read_text(encoding="utf-8").split("\n---\n", 1)[0]
    return dict(line.split(": ", 1) for line in raw.splitlines() if ": " in line)


def expected(name: str) -> dict[str, Any]:
    """What a person reads from the source: reading/cNN.json where the text supports
    less than the original, else corpus/cNN.json."""
    stem = name.removesuffix(".html")
    override = FIXTURES / "reading" / f"{stem}.json"
    path = override if override.exists() else FIXTURES / "corpus" / f"{stem}.json"
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def cells(document: dict[str, Any]) -> dict[str, Any]:
    """Every table cell of a report document, by JSON Pointer."""
    out = {}
    for node in ds.layout(document["edition"]).cells:
        value: Any = document
        for part in node.path:
            value = value[part]
        out[node.pointer] = value
    return out


def sum_failures(document: dict[str, Any]) -> set[tuple[str | None, tuple[str, ...]]]:
    """The identities (rule, cells) a report document breaks."""
    result = ds.validate(ds.from_dict(document))
    return {(f.rule, f.locations) for f in result.findings if f.code == "sum_mismatch"}


def assert_table4_unread(reading: Reading) -> None:
    """Table 四 all null, with a note that a row of it could not be placed."""
    assert reading.report is not None
    t4 = ds.to_dict(reading.report)["reviews_and_lawsuits"]
    assert all(v is None for group in t4.values() for v in group.values())
    unassigned = [n for n in reading.notes if n.code == "reading_unassigned"]
    assert any("/reviews_and_lawsuits/lawsuit_after_review/total" in n.locations
               for n in unassigned)  # fmt: skip
