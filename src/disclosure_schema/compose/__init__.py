"""Working with whole reports, for reporting tools: derive the totals the identities
determine, add up the reports of several agencies, compare two reports.

All three are pure functions over :class:`~disclosure_schema.Report2021` and
:class:`~disclosure_schema.Report2019` values. Deriving takes its identities from
the one rule catalogue (:data:`disclosure_schema.RULES`); nothing here restates one.
"""

from .add import EditionMismatch, SumTooLarge, add_up
from .compare import Difference, compare
from .derive import Derived, derive

__all__ = ["Derived", "Difference", "EditionMismatch", "SumTooLarge", "add_up", "compare", "derive"]
