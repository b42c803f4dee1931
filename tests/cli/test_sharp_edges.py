"""The command line's sharp edges (issue 10), each with the test that would have caught it."""

from __future__ import annotations

import importlib
import json
import re
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

import disclosure_schema as ds
from disclosure_schema.reading import read, validate_reading

from .conftest import Run

ROOT = Path(__file__).parent.parent.parent
EXAMPLE = ROOT / "examples" / "baotou-2021.json"
BROKEN = ROOT / "examples" / "baotou-2021-broken.json"
FIXTURES = Path(__file__).parent.parent / "fixtures"
SOURCES = FIXTURES / "reading" / "sources"
NO_TABLES = FIXTURES / "cli" / "no-tables.txt"
NO_AGENCY = FIXTURES / "cli" / "no-agency.txt"
TRUNCATED = FIXTURES / "bad" / "truncated.json"


def _with_blanks(tmp_path: Path) -> Path:
    """The broken example with one more cell left blank: a warning beside the errors."""
    document = json.loads(BROKEN.read_bytes())
    document["applications"]["carried_over"]["total"] = None
    path = tmp_path / "blanks.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


class TestSelect:
    def test_unknown_token_is_a_usage_error(self) -> None:
        """1. A misspelt rule id exits 2 and names the closest ids; nothing is validated."""
        run = Run("validate", "--select", "t3.balanse", str(BROKEN))
        assert 2 == run.code
        assert b"" == run.out
        assert "'t3.balanse'" in run.err
        assert "t3.balance" in run.err.split("'t3.balanse'")[1]

    def test_unknown_ignore_and_code(self) -> None:
        run = Run("validate", "--lang", "en", "--ignore", "sum_mismatc", str(BROKEN))
        assert 2 == run.code
        assert "closest: sum_mismatch" in run.err

    @pytest.mark.parametrize(
        "token", ["t3", "t3.balance", "t3.balance.", "t3.balance.natural_person", "sum_mismatch"]
    )
    def test_known_tokens(self, token: str) -> None:
        assert 1 == Run("validate", "--select", token, str(BROKEN)).code


class TestCounts:
    def test_errors_and_warnings_apart(self, tmp_path: Path) -> None:
        """3. One broken balance is counted once as an error; the warnings of blank cells
        are counted apart, by family and by code."""
        run = Run("validate", "--lang", "en", str(_with_blanks(tmp_path)))
        sections = dict(
            re.findall(r"^(\w+ by [\w ]+):\n((?:  .*\n)+)", run.text, flags=re.MULTILINE)
        )

        def counts(title: str) -> dict[str, int]:
            return {line.split()[0]: int(line.split()[1]) for line in sections[title].splitlines()}

        assert {"t3.balance": 1, "t3.row_total": 1, "t4.total": 1} == counts(
            "errors by rule family"
        )
        assert {"sum_mismatch": 3} == counts("errors by code")
        # the broken ones also get the cell most likely wrong (issue 8), a warning each
        assert {
            "cell_not_reported": 1,
            "sum_not_assessable": 2,
            "likely_wrong_cell": 1,
            "wrong_cell_candidates": 1,
        } == counts("warnings by code")
        assert {"cell": 1, "localisation": 2, "t3.balance": 1, "t3.row_total": 1} == counts(
            "warnings by rule family"
        )


class TestUnchecked:
    def test_page_without_tables(self) -> None:
        """4. Nothing could be checked: unchecked in text, summary, records; exit 0
        unless --fail-unchecked."""
        run = Run("validate", str(NO_TABLES))
        assert 0 == run.code
        assert "? 未能核对" in run.text
        assert "没有一项勾稽关系可以核对" in run.text
        assert "未能核对 1" in run.text
        assert 1 == Run("validate", "--fail-unchecked", str(NO_TABLES)).code
        records = Run("validate", "--format", "json", str(NO_TABLES), str(EXAMPLE))
        data = json.loads(records.out)
        Draft202012Validator(ds.findings_schema()).validate(data)
        assert ["unchecked", "valid"] == [r["state"] for r in data]

    def test_report_of_blanks(self, tmp_path: Path) -> None:
        """A JSON report whose cells are all blank is unchecked too."""
        document = json.loads(EXAMPLE.read_bytes())

        def blank(node: Any) -> Any:
            if isinstance(node, dict):
                return {k: blank(v) for k, v in node.items()}
            return None

        for table in ("proactive", "applications", "reviews_and_lawsuits"):
            document[table] = blank(document[table])
        path = tmp_path / "blank.json"
        path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
        assert ["unchecked"] == [r["state"] for r in Run("validate", "--format", "jsonl",
                                                         str(path)).records()]  # fmt: skip
        # One blank cell leaves the other identities: still checked.
        assert ["valid"] == [
            r["state"] for r in Run("validate", "--format", "jsonl", str(_one_blank(tmp_path)))
            .records()
        ]  # fmt: skip

    def test_exit_codes_documented(self, capsys: pytest.CaptureFixture[str]) -> None:
        assert 0 == Run("validate", "--help").code
        help_text = capsys.readouterr().out
        assert "unchecked" in help_text
        assert "--fail-unchecked" in help_text
        docs = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
        assert "--fail-unchecked" in docs
        assert "unchecked" in docs


def _one_blank(tmp_path: Path) -> Path:
    document = json.loads(EXAMPLE.read_bytes())
    document["applications"]["new_received"]["natural_person"] = None
    path = tmp_path / "one-blank.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


class TestNotRead:
    @pytest.mark.parametrize(
        "source",
        sorted(p for p in SOURCES.rglob("*") if p.is_file()),
        ids=lambda p: str(p.relative_to(SOURCES)),
    )
    def test_blank_only_when_read_as_blank(self, source: Path) -> None:
        """5. A null cell is "not reported (blank)" only when the reader read it as blank;
        every other null cell is "not read"."""
        reading = read(source.read_bytes())
        read_cells = {p.pointer: p.raw for p in reading.provenance}
        for f in validate_reading(reading).findings:
            if f.code == "cell_not_reported":
                assert f.locations[0] in read_cells
            if f.code == "cell_not_read":
                assert f.locations[0] not in read_cells
                assert "空白" not in f.message_zh.split("不按")[0]

    def test_page_without_tables_has_nothing_blank(self) -> None:
        codes = [f.code for f in validate_reading(read(NO_TABLES.read_bytes())).findings]
        assert "cell_not_reported" not in codes
        assert "cell_not_read" in codes


_IDENTIFIER = re.compile(r"[\w./:-]*[a-z_][\w./:-]*")


class TestOneLanguage:
    INPUTS = (str(EXAMPLE), str(BROKEN), str(TRUNCATED), "nope.json")

    def test_chinese_text_has_no_english_words(self, tmp_path: Path) -> None:
        """6. With --lang zh, the words are Chinese: only identifiers (paths, rule ids,
        codes, pointers) are ASCII."""
        run = Run("validate", "--verbose", *self.INPUTS, str(_with_blanks(tmp_path)))
        identifiers = {
            str(tmp_path / "blanks.json"), *self.INPUTS,
        }  # fmt: skip
        text = run.text
        for name in identifiers:
            text = text.replace(name, "")
        words = re.findall(r"[A-Za-z]{2,}[A-Za-z ]*", text)
        leftover = [w for w in words if not re.fullmatch(r"[a-z0-9_.]+", w.strip())]
        assert [] == [w for w in leftover if w.strip() not in ("JSON", "MiB", "UTF", "GB")]

    def test_english_text_has_no_chinese(self, tmp_path: Path) -> None:
        run = Run("validate", "--lang", "en", "--verbose", *self.INPUTS,
                  str(_with_blanks(tmp_path)))  # fmt: skip
        assert not re.search(r"[\u4e00-\u9fff]", run.text), run.text

    def test_read_notes_in_the_language_asked(self) -> None:
        source = SOURCES / "c03.txt"
        notes = [n for n in read(source.read_bytes()).notes if n.severity.value != "info"]
        assert notes, "the fixture must have notes for this test to mean anything"
        for lang in ("zh", "en"):
            run = Run("read", "--lang", lang, str(source))
            for note in notes:
                assert (note.message_zh if lang == "zh" else note.message_en) in run.err


class TestEnglish:
    def test_singular_and_plural(self) -> None:
        """7. 1 error, 1 input; 2 inputs."""
        one = Run("validate", "--lang", "en", str(TRUNCATED))
        assert "1 error\n" in one.text
        assert "1 input:" in one.text
        two = Run("validate", "--lang", "en", str(TRUNCATED), str(TRUNCATED))
        assert "2 inputs:" in two.text

    def test_one_warning(self, tmp_path: Path) -> None:
        run = Run("validate", "--lang", "en", str(_one_blank(tmp_path)))
        assert "! 3 warnings:" in run.text or "! 1 warning:" in run.text
        assert "1 warnings" not in run.text

    def test_whole_message(self) -> None:
        """A JSON parser's message is never cut mid-phrase."""
        for lang in ("zh", "en"):
            text = Run("validate", "--lang", lang, str(TRUNCATED)).text
            assert "starting at" not in text
            assert ("字符串没有结束" if lang == "zh" else "a string is not closed") in text


class TestRead:
    def test_provenance_is_one_document(self) -> None:
        """8. read --provenance without -o prints one JSON document."""
        run = Run("read", "--provenance", str(SOURCES / "c04.html"))
        document = json.loads(run.out)
        assert {"report", "reading"} == set(document)
        assert document["report"]["edition"] == "2021"
        assert document["reading"]["provenance"]

    def test_without_provenance_is_the_report(self) -> None:
        document = json.loads(Run("read", str(SOURCES / "c04.html")).out)
        assert "2021" == document["edition"]


class TestOnce:
    def test_missing_agency_reported_once(self) -> None:
        """9. A page that names no agency: one finding for /agency/name, not two."""
        record = Run("validate", "--format", "jsonl", str(NO_AGENCY)).records()[0]
        about = [f["code"] for f in record["findings"] if "/agency/name" in f["locations"]]
        assert ["reading_meta_missing"] == about
        assert record["agency"] is None


class TestQuiet:
    def test_only_failures_then_the_summary(self) -> None:
        """10. --quiet prints the failing inputs and the summary, nothing for the rest."""
        run = Run("validate", "--quiet", str(EXAMPLE), str(BROKEN), str(EXAMPLE))
        lines = run.text.splitlines()
        assert str(BROKEN) in lines[0]
        assert str(EXAMPLE) + " " not in run.text
        assert "共 3 份输入：有效 2，无效 1" in run.text
        assert 1 == run.code
        jsonl = Run("validate", "-q", "--format", "jsonl", str(EXAMPLE), str(BROKEN))
        assert [str(BROKEN)] == [r["source"] for r in jsonl.records()]


class TestRecordMeta:
    def test_agency_year_edition_in_every_record(self) -> None:
        """11. Every record has agency, year and edition, null where unknown."""
        run = Run(
            "validate", "--format", "json", str(EXAMPLE), str(SOURCES / "c04.html"),
            str(TRUNCATED), str(NO_AGENCY),
        )  # fmt: skip
        data = json.loads(run.out)
        Draft202012Validator(ds.findings_schema()).validate(data)
        by = [(r["agency"], r["year"], r["edition"]) for r in data]
        assert ("包头市工业和信息化局", 2021, "2021") == by[0]
        assert by[1][1] is not None
        assert by[1][2] == "2021"
        assert (None, None, None) == by[2]
        assert (None, 2021, "2021") == by[3]


class TestSides:
    def test_sides_are_named_by_what_they_are(self) -> None:
        """12. The two sides are left and right, not "reported" and "expected"."""
        zh = Run("validate", str(BROKEN)).text
        assert "左边" in zh
        assert "右边" in zh
        assert "报告值" not in zh
        assert "应为" not in zh
        en = Run("validate", "--lang", "en", str(BROKEN)).text
        assert "left side" in en
        assert "right side" in en
        assert "expected" not in en


class TestStopping:
    @pytest.mark.parametrize(("lang", "said"), [("zh", "已中断"), ("en", "interrupted")])
    def test_interrupt_in_the_language_asked(
        self, monkeypatch: pytest.MonkeyPatch, lang: str, said: str
    ) -> None:
        """6. Even the word for an interrupt is in the output's language."""
        main_module = importlib.import_module("disclosure_schema.cli.main")

        def interrupted(*args: object) -> int:
            raise KeyboardInterrupt

        monkeypatch.setattr(main_module, "_validate", interrupted)
        run = Run("validate", "--lang", lang, str(EXAMPLE))
        assert 130 == run.code
        assert said in run.err
