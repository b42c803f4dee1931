"""Writing the audit directory as records arrive: pages, CSV, JSON Lines, the index."""

from __future__ import annotations

import collections
import contextlib
import csv
import html
import io
import os
import re
import shutil
from collections.abc import Mapping
from types import TracebackType
from typing import IO, Final, Protocol

import attrs

from .. import __version__
from ..findings import CODES
from ..record import Record, State, family_title, to_json
from .page import head, page
from .style import SORT_SCRIPT
from .words import WORDS

__all__ = ["FINDINGS_COLUMNS", "REPORTS_COLUMNS", "AuditWriter", "Parts", "render_parts"]

#: The columns of findings.csv and reports.csv (documented in docs/cli.md).
FINDINGS_COLUMNS: Final = (
    "source", "agency", "year", "edition", "severity", "code", "rule", "status",
    "locations", "actual", "expected", "difference", "message", "previous_source",
    "previous_locations",
)  # fmt: skip
REPORTS_COLUMNS: Final = (
    "source", "state", "valid", "agency", "year", "edition", "errors", "warnings", "page",
)  # fmt: skip
_BOM: Final = "\ufeff"
_AGENCIES_SHOWN: Final = 200
_PAGE_NAME: Final = re.compile(r"\d{6}\.html")


@attrs.frozen(kw_only=True)
class Parts:
    """What one record adds to the audit directory, rendered by a worker."""

    source: str
    state: State
    edition: str | None
    year: int | None
    agency: str | None
    errors: int
    warnings: int
    page: bytes | None  # the report's page, or None when it gets none
    findings_csv: bytes  # its rows of findings.csv
    jsonl: bytes  # its line of findings.jsonl


def _cell(value: object) -> str:
    return "" if value is None else str(value)


def render_parts(
    record: Record, lang: str, all_pages: bool, earlier: Mapping[str, int] | None = None
) -> Parts:
    """Everything the audit directory needs of one record.

    ``earlier`` (--series): source -> input number of every earlier report that a
    cross-report finding names. Each gets a page, so that the finding can link to it.
    """
    earlier = earlier or {}
    result = record.result
    rows = io.StringIO()
    writer = csv.writer(rows, lineterminator="\r\n")
    for f in result.findings:
        writer.writerow(
            (
                record.source, _cell(record.agency), _cell(record.year), _cell(record.edition),
                f.severity.value, f.code, _cell(f.rule),
                "" if f.status is None else f.status.value, " ".join(f.locations),
                _cell(f.actual), _cell(f.expected), _cell(f.difference),
                f.message_zh if lang == "zh" else f.message_en,
                _cell(f.previous_source), " ".join(f.previous_locations),
            )
        )  # fmt: skip
    errors, warnings = len(result.errors), len(result.warnings)
    wants_page = all_pages or errors or warnings or record.source in earlier
    return Parts(
        source=record.source,
        state=record.state,
        edition=record.edition,
        year=record.year,
        agency=record.agency,
        errors=errors,
        warnings=warnings,
        page=page(record, lang, earlier) if wants_page else None,
        findings_csv=rows.getvalue().encode("utf-8", "backslashreplace"),
        jsonl=to_json(record.to_dict()) + b"\n",
    )


class Counts(Protocol):
    """The batch's summary as the index shows it (the command line's Summary)."""

    inputs: int
    valid: int
    invalid: int
    unchecked: int
    unreadable: int
    skipped: int
    skipped_names: list[str]
    errors_by_family: collections.Counter[str]
    warnings_by_family: collections.Counter[str]
    errors_by_code: collections.Counter[str]
    warnings_by_code: collections.Counter[str]


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


class AuditWriter:
    """Writes the audit directory; use as a context manager, ``add`` each record's
    parts in order, then ``finish`` with the batch's counts."""

    def __init__(self, directory: str, lang: str) -> None:
        self.directory = directory
        self.lang = lang
        reports = os.path.join(directory, "reports")
        os.makedirs(reports, exist_ok=True)
        for name in os.listdir(reports):  # an earlier audit's pages: not this batch's
            if _PAGE_NAME.fullmatch(name):
                os.remove(os.path.join(reports, name))
        self.number = 0
        self.years: collections.Counter[int] = collections.Counter()
        self.editions: collections.Counter[str] = collections.Counter()
        self.agencies: collections.Counter[str] = collections.Counter()
        self._files: list[IO[bytes]] = []
        self.findings = self._open("findings.csv", FINDINGS_COLUMNS)
        self.reports = self._open("reports.csv", REPORTS_COLUMNS)
        self.jsonl = self._file("findings.jsonl")
        # The list of reports is written aside as it grows, and copied into index.html
        # after the summary, which is known only at the end.
        self.rows = self._file(".index-rows.html")

    def _file(self, name: str) -> IO[bytes]:
        handle = open(os.path.join(self.directory, name), "wb")  # noqa: SIM115 (closed in close)
        self._files.append(handle)
        return handle

    def _open(self, name: str, columns: tuple[str, ...]) -> IO[bytes]:
        handle = self._file(name)
        handle.write((_BOM + ",".join(columns) + "\r\n").encode("utf-8", "backslashreplace"))
        return handle

    def __enter__(self) -> AuditWriter:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        for handle in self._files:
            # finish() flushed them: what is left is a failed write's, already reported
            with contextlib.suppress(OSError):
                handle.close()
        self._files = []
        with contextlib.suppress(OSError):
            os.remove(os.path.join(self.directory, ".index-rows.html"))

    def add(self, parts: Parts) -> None:
        self.number += 1
        name = ""
        if parts.page is not None:
            name = f"reports/{self.number:06d}.html"
            with open(os.path.join(self.directory, name), "wb") as handle:
                handle.write(parts.page)
        self.findings.write(parts.findings_csv)
        self.jsonl.write(parts.jsonl)
        row = io.StringIO()
        csv.writer(row, lineterminator="\r\n").writerow(
            (
                parts.source, parts.state, "true" if parts.state in ("valid", "unchecked")
                else "false", _cell(parts.agency), _cell(parts.year), _cell(parts.edition),
                parts.errors, parts.warnings, name,
            )
        )  # fmt: skip
        self.reports.write(row.getvalue().encode("utf-8", "backslashreplace"))
        if parts.year is not None:
            self.years[parts.year] += 1
        if parts.edition is not None:
            self.editions[parts.edition] += 1
        if parts.agency is not None:
            self.agencies[parts.agency] += 1
        self.rows.write(self._row(parts, name).encode("utf-8", "backslashreplace"))

    def _row(self, parts: Parts, name: str) -> str:
        words = WORDS[self.lang]
        link = f'<a href="{name}">{_e(words["open"])}</a>' if name else words["no_page"]
        return (
            f'<tr data-state="{parts.state}"><td class="num">{self.number}</td>'
            f"<td>{_e(parts.source)}</td><td>{_e(_cell(parts.agency))}</td>"
            f'<td class="num">{_cell(parts.year)}</td><td>{_cell(parts.edition)}</td>'
            f'<td data-v="{parts.state}"><b class="state-{parts.state}">'
            f"{_e(words[parts.state])}</b></td>"
            f'<td class="num">{parts.errors}</td><td class="num">{parts.warnings}</td>'
            f"<td>{link}</td></tr>\n"
        )

    def finish(self, counts: Counts) -> None:
        """Write index.html: the summary, then the list of reports."""
        for handle in self._files:  # a full disk fails here, not unseen in close()
            handle.flush()
        words = WORDS[self.lang]
        path = os.path.join(self.directory, "index.html")
        with open(path, "wb") as out:
            out.write(self._summary(counts).encode("utf-8", "backslashreplace"))
            with open(os.path.join(self.directory, ".index-rows.html"), "rb") as rows:
                shutil.copyfileobj(rows, out)
            out.write(
                f'</tbody></table></div><footer class="meta">'
                f"{_e(words['generated'].format(__version__))}</footer>"
                f"<script>{SORT_SCRIPT}</script></body></html>".encode()
            )

    def _counter_table(
        self, title: str, counter: Mapping[str, int], key_name: str, family: bool, kind: str
    ) -> str:
        words = WORDS[self.lang]
        if not counter:
            return ""
        rows = []
        for key, value in sorted(counter.items()):
            if family:
                name = family_title(key, self.lang)
            else:
                code = CODES.get(key)
                name = "" if code is None else code.title_zh if self.lang == "zh" else code.title_en
            rows.append(
                f'<tr data-{kind}="{_e(key)}"><td><code>{_e(key)}</code></td><td>{_e(name)}</td>'
                f'<td class="num">{value:,}</td></tr>'
            )
        return (
            f'<h3>{_e(title)}</h3><table class="counts"><thead><tr><th>{_e(key_name)}</th><th></th>'
            f"<th>{_e(words['count'])}</th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
        )

    def _summary(self, c: Counts) -> str:
        words = WORDS[self.lang]
        sep = words["sep"]
        parts = [head(words["title"], self.lang), f"<h1>{_e(words['title'])}</h1>"]
        cards = [("inputs", c.inputs)] + [
            (state, getattr(c, state)) for state in ("valid", "invalid", "unchecked", "unreadable")
        ]
        parts.append('<div class="cards">')
        for name, value in cards:
            parts.append(
                f'<div class="card" data-count="{name}"><span class="state-{name}">'
                f"{_e(words[name])}</span><b>{value:,}</b></div>"
            )
        parts.append("</div>")
        if c.skipped:
            names = sep.join(c.skipped_names) + ("…" if c.skipped > len(c.skipped_names) else "")
            parts.append(f"<p>{_e(words['skipped'].format(f'{c.skipped:,}'))} {_e(names)}</p>")
        sections = []
        for label, family, code, kind in (
            ("errors", c.errors_by_family, c.errors_by_code, "error"),
            ("warnings", c.warnings_by_family, c.warnings_by_code, "warning"),
        ):
            tables = self._counter_table(
                words["by_family"], family, words["family"], True, kind
            ) + self._counter_table(words["by_code"], code, words["code"], False, kind)
            body = tables or f"<p>{_e(words['none'])}</p>"
            heading = words[label + "_title"]
            sections.append(f'<section class="col"><h2>{_e(heading)}</h2>{body}</section>')
        parts.append(f'<div class="cols">{"".join(sections)}</div>')
        colon = words["colon"]
        years = sep.join(
            f"{y}（{n:,}）" if self.lang == "zh" else f"{y} ({n:,})"
            for y, n in sorted(self.years.items())
        )
        editions = sep.join(
            f"{words['edition_of'].format(e)}（{n:,}）" if self.lang == "zh" else f"{e} ({n:,})"
            for e, n in sorted(self.editions.items())
        )
        coverage = [
            f"{_e(words['years'])}{colon}<span data-years>{_e(years or words['none'])}</span>",
            f"{_e(words['edition'])}{colon}{_e(editions or words['none'])}",
        ]
        parts.append(f'<p class="coverage">{" · ".join(coverage)}</p>')
        if self.agencies:
            shown = self.agencies.most_common(_AGENCIES_SHOWN)
            more = "…" if len(self.agencies) > len(shown) else ""
            parts.append(
                f"<details><summary>{_e(words['agencies'].format(f'{len(self.agencies):,}'))}"
                "</summary><p>" + _e(sep.join(name for name, _ in shown)) + f"{more}</p></details>"
            )
        columns = [
            ("#", True), (words["source"], False), (words["agency"], False),
            (words["year"], True), (words["edition"], False), (words["state"], False),
            (words["errors"], True), (words["warnings"], True), (words["page"], False),
        ]  # fmt: skip
        header = "".join(
            f"<th{' data-num' if num else ''}>{_e(name)}</th>" for name, num in columns
        )
        parts.append(
            f'<h2>{_e(words["reports"])}</h2><p class="hint">{_e(words["sort_hint"])}</p>'
            f'<div class="scroll"><table class="list" id="reports"><thead><tr>{header}</tr>'
            "</thead><tbody>\n"
        )
        return "".join(parts)
