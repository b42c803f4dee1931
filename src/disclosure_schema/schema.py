"""JSON Schemas (draft 2020-12) and the published rule catalogue, generated from the
model, its field wrappers and the catalogue. Nothing here is written by hand
twice: titles, descriptions, units and legal bases come from the fields.

JSON Schema cannot see three things the library rejects: duplicate keys, NaN
(not JSON, so never in the data model) and ``1.0`` in a count (its data model
treats 1.0 as the integer 1). Those are documented for integrators.
"""

from __future__ import annotations

import functools
from typing import Any, Final

from .fields import MAX_COUNT, FieldInfo, Kind
from .findings import CODES, Severity, Status
from .layout import Node, layout
from .model import EDITIONS, Edition
from .record import STATES
from .rules import CATALOGUE_VERSION, CHECKS, FAMILIES, RULES, Check, Rule
from .rules.catalogue import NARRATIVE, NarrativeCheck
from .rules.locate import PATTERNS

__all__ = [
    "SCHEMA_VERSION",
    "findings_schema",
    "report_schema",
    "rule_data",
    "rules_document",
    "rules_schema",
    "schema_id",
]

#: Bumped whenever a published schema changes shape (it is part of every $id).
SCHEMA_VERSION: Final = "1.0.0"
#: Bumped whenever the rules document changes shape (not its rules: see CATALOGUE_VERSION).
RULES_FORMAT_VERSION: Final = "3"  # 2: "checks" (cross-report, plausibility); 3: "narrative"

_DIALECT: Final = "https://json-schema.org/draft/2020-12/schema"

# Every Gregorian date YYYY-MM-DD of the years 0001-9999, leap years included, as
# Python's date.fromisoformat() accepts them; a pattern, so no validator needs "format".
# It ends in (?![\s\S]), not $: Python's $ also matches before a final newline, so
# Python validators would accept "2022-01-20\n", which ECMA-262 validators and the
# library reject.
DATE_PATTERN: Final = (
    r"^(?!0000)(?:[0-9]{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])"
    r"|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)|02-(?:0[1-9]|1[0-9]|2[0-8]))"
    r"|(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:[02468][048]|[13579][26])00)-02-29)(?![\s\S])"
)


def schema_id(name: str) -> str:
    """The versioned $id of a published file, e.g. ``report-2021.schema.json``."""
    return f"urn:disclosure-schema:{SCHEMA_VERSION}:{name}"


_KIND_DEFS: Final[dict[Kind, tuple[str, dict[str, Any]]]] = {
    Kind.COUNT: ("count", {"type": "integer", "minimum": 0, "maximum": MAX_COUNT}),
    Kind.SIGNED_COUNT: (
        "signed_count",
        {"type": "integer", "minimum": -MAX_COUNT, "maximum": MAX_COUNT},
    ),
    Kind.AMOUNT: ("amount", {"type": "number", "minimum": 0, "maximum": MAX_COUNT}),
    Kind.YEAR: ("year", {"type": "integer", "minimum": 2019, "maximum": 9999}),
    Kind.DATE: ("date", {"type": "string", "pattern": DATE_PATTERN}),
    Kind.TEXT: ("text", {"type": "string", "minLength": 1}),
}
_KIND_DESCRIPTIONS: Final = {
    "count": 'A count: a JSON integer from 0 to 2**53 - 1. true, 1.0 and "1" are not counts.',
    "signed_count": "A change in a count: a JSON integer from -(2**53 - 1) to 2**53 - 1.",
    "amount": "An amount of money: a JSON number from 0 to 2**53 - 1.",
    "year": "A report year.",
    "date": "An ISO 8601 calendar date, YYYY-MM-DD.",
    "text": "A non-empty string.",
}


def _annotations(info: FieldInfo) -> dict[str, Any]:
    out: dict[str, Any] = {"title": info.label_zh, "description": info.description_en}
    if info.legal_basis:
        out["x-legal-basis"] = info.legal_basis
    if info.unit:
        out["x-unit"] = info.unit
    if info.short_zh:
        out["x-short-title"] = info.short_zh
    out["x-label-en"] = info.label_en
    return out


class _Builder:
    def __init__(self, edition: Edition) -> None:
        self.edition = edition
        self.defs: dict[str, Any] = {}

    def leaf(self, node: Node) -> dict[str, Any]:
        info = node.info
        assert info is not None and info.kind is not None
        if info.kind is Kind.EDITION:
            return {"const": self.edition, **_annotations(info)}
        name, constraint = _KIND_DEFS[info.kind]
        description = _KIND_DESCRIPTIONS[name]
        if info.nullable:  # a blank cell, or a name the text does not give
            # null joins the type list rather than an anyOf: minimum, maxLength and the
            # like ignore null, and a validator names the broken constraint ("-1 is
            # less than the minimum of 0") instead of "not valid under any of the
            # given schemas".
            constraint = {**constraint, "type": [constraint["type"], "null"]}
            name, description = f"{name}_or_null", f"{description} null: not reported."
        if name not in self.defs:
            self.defs[name] = {**constraint, "description": description}
        return {"$ref": f"#/$defs/{name}", **_annotations(info)}

    def object(self, node: Node) -> dict[str, Any]:
        assert node.cls is not None
        properties = {c.key: self.leaf(c) if c.is_leaf else self.child(c) for c in node.children}
        required = [c.key for c in node.children if c.info is not None and not c.info.optional]
        schema: dict[str, Any] = {"type": "object", "properties": properties}
        if required:
            schema["required"] = required
        schema["additionalProperties"] = False
        return schema

    def child(self, node: Node) -> dict[str, Any]:
        """An object property: a $ref to the class's one definition, annotated here."""
        assert node.cls is not None and node.info is not None
        name = node.cls.__name__
        if name not in self.defs:
            self.defs[name] = {"description": (node.cls.__doc__ or "").strip(), **self.object(node)}
        return {"$ref": f"#/$defs/{name}", **_annotations(node.info)}


_TITLES: Final = {
    "2021": (
        "政府信息公开工作年度报告（2021 版格式，国办公开办函〔2021〕30号）",
        "A government information disclosure annual report in the 2021 edition of the "
        "national format (report years 2021 onward).",
    ),
    "2019": (
        "政府信息公开工作年度报告（2019 版格式，国办公开办函〔2019〕60号）",
        "A government information disclosure annual report in the 2019 edition of the "
        "national format (report years 2019 and 2020).",
    ),
}


@functools.cache
def _edition_schema(edition: Edition) -> dict[str, Any]:
    builder = _Builder(edition)
    body = builder.object(layout(edition).root)
    title, description = _TITLES[edition]
    return {
        "$schema": _DIALECT,
        "$id": schema_id(f"report-{edition}.schema.json"),
        "title": title,
        "description": description,
        **body,
        "$defs": dict(sorted(builder.defs.items())),
    }


def report_schema(edition: Edition | None = None) -> dict[str, Any]:
    """The JSON Schema of one edition, or (None) the one that dispatches on ``edition``."""
    if edition is not None:
        schema: dict[str, Any] = _copy(_edition_schema(edition))
        return schema
    return {
        "$schema": _DIALECT,
        "$id": schema_id("report.schema.json"),
        "title": "政府信息公开工作年度报告",
        "description": "A report in any edition: the edition key selects the schema.",
        "type": "object",
        "required": ["edition"],
        "properties": {"edition": {"enum": list(EDITIONS), "title": "版本"}},
        "allOf": [
            {
                "if": {"properties": {"edition": {"const": e}}},
                "then": {"$ref": schema_id(f"report-{e}.schema.json")},
            }
            for e in EDITIONS
        ],
    }


def _copy(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copy(v) for v in value]
    return value


# -- the rule catalogue as a published document ------------------------------------


def rule_data(rule: Rule) -> dict[str, Any]:
    """A rule as published in the rule files."""
    return {
        "id": rule.id,
        "family": rule.family,
        "kind": rule.kind,
        "editions": list(rule.editions),
        "title_zh": rule.title_zh,
        "title_en": rule.title_en,
        "left": list(rule.left),
        "right": list(rule.right),
    }


def check_data(check: Check) -> dict[str, Any]:
    """A cross-report or plausibility rule as published in the rule files."""
    out: dict[str, Any] = {
        "id": check.id,
        "family": check.family,
        "kind": check.kind,
        "severity": check.severity,
        "editions": list(check.editions),
        "title_zh": check.title_zh,
        "title_en": check.title_en,
        "explanation_en": check.explanation_en,
        "source": check.source,
        "series_only": check.series_only,
    }
    if check.kind == "cross_report":
        out["previous_editions"] = list(check.previous_editions)
        out["left"] = [{"report": t.report, "pointer": t.pointer} for t in check.left]
        out["right"] = [{"report": t.report, "pointer": t.pointer} for t in check.right]
    return out


def rules_document(edition: Edition) -> dict[str, Any]:
    """The catalogue of one edition as data: what ``rules-<edition>.json`` holds."""
    return {
        "$schema": schema_id("rules.schema.json"),
        "format_version": RULES_FORMAT_VERSION,
        "catalogue_version": CATALOGUE_VERSION,
        "edition": edition,
        "semantics": "Each rule holds when the sum of the values at the `left` JSON Pointers "
        "equals the sum at the `right` ones. A rule with a null operand is not assessable. "
        "difference = sum(left) - sum(right).",
        "families": [
            {"id": f.id, "kind": f.kind, "description_en": f.description_en} for f in FAMILIES
        ],
        "rules": [rule_data(r) for r in RULES[edition]],
        "checks_semantics": "Checks of a report of this edition beyond its identities. "
        "cross_report: two reports of one agency for consecutive years (the earlier one's "
        "edition in previous_editions); it holds when the sum of the left terms equals the "
        "sum of the right terms, each term a JSON Pointer into the previous or the current "
        "report; a null term makes it not assessable. plausibility: described only (their "
        "logic is not a sum); the library evaluates them.",
        "checks": [check_data(c) for c in CHECKS if edition in c.editions],
        "narrative_semantics": "Checks of a published page's text against its tables, made "
        "by the reader: the first match of one of `patterns` (a regular expression, the "
        "figure in group 1) in the text is compared with the sum of the values at `cells`; "
        "a difference is a narrative_mismatch warning. A null cell makes it not assessable.",
        "narrative": [narrative_data(c) for c in NARRATIVE],
    }


def narrative_data(check: NarrativeCheck) -> dict[str, Any]:
    """A check of a page's narrative against its tables, as published in the rule files."""
    return {
        "id": check.id,
        "kind": "narrative",
        "severity": check.severity,
        "title_zh": check.title_zh,
        "title_en": check.title_en,
        "cells": list(check.cells),
        "patterns": list(check.patterns),
        "source": check.source,
    }


_POINTER: Final = {"type": "string", "pattern": "^(/([^~/]|~[01])*)*$"}
_RULE_ID: Final = {"type": "string", "pattern": r"^[a-z0-9_]+(\.[a-z0-9_]+)+$"}
_TEXT: Final = {"type": "string", "minLength": 1}


def rules_schema() -> dict[str, Any]:
    """The JSON Schema of the published rule documents."""
    kinds = ["official", "structural"]
    return {
        "$schema": _DIALECT,
        "$id": schema_id("rules.schema.json"),
        "title": "勾稽关系规则目录",
        "description": "The reconciliation rules (勾稽关系) of one edition, as data.",
        "type": "object",
        "required": [
            "format_version",
            "catalogue_version",
            "edition",
            "families",
            "rules",
            "checks",
            "narrative",
        ],
        "properties": {
            "$schema": {"type": "string"},
            "format_version": {"const": RULES_FORMAT_VERSION},
            "catalogue_version": {"type": "string", "pattern": r"^[0-9]+\.[0-9]+\.[0-9]+$"},
            "edition": {"enum": list(EDITIONS)},
            "semantics": {"type": "string"},
            "families": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["id", "kind", "description_en"],
                    "properties": {
                        "id": {"type": "string"},
                        "kind": {"enum": kinds},
                        "description_en": {"type": "string"},
                    },
                    "additionalProperties": False,
                },
            },
            "rules": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": [
                        "id",
                        "family",
                        "kind",
                        "editions",
                        "title_zh",
                        "title_en",
                        "left",
                        "right",
                    ],
                    "properties": {
                        "id": _RULE_ID,
                        "family": {"type": "string"},
                        "kind": {"enum": kinds},
                        "editions": {
                            "type": "array",
                            "items": {"enum": list(EDITIONS)},
                            "minItems": 1,
                            "uniqueItems": True,
                        },
                        "title_zh": _TEXT,
                        "title_en": _TEXT,
                        "left": {"type": "array", "items": _POINTER, "minItems": 1},
                        "right": {"type": "array", "items": _POINTER, "minItems": 1},
                    },
                    "additionalProperties": False,
                },
            },
            "checks_semantics": {"type": "string"},
            "checks": {"type": "array", "items": _check_schema()},
            "narrative_semantics": {"type": "string"},
            "narrative": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": [
                        "id",
                        "kind",
                        "severity",
                        "title_zh",
                        "title_en",
                        "cells",
                        "patterns",
                        "source",
                    ],
                    "properties": {
                        "id": _RULE_ID,
                        "kind": {"const": "narrative"},
                        "severity": {"const": "warning"},
                        "title_zh": _TEXT,
                        "title_en": _TEXT,
                        "cells": {"type": "array", "items": _POINTER, "minItems": 1},
                        "patterns": {
                            "type": "array",
                            "items": _TEXT,
                            "minItems": 1,
                        },
                        "source": _TEXT,
                    },
                    "additionalProperties": False,
                },
            },
        },
        "additionalProperties": False,
    }


def _check_schema() -> dict[str, Any]:
    term = {
        "type": "object",
        "required": ["report", "pointer"],
        "properties": {"report": {"enum": ["previous", "current"]}, "pointer": _POINTER},
        "additionalProperties": False,
    }
    terms = {"type": "array", "items": term, "minItems": 1}
    editions = {"type": "array", "items": {"enum": list(EDITIONS)}, "uniqueItems": True}
    return {
        "type": "object",
        "required": [
            "id",
            "family",
            "kind",
            "severity",
            "editions",
            "title_zh",
            "title_en",
            "explanation_en",
            "source",
            "series_only",
        ],
        "properties": {
            "id": _RULE_ID,
            "family": {"type": "string"},
            "kind": {"enum": ["cross_report", "plausibility"]},
            "severity": {"enum": ["error", "warning"]},
            "editions": {**editions, "minItems": 1},
            "previous_editions": {**editions, "minItems": 1},
            "title_zh": _TEXT,
            "title_en": _TEXT,
            "explanation_en": _TEXT,
            "source": _TEXT,
            "series_only": {"type": "boolean"},
            "left": terms,
            "right": terms,
        },
        "additionalProperties": False,
    }


def findings_schema() -> dict[str, Any]:
    """The JSON Schema of ``validate --format json`` (an array of records); a line of
    ``--format jsonl`` is one ``#/$defs/record``."""
    number: dict[str, Any] = {"anyOf": [{"type": "number"}, {"type": "null"}]}
    pattern: dict[str, Any] = {"enum": [*PATTERNS, None]}
    change = {
        "type": "object",
        "required": ["pointer", "actual", "expected", "pattern"],
        "properties": {
            "pointer": _POINTER,
            "actual": {"type": "integer", "minimum": 0, "description": "The printed value."},
            "expected": {
                "type": "integer",
                "minimum": 0,
                "description": "The value that reconciles the identities.",
            },
            "pattern": pattern,
        },
        "additionalProperties": False,
    }
    finding = {
        "type": "object",
        "required": [
            "code",
            "rule",
            "severity",
            "status",
            "locations",
            "expected",
            "actual",
            "difference",
            "message_zh",
            "message_en",
        ],
        "properties": {
            "code": {"enum": list(CODES), "description": "A stable finding code."},
            "rule": {
                "anyOf": [{"type": "string"}, {"type": "null"}],
                "description": "The rule id, for identities.",
            },
            "severity": {"enum": [s.value for s in Severity]},
            "status": {"enum": [*(s.value for s in Status), None]},
            "locations": {
                "type": "array",
                "items": _POINTER,
                "description": "JSON Pointers of every cell or value involved.",
            },
            "expected": {**number, "description": "Identities: the sum of the right terms."},
            "actual": {**number, "description": "Identities: the sum of the left terms."},
            "difference": {**number, "description": "actual - expected."},
            "message_zh": {"type": "string"},
            "message_en": {"type": "string"},
            "explains": {
                "type": "array",
                "items": {"type": "string"},
                "description": "Localisation: the ids of the failing rules the suggested "
                "change makes hold (only on localisation findings).",
            },
            "pattern": {
                **pattern,
                "description": "Localisation: the typing pattern that "
                "fits the printed value, if one does.",
            },
            "candidates": {
                "type": "array",
                "description": "wrong_cell_candidates: every minimal explanation, each a "
                "list of changes.",
                "items": {"type": "array", "items": change, "minItems": 1},
            },
            "previous_locations": {
                "type": "array",
                "items": _POINTER,
                "description": "Cross-report rules: JSON Pointers into the earlier report.",
            },
            "previous_source": {
                "type": "string",
                "description": "Cross-report rules: the input the earlier report came from.",
            },
            "position": {
                "description": "Where in the text an input error is.",
                "anyOf": [
                    {
                        "type": "object",
                        "required": ["line", "column", "offset"],
                        "properties": {
                            "line": {"type": "integer", "minimum": 1},
                            "column": {"type": "integer", "minimum": 1},
                            "offset": {"type": "integer", "minimum": 0},
                        },
                        "additionalProperties": False,
                    },
                    {"type": "null"},
                ],
            },
        },
        "additionalProperties": False,
    }
    record = {
        "type": "object",
        "required": ["source", "valid", "state", "edition", "year", "agency", "findings"],
        "properties": {
            "source": {"type": "string", "description": "A path, 'path:line' or '-'."},
            "valid": {"type": "boolean", "description": "No finding of severity error."},
            "state": {
                "enum": list(STATES),
                "description": "valid: no error, and identities were checked; invalid: an "
                "error; unchecked: no error, but not one identity could be assessed (a page "
                "without tables, a report of blanks); unreadable: not a document at all.",
            },
            "edition": {"enum": [*EDITIONS, None]},
            "year": {
                "anyOf": [{"type": "integer"}, {"type": "null"}],
                "description": "The report year, null where unknown.",
            },
            "agency": {
                "anyOf": [{"type": "string"}, {"type": "null"}],
                "description": "The agency's name, null where unknown.",
            },
            "findings": {"type": "array", "items": {"$ref": "#/$defs/finding"}},
            "readable": {"type": "boolean"},
        },
        "additionalProperties": False,
    }
    return {
        "$schema": _DIALECT,
        "$id": schema_id("findings.schema.json"),
        "title": "校验结果",
        "description": "The output of `disclosure-schema validate --format json`: one record "
        "per input, in input order.",
        "type": "array",
        "items": {"$ref": "#/$defs/record"},
        "$defs": {"record": record, "finding": finding},
    }
