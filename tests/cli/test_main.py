"""The command line, used the way scripts and auditors use it."""

from __future__ import annotations

import importlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any, ClassVar, TextIO

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

import disclosure_schema as ds
from disclosure_schema.cli.main import _Progress

from .conftest import Run

ROOT = Path(__file__).parent.parent.parent
EXAMPLE = ROOT / "examples" / "baotou-2021.json"
BROKEN = ROOT / "examples" / "baotou-2021-broken.json"
#: the module, not the function cli/__init__ exports under the same name
cli_main = importlib.import_module("disclosure_schema.cli.main")
SOURCES = Path(__file__).parent.parent / "fixtures" / "reading" / "sources"
BAD = Path(__file__).parent.parent / "fixtures" / "bad"


def _codes(record: dict[str, Any]) -> list[str]:
    return [f["code"] for f in record["findings"]]


class TestValidate:
    def test_valid_and_broken(self) -> None:
        """Text output: one line per input, the broken identities in a table, exit 1."""
        run = Run("validate", str(EXAMPLE), str(BROKEN))
        assert 1 == run.code
        assert "baotou-2021.json  ✓ 有效 · 2021 版" in run.text
        assert "t3.balance.natural_person" in run.text
        assert "相差 3" in run.text
        assert "共 2 份输入：有效 1，无效 1，未能核对 0，无法读取 0" in run.text
        assert "" == run.err

    def test_english(self) -> None:
        """--lang en prints the messages in English."""
        run = Run("validate", "--lang", "en", str(BROKEN))
        assert "✗ invalid · edition 2021 · 3 errors" in run.text
        assert "difference 3" in run.text

    def test_all_valid_exits_0(self) -> None:
        """Exit 0 when every input is valid."""
        assert 0 == Run("validate", str(EXAMPLE)).code

    def test_json_matches_the_published_schema(self) -> None:
        """--format json is one array, one object per input, valid against findings.schema."""
        run = Run("validate", "--format", "json", str(EXAMPLE), str(BROKEN), "missing.json")
        data = json.loads(run.out)
        Draft202012Validator(ds.findings_schema()).validate(data)
        assert [str(EXAMPLE), str(BROKEN), "missing.json"] == [r["source"] for r in data]
        assert [True, False, False] == [r["valid"] for r in data]
        assert 2 == run.code

    def test_jsonl_streams_one_record_per_input(self, tmp_path: Path) -> None:
        """--format jsonl: one record per line, in input order; JSON Lines inputs give
        one record per line, named file:line."""
        lines = tmp_path / "batch.jsonl"
        good = json.dumps(json.loads(EXAMPLE.read_bytes()), ensure_ascii=False)
        lines.write_text(f"{good}\n\n{{\n{good}\n", encoding="utf-8")
        run = Run("validate", "--format", "jsonl", str(lines), str(BROKEN))
        records = run.records()
        assert [f"{lines}:1", f"{lines}:3", f"{lines}:4", str(BROKEN)] == [
            r["source"] for r in records
        ]
        assert [True, False, True, False] == [r["valid"] for r in records]
        record_schema = {**ds.findings_schema(), "$ref": "#/$defs/record"}
        del record_schema["type"], record_schema["items"]
        for record in records:
            Draft202012Validator(record_schema).validate(record)

    def test_directory(self, tmp_path: Path) -> None:
        """A directory is searched recursively, in sorted order, for every kind of input a
        file argument takes; other files are skipped, counted and named in the summary."""
        (tmp_path / "b").mkdir()
        shutil.copy(EXAMPLE, tmp_path / "b" / "one.json")
        shutil.copy(BROKEN, tmp_path / "a.json")
        shutil.copy(SOURCES / "c04.html", tmp_path / "page.html")
        shutil.copy(SOURCES / "c01.txt", tmp_path / "notes.txt")
        (tmp_path / "image.png").write_bytes(b"\x89PNG")
        run = Run("validate", "--format", "jsonl", "--summary", str(tmp_path))
        names = [Path(r["source"]).name for r in run.records()]
        assert ["a.json", "notes.txt", "page.html", "one.json"] == names
        assert "跳过 1 个不是报告格式的文件：" in run.err
        assert "image.png" in run.err
        english = Run("validate", "--lang", "en", str(tmp_path))
        assert "skipped 1 file of no known kind: " in english.text

    def test_directory_of_pages_is_not_empty(self, tmp_path: Path) -> None:
        """A folder of published pages is a folder of reports (no no_reports)."""
        for name in ("c04.html", "c02.txt"):
            shutil.copy(SOURCES / name, tmp_path / name)
        records = Run("validate", "--format", "jsonl", str(tmp_path)).records()
        assert 2 == len(records)
        assert all("no_reports" not in _codes(r) for r in records)

    def test_stdin(self) -> None:
        """'-' (or no path) reads one report from standard input; --lines reads JSON Lines."""
        assert 0 == Run("validate", stdin=EXAMPLE.read_bytes()).code
        assert 1 == Run("validate", "-", stdin=BROKEN.read_bytes()).code
        both = (
            json.dumps(json.loads(EXAMPLE.read_bytes())).encode()
            + b"\n"
            + json.dumps(json.loads(BROKEN.read_bytes())).encode()
        )
        run = Run("validate", "--lines", "--format", "jsonl", "-", stdin=both)
        assert ["-:1", "-:2"] == [r["source"] for r in run.records()]

    def test_select_and_ignore(self) -> None:
        """--select keeps rule ids or prefixes; --ignore drops them; the exit code follows."""
        run = Run("validate", "--format", "jsonl", "--select", "t3.row_total", str(BROKEN))
        assert [["t3.row_total.new_received"]] == [
            [f["rule"] for f in r["findings"]] for r in run.records()
        ]
        run = Run("validate", "--format", "jsonl", "--ignore", "t3,t4.total", str(BROKEN))
        assert ([], 0) == (run.records()[0]["findings"], run.code)

    def test_severity_threshold(self) -> None:
        """--severity warning makes warnings fail the run."""
        path = str(Path(__file__).parent.parent / "fixtures" / "corpus" / "c04.json")
        assert 0 == Run("validate", path).code
        assert 1 == Run("validate", "--severity", "warning", path).code

    def test_jobs_keep_the_order(self, tmp_path: Path) -> None:
        """--jobs 2 gives exactly the output of --jobs 1."""
        lines = tmp_path / "many.jsonl"
        good = json.dumps(json.loads(EXAMPLE.read_bytes()), ensure_ascii=False)
        bad = json.dumps(json.loads(BROKEN.read_bytes()), ensure_ascii=False)
        lines.write_text("\n".join([good, bad, "{", good] * 150) + "\n", encoding="utf-8")
        one = Run("validate", "--format", "jsonl", str(lines))
        two = Run("validate", "--format", "jsonl", "--jobs", "2", str(lines))
        assert one.out == two.out
        assert 600 == len(two.records())

    def test_summary_by_family(self) -> None:
        """The text summary counts inputs by state, and errors apart from warnings, by
        rule family and by code."""
        run = Run("validate", "--lang", "en", str(EXAMPLE), str(BROKEN), "nope.json")
        assert "3 inputs: 1 valid, 1 invalid, 0 unchecked, 1 unreadable" in run.text
        errors = run.text.split("errors by rule family:\n")[1].split("errors by code:")[0]
        assert ["input", "t3.balance", "t3.row_total", "t4.total"] == [
            line.split()[0] for line in errors.splitlines()
        ]
        assert all(line.split()[1] == "1" for line in errors.splitlines())
        json_run = Run("validate", "--format", "json", "--summary", str(EXAMPLE))
        assert "共 1 份输入" in json_run.err
        assert "" == Run("validate", "--format", "json", str(EXAMPLE)).err

    def test_usage_errors_exit_2(self) -> None:
        """A wrong option is a usage error: exit 2, a message, no traceback."""
        run = Run("validate", "--format", "yaml", str(EXAMPLE))
        assert 2 == run.code
        assert "invalid choice" in run.err
        assert 2 == Run("validate", "--jobs", "0", str(EXAMPLE)).code
        assert 2 == Run().code

    def test_pages(self, tmp_path: Path) -> None:
        """.html and .txt inputs are read, then validated; reading notes come along."""
        page = tmp_path / "c04.html"
        shutil.copy(SOURCES / "c04.html", page)
        text = tmp_path / "c01.txt"
        text.write_bytes((SOURCES / "c01.txt").read_bytes().split(b"\n---\n", 1)[1])
        run = Run("validate", "--format", "jsonl", str(page), str(text))
        html_record, text_record = run.records()
        assert html_record["valid"]
        assert "reading_label_variant" in _codes(html_record)
        assert not text_record["valid"]  # 洪泽区 2023's two table-4 totals
        assert {"t4.total.administrative_review", "t4.total.lawsuit_after_review"} == {
            f["rule"] for f in text_record["findings"] if f["status"] == "failed"
        }
        assert "reading_merged_row" in _codes(text_record)


class TestBadInput:
    """Every kind of bad input gets one record with a clear code; the batch goes on."""

    #: the fixture files in tests/fixtures/bad and the code each must get
    CASES: ClassVar[list[tuple[str, str]]] = [
        ("empty.json", "empty_input"),
        ("blank.json", "empty_input"),
        ("truncated.json", "truncated_json"),
        ("latin1.json", "invalid_encoding"),
        ("bom.json", "utf8_bom"),
        ("gbk.json", "gb18030_decoded"),
        ("nan.json", "non_finite_number"),
        ("infinity.json", "non_finite_number"),
        ("duplicate.json", "duplicate_key"),
        ("digits.json", "out_of_range"),
        ("array.json", "not_an_object"),
        ("string.json", "not_an_object"),
        ("junk.json", "invalid_encoding"),
    ]

    def test_each_bad_input(self, tmp_path: Path) -> None:
        """One batch of every bad input: one record each, in order, each with its code."""
        paths = [str(BAD / name) for name, _ in self.CASES]
        deep = tmp_path / "deep.json"
        deep.write_bytes(b"[" * 100_000 + b"]" * 100_000)
        paths.append(str(deep))
        empty_dir = tmp_path / "empty_dir"
        empty_dir.mkdir()
        (empty_dir / "readme.md").write_text("nothing")
        extra = [(str(empty_dir), "no_reports"), (str(tmp_path / "missing.json"), "io_error")]
        run = Run("validate", "--format", "jsonl", *paths, *(p for p, _ in extra),
                  str(EXAMPLE))  # fmt: skip
        records = run.records()
        expected: list[str | None] = [code for _, code in self.CASES]
        expected.append("too_deep")
        expected += [code for _, code in extra] + [None]
        assert len(expected) == len(records)
        for record, code in zip(records, expected, strict=True):
            if code is None:
                assert [] == record["findings"]
            else:
                assert code in _codes(record), (record["source"], _codes(record))
        assert 2 == run.code  # some inputs are unreadable
        assert "Traceback" not in run.text + run.err
        # Accepted with a note: still valid.
        by_name = {Path(r["source"]).name: r for r in records}
        assert by_name["bom.json"]["valid"]
        assert by_name["gbk.json"]["valid"]

    def test_where(self, tmp_path: Path) -> None:
        """Each message says what and where: line, column, byte offset or pointer."""
        (tmp_path / "t.json").write_bytes(b'{"edition": "2021",\n "year": }')
        (tmp_path / "n.json").write_bytes(
            EXAMPLE.read_bytes().replace(b'"year": 2021', b'"year": NaN')
        )
        first, second = Run("validate", "--format", "jsonl", str(tmp_path / "t.json"),
                            str(tmp_path / "n.json")).records()  # fmt: skip
        assert {"line": 2, "column": 10, "offset": 29} == first["findings"][0]["position"]
        assert ["/year"] == second["findings"][0]["locations"]

    def test_unreadable_file(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """A file that cannot be opened is an io_error record, whoever runs the tests."""
        path = tmp_path / "locked.json"
        path.write_bytes(EXAMPLE.read_bytes())
        if hasattr(os, "geteuid") and os.geteuid() != 0:
            path.chmod(0)
        else:  # root reads everything: make the open fail the way a locked file does
            real_open = open

            def locked(file: Any, *args: Any, **kwargs: Any) -> Any:
                if str(file) == str(path):
                    raise PermissionError(13, "Permission denied")
                return real_open(file, *args, **kwargs)

            monkeypatch.setattr("builtins.open", locked)
        (record,) = Run("validate", "--format", "jsonl", str(path)).records()
        assert ["io_error"] == _codes(record)
        assert "Permission denied" in record["findings"][0]["message_en"]

    def test_huge_jsonl_is_streamed(self, tmp_path: Path) -> None:
        """A 200 MB JSON Lines file with a 190 MB line: that line is one record, never
        read whole; the lines around it are validated; peak memory stays under 200 MB."""
        path = tmp_path / "huge.jsonl"
        good = json.dumps(json.loads(EXAMPLE.read_bytes()), ensure_ascii=False).encode()
        with path.open("wb") as f:
            f.write(good + b"\n")
            block = b"x" * (1 << 20)
            for _ in range(190):
                f.write(block)
            f.write(b"\n" + good + b"\n")
        # VmHWM, not getrusage(): Linux carries ru_maxrss over fork and exec, so a child
        # of a large pytest process would report the parent's peak.
        code = (
            "import sys; from disclosure_schema.cli import main; "
            "c = main(sys.argv[1:]); "
            "sys.stderr.write(next(l.split()[1] for l in open('/proc/self/status') "
            "if l.startswith('VmHWM'))); "
            "sys.exit(c)"
        )
        done = subprocess.run(
            [sys.executable, "-c", code, "validate", "--format", "jsonl", str(path)],
            capture_output=True, timeout=300, check=False,
        )  # fmt: skip
        records = [json.loads(line) for line in done.stdout.splitlines()]
        assert [True, False, True] == [r["valid"] for r in records]
        assert ["input_too_large"] == _codes(records[1])
        assert f"{path}:2" == records[1]["source"]
        peak_kib = int(done.stderr.decode().strip().splitlines()[-1])
        assert peak_kib < 200 * 1024, f"peak RSS {peak_kib} KiB"

    def test_huge_json_file(self, tmp_path: Path) -> None:
        """A single .json file over the limit is reported without being read."""
        path = tmp_path / "big.json"
        with path.open("wb") as f:
            f.truncate(200 * 1024 * 1024)  # sparse: 200 MB of zeros, no disk used
        (record,) = Run("validate", "--format", "jsonl", str(path)).records()
        assert ["input_too_large"] == _codes(record)


class TestFuzz:
    @settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(st.lists(st.binary(max_size=400), min_size=1, max_size=4))
    def test_arbitrary_files(self, tmp_path: Path, contents: list[bytes]) -> None:
        """Arbitrary bytes: exit 0, 1 or 2; one record per input; no traceback."""
        paths = []
        for i, data in enumerate(contents):
            path = tmp_path / f"f{i}.json"
            path.write_bytes(data)
            paths.append(str(path))
        run = Run("validate", "--format", "jsonl", *paths)
        assert run.code in (0, 1, 2)
        assert len(contents) == len(run.records())
        assert "Traceback" not in run.err
        assert all("internal_error" not in _codes(r) for r in run.records())

    @settings(max_examples=60)
    @given(st.data())
    def test_mutated_reports(self, data: st.DataObject) -> None:
        """Byte edits of a real report, as JSON Lines on stdin: one record per line."""
        raw = bytearray(json.dumps(json.loads(EXAMPLE.read_bytes()), ensure_ascii=False).encode())
        lines = []
        for _ in range(data.draw(st.integers(1, 4))):
            mutated = bytearray(raw)
            for _ in range(data.draw(st.integers(1, 8))):
                at = data.draw(st.integers(0, len(mutated) - 1))
                mutated[at] = data.draw(st.integers(0, 255).filter(lambda b: b not in (10, 13)))
            lines.append(bytes(mutated))
        run = Run("validate", "--lines", "--format", "jsonl", "-", stdin=b"\n".join(lines))
        records = run.records()
        assert run.code in (0, 1, 2)
        assert len(lines) == len(records)
        assert all("internal_error" not in _codes(r) for r in records)
        for text in (run.text, run.err):
            assert "Traceback" not in text


class TestOtherCommands:
    def test_schema(self) -> None:
        """schema prints the JSON Schema of an edition, or the dispatching one."""
        assert ds.report_schema("2019") == json.loads(Run("schema", "--edition", "2019").out)
        assert ds.report_schema() == json.loads(Run("schema").out)

    def test_rules(self) -> None:
        """rules lists the catalogue as text or JSON."""
        run = Run("rules", "--edition", "2021", "--format", "json")
        assert 42 == len(json.loads(run.out)["2021"])
        text = Run("rules", "--lang", "en").text
        assert "# 2019 (40)" in text
        assert "t3.results_total.total" in text

    def test_explain(self) -> None:
        """explain shows a rule's formula with its cells' labels, in one language."""
        run = Run("explain", "t3.balance.natural_person")
        assert 0 == run.code
        assert "表三 · 本年新收 · 自然人" in run.text
        assert "= 表三 · 办理结果总计 · 自然人" in run.text
        assert "table 3" not in run.text
        english = Run("explain", "--lang", "en", "t3.balance.natural_person").text
        assert "table 3 › carried forward › natural persons" in english
        assert not re.search(r"[\u4e00-\u9fff]", english)
        results = Run("explain", "t3.results_total.total").text
        assert "（2021 版；表格结构决定）" in results
        assert "（2019 版；表格结构决定）" in results
        assert 2 == Run("explain", "t9.nothing").code

    def test_read(self, tmp_path: Path) -> None:
        """read writes the report JSON; --provenance adds where each cell came from."""
        out = tmp_path / "c04.json"
        run = Run("read", str(SOURCES / "c04.html"), "-o", str(out), "--provenance")
        assert 0 == run.code
        report = ds.loads(out.read_bytes())
        assert 26 == report.applications.new_received.total
        provenance = json.loads(run.out)["provenance"]
        assert any(p["pointer"] == "/applications/new_received/total" for p in provenance)
        assert 2 == Run("read", str(tmp_path / "missing.html")).code

    @pytest.mark.parametrize(
        ("data", "kind"),
        [(b'{"edition": "2021"}', "JSON"), (b"\x89PNG\r\n\x1a\n", "a PNG image"),
         (b"PK\x03\x04word/document.xml", "a broken zip file")],
    )  # fmt: skip
    def test_read_other_kinds(self, tmp_path: Path, data: bytes, kind: str) -> None:
        """A file of a kind the reader does not take: exit 2, nothing written, and a
        message that says what the file is and which kinds the reader takes."""
        path = tmp_path / "input"
        path.write_bytes(data)
        run = Run("read", "--lang", "en", str(path))
        assert (2, b"") == (run.code, run.out)
        assert kind in run.err
        assert "it takes a web page (.html/.htm), text (.txt), a PDF (.pdf)" in run.err

    def test_read_damaged_pdf(self, tmp_path: Path) -> None:
        """A PDF is read (issue 9); one that cannot be opened says so, exit 2."""
        path = tmp_path / "input"
        path.write_bytes(b"%PDF-1.7\n...")
        run = Run("read", "--lang", "en", str(path))
        assert (2, b"") == (run.code, run.out)
        assert "the PDF cannot be opened" in run.err


class TestProgress:
    def test_progress_after_a_second(self) -> None:
        """The bar appears only after a second, with count, rate and time left, in the
        language of the output."""
        for lang, parts in (
            ("en", ("20 reports", "/s", "left", "20%")),
            ("zh", ("20 份", "每秒", "剩余", "20%")),
        ):
            stream = io.StringIO()
            bar = _Progress(stream, total=1000, lang=lang)
            bar(10, 100)
            assert "" == stream.getvalue()
            bar.start -= 2.0
            bar(10, 100)
            shown = stream.getvalue()
            for part in parts:
                assert part in shown
            if lang == "zh":
                assert not any("a" <= ch <= "z" for ch in shown), shown
            bar.close()
            assert stream.getvalue().endswith("\r\033[K")

    def test_read_progress_in_the_language_of_the_output(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """read's bar on a terminal speaks --lang, as validate's does."""
        made: list[str] = []

        class Bar(_Progress):
            def __init__(self, stream: TextIO, total: int | None, lang: str) -> None:
                made.append(lang)
                super().__init__(stream, total, lang)

        monkeypatch.setattr(cli_main, "_Progress", Bar)
        monkeypatch.setattr(cli_main, "_isatty", lambda _stream: True)
        pages = [
            str(SOURCES.parent.parent / "cli" / name) for name in ("no-agency.txt", "no-tables.txt")
        ]
        Run("read", "--lang", "en", *pages)
        assert made == ["en"]

    def test_no_progress_when_not_a_terminal(self) -> None:
        """Nothing on stderr when it is not a terminal."""
        assert "" == Run("validate", "--format", "jsonl", str(EXAMPLE)).err


class TestInstalledScript:
    """The console script and ``python -m`` work as installed."""

    @pytest.mark.parametrize(
        "command",
        [[str(Path(sys.executable).parent / "disclosure-schema")],
         [sys.executable, "-m", "disclosure_schema"]],
    )  # fmt: skip
    def test_script(self, command: list[str]) -> None:
        """Both entry points validate and exit with the documented codes."""
        done = subprocess.run([*command, "validate", str(EXAMPLE), str(BROKEN)],
                              capture_output=True, timeout=60, check=False)  # fmt: skip
        assert 1 == done.returncode
        assert "t3.balance.natural_person" in done.stdout.decode()
        helped = subprocess.run(
            [*command, "validate", "--help"], capture_output=True, timeout=60, check=True
        )
        assert b"exit codes:" in helped.stdout

    def test_streams_from_a_pipe(self) -> None:
        """JSON Lines from a pipe: each record comes out before the next line goes in."""
        script = str(Path(sys.executable).parent / "disclosure-schema")
        line = json.dumps(json.loads(EXAMPLE.read_bytes()), ensure_ascii=False).encode() + b"\n"
        process = subprocess.Popen([script, "validate", "--lines", "--format", "jsonl", "-"],
                                   stdin=subprocess.PIPE, stdout=subprocess.PIPE)  # fmt: skip
        assert process.stdin is not None
        assert process.stdout is not None
        try:
            for number in (1, 2):
                process.stdin.write(line)
                process.stdin.flush()
                record = json.loads(process.stdout.readline())  # blocks until it is written
                assert (f"-:{number}", True) == (record["source"], record["valid"])
        finally:
            process.stdin.close()
            process.wait(timeout=30)
        assert 0 == process.returncode

    def test_broken_pipe(self) -> None:
        """Piping into a reader that stops early does not print a traceback."""
        script = str(Path(sys.executable).parent / "disclosure-schema")
        done = subprocess.run(
            f"'{script}' validate --format jsonl {EXAMPLE} {EXAMPLE} {EXAMPLE} | head -c 10",
            shell=True, capture_output=True, timeout=60, check=False,
        )  # fmt: skip
        assert b"Traceback" not in done.stderr
