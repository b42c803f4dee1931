"""``python -m disclosure_schema``: the command line."""

from .cli import entry

entry()
