"""``disclosure-schema derive|sum|diff``: the compose functions on report files.

Exit codes follow ``validate``: 0 nothing found, 1 something found (a disagreement,
an invalid sum, a difference), 2 an input could not be read or loaded, or a usage
error (reports of different editions or years to add up).
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import Any, BinaryIO, Final, TextIO

import orjson

from ..api import AnyReport, LoadError, dumps, loads, validate
from ..compose import Difference, EditionMismatch, SumTooLarge, add_up, compare, derive
from ..findings import Finding, Severity
from ..limits import MAX_DOCUMENT, os_reason, printable, read_file, shown_name, too_large
from .options import add_lang

__all__ = ["COMMANDS", "add_parsers", "run"]

COMMANDS: Final = ("derive", "sum", "diff")

EXIT_OK: Final = 0
EXIT_FOUND: Final = 1
EXIT_UNREADABLE: Final = 2

_EXIT_CODES = """\
exit codes:
  0  {ok}
  1  {found}
  2  usage error, or an input could not be read or is not a structurally valid report
"""


def add_parsers(commands: Any) -> None:
    """Register the three commands on the main parser's subparsers."""

    def parser(name: str, help_: str, ok: str, found: str) -> argparse.ArgumentParser:
        p: argparse.ArgumentParser = commands.add_parser(
            name,
            help=help_,
            description=help_,
            formatter_class=argparse.RawDescriptionHelpFormatter,
            epilog=_EXIT_CODES.format(ok=ok, found=found),
        )
        return p

    d = parser(
        "derive",
        "fill in the totals a report's identities determine (its details filled in)",
        "every total that could be derived agrees with its parts",
        "a filled total disagrees with its parts, or a total would be negative "
        "(reported on stderr; the report is written all the same)",
    )
    d.add_argument("path", metavar="REPORT", help="a .json report, or '-' for standard input")
    d.add_argument("-o", "--output", metavar="OUT", help="write the report here (default: stdout)")
    add_lang(d, "messages")

    s = parser(
        "sum",
        "add up the reports of several agencies of one year and edition, cell by cell",
        "the sum is valid",
        "the sum breaks an identity (an input did; reported on stderr)",
    )
    s.add_argument("paths", nargs="+", metavar="REPORT", help=".json reports")
    s.add_argument("--agency", required=True, metavar="NAME", help="the agency the sum is of")
    s.add_argument("-o", "--output", metavar="OUT", help="write the sum here (default: stdout)")
    add_lang(s, "messages")

    f = parser(
        "diff",
        "compare two reports: every value that differs, in document order",
        "the reports are the same",
        "they differ",
    )
    f.add_argument("a", metavar="A", help="a .json report, or '-' for standard input")
    f.add_argument("b", metavar="B", help="a .json report")
    f.add_argument("--format", choices=["text", "json"], default="text")
    add_lang(f, "the text")


class _Failed(Exception):
    """An input that cannot be used; the messages are already written."""


def _said(command: str, lang: str) -> str:
    """The start of a message line, with the colon of its language."""
    return f"disclosure-schema {command}{'：' if lang == 'zh' else ': '}"


def _message(f: Finding, lang: str) -> str:
    return f.message_zh if lang == "zh" else f.message_en


def _load(path: str, stdin: BinaryIO, stderr: TextIO, name: str, lang: str) -> AnyReport:
    shown = shown_name(path)
    if path == "-":
        raw = stdin.read(MAX_DOCUMENT + 1)
        data: bytes | Finding = too_large(shown) if len(raw) > MAX_DOCUMENT else raw
    else:
        data = read_file(path)
    said: list[str]
    if isinstance(data, Finding):  # a reading finding names the file itself
        said = [_message(data, lang)]
    else:
        try:
            return loads(data)
        except LoadError as error:
            sep = "：" if lang == "zh" else ": "
            said = [f"{shown}{sep}{_message(problem, lang)}" for problem in error.findings]
    for line in said:
        stderr.write(printable(f"{_said(name, lang)}{line}") + "\n")
    raise _Failed


def _write(text: bytes, args: argparse.Namespace, stdout: BinaryIO, stderr: TextIO) -> None:
    if args.output is None:
        stdout.write(text)
        return
    try:
        with open(args.output, "wb") as handle:
            handle.write(text)
    except OSError as error:
        shown, reason = shown_name(args.output), os_reason(error, args.lang)
        said = (
            f"{shown}：无法写入（{reason}）"
            if args.lang == "zh"
            else f"{shown}: cannot write it ({reason})"
        )
        stderr.write(printable(f"{_said(args.command, args.lang)}{said}") + "\n")
        raise _Failed from error


def _report_findings(findings: Sequence[Finding], stderr: TextIO, name: str, lang: str) -> bool:
    """Write the error findings; True when there was one."""
    errors = [f for f in findings if f.severity is Severity.ERROR]
    for f in errors:
        stderr.write(printable(f"{_said(name, lang)}{_message(f, lang)}") + "\n")
    return bool(errors)


def _derive(args: argparse.Namespace, stdin: BinaryIO, stdout: BinaryIO, stderr: TextIO) -> int:
    report = _load(args.path, stdin, stderr, "derive", args.lang)
    done = derive(report)
    _write(dumps(done.report).encode("utf-8"), args, stdout, stderr)
    count = len(done.filled)
    stderr.write(
        f"disclosure-schema derive：填入 {count} 个总计单元格\n"
        if args.lang == "zh"
        else f"disclosure-schema derive: {count} total cells filled in\n"
    )
    return EXIT_FOUND if _report_findings(done.findings, stderr, "derive", args.lang) else EXIT_OK


def _sum(args: argparse.Namespace, stdin: BinaryIO, stdout: BinaryIO, stderr: TextIO) -> int:
    found, failed = [], False
    for path in args.paths:  # every input's problems are told, not only the first's
        try:
            found.append(_load(path, stdin, stderr, "sum", args.lang))
        except _Failed:
            failed = True
    if failed:
        return EXIT_UNREADABLE
    if not args.agency:  # the Agency constructor's TypeError would be a traceback
        stderr.write(
            "disclosure-schema sum：--agency 不能为空\n"
            if args.lang == "zh"
            else "disclosure-schema sum: --agency must not be empty\n"
        )
        return EXIT_UNREADABLE
    try:
        total = add_up(found, agency=args.agency)
    except (EditionMismatch, SumTooLarge) as error:
        stderr.write(printable(f"{_said('sum', args.lang)}{_refusal(error, args.lang)}") + "\n")
        return EXIT_UNREADABLE
    _write(dumps(total).encode("utf-8"), args, stdout, stderr)
    invalid = _report_findings(validate(total).findings, stderr, "sum", args.lang)
    return EXIT_FOUND if invalid else EXIT_OK


def _refusal(error: EditionMismatch | SumTooLarge, lang: str) -> str:
    """Why the reports cannot be added up, said in one language."""
    if isinstance(error, EditionMismatch):
        (e1, y1), (e2, y2) = error.first, error.other
        if lang == "zh":
            return f"版本或年度不同：{y2} 年 {e2} 版报告不能与 {y1} 年 {e1} 版报告相加"
        return f"editions or years differ: {error}"
    if lang == "zh":
        return f"无法相加：{error.pointer} 的合计 {error.value} 超过 2**53 - 1"
    return f"cannot add: {error}"


def _value_text(value: object, lang: str) -> str:
    return "null" if value is None else orjson.dumps(value).decode("utf-8")


def _diff_line(d: Difference, lang: str) -> str:
    title = d.title_zh if lang == "zh" else d.title_en
    absent = "（此版本无此项）" if lang == "zh" else "(no such key in this edition)"
    a = absent if d.only_in == "b" else _value_text(d.a, lang)
    b = absent if d.only_in == "a" else _value_text(d.b, lang)
    return printable(f"{d.pointer}  {title}: {a} → {b}")


def _diff(args: argparse.Namespace, stdin: BinaryIO, stdout: BinaryIO, stderr: TextIO) -> int:
    a = _load(args.a, stdin, stderr, "diff", args.lang)
    b = _load(args.b, stdin, stderr, "diff", args.lang)
    found = compare(a, b)
    if args.format == "json":
        data = [d.to_dict() for d in found]
        stdout.write(orjson.dumps(data, option=orjson.OPT_INDENT_2) + b"\n")
    else:
        lines = [_diff_line(d, args.lang) for d in found]
        if not lines:
            lines = ["相同" if args.lang == "zh" else "the same"]
        stdout.write(("\n".join(lines) + "\n").encode("utf-8"))
    return EXIT_FOUND if found else EXIT_OK


def run(args: argparse.Namespace, stdin: BinaryIO, stdout: BinaryIO, stderr: TextIO) -> int:
    """Run ``derive``, ``sum`` or ``diff``; returns the exit code."""
    commands = {"derive": _derive, "sum": _sum, "diff": _diff}
    try:
        return commands[args.command](args, stdin, stdout, stderr)
    except _Failed:
        return EXIT_UNREADABLE
