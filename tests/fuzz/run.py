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


# Between the harness and the command: a small Python that forks and execs it and
# reports its exit status and wait4's peak resident set. The peak of a process counts
# the memory of the one that forked it until its exec (the kernel carries the old
# memory's high-water mark over), so forking straight from pytest would add pytest's
# own size to every input; through this launcher it adds about 10 MiB.
_LAUNCHER = """
import os, sys
result, closing, argv = sys.argv[1], sys.argv[2], [os.fsencode(a) for a in sys.argv[3:]]
pid = os.fork()
if pid == 0:
    try:
        for fd in closing.split(",") if closing != "-" else ():
            os.close(int(fd))
        os.execv(argv[0], argv)
    finally:
        os._exit(127)
_, status, usage = os.wait4(pid, 0)
with open(result, "w") as handle:
    handle.write(f"{os.waitstatus_to_exitcode(status)} {usage.ru_maxrss}")
"""


def run(case: Case, where: Path, limit: float) -> Outcome:
    case.lay_out(where)
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        stdout: int = out.fileno()
        opened: list[int] = []
        stdin = subprocess.DEVNULL if case.stdin == "devnull" else None
        if case.stdout == "full":
            stdout = os.open("/dev/full", os.O_WRONLY)
            opened.append(stdout)
        closing = [fd for fd, stream in ((0, case.stdin), (1, case.stdout)) if stream == "closed"]
        result = where.parent / f"{where.name}.result"
        start = time.monotonic()
        launcher = subprocess.Popen(
            [sys.executable, "-I", "-S", "-c", _LAUNCHER, result,
             ",".join(map(str, closing)) or "-", os.fsencode(EXE), *case.args],
            cwd=where, stdin=stdin, stdout=stdout, stderr=err.fileno(),
            start_new_session=True,  # one process group: killed whole at the time limit
        )  # fmt: skip
        try:
            launcher.wait(limit)
        except subprocess.TimeoutExpired:
            os.killpg(launcher.pid, signal.SIGKILL)
            launcher.wait()
        seconds = time.monotonic() - start
        code: int | None = None
        peak = 0.0
        if result.exists():
            status, maxrss = result.read_text().split()
            code, peak = int(status), int(maxrss) / 1024
        deadline = time.monotonic() + 2
        while (left := session(launcher.pid)) and time.monotonic() < deadline:
            time.sleep(0.05)
        for pid in left:  # reported by the test; not left running
            os.kill(pid, signal.SIGKILL)
        for fd in opened:
            os.close(fd)
        out.seek(0)
        err.seek(0)
        return Outcome(code, out.read(), err.read(), seconds, peak, tuple(left))
