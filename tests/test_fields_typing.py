"""Type checkers see the models as the constructor does: optional fields may be left
out, required ones may not. The snippet is generated from the models, so a field
added later is covered too; it also leaves out one required field on purpose, so
a checker that checks nothing fails the test."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import typing
from pathlib import Path
from typing import Any

import attrs
import pytest

from disclosure_schema import model
from disclosure_schema.fields import Kind, Model, field_info, node_types

_VALUES = {
    Kind.TEXT: '"x"',
    Kind.COUNT: "1",
    Kind.AMOUNT: "1.5",
    Kind.DATE: "datetime.date(2022, 1, 20)",
    Kind.YEAR: "2021",
    Kind.EDITION: '"2021"',
}


def _type_text(tp: Any) -> str:
    args = typing.get_args(tp)
    origin = typing.get_origin(tp) or tp
    name = f"m.{origin.__name__}"
    return f"{name}[{', '.join(map(_type_text, args))}]" if args else name


def _classes() -> list[type[Model]]:
    found = [getattr(model, n) for n in model.__all__]
    return [c for c in found if isinstance(c, type) and issubclass(c, Model)]


def _with_optional_fields() -> list[type[Model]]:
    out = []
    for cls in _classes():
        if cls is model.Report:
            continue  # the generic base: Report2021 and Report2019 stand for it
        if any(field_info(a).optional for a in attrs.fields(cls)):
            out.append(cls)
    return out


def snippet() -> tuple[str, int]:
    """Source using every optional field both ways, and the line of the planted error."""
    lines = ["import datetime", "from disclosure_schema import model as m", ""]
    for cls in _with_optional_fields():
        nodes = node_types(cls)
        params, required, optional = [], [], []
        for a in attrs.fields(cls):
            info = field_info(a)
            if a.name in nodes:
                params.append(f"{a.name}: {_type_text(nodes[a.name])}")
                value = a.name
            else:
                assert info.kind is not None
                value = _VALUES[info.kind]
            if info.optional:
                optional.append(f"{a.name}={value}")
            elif a.default is attrs.NOTHING:
                required.append(f"{a.name}={value}")
        lines.append(f"def use_{cls.__name__}({', '.join(params)}) -> None:")
        lines.append(f"    m.{cls.__name__}({', '.join(required)})")
        lines.append(f"    m.{cls.__name__}({', '.join(required + optional)})")
        lines.append("")
    lines.append("m.Agency()  # planted: name is required")
    return "\n".join(lines) + "\n", len(lines)


def test_snippet_covers_every_optional_field() -> None:
    """The optional fields the issue named are all in the snippet, used both ways."""
    text, _ = snippet()
    for name in ("published_on", "fees", "sections", "region", "level", "code"):
        assert f"{name}=" in text
    assert "def use_Report2021(" in text
    assert "def use_Report2019(" in text


@pytest.fixture(scope="module")
def program(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int]:
    text, planted = snippet()
    path = tmp_path_factory.mktemp("typing") / "builder.py"
    path.write_text(text, encoding="utf-8")
    return path, planted


def test_mypy_strict(program: tuple[Path, int], tmp_path: Path) -> None:
    """mypy --strict accepts the snippet but for the one planted missing argument."""
    path, planted = program
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(tmp_path), str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    errors = [line for line in done.stdout.splitlines() if ": error:" in line]
    assert len(errors) == 1, done.stdout
    assert f"{path}:{planted}:" in errors[0]
    assert 'Missing named argument "name" for "Agency"' in errors[0]


def test_pyright(program: tuple[Path, int]) -> None:
    """pyright (from PyPI, where installed) agrees with mypy."""
    pyright = shutil.which("pyright", path=str(Path(sys.executable).parent))
    if pyright is None:
        pytest.skip("pyright is not installed (pip install pyright)")
    path, planted = program
    done = subprocess.run(
        [pyright, "--outputjson", str(path)], capture_output=True, text=True, check=False
    )
    report = json.loads(done.stdout)
    errors = [d for d in report["generalDiagnostics"] if d["severity"] == "error"]
    assert len(errors) == 1, errors
    assert errors[0]["range"]["start"]["line"] + 1 == planted
    assert '"name"' in errors[0]["message"]
