"""How long derive() and add_up() take: deriving the totals of 1,000 reports, adding
up 1,000 and 10,000 reports.

Goal (issue 11): adding up 10,000 reports in under 1 s.
Run: .venv/bin/python bench/compose.py
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import disclosure_schema as ds

ROOT = Path(__file__).resolve().parent.parent
CORPUS = sorted((ROOT / "tests" / "fixtures" / "corpus").glob("c*.json"))


def _reports(count: int) -> list[ds.Report2021]:
    """``count`` valid 2021-edition reports of one year: the real 2021-edition reports of the
    corpus without blank cells, scaled by 1, 2, 3, ... (the identities are linear)."""
    bases = []
    for path in CORPUS:
        document = json.loads(path.read_bytes())
        if document["edition"] == "2021" and ds.validate(document).findings == ():
            document["year"] = 2023
            bases.append(document)
    found = []
    for i in range(count):
        document = json.loads(json.dumps(bases[i % len(bases)]))
        _scale(document, 1 + i // len(bases))
        report = ds.from_dict(document)
        assert isinstance(report, ds.Report2021)
        found.append(report)
    return found


def _scale(value: Any, factor: int) -> None:
    for key, item in value.items():
        if isinstance(item, dict) and key not in ("agency", "sections", "fees"):
            _scale(item, factor)
        elif type(item) is int and key != "year":
            value[key] = item * factor


def _blanked(report: ds.Report2021) -> ds.Report2021:
    """The report with every total derive() can fill blanked."""
    document = ds.to_dict(report)
    for node in ds.layout("2021").cells:
        if node.pointer.startswith(("/applications/", "/reviews_and_lawsuits/")) and (
            node.key == "total" or "/results/total/" in node.pointer
            or "/carried_forward/" in node.pointer
        ):  # fmt: skip
            holder = document
            for key in node.path[:-1]:
                holder = holder[key]
            holder[node.key] = None
    blanked = ds.from_dict(document)
    assert isinstance(blanked, ds.Report2021)
    return blanked


def _time(work: Callable[[], object], repeat: int = 7) -> float:
    """The median wall time of ``repeat`` runs, in seconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    print(f"Python {sys.version.split()[0]}, one core\n")
    reports = _reports(10_000)
    blanked = [_blanked(r) for r in reports[:1000]]
    assert all(ds.derive(b).report == r for b, r in zip(blanked, reports, strict=False))

    derive_1000 = _time(lambda: [ds.derive(b) for b in blanked], repeat=5)
    complete_1000 = _time(lambda: [ds.derive(r) for r in reports[:1000]], repeat=5)
    add_1000 = _time(lambda: ds.add_up(reports[:1000], agency="合计"))
    add_10000 = _time(lambda: ds.add_up(reports, agency="合计"))
    total = ds.add_up(reports, agency="合计")
    assert ds.validate(total).valid

    blank = sum(v is None for v in ds.compose.cells.cells_of(blanked[0]))
    print(f"derive, 1,000 reports with {blank} totals blank: {derive_1000:.3f} s "
          f"({derive_1000 * 1000:.0f} µs a report)")  # fmt: skip
    print(f"derive, 1,000 complete reports:             {complete_1000:.3f} s "
          f"({complete_1000 * 1000:.0f} µs a report)")  # fmt: skip
    print(f"add_up, 1,000 reports:                      {add_1000:.3f} s")
    print(f"add_up, 10,000 reports:                     {add_10000:.3f} s (goal < 1 s)")
    return 0 if add_10000 < 1 else 1


if __name__ == "__main__":
    raise SystemExit(main())
