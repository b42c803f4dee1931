"""A province's worth of reports through the command line: 100,000 realistic reports
as JSON Lines (10% with planted errors), ``--format jsonl``, with --jobs 1 and 2.

Goal (issue 4): under 10 s with --jobs 2 on a 2-core machine, and peak memory under
200 MB (the whole process tree, sampled from /proc) whatever the input size.
With --series (issue 8) the reports are 50,000 agencies x 2 consecutive years, run
without and with ``validate --series``: the goal is within 1.5x.
Run: .venv/bin/python bench/batch.py [--reports N] [--series]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import time
import warnings
from pathlib import Path
from typing import Any

from hypothesis.errors import NonInteractiveExampleWarning

from disclosure_schema.strategies import documents

sys.path.insert(0, str(Path(__file__).resolve().parent))

from measure import measure


def _generate(path: Path, count: int, seed: int = 7, series: bool = False) -> int:
    """Write ``count`` reports: 120 distinct realistic ones (mostly zero, as most real
    reports are), each line with its own agency, 10% with one cell changed."""
    rng = random.Random(seed)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", NonInteractiveExampleWarning)
        base = [documents(edition="2021", zeros=0.7).example() for _ in range(80)]
        base += [documents(edition="2019", zeros=0.7).example() for _ in range(40)]

    def line(document: dict[str, Any]) -> str:
        document = {**document, "agency": {"name": "@AGENCY@"}, "year": 1}
        text = json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n"
        year = 2019 if document["edition"] == "2019" else 2022
        return text.replace('"year":1', f'"year":{year}@YEAR@')

    if series:
        base = [doc for first in base for doc in _two_years(first)]
    valid = [line(d) for d in base]
    broken_lines = []
    for document in base:
        changed: dict[str, Any] = json.loads(json.dumps(document))
        row = changed["applications"]["results"]["withheld"]["state_secret"]
        row["natural_person"] += rng.randint(1, 5)
        broken_lines.append(line(changed))
    broken = 0
    with path.open("w", encoding="utf-8") as out:
        for i in range(count):
            template = broken_lines if i % 10 == 0 else valid
            broken += i % 10 == 0
            if series:  # agency i // 2, years Y and Y + 1 (a pair of templates)
                pair = (i // 2) % (len(base) // 2)
                text = template[2 * pair + i % 2].replace("@AGENCY@", f"某县第{i // 2}局")
                year = "@YEAR@"
                text = text.replace(f"2019{year}", "2019" if i % 2 == 0 else "2020")
                text = text.replace(f"2022{year}", "2022" if i % 2 == 0 else "2023")
            else:
                text = template[i % len(base)].replace("@AGENCY@", f"某县第{i}局")
                text = text.replace("@YEAR@", "")
            out.write(text)
    return broken


def _two_years(document: dict[str, Any]) -> list[dict[str, Any]]:
    """One agency's reports for two consecutive years that agree across the years, as
    most real ones do: carried over = last year's carried forward, documents in force
    follow, and table 3 is not a copy (one more request, disclosed, in the second)."""
    first: dict[str, Any] = json.loads(json.dumps(document))
    t3 = first["applications"]
    for column, value in t3["carried_forward"].items():
        t3["carried_over"][column] = value
        t3["new_received"][column] = t3["results"]["total"][column]
    if first["edition"] == "2021":
        for key in ("regulations", "normative_documents"):
            first["proactive"][key]["repealed"] = first["proactive"][key]["issued"]
    second: dict[str, Any] = json.loads(json.dumps(first))
    t3 = second["applications"]
    for row in (t3["new_received"], t3["results"]["disclosed"], t3["results"]["total"]):
        row["natural_person"] += 1
        row["total"] += 1
    return [first, second]


def _run(path: Path, jobs: int, series: bool = False) -> tuple[float, int, int]:
    command = [sys.executable, "-m", "disclosure_schema", "validate", "--format", "jsonl",
               "--jobs", str(jobs), str(path), *(["--series"] if series else [])]  # fmt: skip
    return measure(command)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reports", type=int, default=100_000)
    parser.add_argument("--series", action="store_true", help="agencies x 2 years, both ways")
    args = parser.parse_args()
    if args.series:
        return _series(args.reports)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "reports.jsonl"
        started = time.perf_counter()
        broken = _generate(path, args.reports)
        size = path.stat().st_size
        made = time.perf_counter() - started
        print(
            f"{args.reports:,} reports ({broken:,} broken), {size / 1e6:,.0f} MB, "
            f"generated in {made:.1f} s; {os.cpu_count()} cores"
        )
        ok = True
        for jobs in (1, 2):
            elapsed, peak, lines = _run(path, jobs)
            assert lines == args.reports, (lines, args.reports)
            rate = args.reports / elapsed
            print(f"--jobs {jobs}: {elapsed:6.2f} s  {rate:8,.0f} reports/s  "
                  f"peak {peak / 1024:6.1f} MB (process tree)")  # fmt: skip
            if jobs == 2:
                ok = elapsed < 10 and peak < 200 * 1024
    return 0 if ok else 1


def _series(count: int) -> int:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "reports.jsonl"
        broken = _generate(path, count, series=True)
        print(f"{count // 2:,} agencies x 2 years ({broken:,} broken), "
              f"{path.stat().st_size / 1e6:,.0f} MB; {os.cpu_count()} cores")  # fmt: skip
        ratios = []
        for jobs in (1, 2):
            plain, plain_peak, lines = _run(path, jobs)
            assert lines == count
            series, series_peak, lines = _run(path, jobs, series=True)
            assert lines == count
            ratios.append(series / plain)
            print(f"--jobs {jobs}: {plain:6.2f} s without --series, {series:6.2f} s with "
                  f"({series / plain:.2f}x); peak {plain_peak / 1024:.0f} MB / "
                  f"{series_peak / 1024:.0f} MB")  # fmt: skip
    return 0 if max(ratios) <= 1.5 else 1


if __name__ == "__main__":
    raise SystemExit(main())
