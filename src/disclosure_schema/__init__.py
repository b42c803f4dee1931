"""disclosure-schema: the national format of China's government information disclosure
annual reports (政府信息公开工作年度报告): typed model, strict loading, the
reconciliation rules (勾稽关系) as data, and a validator that finds every broken one.
"""

from .api import LoadError, ValidationResult, dumps, from_dict, is_valid, loads, to_dict, validate
from .converter import make_converter
from .fields import MAX_COUNT, FieldInfo, Kind
from .findings import CODES, Change, Code, Finding, Position, Severity, Status
from .layout import Layout, Node, layout
from .model import (
    EDITIONS,
    Agency,
    ApplicantRow,
    Applications,
    Edition,
    Fees,
    OtherProcessing,
    Outcomes,
    Proactive2019,
    Proactive2021,
    Report,
    Report2019,
    Report2021,
    ReviewsAndLawsuits,
    Sections,
    report_class,
)
from .rules import CATALOGUE_VERSION, CHECKS, RULES, Catalogue, Check, Rule
from .rules.cross import Snapshot, compare, compare_series, snapshot
from .schema import (
    SCHEMA_VERSION,
    findings_schema,
    report_schema,
    rules_document,
    rules_schema,
)

__version__ = "0.1.0"

__all__ = [
    "CATALOGUE_VERSION",
    "CHECKS",
    "CODES",
    "EDITIONS",
    "MAX_COUNT",
    "RULES",
    "SCHEMA_VERSION",
    "Agency",
    "ApplicantRow",
    "Applications",
    "Catalogue",
    "Change",
    "Check",
    "Code",
    "Edition",
    "Fees",
    "FieldInfo",
    "Finding",
    "Kind",
    "Layout",
    "LoadError",
    "Node",
    "OtherProcessing",
    "Outcomes",
    "Position",
    "Proactive2019",
    "Proactive2021",
    "Report",
    "Report2019",
    "Report2021",
    "ReviewsAndLawsuits",
    "Rule",
    "Sections",
    "Severity",
    "Snapshot",
    "Status",
    "ValidationResult",
    "__version__",
    "compare",
    "compare_series",
    "dumps",
    "findings_schema",
    "from_dict",
    "is_valid",
    "layout",
    "loads",
    "make_converter",
    "report_class",
    "report_schema",
    "rules_document",
    "rules_schema",
    "snapshot",
    "to_dict",
    "validate",
]
