"""The process's standard streams as the commands use them, when they cannot be trusted.

A command may be started with a stream closed (``<&-``, ``>&-``: Python then has no
``sys.stdin``/``sys.stdout`` at all), or with output that fails (``>/dev/full``). A
failed write must not read as a traceback and exit code 1 ("invalid"): it is
reported in one line, with exit code 2. SIGTERM stops a batch the way Ctrl-C does.
"""

from __future__ import annotations

import errno
import io
import os
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType
from typing import Any, BinaryIO, TextIO, cast

from ..limits import os_reason

__all__ = [
    "Output",
    "OutputFailed",
    "Terminated",
    "closed",
    "failing",
    "quiet_stdout",
    "terminable",
]


class Terminated(BaseException):
    """SIGTERM, raised in the main process. A BaseException, like KeyboardInterrupt, so
    the per-input guard (``except Exception``) does not take it for a failed input."""


class OutputFailed(Exception):
    """Writing the output failed (a full disk, a closed stream)."""

    def __init__(self, reason: str, error: OSError | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.error = error  # the operating system's error, when there is one

    def said(self, lang: str) -> str:
        """The reason in ``lang`` ("zh" or "en")."""
        if self.error is not None:
            return os_reason(self.error, lang)
        return self.reason if lang == "en" else "流已关闭"


class _Closed(io.RawIOBase):
    """Stands for a standard stream the process was started without."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name

    def _fail(self) -> OSError:
        return OSError(errno.EBADF, f"standard {self.name} is closed")

    def readable(self) -> bool:
        return True

    def writable(self) -> bool:
        return True

    def readinto(self, _buffer: Any) -> int:
        raise self._fail()

    def write(self, _data: Any) -> int:
        raise self._fail()


def closed(name: str) -> BinaryIO:
    """A stream that fails every read and write, saying that standard ``name`` is closed."""
    return cast(BinaryIO, _Closed(name))


class Output:
    """Standard output whose failures are :class:`OutputFailed` (BrokenPipeError, the
    reader going away, stays itself: that one is quiet)."""

    def __init__(self, stream: BinaryIO) -> None:
        self.stream = stream

    def write(self, data: bytes) -> int:
        with failing():
            return self.stream.write(data)

    def flush(self) -> None:
        with failing():
            self.stream.flush()

    def isatty(self) -> bool:
        try:
            return self.stream.isatty()
        except (AttributeError, ValueError, OSError):
            return False


@contextmanager
def failing() -> Iterator[None]:
    """An output failure in the block becomes :class:`OutputFailed`."""
    try:
        yield
    except BrokenPipeError:
        raise
    except (OSError, ValueError) as error:
        raise OutputFailed(_reason(error), error if isinstance(error, OSError) else None) from error


def _reason(error: OSError | ValueError) -> str:
    if isinstance(error, OSError):
        return error.strerror or str(error)
    return str(error)  # "I/O operation on closed file"


def quiet_stdout() -> None:
    """Point file descriptor 1 at /dev/null, so that the interpreter's last flush of
    what could not be written does not fail again at exit."""
    if sys.stdout is None:
        return
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        return


def write_error(stderr: TextIO, line: str) -> None:
    """One line on standard error, which may itself be closed or full."""
    try:
        stderr.write(line + "\n")
        stderr.flush()
    except (OSError, ValueError):
        return


def _raise_terminated(_signum: int, _frame: FrameType | None) -> None:
    raise Terminated


@contextmanager
def terminable() -> Iterator[None]:
    """SIGTERM raises :class:`Terminated` in the main thread while the block runs."""
    try:
        old = signal.signal(signal.SIGTERM, _raise_terminated)
    except ValueError:  # not the main thread (an embedding application): leave it alone
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, old)
