"""The rules: the one catalogue (the single source of truth for the engine, the
published rule files, the JavaScript evaluator's input and the docs) and, one module
per kind of rule, their evaluation over reports."""

from .catalogue import (
    CATALOGUE_VERSION,
    CHECKS,
    FAMILIES,
    RULES,
    Catalogue,
    Check,
    Family,
    Rule,
    Term,
)

__all__ = [
    "CATALOGUE_VERSION",
    "CHECKS",
    "FAMILIES",
    "RULES",
    "Catalogue",
    "Check",
    "Family",
    "Rule",
    "Term",
]
