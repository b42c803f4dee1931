"""The published schemas: generated, committed, valid, and of the same verdict as the library."""

from __future__ import annotations

import copy
import datetime
import json
import math
import re
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

import disclosure_schema as ds
from disclosure_schema.publish import generated_files, schema_files
from disclosure_schema.schema import DATE_PATTERN, schema_id
from disclosure_schema.strategies import documents

from .table_layout import get, put, zero_document

ROOT = Path(__file__).parent.parent
SCHEMAS = ROOT / "schemas"


def _validator() -> Draft202012Validator:
    """The top-level schema, with the edition schemas registered by $id, read from files."""
    loaded = [json.loads(p.read_text(encoding="utf-8")) for p in SCHEMAS.glob("*.schema.json")]
    registry: Registry[Any] = Registry().with_resources(
        (s["$id"], Resource.from_contents(s)) for s in loaded
    )
    top = json.loads((SCHEMAS / "report.schema.json").read_text(encoding="utf-8"))
    return Draft202012Validator(top, registry=registry)


VALIDATOR = _validator()


def _schema_accepts(document: Any) -> bool:
    return bool(VALIDATOR.is_valid(document))


def _library_accepts(document: Any) -> bool:
    try:
        ds.from_dict(document)
    except (ds.LoadError, TypeError):
        return False
    return True


class TestGenerated:
    def test_committed_files_are_current(self) -> None:
        """Every generated file on disk equals what the code generates (run make schemas)."""
        for path, text in generated_files().items():
            assert (ROOT / path).read_text(encoding="utf-8") == text, path

    def test_schemas_are_valid_against_the_metaschema(self) -> None:
        """Every published schema is a valid draft 2020-12 schema."""
        for name, make in schema_files().items():
            if name.endswith(".schema.json"):
                Draft202012Validator.check_schema(make())

    @pytest.mark.parametrize("edition", ["2021", "2019"])
    def test_rules_documents_match_their_schema(self, edition: ds.Edition) -> None:
        """rules-<edition>.json validates against rules.schema.json and holds the catalogue."""
        document = json.loads((SCHEMAS / f"rules-{edition}.json").read_text(encoding="utf-8"))
        Draft202012Validator(ds.rules_schema()).validate(document)
        assert [r.id for r in ds.RULES[edition]] == [r["id"] for r in document["rules"]]
        assert ds.CATALOGUE_VERSION == document["catalogue_version"]

    def test_versioned_ids(self) -> None:
        """Each schema has a $id with the schema version in it."""
        for name, make in schema_files().items():
            if name.endswith(".schema.json"):
                assert schema_id(name) == make()["$id"]
                assert ds.SCHEMA_VERSION in make()["$id"]

    def test_titles_and_annotations(self) -> None:
        """Properties carry the official Chinese label as title, an English description,
        and the legal basis and unit as x- annotations."""
        schema = ds.report_schema("2021")
        withheld = schema["$defs"]["Withheld"]["properties"]["state_secret"]
        assert "三（三）1.属于国家秘密" == withheld["title"]
        assert "Art. 14" == withheld["x-legal-basis"]
        cell = schema["$defs"]["ApplicantRow"]["properties"]["natural_person"]
        assert ("自然人", "件") == (cell["title"], cell["x-unit"])
        assert cell["description"]

    def test_shared_definitions_live_once(self) -> None:
        """A row and a table-4 group are defined once in $defs and referenced."""
        schema = ds.report_schema("2021")
        text = json.dumps(schema)
        assert 1 == text.count('"ApplicantRow": {')
        assert 25 == text.count('"$ref": "#/$defs/ApplicantRow"')
        assert 3 == text.count('"$ref": "#/$defs/Outcomes"')

    def test_counts_are_bounded_integers(self) -> None:
        """Counts are integers from 0 to 2**53 - 1, as the loader checks."""
        count = ds.report_schema("2021")["$defs"]["count"]
        assert {"type": "integer", "minimum": 0, "maximum": 2**53 - 1} == {
            k: count[k] for k in ("type", "minimum", "maximum")
        }

    def test_closed_objects(self) -> None:
        """Every object schema forbids additional properties."""
        editions: tuple[ds.Edition, ...] = ("2021", "2019")
        for edition in editions:
            schema = ds.report_schema(edition)
            objects = [schema, *(d for d in schema["$defs"].values() if d.get("type") == "object")]
            assert all(o["additionalProperties"] is False for o in objects)

    def test_python_api_returns_copies(self) -> None:
        """The functions return fresh dicts: changing one does not change the next."""
        first = ds.report_schema("2021")
        first["title"] = "changed"
        assert "changed" != ds.report_schema("2021")["title"]


class TestSameVerdict:
    @given(documents(nulls=0.05))
    def test_valid_documents(self, document: dict[str, Any]) -> None:
        """Both accept every valid document."""
        assert _schema_accepts(document)
        assert _library_accepts(document)

    @given(documents(), st.data())
    def test_planted_wrong_values(self, document: dict[str, Any], data: st.DataObject) -> None:
        """A wrong value at any position is rejected by both, or accepted by both."""
        pointers = _pointers(document)
        pointer = data.draw(st.sampled_from(pointers))
        value: object = data.draw(
            st.sampled_from(
                [True, False, 1.5, "1", -1, 2**53, None, [], {}, "", 2018, "2020", 0, -0.5]
            )
        )
        changed = copy.deepcopy(document)
        put(changed, pointer, value)
        assert _schema_accepts(changed) == _library_accepts(changed), (pointer, value)

    @given(documents(), st.data())
    def test_unknown_and_missing_keys(self, document: dict[str, Any], data: st.DataObject) -> None:
        """An unknown key or a missing key: both reject, or (an optional key) both accept."""
        objects = [""] + [p for p in _pointers(document) if isinstance(get(document, p), dict)]
        changed = copy.deepcopy(document)
        if data.draw(st.booleans()):
            put(changed, data.draw(st.sampled_from(objects)) + "/unknown", 0)
        else:
            pointer = data.draw(st.sampled_from(_pointers(document)))
            *parent, key = pointer.split("/")
            del get(changed, "/".join(parent))[key]
        assert _schema_accepts(changed) == _library_accepts(changed)

    @pytest.mark.parametrize("edition", ["2021", "2019"])
    def test_every_position_exhaustively(self, edition: str) -> None:
        """Every position of a complete document, with every kind of wrong value."""
        base = zero_document(edition)
        disagreements: list[tuple[str, object]] = []
        values: tuple[object, ...] = (True, 1.5, "1", -1, 2**53, None, {}, "", "2020-02-30")
        # strings: Python's $ matches before a final newline; digits beyond ASCII
        values += ("2022-01-20\n", "\n2022-01-20", "2022-01-20 ", "２０２２-01-20", " ", "\n")
        for pointer in _pointers(base):
            for value in values:
                changed = copy.deepcopy(base)
                put(changed, pointer, value)
                if _schema_accepts(changed) != _library_accepts(changed):
                    disagreements.append((pointer, value))
        assert [] == disagreements


class TestDocumentedDifferences:
    """JSON Schema cannot see three things the library rejects; these are the only ones."""

    def test_duplicate_keys(self) -> None:
        """After parsing, a duplicate key is gone: the schema sees a valid object."""
        text = (ROOT / "examples" / "baotou-2021.json").read_text(encoding="utf-8")
        text = text.replace('"year": 2021,', '"year": 2021, "year": 2021,')
        assert _schema_accepts(json.loads(text))
        assert not ds.is_valid(text)

    def test_nan(self) -> None:
        """NaN is not JSON; a parser that lets it through hands the schema a float that
        passes minimum and maximum (every comparison with NaN is false)."""
        document = zero_document("2021")
        put(document, "/proactive/administrative_fees/amount", math.nan)
        assert _schema_accepts(document)
        assert not _library_accepts(document)

    def test_integral_float_in_a_count(self) -> None:
        """JSON Schema's data model treats 1.0 as the integer 1; the library does not."""
        document = zero_document("2021")
        put(document, "/applications/new_received/natural_person", 1.0)
        put(document, "/applications/new_received/total", 1.0)
        assert _schema_accepts(document)
        assert not _library_accepts(document)


class TestLoneSurrogates:
    def test_schema_cannot_see_them(self) -> None:
        """A lone surrogate (the JSON text "\\ud800") decodes to a Python string that a
        schema validator accepts; the library rejects it on every path: documented."""
        document = zero_document("2021")
        put(document, "/agency/name", "\ud800")
        assert _schema_accepts(document)
        assert not _library_accepts(document)
        text = json.dumps(document)
        assert "\\ud800" in text
        assert not ds.is_valid(text)
        assert not ds.is_valid(text.encode())


class TestDates:
    def test_pattern_matches_python(self) -> None:
        """The date pattern accepts exactly the dates Python's date type accepts."""
        pattern = re.compile(DATE_PATTERN)
        for year in (1, 4, 100, 400, 1900, 2000, 2023, 2024, 2100, 9999):
            for month in range(1, 13):
                for day in range(1, 32):
                    text = f"{year:04d}-{month:02d}-{day:02d}"
                    try:
                        datetime.date(year, month, day)
                        real = True
                    except ValueError:
                        real = False
                    assert real == bool(pattern.match(text)), text
        assert not pattern.match("0000-01-01")
        assert not pattern.search("2022-01-20\n")  # Python's $ would match here


class TestWheel:
    def test_wheel_ships_the_schemas(self, tmp_path: Path) -> None:
        """The built wheel holds every published file, identical to schemas/."""
        subprocess.run(
            [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir",
             str(tmp_path), str(ROOT)],
            check=True, capture_output=True,
        )  # fmt: skip
        (wheel,) = tmp_path.glob("*.whl")
        with zipfile.ZipFile(wheel) as archive:
            for name in schema_files():
                shipped = archive.read(f"disclosure_schema/schemas/{name}").decode("utf-8")
                assert (SCHEMAS / name).read_text(encoding="utf-8") == shipped
            assert "disclosure_schema/py.typed" in archive.namelist()


def _pointers(value: Any, pointer: str = "") -> list[str]:
    out = []
    if isinstance(value, dict):
        for key, child in value.items():
            out.append(f"{pointer}/{key}")
            out += _pointers(child, f"{pointer}/{key}")
    return out
