"""JSON Pointers (RFC 6901): the one way every location is named."""

from __future__ import annotations

__all__ = ["escape", "join"]


def escape(key: str) -> str:
    """Escape one reference token: '~' becomes '~0' and '/' becomes '~1' (in that order)."""
    return key.replace("~", "~0").replace("/", "~1")


def join(base: str, key: str | int) -> str:
    """The pointer of ``key`` inside the value at ``base``."""
    return f"{base}/{escape(str(key))}"
