"""The command line: ``disclosure-schema validate|rules|explain|schema|read|derive|sum|diff``."""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import time
from collections.abc import Sequence
from typing import IO, BinaryIO, Final, TextIO, cast

import orjson

from .. import __version__
from ..findings import Severity
from ..layout import layout
from ..model import EDITIONS, Edition
from ..rules import RULES, Rule
from ..schema import report_schema, rule_data
from . import compose
from .batch import run
from .inputs import expand, total_size
from .options import Options
from .output import display_width, summary_text
from .streams import Output, OutputFailed, Terminated, closed, quiet_stdout, terminable, write_error
from .summary import Summary

__all__ = ["main"]

EXIT_OK: Final = 0
EXIT_INVALID: Final = 1
EXIT_UNREADABLE: Final = 2  # also: usage errors

_EXIT_CODES = """\
exit codes:
  0  every input is valid (no finding at or above --severity)
  1  at least one input has a finding at or above --severity (default: error)
  2  usage error, or at least one input could not be read at all; every input,
     readable or not, still gets its result record
"""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="disclosure-schema",
        description="Validate government information disclosure annual reports "
        "(政府信息公开工作年度报告) against the national format and its reconciliation rules.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=_EXIT_CODES,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    v = commands.add_parser(
        "validate",
        help="validate reports: files, directories, JSON Lines, web pages, '-' for stdin",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=_EXIT_CODES,
    )
    v.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="a .json report, a .jsonl file (one report per line), a directory (searched "
        "for .json and .jsonl), an .html/.htm/.txt published report, or '-' for standard "
        "input (default: '-')",
    )
    v.add_argument(
        "--format",
        choices=["text", "json", "jsonl"],
        default="text",
        help="text for people (default); json: one array; jsonl: one record per line, streamed",
    )
    v.add_argument(
        "--lang",
        choices=["zh", "en"],
        default="zh",
        help="language of the text output (default: zh)",
    )
    v.add_argument(
        "--select",
        action="append",
        default=[],
        metavar="IDS",
        help="keep only findings of these rule ids, id prefixes (t3.row_total) or "
        "codes; comma-separated, repeatable",
    )
    v.add_argument(
        "--ignore",
        action="append",
        default=[],
        metavar="IDS",
        help="drop findings of these rule ids, id prefixes or codes",
    )
    v.add_argument(
        "--severity",
        choices=["error", "warning", "info"],
        default="error",
        help="the lowest severity that makes the exit code 1 (default: error)",
    )
    v.add_argument(
        "--jobs",
        type=int,
        default=1,
        metavar="N",
        help="validate in N processes; output order is unchanged (default: 1)",
    )
    v.add_argument(
        "--lines",
        action="store_true",
        help="read standard input as JSON Lines, one report per line",
    )
    v.add_argument(
        "--color",
        choices=["auto", "always", "never"],
        default="auto",
        help="colour the text output (auto: only on a terminal)",
    )
    v.add_argument(
        "--verbose",
        action="store_true",
        help="text output: list every warning, not only their counts",
    )
    summary = v.add_mutually_exclusive_group()
    summary.add_argument(
        "--summary",
        action="store_true",
        default=None,
        help="print the final summary (text: on stdout; json/jsonl: on "
        "stderr); default: text always, json/jsonl only on a terminal",
    )
    summary.add_argument("--no-summary", dest="summary", action="store_false")
    v.add_argument(
        "--progress",
        choices=["auto", "never"],
        default="auto",
        help="progress bar on stderr when it is a terminal (default: auto)",
    )

    r = commands.add_parser("rules", help="list the rule catalogue")
    r.add_argument("--edition", choices=EDITIONS)
    r.add_argument("--format", choices=["text", "json"], default="text")
    r.add_argument("--lang", choices=["zh", "en"], default="zh")

    e = commands.add_parser("explain", help="show a rule's formula with its cells' labels")
    e.add_argument("rule", metavar="RULE_ID")
    e.add_argument("--edition", choices=EDITIONS)

    s = commands.add_parser("schema", help="print a JSON Schema")
    s.add_argument(
        "--edition", choices=EDITIONS, help="one edition's schema (default: the schema of both)"
    )

    rd = commands.add_parser(
        "read", help="read published reports (web page, text, PDF, Word) into JSON"
    )
    rd.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help=".html/.htm/.txt/.pdf/.docx files, directories (searched for them), or '-' "
        "(default); one file gives its report as JSON, more give JSON Lines",
    )
    rd.add_argument("-o", "--output", metavar="OUT", help="write the JSON (Lines) here")
    rd.add_argument(
        "--provenance",
        action="store_true",
        help="also give where every cell was read from (one file: and the notes)",
    )
    rd.add_argument(
        "--format",
        choices=["json", "jsonl"],
        default=None,
        help="jsonl: one record a page, also for one file (default: json for one file)",
    )
    rd.add_argument("--jobs", type=int, default=1, metavar="N", help="read in N processes")
    rd.add_argument("--progress", choices=["auto", "never"], default="auto")
    compose.add_parsers(commands)
    return parser


class _Progress:
    """A one-line progress bar on a terminal, shown only once a batch takes a second."""

    def __init__(self, stream: TextIO, total: int | None) -> None:
        self.stream = stream
        self.total = total
        self.start = time.monotonic()
        self.last = 0.0
        self.count = 0
        self.done = 0
        self.shown = False

    def __call__(self, count: int, size: int) -> None:
        self.count += count
        self.done += size
        now = time.monotonic()
        elapsed = now - self.start
        if elapsed < 1.0 or now - self.last < 0.1:
            return
        self.last = now
        rate = self.count / elapsed
        text = f"{self.count:,} reports · {rate:,.0f}/s · {elapsed:,.0f}s"
        if self.total:
            share = min(self.done / self.total, 1.0)
            left = elapsed * (1 - share) / share if share else 0.0
            text += f" · {share:.0%} · {left:,.0f}s left"
        self.stream.write(f"\r\033[K{text}")
        self.stream.flush()
        self.shown = True

    def close(self) -> None:
        if self.shown:
            self.stream.write("\r\033[K")
            self.stream.flush()


def _tokens(values: list[str]) -> tuple[str, ...]:
    return tuple(t.strip() for v in values for t in v.split(",") if t.strip())


def _isatty(stream: IO[str] | IO[bytes]) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _validate(args: argparse.Namespace, stdin: BinaryIO, stdout: BinaryIO, stderr: TextIO) -> int:
    if args.jobs < 1:
        stderr.write("disclosure-schema validate: --jobs must be at least 1\n")
        return EXIT_UNREADABLE
    paths = args.paths or ["-"]
    color = args.color == "always" or (args.color == "auto" and _isatty(stdout))
    options = Options(
        format=args.format,
        lang=args.lang,
        select=_tokens(args.select),
        ignore=_tokens(args.ignore),
        threshold=Severity(args.severity),
        color=color and args.format == "text",
        verbose=args.verbose,
    )
    show_progress = args.progress == "auto" and _isatty(stderr)
    progress = _Progress(stderr, total_size(paths)) if show_progress else None
    summary = Summary()
    first = True
    if args.format == "json":
        stdout.write(b"[")
    items = expand(paths, stdin, stdin_lines=args.lines)
    # closing(): on any failure (interrupt, a full disk) the workers are stopped at once.
    try:
        with contextlib.closing(run(items, options, args.jobs, progress)) as results:
            for rendered, outcome in results:
                summary.add(outcome)
                if args.format == "json":
                    stdout.write(b"\n" if first else b",\n")
                first = False
                stdout.write(rendered)
                if args.format == "jsonl":
                    stdout.flush()  # stream: one record per input as soon as it is ready
    finally:
        if progress:
            progress.close()
    if args.format == "json":
        stdout.write(b"\n]\n" if not first else b"]\n")
    want_summary = args.summary
    if want_summary is None:
        want_summary = args.format == "text" or _isatty(stderr)
    if want_summary:
        text = summary_text(summary, args.lang)
        if args.format == "text":
            stdout.write(text.encode("utf-8"))
        else:
            stderr.write(text)
    stdout.flush()
    if summary.unreadable:
        return EXIT_UNREADABLE
    return EXIT_INVALID if summary.failed else EXIT_OK


def _rules(args: argparse.Namespace, stdout: BinaryIO) -> int:
    editions: tuple[Edition, ...] = (args.edition,) if args.edition else EDITIONS
    if args.format == "json":
        data = {e: [rule_data(r) for r in RULES[e]] for e in editions}
        stdout.write(orjson.dumps(data, option=orjson.OPT_INDENT_2) + b"\n")
        return EXIT_OK
    lines = []
    for edition in editions:
        lines.append(f"# {edition} ({len(RULES[edition])})")
        for rule in RULES[edition]:
            title = rule.title_zh if args.lang == "zh" else rule.title_en
            lines.append(f"{rule.id:<48} {rule.kind:<10} {title}")
    stdout.write(("\n".join(lines) + "\n").encode("utf-8"))
    return EXIT_OK


def _formula(rule: Rule, edition: Edition, lang: str) -> list[str]:
    """The identity, one term per line: the left terms, '=', the right terms."""
    lay = layout(edition)
    titles = [lay.nodes[p].title_zh if lang == "zh" else lay.nodes[p].title_en for p in rule.terms]
    width = max(map(display_width, titles))
    lines = []
    for i, (pointer, title) in enumerate(zip(rule.terms, titles, strict=True)):
        sign = "  " if i == 0 else "= " if i == len(rule.left) else "+ "
        lines.append(f"    {sign}{title}{' ' * (width - display_width(title))}  {pointer}")
    return lines


def _explain(args: argparse.Namespace, stdout: BinaryIO, stderr: TextIO) -> int:
    editions = (args.edition,) if args.edition else EDITIONS
    found = []
    for edition in editions:
        try:
            found.append((edition, RULES.rule(args.rule, edition)))
        except KeyError:
            continue
    if not found:
        stderr.write(f"disclosure-schema explain: no rule {args.rule!r}; see 'rules'\n")
        return EXIT_UNREADABLE
    lines: list[str] = []
    shown: set[int] = set()
    for edition, rule in found:
        if id(rule) in shown:
            continue
        shown.add(id(rule))
        kind_zh = "官方勾稽关系" if rule.kind == "official" else "表格结构决定"
        lines.append(f"{rule.id}  ({', '.join(rule.editions)}; {rule.kind}: {kind_zh})")
        lines.append(f"  {rule.title_zh}")
        lines.extend(_formula(rule, edition, "zh"))
        lines.append(f"  {rule.title_en}")
        lines.extend(_formula(rule, edition, "en"))
        lines.append("")
    stdout.write("\n".join(lines).encode("utf-8"))
    return EXIT_OK


def _schema(args: argparse.Namespace, stdout: BinaryIO) -> int:
    stdout.write(orjson.dumps(report_schema(args.edition), option=orjson.OPT_INDENT_2) + b"\n")
    return EXIT_OK


def _read(args: argparse.Namespace, stdin: BinaryIO, stdout: BinaryIO, stderr: TextIO) -> int:
    from .read import read_main

    bar = args.progress == "auto" and _isatty(stderr)
    return read_main(args, stdin, stdout, stderr, (lambda t: _Progress(stderr, t)) if bar else None)


def main(
    argv: Sequence[str] | None = None,
    *,
    stdin: BinaryIO | None = None,
    stdout: BinaryIO | None = None,
    stderr: TextIO | None = None,
) -> int:
    """Run the command line; returns the exit code. Streams default to the process's.

    A process started with a standard stream closed has no ``sys.stdin``/``sys.stdout``:
    a closed stream stands in, and fails only if it is used.
    """
    own_stdout = stdout is None
    if stdin is None:
        stdin = sys.stdin.buffer if sys.stdin is not None else closed("input")
    if stdout is None:
        stdout = sys.stdout.buffer if sys.stdout is not None else closed("output")
    if stderr is None:
        stderr = sys.stderr if sys.stderr is not None else open(os.devnull, "w")  # noqa: SIM115
    output = cast(BinaryIO, Output(stdout))
    parser = _parser()
    try:
        old_err = sys.stderr
        sys.stderr = stderr  # argparse writes usage errors to sys.stderr
        try:
            args = parser.parse_args(argv)
        finally:
            sys.stderr = old_err
    except SystemExit as exit_:
        return exit_.code if isinstance(exit_.code, int) else EXIT_UNREADABLE
    try:
        with terminable():
            if args.command == "validate":
                return _validate(args, stdin, output, stderr)
            if args.command == "rules":
                return _rules(args, output)
            if args.command == "explain":
                return _explain(args, output, stderr)
            if args.command == "schema":
                return _schema(args, output)
            if args.command in compose.COMMANDS:
                return compose.run(args, stdin, output, stderr)
            return _read(args, stdin, output, stderr)
    except BrokenPipeError:
        # The reader went away (| head): stop quietly, as Unix tools do.
        if own_stdout:
            quiet_stdout()
        return EXIT_INVALID
    except OutputFailed as error:
        if own_stdout:
            quiet_stdout()
        write_error(stderr, f"disclosure-schema {args.command}: cannot write the output: "
                    f"{error.reason}")  # fmt: skip
        return EXIT_UNREADABLE
    except KeyboardInterrupt:
        write_error(stderr, "\ninterrupted")
        return 130
    except Terminated:
        write_error(stderr, "terminated")
        return 143
