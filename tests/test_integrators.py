"""docs/integrators.md holds: the complete JavaScript file runs as shown, the table of
validator messages is what jsonschema and Ajv say, and the wheel carries the schema
files where the page says, reachable with importlib.resources."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from .table_layout import put, zero_document

ROOT = Path(__file__).parent.parent
DOC = (ROOT / "docs" / "integrators.md").read_text(encoding="utf-8")
SCHEMAS = ROOT / "schemas"
NODE = shutil.which("node")
NODE_MODULES = ROOT / "integrations" / "js" / "node_modules"

needs_ajv = pytest.mark.skipif(
    NODE is None or not (NODE_MODULES / "ajv").exists(),
    reason="node or Ajv is not installed: run `make npm` (make test does)",
)


def _block(language: str, first_line: str) -> str:
    """The fenced block of the page whose first line starts with ``first_line``."""
    for match in re.finditer(rf"```{language}\n(.*?)```", DOC, re.DOTALL):
        if match.group(1).startswith(first_line):
            return match.group(1)
    raise LookupError(first_line)


@pytest.fixture(scope="module")
def check_one(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The page's JavaScript file, written beside a node_modules that has Ajv."""
    folder = tmp_path_factory.mktemp("js")
    (folder / "node_modules").symlink_to(NODE_MODULES)
    path = folder / "check-one.mjs"
    path.write_text(_block("js", "// check-one.mjs"), encoding="utf-8")
    return path


def _node(script: Path, *args: str) -> subprocess.CompletedProcess[str]:
    assert NODE is not None
    return subprocess.run(
        [NODE, str(script), *args], capture_output=True, text=True, cwd=ROOT, check=False,
        timeout=120,
    )  # fmt: skip


BAD_VALUES = [
    [cell.strip().strip("`") for cell in line.strip().strip("|").split("|")]
    for line in DOC.split("<!-- bad-values -->")[1].split("<!-- /bad-values -->")[0].splitlines()
    if line.startswith("|") and not line.startswith(("| kind", "| ---"))
]


def _bad_document(pointer: str, value: str) -> dict[str, Any]:
    document = zero_document("2021")
    put(document, pointer, json.loads(value))
    return document


def test_nine_kinds() -> None:
    assert len(BAD_VALUES) == 9
    assert all(len(row) == 5 for row in BAD_VALUES)


@pytest.mark.parametrize("row", BAD_VALUES, ids=[r[0] for r in BAD_VALUES])
def test_jsonschema_messages(row: list[str]) -> None:
    """Python's jsonschema gives the message the page shows, and only that one."""
    kind, pointer, value, python, _ = row
    schemas = [json.loads(p.read_text(encoding="utf-8")) for p in SCHEMAS.glob("*.schema.json")]
    registry: Registry[Any] = Registry().with_resources(
        (s["$id"], Resource.from_contents(s)) for s in schemas
    )
    top = next(s for s in schemas if s["$id"].endswith(":report.schema.json"))
    errors = list(Draft202012Validator(top, registry=registry).iter_errors(
        _bad_document(pointer, value)
    ))  # fmt: skip
    assert [("/" + "/".join(map(str, e.absolute_path)), e.message) for e in errors] == [
        (pointer, python)
    ], kind


@pytest.mark.parametrize("row", BAD_VALUES, ids=[r[0] for r in BAD_VALUES])
@needs_ajv
def test_ajv_messages(check_one: Path, tmp_path: Path, row: list[str]) -> None:
    """Ajv, through the page's own JavaScript file, gives the message the page shows."""
    kind, pointer, value, _, ajv = row
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(_bad_document(pointer, value)), encoding="utf-8")
    done = _node(check_one, str(SCHEMAS), str(path))
    assert (done.returncode, done.stdout) == (1, f"{pointer} {ajv}\n"), (kind, done.stderr)


@needs_ajv
def test_javascript_file_as_shown(check_one: Path) -> None:
    """The complete file prints what the page says it prints, with the exit codes."""
    shown = _block("console", "$ node check-one.mjs schemas examples/baotou-2021-broken.json")
    command, *output = shown.splitlines()
    done = _node(check_one, *command.split()[3:])
    assert (done.returncode, done.stdout.splitlines()) == (1, output), done.stderr
    valid = _node(check_one, "schemas", "examples/baotou-2021.json")
    assert (valid.returncode, valid.stdout) == (0, "valid\n")


@needs_ajv
def test_check_mjs_single_document() -> None:
    """check.mjs takes one document as well as an array, as the page shows."""
    shown = _block("console", "$ node integrations/js/check.mjs examples/baotou-2021-broken.json")
    command, output = shown.splitlines()
    done = _node(ROOT / "integrations" / "js" / "check.mjs", command.split()[-1])
    assert (done.returncode, done.stdout.strip()) == (0, output)


@needs_ajv
@pytest.mark.parametrize(
    ("name", "said"),
    [("examples/none.json", "cannot read"), ("README.md", "not JSON"), ("", "usage")],
)
def test_check_mjs_bad_input(name: str, said: str) -> None:
    """A missing file, a file that is not JSON or no argument: one line, exit 2, no
    Node stack trace."""
    done = _node(ROOT / "integrations" / "js" / "check.mjs", *([name] if name else []))
    assert (done.returncode, done.stdout) == (2, "")
    assert said in done.stderr
    assert "    at " not in done.stderr
    assert len(done.stderr.splitlines()) == 1


def test_resources_are_the_published_files() -> None:
    """importlib.resources reaches every published file, byte for byte."""
    packaged = files("disclosure_schema") / "schemas"
    for path in sorted(SCHEMAS.glob("*.json")):
        assert (packaged / path.name).read_bytes() == path.read_bytes(), path.name


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel, built as the page says, from a copy of the project (the build leaves
    build/ and egg-info behind, which do not belong in the work tree)."""
    work = tmp_path_factory.mktemp("project")
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy(ROOT / name, work / name)
    shutil.copytree(ROOT / "src", work / "src", ignore=shutil.ignore_patterns("*.egg-info",
                    "__pycache__"))  # fmt: skip
    # --no-isolation: the build backend is in the dev environment; no network needed
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", "dist"],
        cwd=work, check=True, capture_output=True, timeout=600,
    )  # fmt: skip
    (built,) = (work / "dist").glob("*.whl")
    return built


def test_wheel_holds_the_schemas(wheel: Path) -> None:
    """The page's path inside the wheel holds every published file, same bytes."""
    assert wheel.name == "disclosure_schema-0.1.0-py3-none-any.whl"
    with zipfile.ZipFile(wheel) as archive:
        for path in sorted(SCHEMAS.glob("*.json")):
            inside = f"disclosure_schema/schemas/{path.name}"
            assert archive.read(inside) == path.read_bytes(), inside
        assert "disclosure_schema/py.typed" in archive.namelist()


def test_installed_wheel_resources(wheel: Path, tmp_path: Path) -> None:
    """Installed from the wheel, the package finds its schemas with importlib.resources."""
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-index",
         "--target", str(target), str(wheel)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    code = (
        "import json, disclosure_schema as ds; from importlib.resources import files; "
        "p = files('disclosure_schema') / 'schemas' / 'report-2021.schema.json'; "
        "print(ds.__file__); print(json.loads(p.read_text('utf-8'))['$id'])"
    )
    env = {**os.environ, "PYTHONPATH": str(target)}
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    where, schema_id = done.stdout.splitlines()
    assert where.startswith(str(target))
    assert schema_id == "urn:disclosure-schema:1.0.0:report-2021.schema.json"
