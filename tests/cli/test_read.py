"""`read` on many pages: JSON Lines, one record a page, in order, however broken."""

from __future__ import annotations

import argparse
import io
import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from disclosure_schema.cli import main
from disclosure_schema.cli.read import read_main

SOURCES = Path(__file__).parent.parent / "fixtures" / "reading" / "sources"
KEYS = {"source", "report", "edition", "edition_reason", "year", "year_source", "agency",
        "agency_source", "notes"}  # fmt: skip


def _run(*args: str, stdin: bytes = b"") -> tuple[int, list[dict[str, Any]], str]:
    out, err = io.BytesIO(), io.StringIO()
    code = main(["read", *args], stdin=io.BytesIO(stdin), stdout=out, stderr=err)
    return code, [json.loads(line) for line in out.getvalue().splitlines()], err.getvalue()


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Pages of every kind the reader takes, one it does not, and a subfolder."""
    (tmp_path / "sub").mkdir()
    shutil.copy(SOURCES / "c01.pdf", tmp_path / "a.pdf")
    shutil.copy(SOURCES / "c04.html", tmp_path / "b.html")
    shutil.copy(SOURCES / "c04.docx", tmp_path / "sub" / "c.docx")
    (tmp_path / "sub" / "d.txt").write_bytes(b'{"year": 2023}')  # a JSON report
    (tmp_path / "sub" / "e.json").write_bytes(b"{}")  # not a page: not searched for
    return tmp_path


class TestBatchRead:
    def test_one_record_a_page(self, folder: Path) -> None:
        """A directory, a missing file and standard input: one record each, in order; a
        broken input is a record with its note; the exit code says some gave no report."""
        code, records, err = _run(
            str(folder), str(folder / "missing.pdf"), "-", "--lang", "en", stdin=b"\x89PNG"
        )
        names = [r["source"].removeprefix(str(folder) + "/") for r in records]
        assert names == ["a.pdf", "b.html", "sub/c.docx", "sub/d.txt", "missing.pdf", "-"]
        assert all(set(r) == KEYS for r in records)
        assert [r["report"] is not None for r in records] == [True, True, True, False, False, False]
        assert records[0]["agency"] == "洪泽区人民政府"
        assert records[1]["report"]["applications"]["new_received"]["total"] == 26
        assert [r["notes"][0]["code"] for r in records[3:]] == [
            "reading_unsupported_input", "io_error", "reading_unsupported_input",
        ]  # fmt: skip
        assert code == 2
        assert "3 of 6 inputs gave no report" in err

    def test_jobs_give_the_same_output(self, folder: Path) -> None:
        """--jobs 2 writes exactly what --jobs 1 does, in the same order."""
        assert _run(str(folder), "--jobs", "2")[1] == _run(str(folder))[1]

    def test_provenance_on_request(self, folder: Path) -> None:
        _, plain, _ = _run(str(folder / "b.html"), "--format", "jsonl")
        _, sourced, _ = _run(str(folder / "b.html"), "--format", "jsonl", "--provenance")
        assert len(plain) == len(sourced) == 1
        assert "provenance" not in plain[0]
        where = {p["pointer"]: p["where"] for p in sourced[0]["provenance"]}
        assert where["/applications/new_received/total"].startswith("HTML table 3")

    def test_output_file(self, folder: Path, tmp_path: Path) -> None:
        out = tmp_path / "out.jsonl"
        code, records, _ = _run(str(folder / "a.pdf"), str(folder / "b.html"), "-o", str(out))
        assert (code, records) == (0, [])
        assert [json.loads(line)["year"] for line in out.read_bytes().splitlines()] == [2023, 2023]

    def test_empty_directory(self, tmp_path: Path) -> None:
        code, records, _ = _run(str(tmp_path))
        assert code == 2
        assert [r["notes"][0]["code"] for r in records] == ["no_reports"]

    def test_single_file_writes_the_report(self) -> None:
        """One file: its report as one JSON document, as before."""
        out, err = io.BytesIO(), io.StringIO()
        assert main(["read", str(SOURCES / "c02.pdf")], stdout=out, stderr=err) == 0
        assert json.loads(out.getvalue())["agency"]["name"] == "淮安市洪泽区人民政府"

    def test_progress_bar_made_and_closed(self, folder: Path) -> None:
        """The progress bar gets every input and is closed at the end."""
        calls: list[tuple[int, int]] = []
        closed: list[bool] = []

        class Bar:
            def __call__(self, count: int, size: int) -> None:
                calls.append((count, size))

            def close(self) -> None:
                closed.append(True)

        totals: list[int | None] = []

        def bar(total: int | None) -> Bar:
            totals.append(total)
            return Bar()

        args = argparse.Namespace(
            paths=[str(folder)], jobs=1, format=None, output=None, provenance=False, lang="zh"
        )
        out, err = io.BytesIO(), io.StringIO()
        read_main(args, io.BytesIO(), out, err, bar)
        files = [f for f in folder.rglob("*") if f.is_file() and f.suffix != ".json"]
        sizes = sum(f.stat().st_size for f in files)
        assert totals == [sizes]
        assert sum(count for count, _ in calls) == 4
        assert closed == [True]

    def test_json_is_one_report(self, folder: Path) -> None:
        """--format json with a directory: a usage error, not a silent change of format."""
        code, records, err = _run(str(folder), "--format", "json")
        assert (code, records) == (2, [])
        assert "--format jsonl" in err

    def test_bad_jobs(self) -> None:
        assert _run("--jobs", "0", "x")[0] == 2

    @pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
    def test_output_file_fails(self, folder: Path) -> None:
        """-o on a full disk: exit 2 and one line, as for standard output; no traceback."""
        code, _, err = _run(str(folder), "-o", "/dev/full")
        assert code == 2
        assert err.splitlines() == ["disclosure-schema read：无法写出结果：磁盘已满"]

    @pytest.mark.parametrize(
        ("args", "zh", "en"),
        [
            (["--jobs", "0", "a", "b"], "--jobs 至少为 1", "--jobs must be at least 1"),
            (["--format", "json", "a", "b"], "只写一份报告", "is one report"),
            (["-o", "/nonexistent/out.jsonl", "a", "b"], "文件或目录不存在", "No such file"),
            (["/nonexistent/a.pdf", "b.html"], "2 份输入中有 2 份没有读出报告", "2 of 2 inputs"),
            (
                ["-o", "/nonexistent/out.json", str(SOURCES / "c04.html")],
                "文件或目录不存在",
                "No such file",
            ),
        ],
    )
    def test_messages_in_one_language(self, args: list[str], zh: str, en: str) -> None:
        """Every message of a batch read is in the language of --lang."""
        for lang, said, other in (("zh", zh, en), ("en", en, zh)):
            code, _, err = _run(*args, "--lang", lang)
            assert code == 2
            assert said in err, err
            assert other not in err, err


def test_record_with_unencodable_text() -> None:
    """Text UTF-8 cannot carry (a lone surrogate, as a PDF font's map can give) is
    written escaped: the record is still written."""
    from disclosure_schema.cli.inputs import Input
    from disclosure_schema.cli.options import Options
    from disclosure_schema.cli.read import read_one

    page = "<html><body><p>某局\ud800</p><p>2023年政府信息公开工作年度报告</p></body></html>"
    item = Input("x\udcff.html", kind="page", data=page.encode("utf-8", "surrogatepass"))
    line, _ = read_one(item, Options())
    record = json.loads(line)
    assert record["source"] == "x\\xff.html"


def test_reading_with_lone_surrogate(monkeypatch: pytest.MonkeyPatch) -> None:
    """A reading whose text holds a lone surrogate (a PDF font's map): escaped, written."""
    import attrs

    import disclosure_schema.reading as reading_module
    from disclosure_schema.cli.inputs import Input
    from disclosure_schema.cli.options import Options
    from disclosure_schema.cli.read import read_one

    real = reading_module.read

    def odd(data: bytes | str) -> Any:
        return attrs.evolve(real(data), agency="某\ud800局")

    monkeypatch.setattr(reading_module, "read", odd)
    item = Input("c04.html", kind="page", path=str(SOURCES / "c04.html"))
    line, outcome = read_one(item, Options())
    assert json.loads(line)["agency"] == "某\\ud800局"
    assert outcome.state == "valid"
