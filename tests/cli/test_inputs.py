"""Inputs: JSON Lines read in blocks of whole lines, line numbers kept, memory bounded."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from disclosure_schema.cli import inputs
from disclosure_schema.cli.inputs import Input, expand


def _records(data: bytes) -> list[tuple[str, bytes | None, str | None]]:
    """(source, line bytes, problem code) for every input of JSON Lines on stdin."""
    out = []
    for item in expand(["-"], io.BytesIO(data), stdin_lines=True):
        for one in item.lines() if item.kind == "lines" else [item]:
            out.append((one.source, one.data, one.problem.code if one.problem else None))
    return out


class TestLines:
    @pytest.fixture(autouse=True)
    def _small_blocks(self, monkeypatch: pytest.MonkeyPatch) -> None:
        # Tiny blocks and limits put every boundary case in a few bytes.
        monkeypatch.setattr(inputs, "_BLOCK", 7)
        monkeypatch.setattr(inputs, "MAX_DOCUMENT", 20)

    def test_line_numbers_across_blocks(self) -> None:
        """Every line keeps its number, whatever block it falls in; blank lines count."""
        data = b'{"a":1}\n\n{"bb":22}\n  \n{"c":3}'
        assert [("-:1", b'{"a":1}', None), ("-:3", b'{"bb":22}', None),
                ("-:5", b'{"c":3}', None)] == _records(data)  # fmt: skip

    def test_long_line_is_skipped_not_read(self) -> None:
        """A line over the limit is one input carrying its finding; the next lines go on."""
        data = b'{"a":1}\n' + b"x" * 100 + b'\n{"b":2}\n'
        assert [("-:1", b'{"a":1}', None), ("-:2", None, "input_too_large"),
                ("-:3", b'{"b":2}', None)] == _records(data)  # fmt: skip

    def test_long_last_line(self) -> None:
        """A long line at the very end, without a newline."""
        assert [("-:1", None, "input_too_large")] == _records(b"y" * 50)

    @given(st.lists(st.sampled_from([b"", b"{}", b"[1,2]", b"x" * 30, b'{"k":"v"}']),
                    max_size=12))  # fmt: skip
    def test_any_mix(self, lines: list[bytes]) -> None:
        """Any mix of lines: one input per non-blank line, numbered from 1, in order."""
        # (the fixture's patch is in force: Hypothesis runs inside this test)
        got = _records(b"\n".join(lines))
        want = [(f"-:{n}", line if len(line) <= 20 else None,
                 None if len(line) <= 20 else "input_too_large")
                for n, line in enumerate(lines, 1) if line.strip()]  # fmt: skip
        assert want == got


class TestPaths:
    def test_missing_and_directories(self, tmp_path: Path) -> None:
        """A missing path and an empty directory are inputs carrying their finding."""
        (tmp_path / "empty").mkdir()
        items = list(expand([str(tmp_path / "nope.json"), str(tmp_path / "empty")],
                            io.BytesIO()))  # fmt: skip
        assert ["io_error", "no_reports"] == [i.problem.code for i in items if i.problem]

    def test_kinds(self, tmp_path: Path) -> None:
        """.json is JSON, .jsonl lines, .html/.htm/.txt published pages."""
        names = ("a.json", "b.HTML", "c.txt", "d.jsonl")
        for name in names:
            (tmp_path / name).write_text("{}\n", encoding="utf-8")
        kinds = [i.kind for i in expand([str(tmp_path / n) for n in names], io.BytesIO())]
        assert ["json", "page", "page", "lines"] == kinds

    def test_read_reports_size_before_reading(self, tmp_path: Path) -> None:
        """A file over the limit is refused from its size, without reading it."""
        path = tmp_path / "big.json"
        with path.open("wb") as f:
            f.truncate(inputs.MAX_DOCUMENT + 1)
        problem = Input(str(path), path=str(path)).read()
        assert not isinstance(problem, bytes)
        assert "input_too_large" == problem.code
