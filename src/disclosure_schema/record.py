"""One input's result record: the validation result, what is known of the report
(agency, year, edition) and the record's state. The command line prints records and
the audit report draws them; the published shape is ``#/$defs/record`` of
schemas/findings.schema.json.

States: ``valid`` (no error, something was checked), ``invalid`` (an error),
``unchecked`` (no error, but not one identity could be assessed: a page without
tables, a report of blanks) and ``unreadable`` (not a document at all).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any, Final, Literal, TypeAlias

import attrs
import orjson

from .api import ValidationResult
from .findings import Finding, Severity, Status
from .layout import layout
from .limits import encodable
from .model import Edition
from .rules import FAMILIES
from .rules.identities import evaluate

__all__ = [
    "STATES",
    "Record",
    "State",
    "cells_of",
    "family",
    "family_title",
    "meta_of",
    "nothing_assessed",
    "to_json",
]

State: TypeAlias = Literal["valid", "invalid", "unchecked", "unreadable"]
STATES: Final[tuple[State, ...]] = ("valid", "invalid", "unchecked", "unreadable")


@functools.cache
def _identity_count(edition: Edition) -> int:
    """How many identities an edition has: one not-assessable finding each when blank."""
    return len(evaluate(edition, [None] * len(layout(edition).cells), False))


def nothing_assessed(result: ValidationResult) -> bool:
    """True when a readable report's identities could none of them be checked.

    Judged on every finding, before --select or --ignore, because it is a fact about
    the input. A rule that says so itself (``*nothing_assessable``) counts too.
    """
    if result.edition is None:
        return False
    for f in result.findings:
        if f.code.endswith("nothing_assessable") or (f.rule or "").endswith("nothing_assessable"):
            return True
    blank = {
        f.rule
        for f in result.findings
        if f.status is Status.NOT_ASSESSABLE and f.severity is not Severity.ERROR
    }
    return len(blank) >= _identity_count(result.edition)


@attrs.frozen(kw_only=True)
class Record:
    """What the command line reports for one input."""

    source: str  # a path, "path:line" or "-"
    result: ValidationResult
    year: int | None = None
    agency: str | None = None
    unchecked: bool = False  # nothing_assessed() of the unfiltered result
    #: the report's cells by JSON Pointer (only when a page of the audit wants them)
    cells: Mapping[str, object] | None = None
    #: where each cell was read, for pages: pointer -> (raw text, place)
    provenance: Mapping[str, tuple[str, str]] | None = None

    @property
    def edition(self) -> Edition | None:
        return self.result.edition

    @property
    def state(self) -> State:
        if not self.result.readable:
            return "unreadable"
        if not self.result.valid:
            return "invalid"
        return "unchecked" if self.unchecked else "valid"

    def to_dict(self) -> dict[str, Any]:
        """The published record, keys in schema order."""
        return {
            "source": self.source,
            "valid": self.result.valid,
            "state": self.state,
            "edition": self.result.edition,
            "year": self.year,
            "agency": self.agency,
            "findings": [f.to_dict() for f in self.result.findings],
            "readable": self.result.readable,
        }


def meta_of(document: object) -> tuple[int | None, str | None]:
    """(year, agency name) of a decoded document, None where absent or of the wrong type."""
    if not isinstance(document, Mapping):
        return None, None
    year = document.get("year")
    agency = document.get("agency")
    name = agency.get("name") if isinstance(agency, Mapping) else None
    return (
        year if type(year) is int else None,
        name if isinstance(name, str) else None,
    )


@functools.cache
def _cell_paths(edition: Edition) -> tuple[tuple[str, tuple[str, ...]], ...]:
    return tuple((node.pointer, node.path) for node in layout(edition).cells)


def cells_of(edition: Edition, document: Mapping[str, Any]) -> dict[str, object]:
    """Every table cell's value by pointer; a cell that is absent is None."""
    out: dict[str, object] = {}
    for pointer, path in _cell_paths(edition):
        value: object = document
        for key in path:
            # type(), not isinstance(Mapping): this runs for every cell of every page
            value = value.get(key) if type(value) is dict else None
        out[pointer] = value
    return out


#: What the categories of findings without a rule family are called.
_CATEGORIES: Final[Mapping[str, tuple[str, str]]] = {
    "input": ("输入", "input"),
    "structure": ("结构", "structure"),
    "identity": ("勾稽关系", "identities"),
    "cell": ("单元格", "cells"),
    "reading": ("读取", "reading"),
    "localisation": ("定位可能有误的单元格", "locating wrong cells"),
    "cross_report": ("跨年度核对", "across years"),
    "plausibility": ("合理性", "plausibility"),
    # the id prefixes of rules outside the families: cross-report and plausibility rules
    "x": ("跨年度核对", "across years"),
    "p": ("合理性", "plausibility"),
}


def family(f: Finding) -> str:
    """A finding's rule family (``t3.balance``), or its category when it has no rule."""
    if f.rule is not None:
        for fam in FAMILIES:
            if f.rule.startswith(fam.id + "."):
                return fam.id
        return f.rule.split(".", 1)[0]
    return f.category


def family_title(name: str, lang: str) -> str:
    """What a rule family or finding category is called, in words of ``lang``."""
    for fam in FAMILIES:
        if fam.id == name:
            title = fam.title_zh if lang == "zh" else fam.title_en
            return title.split("：" if lang == "zh" else ": ", 1)[-1]
    names = _CATEGORIES.get(name)
    return "" if names is None else names[0] if lang == "zh" else names[1]


def _encodable(value: Any) -> Any:
    if isinstance(value, str):
        return encodable(value)
    if isinstance(value, dict):
        return {encodable(k): _encodable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_encodable(v) for v in value]
    return value


def to_json(data: dict[str, Any], option: int | None = None) -> bytes:
    """JSON bytes of a record; text UTF-8 cannot carry (a lone surrogate a document
    held) is escaped, so this cannot fail."""
    try:
        return orjson.dumps(data, option=option)
    except TypeError:  # rare, so escaped only on failure
        return orjson.dumps(_encodable(data), option=option)
