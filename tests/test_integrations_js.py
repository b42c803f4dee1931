"""Outside Python: Ajv and a 50-line JavaScript rule evaluator, reading only schemas/,
give the same verdicts and the same failing rule ids as the library."""

from __future__ import annotations

import copy
import json
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import disclosure_schema as ds
from disclosure_schema.strategies import documents, planted_errors

from .table_layout import cells, zero_document

ROOT = Path(__file__).parent.parent
CHECK = ROOT / "integrations" / "js" / "check.mjs"
NODE = shutil.which("node")

pytestmark = [
    pytest.mark.skipif(NODE is None, reason="node is not installed (CI has it)"),
    pytest.mark.skipif(
        not (ROOT / "integrations" / "js" / "node_modules" / "ajv").exists(),
        reason="Ajv is not installed: run `make npm` (make test does)",
    ),
]

WRONG = [True, False, 1.5, "1", -1, 2**53, None, {}, [], ""]


@st.composite
def wrong_value(draw: st.DrawFn) -> dict[str, Any]:
    """A complete report with one wrong value at a random cell or meta position."""
    edition = draw(st.sampled_from(["2021", "2019"]))
    document = zero_document(edition)
    pointer = draw(st.sampled_from([*cells(edition), "/year", "/agency/name", "/edition",
                                    "/published_on", "/fees/amount_collected"]))  # fmt: skip
    *path, key = pointer.split("/")[1:]
    holder: Any = document
    for part in path:
        holder = holder[part]
    holder[key] = copy.deepcopy(draw(st.sampled_from(WRONG)))
    return document


CASES = st.one_of(
    documents(zeros=0.5),
    documents(nulls=0.1),
    documents(sizes="large"),
    planted_errors(max_changes=3).map(lambda p: ds.to_dict(p.perturbed)),
    wrong_value(),
    st.sampled_from([[], "report", 3, None, {}, {"edition": "2020"}]),
)


def _compare(docs: list[Any]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "documents.json"
        path.write_text(json.dumps(docs, ensure_ascii=False), encoding="utf-8")
        assert NODE is not None
        output = subprocess.run(
            [NODE, str(CHECK), str(path)], check=True, capture_output=True, text=True,
            timeout=120,
        ).stdout  # fmt: skip
    verdicts = json.loads(output)
    assert len(docs) == len(verdicts)
    for document, js in zip(docs, verdicts, strict=True):
        result = ds.validate(document)
        structural = not any(f.category in ("input", "structure") for f in result.errors)
        assert structural == js["schema_valid"], (document, js["schema_errors"])
        if structural:
            failed = [f.rule for f in result.findings if f.status is ds.Status.FAILED]
            skipped = [f.rule for f in result.findings if f.status is ds.Status.NOT_ASSESSABLE]
            assert (failed, skipped) == (js["failed"], js["not_assessable"])


@settings(
    max_examples=60,
    suppress_health_check=[
        HealthCheck.large_base_example,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)
@given(st.lists(CASES, min_size=5, max_size=5))
def test_same_verdicts_in_javascript(docs: list[Any]) -> None:
    """Ajv accepts exactly what the library loads; the JS evaluator fails and skips
    exactly the rules the library does (60 runs of 5 documents: 300 documents)."""
    _compare(docs)


def test_real_reports_in_javascript() -> None:
    """The transcribed corpus and the examples get the same verdicts in JavaScript."""
    paths = sorted((ROOT / "tests" / "fixtures" / "corpus").glob("c*.json"))
    paths += sorted((ROOT / "examples").glob("*.json"))
    _compare([json.loads(p.read_bytes()) for p in paths])


@st.composite
def report_pairs(draw: st.DrawFn) -> list[Any]:
    """Two reports of one agency for consecutive years, agreeing or not, blanks allowed."""
    pairs: list[tuple[ds.Edition, ds.Edition]] = [
        ("2021", "2021"),
        ("2019", "2021"),
        ("2019", "2019"),
    ]
    editions = draw(st.sampled_from(pairs))
    nulls = draw(st.sampled_from([0.0, 0.05]))
    before = draw(documents(edition=editions[0], zeros=0.9, sizes="small", nulls=nulls))
    after = draw(documents(edition=editions[1], zeros=0.9, sizes="small"))
    after["agency"] = before["agency"]
    if draw(st.booleans()):  # agreeing carry-over, with maybe one column off
        rows = after["applications"]
        rows["carried_over"] = dict(before["applications"]["carried_forward"])
        if draw(st.booleans()):
            key = draw(st.sampled_from(sorted(rows["carried_over"])))
            old = rows["carried_over"][key]
            rows["carried_over"][key] = None if old is None else old + 1
    return [before, after]


@settings(
    max_examples=20,
    suppress_health_check=[
        HealthCheck.large_base_example,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)
@given(st.lists(report_pairs(), min_size=1, max_size=2))
def test_same_cross_report_verdicts_in_javascript(pairs: list[Any]) -> None:
    """The JS evaluator, reading only the rule files, fails and skips exactly the
    cross-report rules ds.check_pair() does (20 runs of 1-2 pairs)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "pairs.json"
        path.write_text(json.dumps(pairs, ensure_ascii=False), encoding="utf-8")
        assert NODE is not None
        output = subprocess.run(
            [NODE, str(CHECK), "--pairs", str(path)], check=True, capture_output=True,
            text=True, timeout=120,
        ).stdout  # fmt: skip
    for (before, after), js in zip(pairs, json.loads(output), strict=True):
        findings = [f for f in ds.check_pair(before, after) if f.rule and f.rule.startswith("x.")]
        failed = [f.rule for f in findings if f.status is ds.Status.FAILED]
        skipped = [f.rule for f in findings if f.status is ds.Status.NOT_ASSESSABLE]
        assert (failed, skipped) == (js["failed"], js["not_assessable"])


@pytest.mark.parametrize("text", ['{"edition": "2021"}', "[[1]]", "[1, 2]", "null"])
def test_pairs_that_are_not_pairs(text: str, tmp_path: Path) -> None:
    """A pairs file that is no array of two-item arrays is one line on stderr and exit
    2, not a stack trace."""
    path = tmp_path / "pairs.json"
    path.write_text(text, encoding="utf-8")
    assert NODE is not None
    done = subprocess.run(
        [NODE, str(CHECK), "--pairs", str(path)], capture_output=True, text=True, check=False
    )  # fmt: skip
    assert done.returncode == 2
    assert done.stderr.startswith("check.mjs: ")
    assert done.stderr.count("\n") == 1
    assert done.stdout == ""
