"""Word (.docx) files to rows of cells, straight from the document's XML (lxml).

Why not python-docx: a .docx is a zip whose ``word/document.xml`` holds paragraphs
(``w:p``) and tables (``w:tbl``/``w:tr``/``w:tc``) in reading order, with merges
as ``w:gridSpan`` and ``w:vMerge``; that is all the reader needs, lxml already reads
it (it is the HTML parser too), and reading the XML directly keeps merged cells
as what they are (python-docx hands a merged cell back once per grid column, so a
spanned number would look like several) and adds no dependency. The size of the
XML is checked before it is unpacked (a zip bomb is refused, not inflated).

Spans are treated as the HTML reader treats them: a label is repeated over its
span, a number is not. Paragraphs become lines of text, split into cells at tabs
and wide gaps as the plain-text reader expects.
"""

from __future__ import annotations

import zipfile
from decimal import Decimal
from io import BytesIO
from typing import Any, Final

from ..findings import finding
from .grid import Bound, Budget, by_header
from .kinds import Unreadable, require
from .labels import number
from .source import Text, aligned_cells

__all__ = ["docx_text"]

_W: Final = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
#: The document part of a report is well under 1 MiB; more is no report (or a zip bomb).
MAX_XML: Final = 64 * 1024 * 1024
_MAX_SPAN: Final = 64  # a table of the format has at most 15 columns

Row = tuple[tuple[str, ...], bool, str]


def _broken(reason_zh: str, reason_en: str) -> Unreadable:
    return Unreadable(
        finding(
            "unreadable_file",
            f"Word 文件无法打开（{reason_zh}）",
            f"the Word file cannot be opened ({reason_en})",
        )
    )


def _text(element: Any) -> str:
    """A paragraph's text: runs joined, tabs kept (they align columns), breaks as lines."""
    out: list[str] = []
    for node in element.iter(f"{_W}t", f"{_W}tab", f"{_W}br", f"{_W}cr", f"{_W}p"):
        tag = node.tag
        if tag == f"{_W}t":
            out.append(node.text or "")
        elif tag == f"{_W}tab":
            out.append("\t")
        elif tag in (f"{_W}br", f"{_W}cr") or (tag == f"{_W}p" and node is not element):
            out.append("\n")
    return "".join(out)


def _int(element: Any, path: str) -> int:
    found = element.find(path)
    if found is None:
        return 0
    try:
        return max(0, min(int(found.get(f"{_W}val", "1")), _MAX_SPAN))
    except ValueError:
        return 1


def _children(element: Any, tag: str) -> list[Any]:
    """Direct children of a tag, also those wrapped in content controls (w:sdt)."""
    out = []
    for child in element:
        if child.tag == f"{_W}{tag}":
            out.append(child)
        elif child.tag in (f"{_W}sdt", f"{_W}customXml"):
            content = child.find(f"{_W}sdtContent")
            out.extend(_children(content if content is not None else child, tag))
    return out


def _table(table: Any, number_: int, budget: Budget) -> list[Row]:
    """The table's rows on its grid: a w:gridSpan cell covers several grid columns, a
    w:vMerge continuation cell is the cell above it. Past the document's MAX_CELLS copies,
    a cell is read once, not spread."""
    grid: list[list[str]] = []
    bounds: list[list[Bound]] = []
    above: dict[int, str] = {}  # grid column -> the text of the merged cell over it
    starts: dict[int, tuple[int, int]] = {}  # grid column -> (row, column) of that cell
    spread: set[tuple[int, int]] = set()  # number cells merged over several rows
    for tr in _children(table, "tr"):
        before = _int(tr, f"{_W}trPr/{_W}gridBefore")
        cells: list[str] = [""] * (before if budget.take(before) else 0)
        row_bounds: list[Bound] = []
        for tc in _children(tr, "tc"):
            span = max(1, _int(tc, f"{_W}tcPr/{_W}gridSpan"))
            if not budget.take(span - 1):
                span = 1
            merge = tc.find(f"{_W}tcPr/{_W}vMerge")
            column = len(cells)
            if merge is not None and merge.get(f"{_W}val", "continue") != "restart":
                text = above.get(column, "")
                own = ""  # the cell's text is the merged cell's, printed above
                if column in starts and isinstance(number(text), Decimal):
                    spread.add(starts[column])
            else:
                paragraphs = [" ".join(_text(p).split()) for p in _children(tc, "p")]
                text = own = " ".join(p for p in paragraphs if p)
                for offset in range(span):
                    above[column + offset] = text
                    starts[column + offset] = (len(grid), column)
            copy = "" if isinstance(number(text), Decimal) else text
            row_bounds.append((column, span))
            cells.append(own or copy)
            cells.extend([copy] * (span - 1))
        grid.append(cells)
        bounds.append(row_bounds)
    # A number merged over several rows is the first row's or theirs together: not read,
    # except a 0 in its first row (no count is negative).
    for row, column in spread:
        if number(grid[row][column]) != 0:
            grid[row][column] = ""
    return [
        (tuple(cells), True, f"Word table {number_}, row {row_no}")
        for row_no, cells in enumerate(by_header(grid, bounds), 1)
        if any(c.strip() for c in cells)
    ]


def docx_text(data: bytes) -> Text:
    """The document's paragraphs and tables, in reading order."""
    etree = require("lxml.etree", " Word 文件", "Word files")
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            info = archive.getinfo("word/document.xml")
            if info.file_size > MAX_XML:
                raise _broken("正文超过 64 MiB", "its text part is over 64 MiB")
            xml = archive.read(info)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, EOFError, NotImplementedError):
        raise _broken("压缩包损坏", "a damaged zip file") from None
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(xml, parser)
    except etree.XMLSyntaxError:
        raise _broken("XML 损坏", "damaged XML") from None
    body = root.find(f"{_W}body")
    rows: list[Row] = []
    tables = 0
    paragraphs = 0
    budget = Budget()
    for element in [] if body is None else _blocks(body):
        if element.tag == f"{_W}tbl":
            tables += 1
            rows.extend(_table(element, tables, budget))
            continue
        paragraphs += 1
        for line in _text(element).split("\n"):
            cells = aligned_cells(line)
            if cells:
                rows.append((cells, False, f"Word paragraph {paragraphs}"))
    visible = "\n".join(" | ".join(cells) for cells, _, _ in rows)
    return Text(visible, "docx", "", tuple(rows), cut_cells=budget.cut)


def _blocks(body: Any) -> list[Any]:
    """Paragraphs and tables of the body in order, content controls unwrapped."""
    out = []
    for child in body:
        if child.tag in (f"{_W}p", f"{_W}tbl"):
            out.append(child)
        elif child.tag in (f"{_W}sdt", f"{_W}customXml"):
            content = child.find(f"{_W}sdtContent")
            out.extend(_blocks(content if content is not None else child))
    return out
