"""What one input may cost, and the findings that say an input broke a limit or could
not be opened. The library and the command line share these limits."""

from __future__ import annotations

from typing import Final

from .findings import Finding, finding

__all__ = ["MAX_DOCUMENT", "io_problem", "too_large"]

#: The largest single document read: a report is ~10 KB, its narrative rarely 1 MB. A
#: larger file or line is reported, not read, so memory stays bounded.
MAX_DOCUMENT: Final = 16 * 1024 * 1024


def io_problem(path: str, error: OSError) -> Finding:
    reason = error.strerror or type(error).__name__
    return finding(
        "io_error",
        f"{path}：无法读取（{reason}）",
        f"{path}: cannot read it ({reason})",
    )


def too_large(source: str) -> Finding:
    limit = MAX_DOCUMENT // (1024 * 1024)
    return finding(
        "input_too_large",
        f"{source}：超过 {limit} MiB，不是一份报告；多份报告请用 JSON Lines（.jsonl）",
        f"{source}: larger than {limit} MiB, which is no single report; use JSON Lines "
        "(.jsonl) for many reports",
    )
