"""What a batch adds up: one outcome per input, counted into the summary."""

from __future__ import annotations

import collections

import attrs

__all__ = ["Outcome", "Summary"]


@attrs.frozen
class Outcome:
    """What the summary and the exit code need to know of one input."""

    readable: bool
    valid: bool
    failed: bool  # a finding at or above the severity threshold
    families: tuple[str, ...]  # one per finding: the rule family, else the category


@attrs.define
class Summary:
    inputs: int = 0
    valid: int = 0
    invalid: int = 0
    unreadable: int = 0
    failed: int = 0
    families: collections.Counter[str] = attrs.field(factory=collections.Counter)

    def add(self, outcome: Outcome) -> None:
        self.inputs += 1
        if not outcome.readable:
            self.unreadable += 1
        elif outcome.valid:
            self.valid += 1
        else:
            self.invalid += 1
        self.failed += outcome.failed
        self.families.update(outcome.families)
