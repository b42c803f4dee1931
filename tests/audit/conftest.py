"""What the audit tests share."""

from __future__ import annotations

from typing import Any


def suggested(findings: list[dict[str, Any]]) -> tuple[dict[str, Any], dict[str, Any]]:
    """The cells the localisation findings name, each with its suggested value: the one
    likely wrong cell of each identity, and the cells of identities with several
    candidates."""
    likely = {f["locations"][0]: f["expected"] for f in findings
              if f["code"] == "likely_wrong_cell"}  # fmt: skip
    candidates = {
        c["pointer"]: c["expected"]
        for f in findings
        if f["code"] == "wrong_cell_candidates"
        for change in f["candidates"]
        for c in change
    }
    return likely, candidates
