"""The command line on the adversarial review's worst inputs (issue 12): wall time and
peak memory (wait4's, workers included, through the fuzz harness's launcher), one
input at a time.

Run: .venv/bin/python bench/hostile.py
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests.fuzz.cases import Case  # the harness runner: the same measurement
from tests.fuzz.run import run

LINE = json.dumps(
    json.loads(
        (Path(__file__).resolve().parent.parent / "examples" / "baotou-2021.json").read_bytes()
    )
).encode()


def _inputs() -> dict[str, tuple[str, bytes, list[str]]]:
    """name -> (file name, content, command)."""
    bomb = "<td rowspan=200 colspan=200>x</td>"
    return {
        "1.25 million unknown keys (15 MB)": (
            "many.json",
            LINE[:-1] + b"," + b",".join(b'"u%d":0' % i for i in range(1_250_000)) + b"}",
            ["validate", "--format", "jsonl"],
        ),
        "100,000 duplicated pairs (1 MB)": (
            "dup.json",
            b"{" + b",".join(b'"k%d":0' % (i % 50_000) for i in range(100_000)) + b"}",
            ["validate", "--format", "jsonl"],
        ),
        "span bomb, 200 rows (8.7 KB)": (
            "bomb.html",
            ("<html><body><table>" + f"<tr>{bomb}</tr>" * 200 + "</table></body></html>").encode(),
            ["read"],
        ),
        "span bomb, 80,000 rows (3.6 MB)": (
            "bomb.html",
            (
                "<html><body><table>" + f"<tr>{bomb}</tr>" * 80_000 + "</table></body></html>"
            ).encode(),
            ["read"],
        ),
        "a 50 MB page (refused: over 8 MiB)": ("big.html", b"<p>" + b"x" * (50 << 20), ["read"]),
    }


def main() -> int:
    for name, (file, content, command) in _inputs().items():
        with tempfile.TemporaryDirectory() as where:
            case = Case(name, (*(c.encode() for c in command), file.encode()),
                        ((file.encode(), content),), records=None)  # fmt: skip
            folder = Path(where) / "run"
            folder.mkdir()
            outcome = run(case, folder, 600)
        print(f"{name}: {outcome.seconds:.2f} s, {outcome.peak_mib:.0f} MiB, "
              f"exit {outcome.code}")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
