"""How the command line validates and renders: one immutable value sent to every worker."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

import attrs

from ..findings import Finding, Severity

__all__ = ["Options"]


@attrs.frozen(kw_only=True)
class Options:
    """How to validate and render; sent once to every worker."""

    format: Literal["text", "json", "jsonl"] = "text"
    lang: Literal["zh", "en"] = "zh"
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    threshold: Severity = Severity.ERROR
    color: bool = False
    verbose: bool = False
    #: --series: input source -> its cross-report findings (see cli/series.py)
    series: Mapping[str, tuple[Finding, ...]] = attrs.field(factory=dict, eq=False, hash=False)
