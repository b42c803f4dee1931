"""JSON Pointers (RFC 6901): the one way every location is named."""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["escape", "join", "parts", "pointer"]


def escape(key: str) -> str:
    """Escape one reference token: '~' becomes '~0' and '/' becomes '~1' (in that order)."""
    return key.replace("~", "~0").replace("/", "~1")


def join(base: str, key: str | int) -> str:
    """The pointer of ``key`` inside the value at ``base``."""
    return f"{base}/{escape(str(key))}"


def pointer(path: Iterable[str | int]) -> str:
    """The pointer of a path of keys; the empty path is the whole document ('')."""
    return "".join("/" + escape(str(p)) for p in path)


def parts(ptr: str) -> tuple[str, ...]:
    """The unescaped reference tokens of a pointer."""
    if ptr == "":
        return ()
    if not ptr.startswith("/"):
        raise ValueError(f"not a JSON Pointer: {ptr!r}")
    return tuple(t.replace("~1", "/").replace("~0", "~") for t in ptr[1:].split("/"))
