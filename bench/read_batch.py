"""Many published pages through `read`: a folder of N pages (web pages, page text,
PDFs, Word files, hard links to the reading fixtures), JSON Lines out, --jobs 1 and 2.

Goal (issue 9): one record a page, and peak memory of the process tree flat in N
(the batch machinery keeps a few chunks in flight). Run:
.venv/bin/python bench/read_batch.py [--pages N]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from measure import measure

SOURCES = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "reading" / "sources"
KINDS = ["c04.html", "c04.txt", "c01.pdf", "c04.docx", "c12.txt"]


def _run(folder: Path, jobs: int) -> tuple[float, int, int]:
    command = [sys.executable, "-m", "disclosure_schema", "read", "--format", "jsonl",
               "--jobs", str(jobs), str(folder)]  # fmt: skip
    return measure(command, stderr=subprocess.DEVNULL)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        for i in range(args.pages):
            kind = KINDS[i % len(KINDS)]
            os.link(SOURCES / kind, folder / f"{i:06d}{Path(kind).suffix}")
        print(f"{args.pages:,} pages ({', '.join(KINDS)} in turn); {os.cpu_count()} cores")
        for jobs in (1, 2):
            elapsed, peak, lines = _run(folder, jobs)
            assert lines == args.pages, (lines, args.pages)
            print(f"--jobs {jobs}: {elapsed:6.2f} s  {args.pages / elapsed:6.1f} pages/s  "
                  f"peak {peak / 1024:6.1f} MB (process tree)")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
