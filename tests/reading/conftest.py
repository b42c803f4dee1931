"""Sources of the reading tests: the published text of each corpus report (the part
below its '---' header line), copied into tests/fixtures/reading/sources."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

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
