"""One set of limits for the library and the command line, and the helpers that keep
echoed text printable."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

import disclosure_schema as ds
from disclosure_schema import limits
from disclosure_schema.converter import make_converter
from disclosure_schema.findings import finding
from disclosure_schema.limits import (
    MAX_DOCUMENT,
    MAX_FINDINGS,
    MAX_PAGE,
    cap,
    more_findings,
    printable,
    read_file,
    shown_name,
)
from disclosure_schema.reading import read

from .table_layout import zero_document


class TestSizes:
    def test_api_reads_a_device_with_a_bound(self) -> None:
        """validate(Path('/dev/zero')) used to read until MemoryError."""
        result = ds.validate(Path("/dev/zero"))
        assert ["input_too_large"] == [f.code for f in result.findings]

    def test_api_checks_the_size_of_a_file_before_reading(self, tmp_path: Path) -> None:
        big = tmp_path / "big.json"
        with big.open("wb") as handle:  # sparse
            handle.truncate(MAX_DOCUMENT + 1)
        assert ["input_too_large"] == [f.code for f in ds.validate(big).findings]
        assert isinstance(read_file(big, MAX_DOCUMENT + 1), bytes)

    def test_reader_takes_pages_up_to_max_page(self) -> None:
        reading = read(b" " * (MAX_PAGE + 1))
        assert reading.report is None
        assert ["input_too_large"] == [n.code for n in reading.notes]

    def test_special_files(self, tmp_path: Path) -> None:
        """Found in a directory, a FIFO is not opened (opening waits for a writer)."""
        fifo = tmp_path / "f.json"
        os.mkfifo(fifo)
        problem = read_file(fifo, regular_only=True)
        assert not isinstance(problem, bytes)
        assert "not a regular file" in problem.message_en
        problem = read_file(tmp_path)
        assert not isinstance(problem, bytes)
        assert "io_error" == problem.code


class TestCap:
    def _many(self, errors: int, warnings: int) -> list[ds.Finding]:
        w = [finding("not_stated", "w", "w") for _ in range(warnings)]
        e = [finding("unknown_key", "e", "e") for _ in range(errors)]
        return w + e

    def test_under_the_cap_nothing_changes(self) -> None:
        findings = self._many(MAX_FINDINGS - 1, 1)
        assert tuple(findings) == cap(findings)

    def test_errors_first_then_the_count(self) -> None:
        capped = cap(self._many(MAX_FINDINGS, 5))
        assert MAX_FINDINGS + 1 == len(capped)
        assert all(f.code == "unknown_key" for f in capped[:MAX_FINDINGS])
        assert (5, "too_many_findings") == (capped[-1].actual, capped[-1].code)

    def test_earlier_caps_add_up(self) -> None:
        """The decoder and the checker each cap; the final count includes theirs."""
        findings = [*self._many(MAX_FINDINGS, 0), more_findings(7), more_findings(3)]
        capped = cap(findings)
        assert [10] == [f.actual for f in capped if f.code == "too_many_findings"]
        assert MAX_FINDINGS + 1 == len(capped)

    def test_the_library_caps_what_it_keeps(self) -> None:
        document = zero_document("2021")
        for i in range(3 * MAX_FINDINGS):
            document[f"k{i}"] = 0
        findings = ds.validate(document).findings
        assert MAX_FINDINGS + 1 == len(findings)
        assert 2 * MAX_FINDINGS == findings[-1].actual


class TestPrintable:
    def test_names_as_bytes(self) -> None:
        name = "报告".encode("gbk") + b".json"
        assert "\\xb1\\xa8\\xb8\\xe6.json" == shown_name(name)
        assert "\\xb1\\xa8\\xb8\\xe6.json" == shown_name(os.fsdecode(name))
        assert "报告.json" == shown_name("报告.json")

    def test_controls_and_surrogates(self) -> None:
        assert "a\\nb\\x1b[2J\\u202e" == printable("a\nb\x1b[2J\u202e")
        assert "x\\ud800" == printable("x\ud800")
        assert "报告 ok" == printable("报告 ok")


class TestConverter:
    def test_lone_surrogate_is_not_structured(self) -> None:
        """The converter is as strict as loads(): a string no JSON text may hold."""
        document = zero_document("2021")
        document["agency"] = {"name": "\udc80"}
        with pytest.raises(ExceptionGroup) as caught:
            make_converter().structure(document, ds.Report2021)
        assert "lone surrogate" in repr(caught.value.exceptions)
        document["agency"] = {"name": "某局"}
        assert "某局" == make_converter().structure(document, ds.Report2021).agency.name


class TestOsReason:
    """The operating system's reasons are English: Chinese output says them itself."""

    @pytest.mark.parametrize(
        ("number", "zh"),
        [
            (errno.ENOENT, "文件或目录不存在"),
            (errno.EACCES, "没有权限"),
            (errno.ENOSPC, "磁盘已满"),
        ],
    )
    def test_common_reasons(self, number: int, zh: str) -> None:
        error = OSError(number, os.strerror(number))
        assert zh == limits.os_reason(error, "zh")
        assert os.strerror(number) == limits.os_reason(error, "en")

    def test_other_reasons_by_errno_name(self) -> None:
        error = OSError(errno.ETXTBSY, os.strerror(errno.ETXTBSY))
        assert "系统错误 ETXTBSY" == limits.os_reason(error, "zh")

    def test_io_problem_one_language_each(self) -> None:
        found = limits.io_problem("a.json", FileNotFoundError(errno.ENOENT, "No such file"))
        assert "a.json：无法读取（文件或目录不存在）" == found.message_zh
        assert "a.json: cannot read it (No such file)" == found.message_en
