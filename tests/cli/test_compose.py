"""``derive``, ``sum`` and ``diff`` on the command line: output and exit codes."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

import disclosure_schema as ds

from .. import table_layout as tl
from .conftest import Run
from .test_main import BAD, BROKEN, EXAMPLE


def _write(path: Path, report: ds.Report2021 | ds.Report2019) -> str:
    path.write_text(ds.dumps(report), encoding="utf-8")
    return str(path)


def _without_totals(tmp_path: Path) -> str:
    """The example with table 3's 总计 column and table 4's totals blanked."""
    document = json.loads(EXAMPLE.read_bytes())
    for row in tl.ROWS["2021"]:
        tl.put(document, tl.t3(row, "total"), None)
    for group in tl.T4_GROUPS:
        tl.put(document, f"/reviews_and_lawsuits/{group}/total", None)
    path = tmp_path / "blanked.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return str(path)


class TestDerive:
    def test_fills_totals(self, tmp_path: Path) -> None:
        """Exit 0, the derived report on stdout equal to the original, a count on stderr."""
        run = Run("derive", _without_totals(tmp_path), "--lang", "en")
        assert run.code == 0, run.err
        assert ds.loads(run.out) == ds.loads(EXAMPLE.read_bytes())
        assert "28 total cells filled in" in run.err

    def test_output_file_and_stdin(self, tmp_path: Path) -> None:
        out = tmp_path / "out.json"
        blanked = Path(_without_totals(tmp_path)).read_bytes()
        run = Run("derive", "-", "-o", str(out), stdin=blanked)
        assert (run.code, run.out) == (0, b"")
        assert ds.loads(out.read_bytes()) == ds.loads(EXAMPLE.read_bytes())
        assert "disclosure-schema derive：填入 28 个总计单元格" in run.err  # a Chinese colon

    def test_disagreement(self) -> None:
        """A filled total that disagrees: exit 1, the findings on stderr, nothing changed."""
        run = Run("derive", str(BROKEN), "--lang", "en")
        assert run.code == 1
        assert ds.loads(run.out) == ds.loads(BROKEN.read_bytes())
        assert run.err.count("difference") == 3

    @pytest.mark.parametrize("name", ["truncated.json", "array.json", "missing.json"])
    def test_unreadable(self, name: str) -> None:
        run = Run("derive", str(BAD / name))
        assert (run.code, run.out) == (2, b"")
        assert re.search(rf"{re.escape(name)}[:：]", run.err), run.err

    def test_unreadable_named_once(self) -> None:
        """A file that cannot be read is named once, not before its own message too."""
        missing = str(BAD / "missing.json")
        run = Run("derive", missing, "--lang", "en")
        assert run.code == 2
        assert run.err.count(missing) == 1, run.err


class TestSum:
    def test_adds_up(self, tmp_path: Path) -> None:
        run = Run("sum", str(EXAMPLE), str(EXAMPLE), str(EXAMPLE), "--agency", "某市合计")
        assert run.code == 0, run.err
        total = ds.loads(run.out)
        one = ds.loads(EXAMPLE.read_bytes())
        assert total.agency == ds.Agency(name="某市合计")
        assert total.applications.new_received.total == 3 * (
            one.applications.new_received.total or 0
        )
        out = tmp_path / "sum.json"
        assert Run("sum", str(EXAMPLE), "--agency", "x", "-o", str(out)).code == 0
        assert ds.loads(out.read_bytes()).agency.name == "x"

    def test_invalid_input_makes_an_invalid_sum(self) -> None:
        run = Run("sum", str(EXAMPLE), str(BROKEN), "--agency", "x", "--lang", "en")
        assert run.code == 1
        assert "difference" in run.err

    def test_mixed_editions(self, tmp_path: Path) -> None:
        """Refused in the language asked for, and only in that one."""
        old = _write(tmp_path / "old.json", ds.Report2019.zero(year=2020, agency="x"))
        run = Run("sum", str(EXAMPLE), old, "--agency", "x", "--lang", "en")
        assert (run.code, run.out) == (2, b"")
        assert "editions or years differ" in run.err
        run = Run("sum", str(EXAMPLE), old, "--agency", "x")
        assert (run.code, run.out) == (2, b"")
        assert "2020 年 2019 版" in run.err
        assert not re.search("[A-Za-z]{3}", run.err.replace("disclosure-schema sum", ""))

    def test_too_large(self, tmp_path: Path) -> None:
        zero = ds.Report2021.zero(year=2021, agency="x")
        big = _write(tmp_path / "big.json", zero.evolve(fees=ds.Fees(notices_issued=ds.MAX_COUNT)))
        run = Run("sum", big, big, "--agency", "x")
        assert (run.code, run.out) == (2, b"")
        assert "/fees/notices_issued" in run.err
        assert "超过" in run.err
        run = Run("sum", big, big, "--agency", "x", "--lang", "en")
        assert "/fees/notices_issued: the sum 18014398509481982 exceeds" in run.err

    @pytest.mark.parametrize("lang", ["zh", "en"])
    def test_empty_agency(self, lang: str) -> None:
        """A usage error, not a traceback."""
        run = Run("sum", str(EXAMPLE), "--agency", "", "--lang", lang)
        assert (run.code, run.out) == (2, b"")
        assert "--agency" in run.err

    def test_every_unreadable_input_is_told(self) -> None:
        run = Run("sum", str(BAD / "empty.json"), str(EXAMPLE), str(BAD / "nan.json"),
                  "--agency", "x")  # fmt: skip
        assert (run.code, run.out) == (2, b"")
        assert "empty.json" in run.err
        assert "nan.json" in run.err

    def test_agency_is_required(self) -> None:
        assert Run("sum", str(EXAMPLE)).code == 2


class TestDiff:
    def test_same(self) -> None:
        run = Run("diff", str(EXAMPLE), str(EXAMPLE), "--lang", "en")
        assert (run.code, run.text) == (0, "the same\n")

    def test_text(self) -> None:
        run = Run("diff", str(EXAMPLE), str(BROKEN))
        assert run.code == 1
        assert run.text.splitlines() == [
            "/applications/new_received/natural_person  表三 · 本年新收 · 自然人: 0 → 3",
            "/reviews_and_lawsuits/administrative_review/total  表四 · 行政复议 · 总计: 0 → 1",
        ]

    def test_json(self) -> None:
        run = Run("diff", str(EXAMPLE), str(BROKEN), "--format", "json")
        assert run.code == 1
        records = json.loads(run.out)
        assert [(r["pointer"], r["a"], r["b"]) for r in records] == [
            ("/applications/new_received/natural_person", 0, 3),
            ("/reviews_and_lawsuits/administrative_review/total", 0, 1),
        ]

    def test_two_editions(self, tmp_path: Path) -> None:
        old = _write(tmp_path / "old.json", ds.Report2019.zero(year=2020, agency="x"))
        run = Run("diff", old, str(EXAMPLE), "--lang", "en")
        assert run.code == 1
        assert "(no such key in this edition)" in run.text

    def test_unreadable(self) -> None:
        assert Run("diff", str(EXAMPLE), str(BAD / "junk.json")).code == 2


def test_installed_command() -> None:
    """The commands run as a process too, with the same exit codes."""
    done = subprocess.run(
        [sys.executable, "-m", "disclosure_schema", "diff", str(EXAMPLE), str(BROKEN)],
        capture_output=True,
        check=False,
    )
    assert done.returncode == 1
    assert "自然人: 0 → 3" in done.stdout.decode("utf-8")


@pytest.mark.parametrize(("lang", "said"), [("zh", "无法写入"), ("en", "cannot write it")])
def test_unwritable_output(tmp_path: Path, lang: str, said: str) -> None:
    """-o into a missing directory: exit 2 and a message in the language asked for."""
    out = str(tmp_path / "no" / "such" / "dir.json")
    for args in (("derive", str(EXAMPLE)), ("sum", str(EXAMPLE), "--agency", "x")):
        run = Run(*args, "-o", out, "--lang", lang)
        assert run.code == 2
        assert said in run.err
