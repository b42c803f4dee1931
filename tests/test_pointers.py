"""JSON Pointers (RFC 6901)."""

from __future__ import annotations

import pytest

from disclosure_schema.pointers import escape, join, parts, pointer


class TestPointers:
    @pytest.mark.parametrize(("key", "escaped"), [("a", "a"), ("a/b", "a~1b"), ("m~n", "m~0n"),
                                                  ("~1", "~01")])  # fmt: skip
    def test_escape(self, key: str, escaped: str) -> None:
        """'~' and '/' are escaped, '~' first (RFC 6901 §4)."""
        assert escaped == escape(key)
        assert (key,) == parts("/" + escaped)

    def test_join_and_parts(self) -> None:
        """Joining and splitting are inverse."""
        assert "/a/0/b~1c" == join(join(join("", "a"), 0), "b/c")
        assert ("a", "0", "b/c") == parts("/a/0/b~1c")
        assert "" == pointer(())
        assert () == parts("")

    def test_not_a_pointer(self) -> None:
        """A pointer must start with '/' unless it is empty."""
        with pytest.raises(ValueError, match="not a JSON Pointer"):
            parts("a/b")
