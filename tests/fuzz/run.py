"""Running the real executable on one case, with its time and memory measured from
the process itself (wait4's resource usage: the peak resident set of the command and
of its worker processes, which it waits for), not guessed from outside."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import attrs

from .cases import Case

#: The command under test; FUZZ_EXE runs the harness against another build of it.
EXE = Path(os.environ.get("FUZZ_EXE") or Path(sys.executable).parent / "disclosure-schema")


@attrs.frozen
class Outcome:
    code: int | None  # None: killed at the time limit
    stdout: bytes
    stderr: bytes
    seconds: float  # wall clock
    peak_mib: float  # the largest resident set of the command or any of its workers
    left: tuple[int, ...]  # processes of the run still alive after it exited


def session(sid: int) -> list[int]:
    """Processes still alive in a session (the run's workers, if it left any)."""
    alive = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[3]) == sid and fields[0] not in ("Z", "X"):
            alive.append(int(stat.parent.name))
    return alive


def run(case: Case, where: Path, limit: float) -> Outcome:
    case.lay_out(where)
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        stdout: int | None = out.fileno()
        opened: list[int] = []
        stdin = subprocess.DEVNULL if case.stdin == "devnull" else None
        if case.stdout == "full":
            stdout = os.open("/dev/full", os.O_WRONLY)
            opened.append(stdout)
        closing: list[int] = []
        if case.stdin == "closed":
            closing.append(0)
        if case.stdout == "closed":
            closing.append(1)
            stdout = None

        def close_streams() -> None:  # in the child, before exec: <&- and >&-
            for fd in closing:
                os.close(fd)

        start = time.monotonic()
        process = subprocess.Popen(
            [os.fsencode(EXE), *case.args],
            cwd=where,
            stdin=stdin,
            stdout=stdout,
            stderr=err.fileno(),
            preexec_fn=close_streams if closing else None,  # noqa: PLW1509 (no threads here)
            start_new_session=True,
        )
        code: int | None = None
        usage = None
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                code = os.waitstatus_to_exitcode(status)
                break
            if time.monotonic() - start > limit:
                os.killpg(process.pid, signal.SIGKILL)
                _, _, usage = os.wait4(process.pid, 0)
                break
            time.sleep(0.02)
        process.returncode = code if code is not None else -9  # already reaped
        seconds = time.monotonic() - start
        deadline = time.monotonic() + 2
        while (left := session(process.pid)) and time.monotonic() < deadline:
            time.sleep(0.05)
        for pid in left:  # reported by the test; not left running
            os.kill(pid, signal.SIGKILL)
        for fd in opened:
            os.close(fd)
        out.seek(0)
        err.seek(0)
        return Outcome(code, out.read(), err.read(), seconds, usage.ru_maxrss / 1024, tuple(left))
