"""load, dump, validate: the verbs and their contracts."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given

import disclosure_schema as ds
from disclosure_schema.strategies import reports

EXAMPLE = Path(__file__).parent.parent / "examples" / "baotou-2021.json"


class TestRoundTrip:
    @given(reports(nulls=0.05))
    def test_loads_dumps(self, report: ds.Report2021) -> None:
        """loads(dumps(r)) == r, and dumping again gives the same text."""
        text = ds.dumps(report)
        again = ds.loads(text)
        assert report == again
        assert text == ds.dumps(again)

    @given(reports())
    def test_dict_round_trip(self, report: ds.Report2021) -> None:
        """from_dict(to_dict(r)) == r, and to_dict keeps the published key order."""
        data = ds.to_dict(report)
        assert report == ds.from_dict(data)
        assert ["edition", "year", "agency"] == list(data)[:3]

    def test_compact_dump(self) -> None:
        """indent=None gives compact JSON without a trailing newline."""
        report = ds.loads(EXAMPLE.read_bytes())
        text = ds.dumps(report, indent=None)
        assert "\n" not in text.replace("\\n", "")
        assert report == ds.loads(text)

    def test_optional_none_is_left_out(self) -> None:
        """Optional keys that are None are absent from the output, cells stay null."""
        data = ds.to_dict(ds.loads(EXAMPLE.read_bytes()))
        assert "published_on" not in data
        assert "code" not in data["agency"]


class TestInputs:
    @pytest.mark.parametrize("kind", [bytes, bytearray, memoryview, str, dict, "path", "report"])
    def test_every_input_form(self, kind: Any, tmp_path: Path) -> None:
        """validate() takes bytes, bytearray, memoryview, str, dict, a path or a Report."""
        raw = EXAMPLE.read_bytes()
        source: Any
        if kind == "path":
            source = tmp_path / "r.json"
            source.write_bytes(raw)
        elif kind == "report":
            source = ds.loads(raw)
        elif kind is str:
            source = raw.decode()
        elif kind is dict:
            source = json.loads(raw)
        else:
            source = kind(raw)
        assert ds.ValidationResult("2021", ()) == ds.validate(source)

    def test_missing_path(self, tmp_path: Path) -> None:
        """A path that cannot be read is an io_error finding, not an exception."""
        result = ds.validate(tmp_path / "nope.json")
        assert (["io_error"], False, False) == (
            [f.code for f in result.findings], result.valid, result.readable,
        )  # fmt: skip

    @pytest.mark.parametrize(
        "value", [{1, 2}, object(), 1j, (1, 2), frozenset(), Path, ds.Agency(name="x")]
    )
    def test_any_object(self, value: Any) -> None:
        """validate() keeps its promise for any object: no exception, a finding."""
        result = ds.validate(value)
        assert (["not_an_object"], False) == ([f.code for f in result.findings], result.valid)
        assert not ds.is_valid(value)

    def test_self_referencing(self) -> None:
        """A dict that contains itself is a finding, not a RecursionError."""
        document: dict[str, Any] = json.loads(EXAMPLE.read_bytes())
        document["agency"]["name"] = document
        assert not ds.validate(document).valid

    def test_report_tampered_behind_the_constructor(self) -> None:
        """A report whose parts were swapped with object.__setattr__ (the constructor
        refuses them) is checked as the document it stands for: findings, no raise."""
        report = ds.Report2021.zero(year=2021, agency="某局")
        object.__setattr__(report, "proactive", None)
        object.__setattr__(report, "applications", {"a": 1})
        object.__setattr__(report, "reviews_and_lawsuits", "oops")
        result = ds.validate(report)
        pointers = {f.locations[0] for f in result.errors}
        assert {"/proactive", "/applications/a", "/reviews_and_lawsuits"} <= pointers
        assert not ds.is_valid(report)

    @pytest.mark.parametrize("value", [True, 1.5, -1, "3", 2**60])
    def test_report_with_a_cell_tampered(self, value: object) -> None:
        """A table cell swapped for a value the constructor refuses is a structural
        error at that cell, as in the document; not an internal error from the search
        for the wrong cell, nor a sum over a non-count."""
        report = ds.Report2021.zero(year=2021, agency="某局")
        object.__setattr__(report.applications.new_received, "natural_person", value)
        result = ds.validate(report)
        pointer = "/applications/new_received/natural_person"
        assert [pointer] == [f.locations[0] for f in result.errors]
        assert "internal_error" not in {f.code for f in result.findings}


class TestPathAsText:
    """A str is JSON text; a path is a pathlib.Path. The mistake gets a direct finding."""

    @pytest.mark.parametrize("name", ["examples/x.json", "report.JSONL", " a.html", "page.txt"])
    def test_file_name_in_a_str(self, name: str) -> None:
        result = ds.validate(name)
        assert ["path_as_text"] == [f.code for f in result.findings]
        assert f"pathlib.Path({name.strip()!r})" in result.findings[0].message_en
        assert "pathlib.Path" in result.findings[0].message_zh

    def test_loads_says_so_too(self) -> None:
        """loads() reads a str as JSON text as validate() does, and says so the same way
        rather than reporting a syntax error at line 1, column 1."""
        with pytest.raises(ds.LoadError) as caught:
            ds.loads("examples/baotou-2021.json")
        assert [f.code for f in caught.value.findings] == ["path_as_text"]
        assert caught.value.findings == ds.validate("examples/baotou-2021.json").findings

    def test_existing_file_without_suffix(self, tmp_path: Path) -> None:
        """A str naming an existing file is taken for a path mistake whatever its name."""
        path = tmp_path / "report"
        path.write_bytes(EXAMPLE.read_bytes())
        assert ["path_as_text"] == [f.code for f in ds.validate(str(path)).findings]
        assert ds.validate(path).valid  # the Path is read

    @pytest.mark.parametrize("text", ["{", '{"edition": 2021', "nope", "[1,", "a.json\n{}"])
    def test_broken_json_stays_json(self, text: str) -> None:
        """Text that is JSON gone wrong keeps its JSON finding."""
        codes = [f.code for f in ds.validate(text).findings]
        assert "path_as_text" not in codes
        assert codes

    @pytest.mark.parametrize("value", [[], [1], 42, 1.5, True, None])
    def test_other_json_values(self, value: Any) -> None:
        """A decoded JSON value that is not an object is a finding, like its text."""
        assert ds.validate(json.dumps(value)) == ds.validate(value)
        assert ["not_an_object"] == [f.code for f in ds.validate(value).findings]

    def test_loads_accepts_bytes_like(self) -> None:
        """loads() takes bytes, bytearray, memoryview and str alike."""
        raw = EXAMPLE.read_bytes()
        assert ds.loads(raw) == ds.loads(bytearray(raw)) == ds.loads(memoryview(raw))


class TestResult:
    def test_to_dict(self) -> None:
        """The result serialises with every published key, in order."""
        raw = (EXAMPLE.parent / "baotou-2021-broken.json").read_bytes()
        data = ds.validate(raw).to_dict()
        assert ["valid", "edition", "findings"] == list(data)
        assert [
            "code", "rule", "severity", "status", "locations", "expected", "actual",
            "difference", "message_zh", "message_en", "position",
        ] == list(data["findings"][0])  # fmt: skip
        assert json.loads(json.dumps(data)) == data

    def test_is_valid_matches(self) -> None:
        """is_valid() is validate().valid."""
        assert ds.is_valid(EXAMPLE.read_bytes())
        assert not ds.is_valid(b"{")

    def test_valid_means_no_error(self) -> None:
        """Warnings and notes leave a report valid; errors do not."""
        result = ds.validate(b"\xef\xbb\xbf" + EXAMPLE.read_bytes())
        assert result.valid
        assert ["utf8_bom"] == [f.code for f in result.findings]
        assert ((), ()) == (result.errors, result.warnings)

    def test_findings_are_sorted(self) -> None:
        """Errors first, then warnings; identities in catalogue order."""
        document = json.loads(EXAMPLE.read_bytes())
        document["reviews_and_lawsuits"]["lawsuit_direct"]["total"] = 9
        document["applications"]["carried_forward"]["research_institution"] = 2
        document["proactive"]["coercion"]["decisions"] = None
        result = ds.validate(document)
        assert [
            "t3.balance.research_institution",
            "t3.row_total.carried_forward",
            "t4.total.lawsuit_direct",
            "likely_wrong_cell",
            "wrong_cell_candidates",
            "cell_not_reported",
        ] == [f.rule or f.code for f in result.findings]
        assert result == ds.validate(json.dumps(document))


class TestLoadError:
    def test_message(self) -> None:
        """LoadError lists every problem in English; message_zh in Chinese."""
        with pytest.raises(ds.LoadError) as raised:
            ds.loads('{"edition": "2021", "year": true}')
        text = str(raised.value)
        assert text.startswith("not a valid report (5 problems):")
        assert (
            "year (/year): expected a year, an integer from 2019 to 9999, got the boolean true"
            in text
        )
        assert (
            "报告年度（/year）：应为2019 至 9999 之间的整数年份，实际为布尔值 true"
            in raised.value.message_zh
        )

    def test_is_a_value_error(self) -> None:
        """LoadError is a ValueError, so generic handlers catch it."""
        with pytest.raises(ValueError, match="empty"):
            ds.loads(b"")

    def test_identities_do_not_stop_loading(self) -> None:
        """loads() checks structure only: a report with broken identities loads."""
        raw = (EXAMPLE.parent / "baotou-2021-broken.json").read_bytes()
        assert 3 == ds.loads(raw).applications.new_received.natural_person


class TestLoneSurrogatesOnEveryPath:
    def test_same_rule_for_text_bytes_dict_and_report(self) -> None:
        """A lone surrogate in the agency's name is invalid_string however the report
        arrives (issue 12, item 10): JSON text escapes it, a dict or a report built in
        code holds it."""
        report = ds.Report2021.zero(year=2021, agency="局\ud800")
        document = ds.to_dict(report)
        text = json.dumps(document)  # "\ud800" as an escape
        for source in (text, text.encode(), document, report):
            assert [("invalid_string", ("/agency/name",))] == [
                (f.code, f.locations) for f in ds.validate(source).errors
            ], type(source)
        with pytest.raises(ds.LoadError):
            ds.from_dict(document)
        with pytest.raises(ds.LoadError):
            ds.loads(text)


class TestInternalError:
    def test_one_language_each(self) -> None:
        """An object that fails when read is an internal_error finding, never an
        exception; the Chinese message does not carry the exception's English text."""
        from collections.abc import Iterator, Mapping

        class Broken(Mapping[str, Any]):
            def __getitem__(self, key: str) -> Any:
                raise KeyError(key)

            def __iter__(self) -> Iterator[str]:
                raise ValueError("the source went away")

            def __len__(self) -> int:
                return 1

        (found,) = ds.validate(Broken()).findings
        assert "internal_error" == found.code
        assert "内部错误（ValueError），请报告此问题" == found.message_zh
        assert "the source went away" in found.message_en
