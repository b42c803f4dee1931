"""What one input may cost, and the findings that say an input broke a limit or could
not be opened. The library (validate, read) and the command line share these limits,
so an input that one accepts the other does not refuse for its size.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from collections.abc import Sequence
from typing import Final

from .findings import Finding, Severity, finding

__all__ = [
    "MAX_CELLS",
    "MAX_DOCUMENT",
    "MAX_FINDINGS",
    "MAX_PAGE",
    "cap",
    "encodable",
    "io_problem",
    "is_utf8",
    "more_findings",
    "not_a_file",
    "os_reason",
    "printable",
    "read_file",
    "shown_name",
    "too_large",
]

#: The largest single JSON document read: a report is ~10 KB, its narrative rarely 1 MB.
#: A larger file or line is reported, not read, so memory stays bounded.
MAX_DOCUMENT: Final = 16 * 1024 * 1024
#: The largest published page read (HTML or text). Pages cost far more per byte than
#: JSON (a DOM, then lines of cells); real ones are under 1 MB, Word-made HTML a few.
MAX_PAGE: Final = 8 * 1024 * 1024
#: The most table cells one page may expand to once rowspan/colspan are applied.
MAX_CELLS: Final = 100_000
#: The most findings kept for one input (errors first); the rest are counted.
MAX_FINDINGS: Final = 1000


def shown_name(path: str | bytes | os.PathLike[str] | os.PathLike[bytes]) -> str:
    """A file name as text that can always be printed: bytes that are not UTF-8 (a GBK
    name from an archive made on Windows) are written as ``\\xNN``."""
    raw = os.fsencode(path)
    return raw.decode("utf-8", "backslashreplace")


# What a terminal would act on instead of showing: C0/C1 controls (a newline in a key
# would forge a line of output, ESC a colour), line separators and bidi overrides.
_CONTROLS: Final = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def is_utf8(text: str) -> bool:
    """Whether UTF-8 can carry ``text``: no lone surrogate (a JSON ``\\ud800`` escape,
    or an undecodable byte of a file name)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def encodable(text: str) -> str:
    """``text`` with what UTF-8 cannot carry (lone surrogates: a JSON ``\\ud800``
    escape, or an undecodable byte of a file name) written as ``\\udXXX``."""
    if is_utf8(text):
        return text
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def printable(text: str) -> str:
    """``text`` as one line a terminal shows as it is: controls written as escapes."""
    text = encodable(text)
    if _CONTROLS.search(text) is None:
        return text
    return _CONTROLS.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


# The operating system says why in English: the Chinese side names the common reasons
# itself, and the rest by their errno name, so no English phrase enters Chinese output.
_REASONS_ZH: Final = {
    errno.ENOENT: "文件或目录不存在",
    errno.EACCES: "没有权限",
    errno.EPERM: "不允许的操作",
    errno.EISDIR: "是目录",
    errno.ENOTDIR: "路径中有一部分不是目录",
    errno.ELOOP: "符号链接层数过多",
    errno.ENAMETOOLONG: "文件名过长",
    errno.EIO: "输入输出错误",
    errno.ENOSPC: "磁盘已满",
    errno.EROFS: "文件系统只读",
    errno.EMFILE: "打开的文件过多",
    errno.EBADF: "文件描述符无效（流已关闭）",
    errno.EPIPE: "管道已断开",
    errno.ENXIO: "设备不存在",
}


def os_reason(error: OSError, lang: str) -> str:
    """Why an operation failed, in one language: ``lang`` is "zh" or "en"."""
    if lang == "zh":
        if error.errno in _REASONS_ZH:
            return _REASONS_ZH[error.errno]
        name = errno.errorcode.get(error.errno, "") if error.errno else ""
        return f"系统错误 {name}" if name else "系统错误"
    return error.strerror or type(error).__name__


def io_problem(path: str, error: OSError) -> Finding:
    return finding(
        "io_error",
        f"{path}：无法读取（{os_reason(error, 'zh')}）",
        f"{path}: cannot read it ({os_reason(error, 'en')})",
    )


def too_large(source: str, limit: int = MAX_DOCUMENT) -> Finding:
    mib = limit // (1024 * 1024)
    if limit != MAX_DOCUMENT:
        zh, en = (f"{source}：", f"{source}: ") if source else ("", "")
        return finding(
            "input_too_large",
            f"{zh}超过 {mib} MiB，不是一份报告的网页，未读取",
            f"{en}larger than {mib} MiB, which is no single report's page; not read",
        )
    return finding(
        "input_too_large",
        f"{source}：超过 {mib} MiB，不是一份报告；多份报告请用 JSON Lines（.jsonl）",
        f"{source}: larger than {mib} MiB, which is no single report; use JSON Lines "
        "(.jsonl) for many reports",
    )


def not_a_file(source: str) -> Finding:
    return finding(
        "io_error",
        f"{source}：不是普通文件（管道、设备或套接字），未打开",
        f"{source}: not a regular file (a pipe, device or socket); not opened",
    )


def read_file(
    path: str | bytes | os.PathLike[str] | os.PathLike[bytes],
    limit: int = MAX_DOCUMENT,
    *,
    regular_only: bool = False,
) -> bytes | Finding:
    """A file's bytes, at most ``limit`` of them, or the finding that says why not.

    A device such as /dev/zero has no size to check first, so the read itself is
    bounded. ``regular_only`` refuses pipes, devices and sockets without opening them
    (opening a FIFO waits for a writer): for files found in a directory, which nobody
    named.
    """
    source = shown_name(path)
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            if stat.S_ISDIR(info.st_mode):
                return io_problem(source, IsADirectoryError(21, "Is a directory"))
            if regular_only:
                return not_a_file(source)
        elif info.st_size > limit:
            return too_large(source, limit)
        with open(path, "rb") as handle:
            data = handle.read(limit + 1)
    except OSError as error:
        return io_problem(source, error)
    if len(data) > limit:
        return too_large(source, limit)
    return data


_RANK: Final = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


def cap(findings: Sequence[Finding], limit: int = MAX_FINDINGS) -> tuple[Finding, ...]:
    """At most ``limit`` findings, errors first, then one ``too_many_findings`` that
    counts the rest (and those that earlier caps, in the decoder or checker, left out)."""
    earlier = [f for f in findings if f.code == "too_many_findings"]
    if len(findings) - len(earlier) <= limit and len(earlier) <= 1:
        return tuple(findings)
    rest = [f for f in findings if f.code != "too_many_findings"]
    kept = sorted(rest, key=lambda f: _RANK[f.severity])[:limit]
    count = len(rest) - len(kept) + sum(int(f.actual or 0) for f in earlier)
    return (*kept, more_findings(count))


def more_findings(count: int) -> Finding:
    """The finding that stands for ``count`` findings left out."""
    return finding(
        "too_many_findings",
        f"另有 {count} 个发现未列出（每份输入最多列出 {MAX_FINDINGS} 个）",
        f"{count} more findings not listed (at most {MAX_FINDINGS} per input)",
        actual=count,
    )
