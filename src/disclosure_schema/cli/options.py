"""How the command line validates and renders: one immutable value sent to every worker."""

from __future__ import annotations

import argparse
from collections.abc import Mapping
from typing import Literal

import attrs

from ..findings import Finding, Severity

__all__ = ["Options", "add_lang"]


@attrs.frozen(kw_only=True)
class Options:
    """How to validate and render; sent once to every worker."""

    #: "audit": the worker renders the audit report's parts (disclosure_schema.audit)
    format: Literal["text", "json", "jsonl", "audit"] = "text"
    lang: Literal["zh", "en"] = "zh"
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    threshold: Severity = Severity.ERROR
    fail_unchecked: bool = False  # an unchecked input fails the exit code too
    color: bool = False
    verbose: bool = False
    quiet: bool = False  # text: only inputs with an error (or a failing finding)
    all_pages: bool = False  # audit: a page for every report, not only those with findings
    #: --series: input source -> its cross-report findings (see cli/series.py)
    series: Mapping[str, tuple[Finding, ...]] = attrs.field(factory=dict, eq=False, hash=False)
    #: audit --series: earlier report's source -> its input number (its page's name)
    earlier: Mapping[str, int] = attrs.field(factory=dict, eq=False, hash=False)


def add_lang(parser: argparse.ArgumentParser, what: str) -> None:
    """Every command's ``--lang``: ``what`` says what it is the language of."""
    parser.add_argument(
        "--lang", choices=["zh", "en"], default="zh", help=f"language of {what} (default: zh)"
    )
