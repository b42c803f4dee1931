"""The audit report: what ``disclosure-schema audit`` writes into its directory.

It owns the report's pages (``index.html`` and one page per report under
``reports/``, drawn by ``page`` and ``grids``), the spreadsheet tables
(``findings.csv``, ``reports.csv``) and ``findings.jsonl``. Workers turn each
record into its :class:`Parts` (``render_parts``); the :class:`AuditWriter` in the
main process writes them as they come, so memory stays flat however many reports.
It depends on the library and :mod:`disclosure_schema.record`, never on the CLI.
"""

from .writer import AuditWriter, Parts, render_parts

__all__ = ["AuditWriter", "Parts", "render_parts"]
