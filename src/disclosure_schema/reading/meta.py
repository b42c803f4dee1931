"""The report year and the agency's name, from the text around the tables.

Only what the text states, in this order: the title (``X2023年政府信息公开工作年度
报告``, also where a page's text runs it on into the body or a sentence announces
it), a page's metadata row (``发布机构 | X``), a sentence that names the agency as
the author (``由X编制``, ``现将X2021年度…``), the signature (``X 2024年1月22日`` at
the end). Never a
contact sentence (``请与X办公室联系`` names an office, not the reporting agency). A
pronoun (我局, 本单位) is not a name: then the name is null.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from typing import Final

__all__ = ["agency_name", "report_year"]

_YEAR: Final = r"(20[1-4]\d)\s*年度?"
_TITLE_TAIL: Final = r"(?:政[府务])?(?:信息公开|政务公开)(?:工作)?年度?报告"
_TITLE_YEAR_FIRST: Final = re.compile(rf"^{_YEAR}(.{{2,40}}?){_TITLE_TAIL}")
_TITLE_NAME_FIRST: Final = re.compile(rf"^(.{{2,40}}?){_YEAR}{_TITLE_TAIL}")
_TITLE_NO_YEAR: Final = re.compile(rf"^(.{{2,40}}?){_TITLE_TAIL}$")
_TITLE_YEAR_ONLY: Final = re.compile(rf"^{_YEAR}{_TITLE_TAIL}")
_METADATA: Final = re.compile(
    r"^(?:发布机构|发文机关|发布单位|来源单位)\s*[:：]?\s*\|\s*([^|]{2,40}?)\s*(?:\||$)"
)
_SENTENCES: Final = (
    re.compile(r"现将(.{2,30}?)20[1-4]\d\s*年度?"),
    re.compile(r"由(.{2,30}?)(?:结合[^，。]*?|根据[^，。]*?)?编制"),
)
# Words that introduce a title in a sentence ("特向社会公布X2022年…报告").
_LEAD: Final = re.compile(r"^.*?(?:向社会公布|现予公布|现公布|现将|予以公布|公布)")
# A signature: an agency's name and a date, at the end of the text.
_SIGNATURE: Final = re.compile(
    r"(?:^|[\s。])([\u4e00-\u9fff（）()]{4,30}?(?:局|委员会|委|办公室|政府|中心|院|所|站|队|处|厅|署|"
    r"办事处|镇|乡))\s*20[1-4]\d\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日(?!\s*印发)"
)
_CHUNK: Final = re.compile(r"[\s。；！？，,]+")
# Pronouns and sentence openings are not names: "现公布我局2022年…报告" names nobody.
_NOT_NAMES: Final = re.compile(
    r"^(?:我|本|贵|该)|^.{0,1}$|^政[府务]$|[，。；：、“”《》,;:]|报告|条例|我|本机关|本单位|现将|现公布|根据"
)
_PERIOD: Final = re.compile(r"统计期限.{0,4}?(20[1-4]\d)\s*年\s*1\s*月\s*1\s*日")
_ANY_YEAR: Final = re.compile(r"(20[1-4]\d)\s*年")


def _norm(line: str) -> str:
    return unicodedata.normalize("NFKC", line).strip()


def _name(candidate: str) -> str | None:
    name = re.sub(r"\s+", "", candidate).strip("|:： ").rpartition("|")[2]  # "名称 | X"
    name = _LEAD.sub("", name)
    name = re.sub(r"(?:关于)?$", "", name)
    return None if _NOT_NAMES.search(name) else name


def report_year(lines: list[str]) -> tuple[int | None, str]:
    """The report year, and where it was found."""
    for line in lines[:80]:
        text = _norm(line)
        for pattern in (_TITLE_NAME_FIRST, _TITLE_YEAR_FIRST, _TITLE_YEAR_ONLY):
            found = pattern.search(text)
            if found is not None and len(text) <= 60:
                year = next(g for g in found.groups() if g and g.isdigit())
                return int(year), f"the title: {text}"
    joined = "\n".join(_norm(line) for line in lines)
    for pattern, where in ((_PERIOD, "the statistics period"),
                           (re.compile(rf"{_YEAR}{_TITLE_TAIL}"), "a mention of the report"),
                           (_ANY_YEAR, "the first year in the text")):  # fmt: skip
        found = pattern.search(joined)
        if found is not None:
            return int(found.group(1)), where
    return None, "no year in the text"


def agency_name(lines: list[str], title: str = "") -> tuple[str | None, str]:
    """The agency's name, and where it was found; None when the text does not name it."""
    normalised = [_norm(line) for line in lines]
    short = [t for t in normalised[:80] if len(t) <= 60]
    # A title broken after any word (PDF text): also try each line with the next.
    joined = [a + b for a, b in itertools.pairwise(short) if len(a + b) <= 60]
    # A title that a page's text runs on into the body: the pieces of the first lines.
    runs = [c for t in normalised[:5] if len(t) > 60 for c in _CHUNK.split(t[:1000]) if c]
    candidates = [*short, *joined, *[c for c in runs if len(c) <= 60], _norm(title)]
    for index, text in enumerate(candidates):
        for pattern in (_TITLE_NAME_FIRST, _TITLE_YEAR_FIRST):
            found = pattern.search(text)
            if found:
                group = found.group(1) if pattern is _TITLE_NAME_FIRST else found.group(2)
                if name := _name(group):
                    return name, f"the title: {text}"
        # A title broken over two lines (PDF text): the name is the line before.
        if _TITLE_YEAR_ONLY.search(text) and index > 0 and (name := _name(candidates[index - 1])):
            return name, f"the title: {candidates[index - 1]} {text}"
        found = _TITLE_NO_YEAR.search(text)
        if found and (name := _name(found.group(1))):
            return name, f"the title: {text}"
    for text in normalised[:40]:
        found = _METADATA.match(text)
        if found and (name := _name(found.group(1))):
            return name, "the page's metadata"
    prose = "\n".join(normalised[:60])
    for pattern in _SENTENCES:
        found = pattern.search(prose)
        if found and (name := _name(found.group(1))):
            return name, f"the sentence: {found.group(0)}"
    tail = "\n".join(normalised)[-600:]
    for found in _SIGNATURE.finditer(tail):
        if name := _name(found.group(1)):
            return name, f"the signature: {found.group(0).strip()}"
    return None, "the text does not name the agency"
