"""What the command-line tests share: running ``main`` in process."""

from __future__ import annotations

import io
import json
from typing import Any

from disclosure_schema.cli import main


class Run:
    """One in-process run: exit code, stdout bytes, stderr text."""

    def __init__(self, *args: str, stdin: bytes = b"") -> None:
        out, err = io.BytesIO(), io.StringIO()
        self.code = main(list(args), stdin=io.BytesIO(stdin), stdout=out, stderr=err)
        self.out = out.getvalue()
        self.err = err.getvalue()

    @property
    def text(self) -> str:
        return self.out.decode("utf-8")

    def records(self) -> list[dict[str, Any]]:
        return [json.loads(line) for line in self.out.splitlines() if line.strip()]
