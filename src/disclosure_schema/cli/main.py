"""The command line: ``disclosure-schema validate|rules|explain|schema|read|derive|sum|diff``."""

from __future__ import annotations

import argparse
import contextlib
import difflib
import functools
import os
import sys
import time
from collections.abc import Callable, Generator, Sequence
from typing import IO, BinaryIO, Final, NoReturn, TextIO, cast

import attrs
import orjson

from .. import __version__
from ..findings import CODES, Finding, Severity
from ..layout import layout
from ..limits import (
    MAX_PAGE,
    io_problem,
    os_reason,
    printable,
    read_file,
    shown_name,
    too_large,
)
from ..model import EDITIONS, Edition
from ..rules import CHECKS, RULES, Rule
from ..rules.catalogue import NARRATIVE
from ..schema import report_schema, rule_data
from . import compose
from .batch import Payload, run
from .inputs import expand, total_size
from .options import Options, add_lang
from .output import WORDS, count, display_width, summary_text
from .streams import (
    Output,
    OutputFailed,
    Terminated,
    closed,
    failing,
    quiet_stdout,
    terminable,
    write_error,
)
from .summary import Outcome, Summary

__all__ = ["main"]

EXIT_OK: Final = 0
EXIT_INVALID: Final = 1
EXIT_UNREADABLE: Final = 2  # also: usage errors
_SKIPPED_SHOWN: Final = 10  # skipped files named in the summary

_EXIT_CODES = """\
exit codes:
  0  every input is valid or unchecked (no finding at or above --severity)
  1  at least one input has a finding at or above --severity (default: error),
     or is unchecked and --fail-unchecked is given
  2  usage error, or at least one input could not be read at all; every input,
     readable or not, still gets its result record
"""


def _batch_arguments(v: argparse.ArgumentParser) -> None:
    """The arguments validate and audit share."""
    v.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="a .json report, a .jsonl file (one report per line), a directory (searched "
        "for every kind of input; other files are listed as skipped), an .html/.htm/.txt "
        "published report, or '-' for standard input (default: '-')",
    )
    add_lang(v, "everything written for people")
    v.add_argument(
        "--select",
        action="append",
        default=[],
        metavar="IDS",
        help="keep only findings of these rule ids, id prefixes (t3.row_total) or "
        "codes; comma-separated, repeatable; an unknown one is a usage error",
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
        "--fail-unchecked",
        action="store_true",
        help="an unchecked input (not one identity could be assessed) makes the exit code 1",
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
        "--progress",
        choices=["auto", "never"],
        default="auto",
        help="progress bar on stderr when it is a terminal (default: auto)",
    )
    v.add_argument(
        "--series",
        action="store_true",
        help="also compare each report with its agency's report of the year before "
        "(grouped by agency code, else name; cross-report rules x.* and "
        "p.same_as_last_year, in the later report's record); reads the inputs twice",
    )


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
    _batch_arguments(v)
    v.add_argument(
        "--format",
        choices=["text", "json", "jsonl"],
        default="text",
        help="text for people (default); json: one array; jsonl: one record per line, streamed",
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
    v.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        help="only the inputs that fail (an error, or a finding at or above --severity), "
        "then the summary",
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

    a = commands.add_parser(
        "audit",
        help="write an audit report: index.html, a page per report, findings.csv, "
        "reports.csv, findings.jsonl",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=_EXIT_CODES,
    )
    _batch_arguments(a)
    a.add_argument("-o", "--output", required=True, metavar="DIR", help="the report's directory")
    a.add_argument(
        "--all-pages",
        action="store_true",
        help="a page for every report (default: only reports with an error or a warning)",
    )

    r = commands.add_parser("rules", help="list the rule catalogue")
    r.add_argument("--edition", choices=EDITIONS)
    r.add_argument("--format", choices=["text", "json"], default="text")
    add_lang(r, "the list")

    e = commands.add_parser("explain", help="show a rule's formula with its cells' labels")
    e.add_argument("rule", metavar="RULE_ID")
    e.add_argument("--edition", choices=EDITIONS)
    add_lang(e, "the explanation")

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
        help="also give where every cell was read from, and the notes: one file without "
        "-o, one JSON document {report, reading}; with -o, the reading on standard output; "
        "JSON Lines: a provenance member in each record",
    )
    add_lang(rd, "the notes on standard error")
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

    def __init__(self, stream: TextIO, total: int | None, lang: str) -> None:
        self.stream = stream
        self.total = total
        self.lang = lang
        self.start = time.monotonic()
        self.last = 0.0
        self.count = 0
        self.done = 0
        self.shown = False

    def text(self, elapsed: float) -> str:
        lang = self.lang
        words = WORDS[lang]
        rate = self.count / elapsed if elapsed else 0.0
        parts = [
            count(lang, "reports", self.count),
            words["rate"].format(f"{rate:,.0f}"),
            words["seconds"].format(f"{elapsed:,.0f}"),
        ]
        if self.total:
            share = min(self.done / self.total, 1.0)
            left = elapsed * (1 - share) / share if share else 0.0
            parts += [f"{share:.0%}", words["left_time"].format(f"{left:,.0f}")]
        return " · ".join(parts)

    def __call__(self, n: int, size: int) -> None:
        self.count += n
        self.done += size
        now = time.monotonic()
        elapsed = now - self.start
        if elapsed < 1.0 or now - self.last < 0.1:
            return
        self.last = now
        self.stream.write(f"\r\033[K{self.text(elapsed)}")
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


@functools.cache
def _known_tokens() -> frozenset[str]:
    """What --select and --ignore accept: codes, rule ids and every dotted prefix of one."""
    known = set(CODES)
    ids = [rule.id for edition in EDITIONS for rule in RULES[edition]]
    ids += [check.id for check in CHECKS]  # cross-report and plausibility rules
    ids += [check.id for check in NARRATIVE]
    for rule_id in ids:
        parts = rule_id.split(".")
        known.update(".".join(parts[:i]) for i in range(1, len(parts) + 1))
    return frozenset(known)


def _unknown_tokens(tokens: tuple[str, ...], option: str, lang: str) -> str | None:
    """The usage error for tokens that match no rule or code, naming the closest."""
    known = _known_tokens()
    lines = []
    for token in tokens:
        if token.rstrip(".") in known:
            continue
        close = difflib.get_close_matches(token, sorted(known), n=3, cutoff=0.6)
        if lang == "zh":
            hint = f"；最接近的是：{'、'.join(close)}" if close else "；规则 id 见 rules 命令"
            lines.append(f"{option} 中的 {token!r} 不是已知的规则 id、id 前缀或代码{hint}")
        else:
            hint = f"; closest: {', '.join(close)}" if close else "; see the rules command"
            lines.append(f"{option}: {token!r} is no known rule id, id prefix or code{hint}")
    return "\n".join(lines) if lines else None


def _options(args: argparse.Namespace, stdout: BinaryIO, stderr: TextIO) -> Options | None:
    """The batch's options, or None after writing the usage error."""
    command = f"disclosure-schema {args.command}"
    if args.jobs < 1:
        stderr.write(
            f"{command}：--jobs 至少为 1\n"
            if args.lang == "zh"
            else f"{command}: --jobs must be at least 1\n"
        )
        return None
    if args.series and "-" in (args.paths or ["-"]):
        stderr.write(
            f"{command}：--series 要读两遍输入，不能读标准输入\n"
            if args.lang == "zh"
            else f"{command}: --series reads its inputs twice, so not standard input\n"
        )
        return None
    select, ignore = _tokens(args.select), _tokens(args.ignore)
    problems = [
        p
        for p in (
            _unknown_tokens(select, "--select", args.lang),
            _unknown_tokens(ignore, "--ignore", args.lang),
        )
        if p
    ]
    if problems:
        sep = "：" if args.lang == "zh" else ": "
        stderr.write("".join(f"{command}{sep}{p}\n" for p in problems))
        return None
    audit = args.command == "audit"
    color = not audit and (args.color == "always" or (args.color == "auto" and _isatty(stdout)))
    return Options(
        format="audit" if audit else args.format,
        lang=args.lang,
        select=select,
        ignore=ignore,
        threshold=Severity(args.severity),
        fail_unchecked=args.fail_unchecked,
        color=color and not audit and args.format == "text",
        verbose=not audit and args.verbose,
        quiet=not audit and args.quiet,
        all_pages=audit and args.all_pages,
    )


def _skip(summary: Summary) -> Callable[[str], None]:
    def skip(path: str) -> None:
        summary.skipped += 1
        if len(summary.skipped_names) < _SKIPPED_SHOWN:
            summary.skipped_names.append(path)

    return skip


def _batch(
    args: argparse.Namespace,
    options: Options,
    stdin: BinaryIO,
    stderr: TextIO,
    summary: Summary,
) -> Generator[tuple[Payload, Outcome], None, None]:
    """Run the batch, counting into the summary, with a progress bar on a terminal."""
    paths = args.paths or ["-"]
    show_progress = args.progress == "auto" and _isatty(stderr)
    progress = _Progress(stderr, total_size(paths), args.lang) if show_progress else None
    if args.series:  # a first pass: every report's cross-report findings
        from .series import series

        first = series(expand(paths, stdin, stdin_lines=args.lines), args.jobs)
        earlier = first.numbers if options.format == "audit" else {}  # pages link to them
        options = attrs.evolve(options, series=first.findings, earlier=earlier)
    items = expand(paths, stdin, stdin_lines=args.lines, on_skip=_skip(summary))
    # closing(): on any failure (interrupt, a full disk) the workers are stopped at once.
    try:
        with contextlib.closing(run(items, options, args.jobs, progress)) as results:
            for payload, outcome in results:
                summary.add(outcome)
                yield payload, outcome
    finally:
        if progress:
            progress.close()


def _exit_code(summary: Summary) -> int:
    if summary.unreadable:
        return EXIT_UNREADABLE
    return EXIT_INVALID if summary.failed else EXIT_OK


def _validate(args: argparse.Namespace, stdin: BinaryIO, stdout: BinaryIO, stderr: TextIO) -> int:
    options = _options(args, stdout, stderr)
    if options is None:
        return EXIT_UNREADABLE
    summary = Summary()
    first = True
    if args.format == "json":
        stdout.write(b"[")
    with contextlib.closing(_batch(args, options, stdin, stderr, summary)) as results:
        for rendered, _ in results:
            assert isinstance(rendered, bytes)
            if not rendered:  # --quiet: a passing input
                continue
            if args.format == "json":
                stdout.write(b"\n" if first else b",\n")
            first = False
            stdout.write(rendered)
            if args.format == "jsonl":
                stdout.flush()  # stream: one record per input as soon as it is ready
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
    return _exit_code(summary)


def _inside_an_input(output: str, paths: list[str]) -> str | None:
    """The input directory that would hold the audit's own pages, if any."""
    target = os.path.realpath(output)
    for path in paths:
        if path != "-" and os.path.isdir(path):
            folder = os.path.realpath(path)
            if os.path.commonpath([folder, target]) == folder:
                return path
    return None


def _audit(args: argparse.Namespace, stdin: BinaryIO, stdout: BinaryIO, stderr: TextIO) -> int:
    from ..audit import AuditWriter, Parts

    options = _options(args, stdout, stderr)
    if options is None:
        return EXIT_UNREADABLE
    sep = "：" if args.lang == "zh" else ": "
    inside = _inside_an_input(args.output, args.paths)
    if inside is not None:
        stderr.write(
            f"disclosure-schema audit{sep}{printable(args.output)} 在输入目录 "
            f"{printable(inside)} 之中，写出的页面会被当作输入；请换一个目录\n"
            if args.lang == "zh"
            else f"disclosure-schema audit: {printable(args.output)} is inside the input "
            f"directory {printable(inside)}, whose pages would be read as inputs; choose "
            "another directory\n"
        )
        return EXIT_UNREADABLE
    summary = Summary()
    try:
        writer = AuditWriter(args.output, args.lang)
    except OSError as error:
        reason = os_reason(error, args.lang)
        stderr.write(f"disclosure-schema audit{sep}{printable(args.output)}{sep}{reason}\n")
        return EXIT_UNREADABLE
    with writer, contextlib.closing(_batch(args, options, stdin, stderr, summary)) as results:
        for parts, _ in results:
            assert isinstance(parts, Parts)
            with failing():  # the audit directory's disk is full: told as stdout's is
                writer.add(parts)
        with failing():
            writer.finish(summary)
    stdout.write(summary_text(summary, args.lang).encode("utf-8"))
    index = os.path.join(args.output, "index.html")
    stdout.write(
        (f"审计报告：{index}\n" if args.lang == "zh" else f"audit report: {index}\n").encode()
    )
    stdout.flush()
    return _exit_code(summary)


_KINDS: Final = {
    "official": ("官方勾稽关系", "official"),
    "structural": ("表格结构决定", "structural"),
}


def _kind(kind: str, lang: str) -> str:
    """A kind of rule in words; a kind this table does not know shows its name."""
    words = _KINDS.get(kind)
    return kind if words is None else words[0] if lang == "zh" else words[1]


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
            kind = _kind(rule.kind, args.lang)
            lines.append(f"{rule.id:<48} {kind}{' ' * (14 - display_width(kind))}{title}")
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
        stderr.write(
            f"disclosure-schema explain：没有规则 {args.rule!r}，见 rules 命令\n"
            if args.lang == "zh"
            else f"disclosure-schema explain: no rule {args.rule!r}; see 'rules'\n"
        )
        return EXIT_UNREADABLE
    lines: list[str] = []
    shown: set[int] = set()
    for edition, rule in found:
        if id(rule) in shown:
            continue
        shown.add(id(rule))
        kind = _kind(rule.kind, args.lang)
        if args.lang == "zh":
            lines.append(f"{rule.id}（{'、'.join(rule.editions)} 版；{kind}）")
            lines.append(f"  {rule.title_zh}")
        else:
            lines.append(f"{rule.id}  (editions {', '.join(rule.editions)}; {kind})")
            lines.append(f"  {rule.title_en}")
        lines.extend(_formula(rule, edition, args.lang))
        lines.append("")
    stdout.write("\n".join(lines).encode("utf-8"))
    return EXIT_OK


def _schema(args: argparse.Namespace, stdout: BinaryIO) -> int:
    stdout.write(orjson.dumps(report_schema(args.edition), option=orjson.OPT_INDENT_2) + b"\n")
    return EXIT_OK


#: Notes that mean nothing was read: the reason is the command's message, not a report.
_REFUSED: Final = (
    "reading_unsupported_input",
    "missing_extra",
    "unreadable_file",
    "input_too_large",
)


def _read(args: argparse.Namespace, stdin: BinaryIO, stdout: BinaryIO, stderr: TextIO) -> int:
    """``disclosure-schema read PATH ...``: one file as one report, many as JSON Lines."""
    from .read import read_main, single_file

    path = single_file(args)
    if path is None:
        bar = args.progress == "auto" and _isatty(stderr)
        factory = (lambda total: _Progress(stderr, total, args.lang)) if bar else None
        return read_main(args, stdin, stdout, stderr, factory)
    args.path = path
    return _read_file(args, stdin, stdout, stderr)


def _read_file(args: argparse.Namespace, stdin: BinaryIO, stdout: BinaryIO, stderr: TextIO) -> int:
    """``disclosure-schema read FILE [-o OUT] [--provenance] [--lang]``."""
    from ..api import to_dict
    from ..reading import read

    zh = args.lang == "zh"
    sep = "：" if zh else ": "
    shown = shown_name(args.path)
    data: bytes | Finding
    if args.path == "-":
        try:  # standard input may be closed (<&-)
            raw = stdin.read(MAX_PAGE + 1)
        except OSError as error:
            data = io_problem(shown, error)
        else:
            data = too_large(shown, MAX_PAGE) if len(raw) > MAX_PAGE else raw
    else:
        data = read_file(args.path, MAX_PAGE)  # bounded: /dev/zero is not read whole
    if isinstance(data, Finding):
        message = data.message_zh if zh else data.message_en
        stderr.write(f"disclosure-schema read{sep}{printable(message)}\n")
        return EXIT_UNREADABLE
    reading = read(data)
    for note in reading.notes:  # JSON, an image, a damaged PDF, a parser not installed
        if note.code in _REFUSED:
            message = note.message_zh if zh else note.message_en
            stderr.write(printable(f"disclosure-schema read{sep}{shown}{sep}{message}") + "\n")
            return EXIT_UNREADABLE
    report = {} if reading.report is None else to_dict(reading.report)
    if args.output:
        try:
            with open(args.output, "wb") as handle:
                handle.write(orjson.dumps(report, option=orjson.OPT_INDENT_2) + b"\n")
        except OSError as error:
            stderr.write(
                f"disclosure-schema read{sep}{printable(shown_name(args.output))}{sep}"
                f"{os_reason(error, args.lang)}\n"
            )
            return EXIT_UNREADABLE
        if args.provenance:
            stdout.write(orjson.dumps(reading.to_dict(), option=orjson.OPT_INDENT_2) + b"\n")
    else:
        # One document on standard output, always.
        document = {"report": report, "reading": reading.to_dict()} if args.provenance else report
        stdout.write(orjson.dumps(document, option=orjson.OPT_INDENT_2) + b"\n")
    for note in reading.notes:
        if note.severity.value != "info":
            stderr.write(printable(f"{shown}{sep}{note.message_zh if zh else note.message_en}"))
            stderr.write("\n")
    return EXIT_OK if reading.report is not None else EXIT_UNREADABLE


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
            if args.command == "audit":
                return _audit(args, stdin, output, stderr)
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
        zh = getattr(args, "lang", "zh") == "zh"
        write_error(
            stderr,
            f"disclosure-schema {args.command}：无法写出结果：{error.said('zh')}"
            if zh
            else f"disclosure-schema {args.command}: cannot write the output: {error.said('en')}",
        )
        return EXIT_UNREADABLE
    except KeyboardInterrupt:
        write_error(stderr, "\n已中断" if getattr(args, "lang", "zh") == "zh" else "\ninterrupted")
        return 130
    except Terminated:
        write_error(stderr, "已终止" if getattr(args, "lang", "zh") == "zh" else "terminated")
        return 143


def entry() -> NoReturn:
    """The ``disclosure-schema`` executable: :func:`main`, then exit. After Ctrl-C or
    SIGTERM (130, 143) the process ends at once, its output flushed: the interpreter's
    own shutdown would join the threads of a process pool just stopped, whose pipes
    are closed, and could print their errors."""
    code = main()
    if code in (130, 143):
        for stream in (sys.stdout, sys.stderr):
            try:
                if stream is not None:
                    stream.flush()
            except (OSError, ValueError):
                pass
        os._exit(code)
    sys.exit(code)
