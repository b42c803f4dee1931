"""Wall time and peak resident memory of a command's whole process tree (the batch
commands fork workers, so the parent's own figure would miss most of the memory).
Shared by the benchmarks that run the command line: batch.py, read_batch.py, audit.py."""

from __future__ import annotations

import subprocess
import tempfile
import threading
import time
from typing import IO


def tree_rss_kib(pid: int) -> int:
    """Resident memory of a process and all its descendants, in KiB."""
    total = 0
    pending = [pid]
    while pending:
        current = pending.pop()
        try:
            with open(f"/proc/{current}/status") as status:
                total += next(int(line.split()[1]) for line in status if line.startswith("VmRSS"))
            with open(f"/proc/{current}/task/{current}/children") as children:
                pending.extend(int(c) for c in children.read().split())
        except (OSError, StopIteration):
            continue
    return total


def measure(
    command: list[str], stderr: int | IO[bytes] = subprocess.PIPE
) -> tuple[float, int, int]:
    """Run a command to the end: wall time (s), peak resident memory of its process tree
    (KiB, sampled every 20 ms) and the number of lines it wrote to stdout."""
    peak = 0
    start = time.perf_counter()
    with tempfile.TemporaryFile() as sink:
        process = subprocess.Popen(command, stdout=sink, stderr=stderr)

        def sample() -> None:
            nonlocal peak
            while process.poll() is None:
                peak = max(peak, tree_rss_kib(process.pid))
                time.sleep(0.02)

        sampler = threading.Thread(target=sample)
        sampler.start()
        process.wait()
        elapsed = time.perf_counter() - start
        sampler.join()
        sink.seek(0)
        lines = sum(1 for _ in sink)
    return elapsed, peak, lines
