"""The library's verbs: load, dump, validate."""

from __future__ import annotations

import datetime
import functools
import json
import os
from collections.abc import Mapping, Sequence
from typing import Any, TypeAlias, get_args

import attrs

from .checking import INVALID, check, not_stated
from .compose.cells import getter
from .converter import structure, unstructure
from .decoding import decode, string_problem
from .fastpath import fast_check, parse
from .fields import Kind, Model, field_info
from .findings import Category, Finding, Position, Severity, Status, finding
from .layout import Node, layout
from .limits import read_file
from .model import Edition, Report, Report2019, Report2021, report_class
from .rules import RULES
from .rules.identities import evaluate, null_cells
from .rules.locate import locate
from .rules.plausibility import plausibility

__all__ = [
    "LoadError",
    "ValidationResult",
    "dumps",
    "from_dict",
    "is_valid",
    "loads",
    "to_dict",
    "validate",
]

AnyReport: TypeAlias = Report2021 | Report2019
#: What validate() accepts: JSON text (bytes or str), a decoded document, a Report, a path.
Source: TypeAlias = (
    bytes
    | bytearray
    | memoryview
    | str
    | Mapping[str, Any]
    | list[Any]
    | int
    | float
    | Report[Any, Any]
    | os.PathLike[str]
    | None
)


class LoadError(ValueError):
    """The input is not a valid report; ``findings`` lists every problem found."""

    def __init__(self, findings: Sequence[Finding]) -> None:
        self.findings = tuple(findings)
        lines = [f"{f.message_en}" for f in self.findings]
        super().__init__(f"not a valid report ({len(lines)} problems):\n  " + "\n  ".join(lines))

    @property
    def message_zh(self) -> str:
        return "不是有效的报告：\n  " + "\n  ".join(f.message_zh for f in self.findings)


@attrs.frozen
class ValidationResult:
    """What validate() found. ``valid`` is False exactly when there is an error finding."""

    edition: Edition | None
    findings: tuple[Finding, ...]

    @property
    def valid(self) -> bool:
        return not any(f.severity is Severity.ERROR for f in self.findings)

    @property
    def readable(self) -> bool:
        """False when the input could not be read as a JSON document at all."""
        return not any(
            f.category == "input" and f.severity is Severity.ERROR for f in self.findings
        )

    @property
    def errors(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity is Severity.ERROR)

    @property
    def warnings(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity is Severity.WARNING)

    def flatten(self, *fields: str) -> list[list[Any]]:
        """The chosen fields of each finding, for short assertions:
        ``result.flatten("rule", "difference")``."""
        return [[getattr(f, name) for name in fields] for f in self.findings]

    def to_dict(self) -> dict[str, Any]:
        return {
            "valid": self.valid,
            "edition": self.edition,
            "findings": [f.to_dict() for f in self.findings],
        }


# -- ordering ------------------------------------------------------------------------

_SEVERITY_RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
# Findings of one severity come in the order findings.py declares the categories.
_CATEGORY_RANK = {c: i for i, c in enumerate(get_args(Category))}


@functools.cache
def _document_order(edition: Edition) -> dict[str, int]:
    return {n.pointer: i for i, n in enumerate(layout(edition).root.walk())}


@functools.cache
def _rule_order(edition: Edition) -> dict[str, int]:
    return {r.id: i for i, r in enumerate(RULES[edition])}


def _place(edition: Edition | None, pointer: str) -> int:
    """Document position of a pointer, or of its nearest known ancestor."""
    if edition is None:
        return 0
    order = _document_order(edition)
    while pointer not in order and pointer:
        pointer = pointer.rsplit("/", 1)[0]
    return order.get(pointer, 0)


def _sorted(edition: Edition | None, findings: list[Finding]) -> tuple[Finding, ...]:
    """Deterministic: severity, then kind, then catalogue or document order."""

    def key(f: Finding) -> tuple[int, int, int, str, str]:
        first = f.locations[0] if f.locations else ""
        if f.rule is not None and edition is not None:
            place = _rule_order(edition).get(f.rule, 0)
        else:
            place = _place(edition, first)
        return (_SEVERITY_RANK[f.severity], _CATEGORY_RANK[f.category], place, first, f.code)

    return tuple(sorted(findings, key=key))


# -- validate ------------------------------------------------------------------------


def _identities(
    edition: Edition,
    cells: Sequence[object],
    findings: list[Finding],
    complete: bool | None = None,
    document: Mapping[str, Any] | None = None,
) -> ValidationResult:
    """The rules over one report's cells; ``document`` gives the year and fees the
    plausibility rules read."""
    if complete is None:
        complete = None not in cells and INVALID not in cells
    broken = evaluate(edition, cells, complete)
    findings.extend(broken)
    if any(f.status is Status.FAILED for f in broken):
        findings.extend(locate(edition, cells))
    if document is not None:
        fees = document.get("fees")
        findings.extend(
            plausibility(
                edition,
                document.get("year"),
                fees if isinstance(fees, Mapping) else None,
                cells,
                complete,
            )
        )
    if not complete:
        findings.extend(null_cells(edition, cells))
    return ValidationResult(edition, _sorted(edition, findings) if findings else ())


def _unstated(report: Report[Any, Any]) -> list[Finding]:
    """Warnings for the null values outside the tables, as the checker gives for text;
    and a lone surrogate in a text, which the constructor let through, is invalid here
    as in JSON text and dicts."""
    found = [
        not_stated(node)
        for node in _nullable_meta(report.edition)
        if functools.reduce(getattr, node.path, report) is None
    ]
    for node in _texts(report.edition):
        value: object = report
        for name in node.path:  # an optional part (sections, fees) may be None
            value = getattr(value, name, None)
        problem = string_problem(node.pointer, value)
        if problem is not None:
            found.append(problem)
    return found


@functools.cache
def _texts(edition: Edition) -> tuple[Node, ...]:
    return tuple(n for n in layout(edition).root.walk() if n.info and n.info.kind is Kind.TEXT)


@functools.cache
def _kinds(edition: Edition) -> tuple[Kind, ...]:
    """The kind of every cell, in layout order."""
    kinds = []
    for node in layout(edition).cells:
        assert node.info is not None and node.info.kind is not None  # a cell is a typed leaf
        kinds.append(node.info.kind)
    return tuple(kinds)


@functools.cache
def _fee_keys(edition: Edition) -> tuple[str, ...]:
    """The fee fields, as the model lays them out."""
    return tuple(n.key for n in layout(edition).nodes["/fees"].children)


@functools.cache
def _nullable_meta(edition: Edition) -> tuple[Node, ...]:
    return tuple(
        n for n in layout(edition).root.walk() if n.info and n.info.nullable and not n.is_cell
    )


def validate(source: Source | object) -> ValidationResult:
    """Validate a report: its structure and every identity of its edition.

    Takes JSON text (``bytes`` or ``str``), a decoded document (a dict, or any
    other decoded JSON value), a Report, or a path. **A path must be a
    ``pathlib.Path``** (any ``os.PathLike``): a ``str`` is always JSON text, so
    ``validate("report.json")`` is a JSON syntax error; when such a string looks
    like a file name the finding (``path_as_text``) says to pass
    ``Path("report.json")``.

    Never raises, whatever the object: every problem is a finding (an object that
    is no report at all is ``not_an_object``).
    """
    try:
        return _validate(source)
    except RecursionError:  # a self-referencing object: no JSON document is
        problem = finding(
            "too_deep",
            "数组或对象嵌套层数过多（或引用自身），无法检查",
            "arrays or objects are nested too deeply (or refer to themselves) to check",
        )
    except Exception as error:  # a bug, or an object that fails when read
        problem = finding(
            "internal_error",
            # The exception's text is English: the Chinese message names its class only.
            f"内部错误（{type(error).__name__}），请报告此问题",
            f"internal error ({type(error).__name__}: {error}); please report it",
        )
    return ValidationResult(None, (problem,))


def _validate(source: object) -> ValidationResult:
    if isinstance(source, Report):
        try:
            fees = source.fees
            keys = _fee_keys(source.edition)
            document = {
                "year": source.year,
                "fees": None if fees is None else {k: getattr(fees, k) for k in keys},
            }
            cells = getter(source.edition)(source)
            kinds = _kinds(source.edition)
            if all(v is None or k.accepts(v) for k, v in zip(kinds, cells, strict=True)):
                return _identities(source.edition, cells, _unstated(source), document=document)
        except (AttributeError, TypeError, KeyError):
            pass
        # A report whose parts or cells were replaced behind the constructor's back:
        # check what it holds as a document, so every wrong part is a finding.
        return _validate_value(_plain(source), [], strings=True)
    if isinstance(source, os.PathLike):
        data = read_file(source)  # at most MAX_DOCUMENT bytes, as on the command line
        if isinstance(data, Finding):
            return ValidationResult(None, (data,))
        source = data
    if isinstance(source, bytes | bytearray | memoryview | str):
        fast = parse(source)
        if fast is not None:
            return _identities(fast.edition, fast.cells, [], fast.complete, fast.value)
        result = _validate_text(source)
        if isinstance(source, str) and not result.readable and _looks_like_path(source):
            return ValidationResult(None, (_path_as_text(source),))
        return result
    if isinstance(source, Mapping):
        value = dict(source)
        found = fast_check(value)
        if found is not None:
            return _identities(found.edition, found.cells, [], found.complete, value)
        return _validate_value(value, [], strings=True)
    # Any other decoded JSON value (a list, a number, null) or any other object:
    # not an object of a report.
    return _validate_value(source, [])


_PATH_SUFFIXES = (".json", ".jsonl", ".html", ".htm", ".txt")


def _looks_like_path(text: str) -> bool:
    """A one-line string that is no JSON but a file name: the common mistake
    ``validate("report.json")``."""
    name = text.strip()
    if not name or len(name) > 4096 or "\n" in name or name[0] in "{[":
        return False
    return name.lower().endswith(_PATH_SUFFIXES) or os.path.exists(name)


def _path_as_text(text: str) -> Finding:
    name = text.strip()
    return finding(
        "path_as_text",
        f"“{name}”像是文件路径，但字符串会被当作 JSON 文本；读取文件请传入 pathlib.Path(“{name}”)",
        f"{name!r} looks like a file path, but a str is read as JSON text; to read the "
        f"file, pass pathlib.Path({name!r})",
        position=Position(line=1, column=1, offset=0),
    )


def _plain(value: object) -> object:
    """A model object as the document it stands for (what dumps() would write), for
    checking; values that are not model objects are left as they are."""
    if isinstance(value, Model):
        out: dict[str, object] = {}
        for attribute in attrs.fields(type(value)):
            item = getattr(value, attribute.name, None)
            if item is None and field_info(attribute).optional:
                continue
            out[attribute.name] = _plain(item)
        return out
    if type(value) is datetime.date:
        return value.isoformat()
    return value


def _validate_text(data: bytes | bytearray | memoryview | str) -> ValidationResult:
    """The careful path for text: every problem, with its position or pointer."""
    decoded = decode(data if isinstance(data, str) else bytes(data))
    if not decoded.readable:
        return ValidationResult(None, _sorted(None, list(decoded.findings)))
    return _validate_value(decoded.value, list(decoded.findings))


def _validate_value(value: Any, notes: list[Finding], strings: bool = False) -> ValidationResult:
    """The careful path for a decoded document (``strings``: not decoded by us)."""
    checked = check(value, strings=strings)
    findings = notes + list(checked.findings)
    if checked.edition is None or checked.cells is None:
        return ValidationResult(None, _sorted(None, findings))
    return _identities(checked.edition, checked.cells, findings, document=value)


def is_valid(source: Source | object) -> bool:
    """True when validate() finds no error. Never raises."""
    return validate(source).valid


# -- load and dump -------------------------------------------------------------------


def _structure(edition: Edition, value: dict[str, Any]) -> AnyReport:
    report: AnyReport = structure(value, report_class(edition))
    return report


def from_dict(data: Mapping[str, Any]) -> AnyReport:
    """The report a decoded JSON document describes. Raises LoadError listing every
    structural problem (identities are not checked: use validate())."""
    value = dict(data)
    if fast_check(value) is not None:
        return _structure(value["edition"], value)
    checked = check(value, strings=True)
    errors = [f for f in checked.findings if f.severity is Severity.ERROR]
    if errors or checked.edition is None:
        raise LoadError(_sorted(checked.edition, errors))
    return _structure(checked.edition, value)


def loads(data: bytes | bytearray | memoryview | str) -> AnyReport:
    """Strictly load a report from JSON text. Raises LoadError listing every problem:
    malformed JSON, duplicate keys, NaN, wrong types, unknown or missing keys. A str
    is JSON text, never a file name (read a file with ``Path.read_bytes()``)."""
    fast = parse(data)
    if fast is not None:
        return _structure(fast.edition, fast.value)
    decoded = decode(data if isinstance(data, str) else bytes(data))
    problems = [f for f in decoded.findings if f.severity is Severity.ERROR]
    if not decoded.readable:
        if isinstance(data, str) and _looks_like_path(data):  # as validate() says it
            raise LoadError((_path_as_text(data),))
        raise LoadError(_sorted(None, problems))
    checked = check(decoded.value)
    problems += [f for f in checked.findings if f.severity is Severity.ERROR]
    if problems or checked.edition is None:
        raise LoadError(_sorted(checked.edition, problems))
    return _structure(checked.edition, decoded.value)


def to_dict(report: Report[Any, Any]) -> dict[str, Any]:
    """The report as JSON-ready data, keys in the published order."""
    return unstructure(report)


def dumps(report: Report[Any, Any], *, indent: int | None = 2) -> str:
    """The report as JSON text; ``loads(dumps(r)) == r``."""
    text = json.dumps(to_dict(report), ensure_ascii=False, indent=indent, allow_nan=False)
    return text + "\n" if indent is not None else text
