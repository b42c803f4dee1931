"""What a batch adds up: one outcome per input, counted into the summary."""

from __future__ import annotations

import collections

import attrs

from ..record import State

__all__ = ["Outcome", "Summary"]


@attrs.frozen
class Outcome:
    """What the summary and the exit code need to know of one input."""

    state: State
    failed: bool  # a finding at or above the severity threshold (or unchecked, if asked)
    #: one (rule family or category, code) per finding, errors and warnings apart
    errors: tuple[tuple[str, str], ...] = ()
    warnings: tuple[tuple[str, str], ...] = ()


@attrs.define
class Summary:
    inputs: int = 0
    valid: int = 0
    invalid: int = 0
    unchecked: int = 0
    unreadable: int = 0
    failed: int = 0
    errors_by_family: collections.Counter[str] = attrs.field(factory=collections.Counter)
    warnings_by_family: collections.Counter[str] = attrs.field(factory=collections.Counter)
    errors_by_code: collections.Counter[str] = attrs.field(factory=collections.Counter)
    warnings_by_code: collections.Counter[str] = attrs.field(factory=collections.Counter)
    skipped: int = 0  # files in directories that are no kind of input
    skipped_names: list[str] = attrs.field(factory=list)  # the first few of them

    def add(self, outcome: Outcome) -> None:
        self.inputs += 1
        setattr(self, outcome.state, getattr(self, outcome.state) + 1)
        self.failed += outcome.failed
        for family, code in outcome.errors:
            self.errors_by_family[family] += 1
            self.errors_by_code[code] += 1
        for family, code in outcome.warnings:
            self.warnings_by_family[family] += 1
            self.warnings_by_code[code] += 1
