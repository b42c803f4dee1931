"""The command line: argument parsing and the commands (``main``), expanding paths into
inputs (``inputs``), validating them in order in one or several processes (``batch``),
and rendering records and the summary (``output``); standard streams that are closed
or fail, and SIGTERM, are ``streams``'. Dependencies run one way:
main -> batch -> output -> options/summary, and batch -> disclosure_schema.audit (the
audit report's files) -> disclosure_schema.record; the audit never imports the CLI."""

from .main import entry, main

__all__ = ["entry", "main"]
