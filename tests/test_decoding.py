"""Bad bytes: every input gets a clear finding that says what and where, never a traceback."""

from __future__ import annotations

import codecs
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import disclosure_schema as ds
from disclosure_schema.decoding import decode

from .table_layout import get, zero_document

EXAMPLE = Path(__file__).parent.parent / "examples" / "baotou-2021.json"


def _codes(result: ds.ValidationResult) -> list[str]:
    return [f.code for f in result.findings]


def _dump_with_duplicate(value: Any, target: str, pointer: str = "") -> str:
    """JSON text in which the object at ``target`` repeats its first key."""
    if isinstance(value, dict):
        items = [f"{json.dumps(k)}: {_dump_with_duplicate(v, target, f'{pointer}/{k}')}"
                 for k, v in value.items()]  # fmt: skip
        if pointer == target:
            items.append(items[0])
        return "{" + ", ".join(items) + "}"
    return json.dumps(value, ensure_ascii=False)


class TestUnreadable:
    @pytest.mark.parametrize(
        ("data", "code"),
        [
            (b"", "empty_input"),
            (b"   \n\t  ", "empty_input"),
            (b"\xef\xbb\xbf", "empty_input"),
            (b'{"edition": "2021", "year": 20', "truncated_json"),
            (b'{"edition": "2021",', "truncated_json"),
            (b'{"edition": "2021" "year": 2021}', "invalid_json"),
            (b"{'edition': '2021'}", "invalid_json"),
            (b"\x00\x01\x02\xff\xfe binary", "invalid_encoding"),
            (codecs.BOM_UTF16_LE + '{"a": 1}'.encode("utf-16-le"), "invalid_encoding"),
            (b'{"name": "\xe4\xb8"}', "invalid_encoding"),
            ('{"name": "包头"}'.encode()[:-3] + b'\xff"}', "invalid_encoding"),
            ('{"name": "包头"}'.encode()[:13], "truncated_json"),
            (b"[" * 100_000 + b"]" * 100_000, "too_deep"),
        ],
    )
    def test_unreadable(self, data: bytes, code: str) -> None:
        """Each is one error with its code; the result has no edition and is not valid."""
        result = ds.validate(data)
        assert [code] == [f.code for f in result.errors]
        assert (False, False, None) == (result.valid, result.readable, result.edition)
        with pytest.raises(ds.LoadError):
            ds.loads(data)

    def test_syntax_error_position(self) -> None:
        """A syntax error names its line, column and byte offset."""
        data = '{\n  "agency": {"name": "包头"},\n  "year" 2021\n}'.encode()
        (finding,) = ds.validate(data).findings
        assert finding.position is not None
        assert (3, 10) == (finding.position.line, finding.position.column)
        assert data.index(b"2021") == finding.position.offset
        assert finding.message_zh.startswith("第 3 行第 10 列（字节偏移 43）")
        assert finding.message_en.startswith("line 3, column 10 (byte offset 43)")

    def test_truncated_report(self) -> None:
        """A report cut in the middle is truncated_json at its last byte."""
        data = EXAMPLE.read_bytes()[:5000]
        (finding,) = ds.validate(data).findings
        assert "truncated_json" == finding.code
        assert finding.position is not None
        assert finding.position.offset <= 5000

    def test_invalid_utf8_offset(self) -> None:
        """Invalid UTF-8 names the offset of the first bad byte."""
        data = b'{"edition": "2021", "agency": {"name": "\xff\xfe"}}'
        (finding,) = ds.validate(data).findings
        assert finding.position is not None
        assert data.index(b"\xff") == finding.position.offset


class TestAcceptedWithANote:
    def test_utf8_bom(self) -> None:
        """A UTF-8 byte-order mark is accepted and noted (info, still valid)."""
        result = ds.validate(codecs.BOM_UTF8 + EXAMPLE.read_bytes())
        assert (["utf8_bom"], True) == (_codes(result), result.valid)
        assert ds.Severity.INFO == result.findings[0].severity
        assert ds.loads(codecs.BOM_UTF8 + EXAMPLE.read_bytes()) == ds.loads(EXAMPLE.read_bytes())

    def test_bom_in_str(self) -> None:
        """A U+FEFF at the start of text is accepted and noted too."""
        result = ds.validate("\ufeff" + EXAMPLE.read_text(encoding="utf-8"))
        assert ["utf8_bom"] == _codes(result)

    def test_gbk(self) -> None:
        """GBK/GB18030 JSON is decoded, with a warning; the report is the same."""
        data = EXAMPLE.read_text(encoding="utf-8").encode("gbk")
        result = ds.validate(data)
        assert (["gb18030_decoded"], True) == (_codes(result), result.valid)
        assert ds.loads(data) == ds.loads(EXAMPLE.read_bytes())

    def test_gbk_syntax_error_offset(self) -> None:
        """In GBK text, the byte offset counts GBK bytes."""
        text = '{"agency": {"name": "包头市"}, "year" 2021}'
        data = text.encode("gbk")
        findings = ds.validate(data).findings
        assert ["gb18030_decoded", "invalid_json"] == sorted(f.code for f in findings)
        error = next(f for f in findings if f.code == "invalid_json")
        assert error.position is not None
        assert data.index(b"2021") == error.position.offset


class TestInsideTheDocument:
    @pytest.mark.parametrize("edition", ["2021", "2019"])
    def test_duplicate_key_in_every_object(self, edition: str) -> None:
        """A repeated key in any object is one duplicate_key error at its pointer."""
        document = zero_document(edition)
        objects = [""]
        stack: list[tuple[str, Any]] = [("", document)]
        while stack:
            pointer, value = stack.pop()
            for key, child in value.items():
                if isinstance(child, dict):
                    objects.append(f"{pointer}/{key}")
                    stack.append((f"{pointer}/{key}", child))
        for target in objects:
            text = _dump_with_duplicate(document, target)
            first = next(iter(get(document, target)))
            expected = [("duplicate_key", (f"{target}/{first}",))]
            result = ds.validate(text.encode())
            assert expected == [(f.code, f.locations) for f in result.findings], target
            with pytest.raises(ds.LoadError):
                ds.loads(text)

    def test_duplicate_with_a_different_value(self) -> None:
        """The last value of a repeated key is kept, and the repeat is still an error."""
        text = EXAMPLE.read_text(encoding="utf-8").replace(
            '"year": 2021,', '"year": 2021, "year": 2022,'
        )
        assert ["duplicate_key"] == _codes(ds.validate(text))

    @pytest.mark.parametrize(
        ("literal", "code"),
        [
            ("NaN", "non_finite_number"),
            ("Infinity", "non_finite_number"),
            ("-Infinity", "non_finite_number"),
            ("1e400", "out_of_range"),
            ("1" + "0" * 5000, "out_of_range"),
            ("-" + "9" * 5000, "out_of_range"),
            ("1." + "5" * 5000, None),  # a long decimal is still a number
        ],
    )
    def test_numbers_json_cannot_hold(self, literal: str, code: str | None) -> None:
        """NaN, Infinity and huge numbers are one error at their pointer."""
        text = EXAMPLE.read_text(encoding="utf-8").replace(
            '"administrative_fees": {\n      "amount": 0',
            f'"administrative_fees": {{"amount": {literal}',
        )
        result = ds.validate(text)
        if code is None:
            assert result.valid
            return
        assert [(code, ("/proactive/administrative_fees/amount",))] == [
            (f.code, f.locations) for f in result.findings
        ]

    def test_nan_in_a_count(self) -> None:
        """NaN in a count is reported once, as non_finite_number."""
        text = EXAMPLE.read_text(encoding="utf-8").replace('"year": 2021', '"year": NaN')
        assert [("non_finite_number", ("/year",))] == [
            (f.code, f.locations) for f in ds.validate(text).findings
        ]

    def test_lone_surrogate(self) -> None:
        """An unpaired surrogate escape is invalid_string at its pointer."""
        text = EXAMPLE.read_text(encoding="utf-8").replace(
            '"name": "包头市工业和信息化局"', '"name": "包头\\ud800"'
        )
        assert [("invalid_string", ("/agency/name",))] == [
            (f.code, f.locations) for f in ds.validate(text).findings
        ]

    def test_escaped_colon_does_not_hide_a_duplicate(self) -> None:
        """An escaped ':' in a string cannot offset a duplicate key in the count."""
        text = EXAMPLE.read_text(encoding="utf-8")
        clean = text.replace('"name": "包头市工业和信息化局"', '"name": "包头\\u003a局"')
        assert () == ds.validate(clean).findings
        assert "包头:局" == ds.loads(clean).agency.name
        both = clean.replace('"year": 2021,', '"year": 2021, "year": 2021,')
        assert ["duplicate_key"] == _codes(ds.validate(both))

    def test_colons_in_narrative(self) -> None:
        """Colons inside strings are not keys, whether there are many or few."""
        document = json.loads(EXAMPLE.read_bytes())
        document["sections"]["overview"] = '地址:九原区;电话:0472-5618380 {"a": 1}'
        text = json.dumps(document, ensure_ascii=False)
        assert () == ds.validate(text).findings
        assert () == ds.validate(text.replace('"year": 2021', '"year":2021')).findings
        assert ["duplicate_key"] == _codes(
            ds.validate(text.replace('"year": 2021,', '"year": 2021, "year": 2021,'))
        )


class TestNeverRaises:
    @given(st.binary(max_size=300))
    def test_arbitrary_bytes(self, data: bytes) -> None:
        """Any bytes give a result, never an exception."""
        result = ds.validate(data)
        assert isinstance(result.valid, bool)
        assert ds.is_valid(data) is result.valid

    @given(st.text(max_size=300))
    def test_arbitrary_text(self, text: str) -> None:
        """Any text gives a result, never an exception."""
        assert isinstance(ds.validate(text).valid, bool)

    @given(st.data())
    def test_mutated_report(self, data: st.DataObject) -> None:
        """Random byte edits of a real report give a result, never an exception."""
        raw = bytearray(EXAMPLE.read_bytes())
        for _ in range(data.draw(st.integers(1, 5))):
            at = data.draw(st.integers(0, len(raw) - 1))
            action = data.draw(st.sampled_from(["flip", "drop", "cut"]))
            if action == "flip":
                raw[at] = data.draw(st.integers(0, 255))
            elif action == "drop":
                del raw[at]
            else:
                del raw[at:]
                break
        result = ds.validate(bytes(raw))
        assert isinstance(result.valid, bool)

    def test_decode_json_values(self) -> None:
        """decode() returns any JSON value; the checker judges whether it is a report."""
        assert [1, 2] == decode(b"[1, 2]").value
        assert decode(b"[1, 2]").readable


class TestDuplicatesAtScale:
    def test_a_key_three_times_is_one_finding(self) -> None:
        text = EXAMPLE.read_text(encoding="utf-8")
        text = text.replace('"year": 2021,', '"year": 2021, "year": 2021, "year": 2021,')
        for source in (text, text.encode()):
            assert ["duplicate_key"] == [
                c for c in _codes(ds.validate(source)) if c == "duplicate_key"
            ]

    def test_many_duplicated_keys(self) -> None:
        """100,000 pairs of 50,000 keys each repeated (a membership test on a list made
        this minutes long: the time bound is the fuzz harness's): one finding per key,
        kept up to the cap, the rest counted."""
        pairs = ",".join(f'"k{i % 50_000}":0' for i in range(100_000))
        decoded = decode(("{" + pairs + "}").encode())
        codes = [f.code for f in decoded.findings]
        assert 1000 == codes.count("duplicate_key")
        (more,) = (f for f in decoded.findings if f.code == "too_many_findings")
        assert 49_000 == more.actual
        first = decoded.findings[0]
        assert ("/k0",) == first.locations  # document order: the first repeated key first

    def test_many_broken_keys_in_one_object(self) -> None:
        """One object of 5,000 keys with lone surrogates: the first 1,000 in document
        order are kept, the rest counted (not built and then thrown away)."""
        pairs = ",".join(f'"k{i}\\ud800":{i}' for i in range(5000))
        decoded = decode(("{" + pairs + "}").encode())
        kept = [f.locations for f in decoded.findings if f.code == "invalid_string"]
        assert [(f"/k{i}\ud800",) for i in range(1000)] == kept
        assert [4000] == [f.actual for f in decoded.findings if f.code == "too_many_findings"]


class TestPositions:
    """Line, column and byte offset of input errors, worked out by hand."""

    def test_after_a_bom_in_bytes(self) -> None:
        bom, error = decode(codecs.BOM_UTF8 + b'{"a":}').findings
        assert ("utf8_bom", "invalid_json") == (bom.code, error.code)
        assert bom.position is not None
        assert (1, 1, 0) == (bom.position.line, bom.position.column, bom.position.offset)
        assert error.position is not None
        assert (1, 6, 8) == (error.position.line, error.position.column, error.position.offset)

    def test_str_input_counts_utf8_bytes(self) -> None:
        """For a str the offset is that of the UTF-8 text: 名 is three bytes."""
        (error,) = decode('{"名":}').findings
        assert error.position is not None
        assert (1, 6, 7) == (error.position.line, error.position.column, error.position.offset)
        (error,) = [f for f in decode('\ufeff{\n"名":}').findings if f.code == "invalid_json"]
        assert error.position is not None
        assert (2, 5, 3 + 8) == (
            error.position.line, error.position.column, error.position.offset
        )  # fmt: skip

    def test_byte_level_errors(self) -> None:
        (error,) = decode(b'{"\xe5\x90\x8d\xff"}').findings
        assert "invalid_encoding" == error.code
        assert error.position is not None
        assert (1, 6, 5) == (error.position.line, error.position.column, error.position.offset)
        (error,) = [
            f
            for f in decode(codecs.BOM_UTF8 + b'{\n"\xe5\x90\x8d\xff"}').findings
            if f.code == "invalid_encoding"
        ]
        assert error.position is not None
        assert (2, 5, 3 + 6) == (error.position.line, error.position.column, error.position.offset)
        (error,) = decode(b'{"a":"\xe5\x90').findings
        assert "truncated_json" == error.code
        assert error.position is not None
        assert 6 == error.position.offset


class TestGB18030Threshold:
    def test_two_chinese_characters_are_text_one_is_not(self) -> None:
        """GB18030 decodes almost any bytes: GBK is accepted when it reads as text with
        at least two Chinese characters."""
        two = decode('{"edition":"名称"}'.encode("gbk"))
        assert ["gb18030_decoded"] == [f.code for f in two.findings]
        assert {"edition": "名称"} == two.value
        one = decode('{"edition":"名"}'.encode("gbk"))
        assert ["invalid_encoding"] == [f.code for f in one.findings]


class TestMutationSurvivors:
    """Mutants that survived `make mutation`, each killed by a test of what it changed."""

    def test_integer_digits_bound(self) -> None:
        """Up to 40 digits an integer is converted (the checker then says it is out of
        range); from 41 the decoder keeps it as text, so int() is never asked."""
        document = json.loads(EXAMPLE.read_bytes())
        for digits, converted in ((40, True), (41, False)):
            text = json.dumps(document).replace('"year": 2021', f'"year": {"9" * digits}')
            (finding,) = [f for f in ds.validate(text).findings if f.locations == ("/year",)]
            assert "out_of_range" == finding.code
            assert converted == ("got the integer" in finding.message_en), digits
            assert (not converted) == (f"({digits} characters)" in finding.message_en), digits
            if not converted:  # the first 12 digits are shown, then the length
                assert f"{'9' * 12}… ({digits} characters)" in finding.message_en
                assert f"{'9' * 12}…（{digits} 位）" in finding.message_zh

    def test_binary_data_is_named(self) -> None:
        """Undecodable input with a NUL byte in it is called binary data; without, not."""
        (binary,) = decode(b'{"a": "\x00\xff\xfe"}').findings
        (text,) = decode(b'{"a": "\xff\xfe"}').findings
        assert "(binary data)" in binary.message_en
        assert "二进制数据" in binary.message_zh
        assert "binary" not in text.message_en

    def test_first_and_last_cjk_characters_count(self) -> None:
        """U+4E00 (一) and U+9FFF, the ends of the CJK ideograph block, count towards
        the GB18030 threshold; U+4DFF and U+A000 just outside it do not."""
        for inside, counted in (("一", True), ("\u9fff", True), ("\u4dff", False),
                                ("\ua000", False)):  # fmt: skip
            # the full-width comma first: 一一 alone is also valid UTF-8
            decoded = decode(f'{{"edition":"，{inside * 2}"}}'.encode("gb18030"))
            codes = [f.code for f in decoded.findings]
            assert (["gb18030_decoded"] if counted else ["invalid_encoding"]) == codes, inside

    def test_shared_container_does_not_end_the_scan(self) -> None:
        """A dict given to validate() may hold one list twice: it is scanned once, and
        the scan goes on to what follows it."""
        shared = [1, 2]
        document = {"a": shared, "b": shared, "c": "\ud800", "d": {"e": "\udfff"}}
        found = [(f.code, f.locations) for f in ds.validate(document).findings]
        assert ("invalid_string", ("/c",)) in found
        assert ("invalid_string", ("/d/e",)) in found

    def test_strings_inside_lists_are_scanned(self) -> None:
        """Lone surrogates in a list's strings and in the keys of a list's objects."""
        decoded = decode(b'{"a": [1, "\\ud800", {"b\\udfff": [null, "\\udc00"]}]}')
        assert [("/a/1",), ("/a/2/b\udfff",), ("/a/2/b\udfff/1",)] == [
            f.locations for f in decoded.findings if f.code == "invalid_string"
        ]

    def test_foreign_bom_position(self) -> None:
        """A UTF-16 or UTF-32 byte-order mark is reported at the very start."""
        for data in ("{}".encode("utf-16"), "{}".encode("utf-32")):
            (error,) = decode(data).findings
            assert "invalid_encoding" == error.code
            assert error.position is not None
            assert (1, 1, 0) == (error.position.line, error.position.column, error.position.offset)
