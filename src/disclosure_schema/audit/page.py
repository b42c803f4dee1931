"""One report's page: its findings, tables 二, 三 and 四 as the official grids with
the failing and suspect cells marked, and the reading notes."""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import Final

from .. import __version__
from ..findings import CODES, Change, Finding, Severity, Status
from ..layout import layout
from ..model import Edition
from ..reading.assemble import where_zh
from ..record import Record
from .grids import fill, tables
from .style import CSS
from .words import WORDS

__all__ = ["page", "title_of"]

#: Findings about single cells, one row per code in the list: the grids mark the cells.
_PER_CELL: Final = ("cell_not_reported", "cell_not_read")


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _place(where: str, lang: str) -> str:
    """The reader's place ("line 116", "HTML table 2, row 4") in the page's language."""
    return where_zh(where) if lang == "zh" else where


def _value(value: object) -> str:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return _e(value)
    return f"{value:,}"


def _signed(value: object) -> str:
    return f"{value:+,}" if isinstance(value, int | float) else "—"


class _Marks:
    """What the findings say of each cell: failing identities, suspects, not read."""

    def __init__(self, findings: tuple[Finding, ...], edition: Edition, lang: str) -> None:
        words = WORDS[lang]
        self.fail: dict[str, list[str]] = {}
        self.diff: dict[str, str] = {}
        #: likely_wrong_cell (the one minimal change): pointer -> the suggested value
        self.suspect: dict[str, str] = {}
        #: wrong_cell_candidates: pointer -> its suggested values, and one title per
        #: minimal change it is part of
        self.candidate: dict[str, list[str]] = {}
        self.candidate_titles: dict[str, list[str]] = {}
        self.unread: set[str] = set()
        sep = words["colon"]
        for f in findings:
            if f.status is Status.FAILED and f.severity is Severity.ERROR and f.locations:
                text = (
                    f"{f.rule}{sep}{words['left']} {_value(f.actual)}{words['sep']}"
                    f"{words['right']} {_value(f.expected)}{words['sep']}"
                    f"{words['difference']} {_signed(f.difference)}"
                )
                if f.previous_source:  # a cross-report rule: against which report
                    text += f"{words['sep']}{words['previous_report']} {f.previous_source}"
                for pointer in f.locations:
                    self.fail.setdefault(pointer, []).append(text)
                self.diff.setdefault(f.locations[0], _signed(f.difference))
            elif f.code == "likely_wrong_cell" and f.locations and f.expected is not None:
                self.suspect[f.locations[0]] = _value(f.expected)
            elif f.code == "wrong_cell_candidates":
                for number, changes in enumerate(f.candidates, 1):
                    for change in changes:
                        where = (number, len(f.candidates))
                        self._candidate(change, changes, where, edition, lang)
            elif f.code == "cell_not_read":
                self.unread.update(f.locations)

    def _candidate(
        self,
        change: Change,
        changes: tuple[Change, ...],
        where: tuple[int, int],
        edition: Edition,
        lang: str,
    ) -> None:
        """One cell of one of several minimal changes (``where``: the change's number
        and how many there are): its value, and a title naming the change and the other
        cells it changes together with this one."""
        words = WORDS[lang]
        value = _value(change.expected)
        values = self.candidate.setdefault(change.pointer, [])
        if value not in values:
            values.append(value)
        title = words["candidate"].format(*where, value)  # change number, how many
        nodes = layout(edition).nodes
        others = [
            f"{nodes[c.pointer].title_zh if lang == 'zh' else nodes[c.pointer].title_en} "
            f"→ {_value(c.expected)}"
            for c in changes
            if c is not change
        ]
        if others:
            title += words["together"].format(words["sep"].join(others))
        self.candidate_titles.setdefault(change.pointer, []).append(title)


def _cells(record: Record, lang: str) -> list[str]:
    """Every cell's <td>, in layout order."""
    assert record.edition is not None
    words = WORDS[lang]
    marks = _Marks(record.result.findings, record.edition, lang)
    values = record.cells or {}
    provenance = record.provenance or {}
    out = []
    for node in layout(record.edition).cells:
        pointer = node.pointer
        value = values.get(pointer)
        classes = []
        titles = []
        extra = ""
        if pointer in marks.fail:
            classes.append("fail")
            titles += marks.fail[pointer]
            if pointer in marks.diff:
                extra = f'<span class="diff">{marks.diff[pointer]}</span>'
        if pointer in marks.suspect:
            classes.append("suspect")
            titles.append(f"{words['suggested']} {marks.suspect[pointer]}")
            extra += f'<span class="sugg">→ {marks.suspect[pointer]}</span>'
        elif pointer in marks.candidate:
            classes.append("candidate")
            titles += marks.candidate_titles[pointer]
            shown_values = words["or"].join(marks.candidate[pointer])
            extra += f'<span class="sugg">→ {shown_values}{words["maybe"]}</span>'
        if value is None:
            if pointer in marks.unread:
                classes.append("unread")
                titles.append(words["not_read"])
            else:
                classes.append("blank")
                titles.append(words["blank"])
        if pointer in provenance:
            raw, where = provenance[pointer]
            titles.append(f"{words['read_from']} {_place(where, lang)}{words['colon']}“{raw}”")
        attributes = f' data-p="{pointer}"'
        if classes:
            attributes += f' class="{" ".join(classes)}"'
        if titles:
            attributes += f' title="{_e(chr(10).join(titles))}"'
        shown = "" if value is None else _value(value)
        out.append(f"<td{attributes}>{shown}{extra}</td>")
    return out


def _category(f: Finding) -> str:
    code = CODES.get(f.code)  # a code of a newer catalogue still gets its row
    return "" if code is None else code.category


def title_of(record: Record, lang: str) -> str:
    return record.agency or record.source


def _against(f: Finding, lang: str, earlier: Mapping[str, int]) -> str:
    """A cross-report finding's other report: named, and linked where it has a page."""
    if not f.previous_source:
        return ""
    words = WORDS[lang]
    which = words["same_year_report" if f.code == "duplicate_year" else "previous_report"]
    name = _e(f.previous_source)
    number = earlier.get(f.previous_source)
    if number is not None:  # its page sits beside this one, in reports/
        name = f'<a href="{number:06d}.html" data-previous>{name}</a>'
    return f'<br><small class="against">{_e(which)}{words["colon"]}{name}</small>'


def _findings(
    findings: tuple[Finding, ...], lang: str, earlier: Mapping[str, int] | None = None
) -> str:
    words = WORDS[lang]
    zh = lang == "zh"
    rows = []
    per_cell: dict[str, list[Finding]] = {}
    for f in findings:
        if f.code in _PER_CELL:
            per_cell.setdefault(f.code, []).append(f)
            continue
        code = CODES.get(f.code)
        what = f.rule or f.code
        title = "" if code is None else code.title_zh if zh else code.title_en
        rows.append(
            f'<tr><td class="sev-{f.severity.value}">{_e(words[f.severity.value])}</td>'
            f"<td><code>{_e(what)}</code><br><small>{_e(title)}</small></td>"
            f"<td>{_e(f.message_zh if zh else f.message_en)}"
            f"{_against(f, lang, earlier or {})}</td></tr>"
        )
    for code_name, group in per_cell.items():  # one row each: the grid shows the cells
        code = CODES[code_name]
        legend = words["legend_unread" if code_name == "cell_not_read" else "legend_blank"]
        rows.append(
            f'<tr><td class="sev-{group[0].severity.value}">'
            f"{_e(words[group[0].severity.value])}</td>"
            f"<td><code>{code_name}</code><br><small>"
            f"{_e(code.title_zh if zh else code.title_en)}</small></td>"
            f"<td>{_e(words['cells'].format(len(group), legend))}</td></tr>"
        )
    return (
        f'<table class="findings"><thead><tr><th>{_e(words["severity"])}</th>'
        f"<th>{_e(words['rule_or_code'])}</th><th>{_e(words['message'])}</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def _legend(lang: str) -> str:
    words = WORDS[lang]
    return (
        f'<p class="legend">{_e(words["legend"])}{words["colon"]}'
        + "".join(
            f'<span class="{cls}"></span>{_e(words["legend_" + cls])}'
            for cls in ("fail", "suspect", "candidate", "blank", "unread")
        )
        + "</p>"
    )


def head(title: str, lang: str) -> str:
    return (
        f'<!doctype html><html lang="{WORDS[lang]["html_lang"]}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_e(title)}</title><style>{CSS}</style></head><body>"
    )


def page(record: Record, lang: str, earlier: Mapping[str, int] | None = None) -> bytes:
    """The HTML page of one report (it lives in reports/, beside index.html's folder).

    ``earlier``: with --series, the input number of each earlier report a cross-report
    finding names (its page is ``reports/NNNNNN.html``), so the finding links to it.
    """
    words = WORDS[lang]
    result = record.result
    title = title_of(record, lang)
    meta: list[str] = [f"{words['source']}{words['colon']}{_e(record.source)}"]
    if record.edition:
        meta.append(_e(words["edition_of"].format(record.edition)))
    if record.year is not None:
        meta.append(_e(words["year_of"].format(record.year)))
    meta.append(
        f'{words["state"]}{words["colon"]}<b class="state-{record.state}" '
        f'data-state="{record.state}">{_e(words[record.state])}</b>'
    )
    meta.append(f"{words['errors']} <b data-errors>{len(result.errors)}</b>")
    meta.append(f"{words['warnings']} <b data-warnings>{len(result.warnings)}</b>")
    parts = [
        head(f"{title} · {words['title']}", lang),
        f'<nav><a href="../index.html">{_e(words["back"])}</a></nav>',
        f"<h1>{_e(title)}</h1>",
        f'<p class="meta">{" · ".join(meta)}</p>',
    ]
    if record.state == "unchecked":
        parts.append(f'<p class="state-unchecked">{_e(words["why_unchecked"])}</p>')
    notes = [f for f in result.findings if _category(f) == "reading"]
    others = [f for f in result.findings if _category(f) != "reading"]
    if others:
        parts.append(f"<h2>{_e(words['findings'])}</h2>{_findings(tuple(others), lang, earlier)}")
    if record.edition is not None and record.cells is not None:
        cells = _cells(record, lang)
        for cls, heading, skeleton in tables(record.edition, lang):
            parts.append(f'<h2 id="{cls}">{_e(heading)}</h2><div class="scroll">')
            parts.append(fill(skeleton, cells.__getitem__))
            parts.append("</div>")
        parts.append(_legend(lang))
    else:
        parts.append(f"<p>{_e(words['no_tables'])}</p>")
    if notes:
        parts.append(f"<h2>{_e(words['reading_notes'])}</h2>{_findings(tuple(notes), lang)}")
    parts.append(
        f'<footer class="meta">{_e(words["generated"].format(__version__))}</footer></body></html>'
    )
    return "".join(parts).encode("utf-8", "backslashreplace")  # a lone surrogate
