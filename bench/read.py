"""How long reading a published report takes (goals: issue 5, well under 50 ms a page;
issue 9, a text page under 20 ms, a one-line run-together page under 30 ms, a PDF
under 300 ms a page).

Run: .venv/bin/python bench/read.py
"""

from __future__ import annotations

import statistics
import timeit
from pathlib import Path

from disclosure_schema.reading import read
from disclosure_schema.reading.glued import core_char
from disclosure_schema.reading.labels import heading, match_row, number

SOURCES = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "reading" / "sources"
PAGES = {
    "c04.html (saved web page, 111 KB)": "c04.html",
    "c01.txt (PDF text, aligned)": "c01.txt",
    "c03.txt (PDF text, one cell per line)": "c03.txt",
    "c04.txt (pipe rows)": "c04.txt",
    "c12.txt (one cell per line, partial)": "c12.txt",
    "d-gwh-2022 (one line, run together)": "pingtan/d-gwh-2022.txt",
    "d-czj-2020 (one line, spaced cells)": "pingtan/d-czj-2020.txt",
    "d-scj-2025 (one line, narrative inside)": "pingtan/d-scj-2025.txt",
}
#: issue 9's goals: a text page, and a page on one line
GOALS = {"c01.txt": 20.0, "c04.txt": 20.0, "pingtan/d-gwh-2022.txt": 30.0,
         "pingtan/d-czj-2020.txt": 30.0, "pingtan/d-scj-2025.txt": 30.0}  # fmt: skip


def _source(name: str) -> bytes:
    raw = (SOURCES / name).read_bytes()
    return raw if name.endswith(".html") else raw.split(b"\n---\n", 1)[1]


#: Original files: (label, file, pages).
FILES = {
    "c01.pdf (5 pages)": ("c01.pdf", 5),
    "c02.pdf (5 pages)": ("c02.pdf", 5),
    "c03.pdf (6 pages)": ("c03.pdf", 6),
    "c04.print.pdf (browser print, 9 pages)": ("c04.print.pdf", 9),
    "c04.borderless.pdf (no rulings, 9 pages)": ("c04.borderless.pdf", 9),
    "c04.docx (Word, made from c04.html)": ("c04.docx", 1),
}


def files() -> float:
    """The slowest PDF page (ms): whole files read, divided by their pages."""
    worst = 0.0
    for label, (name, pages) in FILES.items():
        data = (SOURCES / name).read_bytes()

        def once(d: bytes = data) -> None:
            read(d)

        runs = timeit.repeat(once, number=3, repeat=5)
        ms = statistics.median(runs) / 3 * 1000
        if name.endswith(".pdf"):
            worst = max(worst, ms / pages)
        print(f"{label:<40}{len(data):>8} bytes {ms:7.1f} ms  ({ms / pages:5.1f} ms a page)")
    print(f"\nslowest PDF page: {worst:.1f} ms (goal: under 300 ms)")
    return worst


def main() -> int:
    slow_pdf = files() >= 300
    print()
    worst = 0.0
    missed = []
    for label, name in PAGES.items():
        data = _source(name)
        colds = []

        def once(d: bytes = data) -> None:
            read(d)

        for _ in range(7):  # caches emptied: the first page a process reads
            for cache in (match_row, heading, number, core_char):
                cache.cache_clear()
            colds.append(timeit.timeit(once, number=1))
        runs = timeit.repeat(once, number=20, repeat=7)
        ms = statistics.median(runs) / 20 * 1000
        cold = statistics.median(colds) * 1000
        worst = max(worst, ms, cold)
        if name in GOALS and ms >= GOALS[name]:
            missed.append(f"{label}: {ms:.1f} ms, goal {GOALS[name]:.0f} ms")
        print(f"{label:<40}{len(data):>8} bytes {ms:7.1f} ms  (first page {cold:5.1f} ms)")
    print(f"\nslowest page: {worst:.1f} ms (goal: well under 50 ms)")
    for line in missed:
        print("missed:", line)
    return 0 if worst < 50 and not missed and not slow_pdf else 1


if __name__ == "__main__":
    raise SystemExit(main())
