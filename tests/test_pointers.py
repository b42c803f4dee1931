"""JSON Pointers (RFC 6901)."""

from __future__ import annotations

import pytest

import disclosure_schema as ds
from disclosure_schema.pointers import escape, join


class TestPointers:
    @pytest.mark.parametrize(("key", "escaped"), [("a", "a"), ("a/b", "a~1b"), ("m~n", "m~0n"),
                                                  ("~1", "~01")])  # fmt: skip
    def test_escape(self, key: str, escaped: str) -> None:
        """'~' and '/' are escaped, '~' first (RFC 6901 §4)."""
        assert escaped == escape(key)

    def test_join(self) -> None:
        """Keys are joined escaped; array indexes as numbers."""
        assert "/a/0/b~1c" == join(join(join("", "a"), 0), "b/c")

    def test_unknown_key_pointer(self) -> None:
        """An unknown key with a slash in it is reported under its escaped pointer."""
        locations = [f.locations for f in ds.validate({"edition": "2021", "a/b": 1}).findings]
        assert ("/a~1b",) in locations
