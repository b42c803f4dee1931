"""A reporting tool's code type-checks: derive and add_up give back the report type they
are given, and building from blank and zero reports needs no casts."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SNIPPET = """\
from pathlib import Path
import disclosure_schema as ds

blank = ds.Report2021.blank(year=2024, agency="x")
row = ds.ApplicantRow.from_mapping({"natural_person": 1})
filled = blank.evolve(applications=blank.applications.evolve(new_received=row))
reveal_type(ds.derive(filled).report)
loaded = ds.loads(Path("r.json").read_bytes())
reveal_type(ds.add_up([loaded, loaded], agency="y"))
reveal_type(ds.add_up([blank, filled], agency="y"))
reveal_type(ds.Report2019.zero(year=2020, agency="x"))
reveal_type(ds.compare(blank, loaded)[0].pointer)
"""


def test_revealed_types(tmp_path: Path) -> None:
    path = tmp_path / "tool.py"
    path.write_text(SNIPPET, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(tmp_path / "cache"),
         str(path)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    revealed = [
        line.split('Revealed type is "')[1].rstrip('"')
        for line in done.stdout.splitlines()
        if "Revealed type" in line
    ]
    model = "disclosure_schema.model."
    assert revealed == [
        f"{model}Report2021",
        f"{model}Report2021 | {model}Report2019",
        f"{model}Report2021",
        f"{model}Report2019",
        "str",
    ], done.stdout
    assert ": error:" not in done.stdout
