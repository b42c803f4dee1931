"""The audit report over a province's worth of reports: the 100,000 realistic reports
of batch.py (JSON Lines, 10% broken), ``validate --format jsonl`` against ``audit``,
each with --jobs 1 and 2; wall time, peak memory of the process tree, what audit wrote.

Goal (issue 10): audit within 3x the time of validate on the same batch, in bounded
memory (pages are written as the records arrive). With --series the reports are
batch.py's agencies x 2 consecutive years, and both commands run with --series.
Run: .venv/bin/python bench/audit.py [--reports N] [--series]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from batch import _generate
from measure import measure


def _size(folder: Path) -> tuple[int, int]:
    """Bytes and files under a folder."""
    total = files = 0
    for root, _, names in os.walk(folder):
        for name in names:
            files += 1
            total += os.path.getsize(os.path.join(root, name))
    return total, files


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reports", type=int, default=100_000)
    parser.add_argument("--series", action="store_true", help="agencies x 2 years, --series")
    args = parser.parse_args()
    series = ["--series"] if args.series else []
    cli = [sys.executable, "-m", "disclosure_schema"]
    ok = True
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "reports.jsonl"
        broken = _generate(path, args.reports, series=args.series)
        print(f"{args.reports:,} reports ({broken:,} broken), "
              f"{path.stat().st_size / 1e6:,.0f} MB; {os.cpu_count()} cores")  # fmt: skip
        for jobs in (1, 2):
            validate, v_peak, _ = measure(
                [*cli, "validate", *series, "--format", "jsonl", "--jobs", str(jobs), str(path)]
            )
            out = Path(folder) / f"audit-{jobs}"
            audit, a_peak, _ = measure(
                [*cli, "audit", *series, "--jobs", str(jobs), "-o", str(out), str(path)]
            )
            size, files = _size(out)
            ratio = audit / validate
            print(f"--jobs {jobs}: validate {validate:6.2f} s (peak {v_peak / 1024:5.1f} MB); "
                  f"audit {audit:6.2f} s (peak {a_peak / 1024:5.1f} MB) = {ratio:.2f}x; "
                  f"wrote {files:,} files, {size / 1e6:,.0f} MB")  # fmt: skip
            ok = ok and ratio <= 3
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
