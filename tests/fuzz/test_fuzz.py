"""The command line on hostile input: one record per input, an exit code in {0, 1, 2},
no traceback, bounded time and memory, no process left behind.

``FUZZ_PROFILE=fast`` (the default, part of ``make test``) runs the review's cases at a
small size and a few dozen generated mixtures; ``FUZZ_PROFILE=long`` (``make fuzz``)
runs them at full size and hundreds of generated mixtures; ``FUZZ_SEED`` picks the
mixtures (a failure names its case, seed included).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Final

import pytest

from .cases import Case, fixed, generated
from .run import Outcome, run

PROFILE: Final = os.environ.get("FUZZ_PROFILE", "fast")
SEED: Final = int(os.environ.get("FUZZ_SEED", "12"))
COUNT: Final = {"fast": 24, "long": 400}[PROFILE]
#: Per input, generous for a shared machine: the largest input of the long profile
#: (15 MB with 1.25 million unknown keys) takes about 8 s and 310 MiB alone.
SECONDS: Final = {"fast": 30.0, "long": 90.0}[PROFILE]
#: Peak resident set of the command or any worker (the launcher adds about 10 MiB).
PEAK_MIB: Final = {"fast": 200.0, "long": 512.0}[PROFILE]

CASES: Final = [*fixed(PROFILE), *generated(SEED, COUNT)]


def _records(outcome: Outcome) -> int:
    return sum(1 for line in outcome.stdout.splitlines() if line.strip() and json.loads(line))


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_hostile_input(case: Case, tmp_path: Path) -> None:
    outcome = run(case, tmp_path, SECONDS)
    assert outcome.code is not None, f"killed after {SECONDS} s"
    assert outcome.code in (0, 1, 2), outcome.stderr[-2000:]
    assert b"Traceback" not in outcome.stderr, outcome.stderr[-2000:]
    assert outcome.seconds <= SECONDS
    assert outcome.peak_mib <= PEAK_MIB, outcome.peak_mib
    if case.stdout in ("closed", "full"):
        assert 2 == outcome.code
        assert 1 == len(outcome.stderr.splitlines()), outcome.stderr
    elif case.records is not None:
        assert case.records == _records(outcome), outcome.stdout[-2000:]
        if outcome.code == 0:
            assert all(json.loads(line)["valid"] for line in outcome.stdout.splitlines())
    elif case.args[0] == b"validate":
        assert outcome.stdout  # text or json: something was written for the inputs
    assert () == outcome.left  # no worker outlives the run
