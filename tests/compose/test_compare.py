"""compare(): the values that differ, with both values, in document order."""

from __future__ import annotations

import datetime

from hypothesis import HealthCheck, given, settings

import disclosure_schema as ds
from disclosure_schema.compose import Difference, compare
from disclosure_schema.strategies import Planted, planted_errors, reports

from .. import table_layout as tl


@given(reports())
def test_same_report(report: ds.Report2021 | ds.Report2019) -> None:
    assert compare(report, report) == ()


@given(planted_errors(max_changes=5))
def test_changed_cells(planted: Planted) -> None:
    """The changed cells exactly, in document order, with both values."""
    old, new = planted.report, planted.perturbed
    order = tl.cells(old.edition)
    pointers = sorted(planted.changes, key=order.index)
    a, b = ds.to_dict(old), ds.to_dict(new)
    expected = [(p, tl.get(a, p), tl.get(b, p), None) for p in pointers]
    found = compare(old, new)
    assert [(d.pointer, d.a, d.b, d.only_in) for d in found] == expected
    backwards = [(p, tl.get(b, p), tl.get(a, p)) for p in pointers]
    assert [(d.pointer, d.a, d.b) for d in compare(new, old)] == backwards


def test_values_outside_the_tables() -> None:
    """Year, agency, dates and narrative count too; dates as YYYY-MM-DD."""
    a = ds.Report2021.zero(year=2021, agency="某局")
    b = a.evolve(
        year=2022,
        published_on=datetime.date(2023, 1, 20),
        sections=ds.Sections(overview="总体"),
    )
    assert [(d.pointer, d.a, d.b) for d in compare(a, b)] == [
        ("/year", 2021, 2022),
        ("/published_on", None, "2023-01-20"),
        ("/sections/overview", None, "总体"),
    ]


def test_two_editions() -> None:
    """A 2020 report (2019 edition) against a 2021 one: the keys one edition lacks are
    marked, in document order."""
    old = ds.Report2019.zero(year=2020, agency="某局")
    new = ds.Report2021.zero(year=2021, agency="某局")
    found = compare(old, new)
    pointers = [d.pointer for d in found]
    assert pointers[:2] == ["/edition", "/year"]
    only_a = [d.pointer for d in found if d.only_in == "a"]
    only_b = [d.pointer for d in found if d.only_in == "b"]
    assert "/proactive/centralized_procurement/projects" in only_a
    assert "/applications/results/other/overdue_fee/total" in only_b
    assert "/applications/results/other/total" in only_a
    # document order: 2021's three 其他处理 rows and 2019's one row sit together, after
    # table 2 and before table 4
    first = pointers.index("/applications/results/other/overdue_correction/natural_person")
    assert pointers[first - 1] == "/proactive/centralized_procurement/amount"
    assert pointers[first + 21] == "/applications/results/other/natural_person"
    assert pointers[-1] == "/applications/results/other/total"


def test_record() -> None:
    d = Difference(pointer="/year", title_zh="报告年度", title_en="year", a=2021, b=2022)
    assert list(d.to_dict()) == ["pointer", "a", "b", "only_in", "title_zh", "title_en"]


@settings(suppress_health_check=[HealthCheck.large_base_example])  # two whole reports
@given(reports(edition="2019", nulls=0.1), reports(edition="2021", nulls=0.1))
def test_two_editions_cells(old: ds.Report2019, new: ds.Report2021) -> None:
    """Across editions, a table cell differs when both have it with different values, or
    only one has it and it is not null there; each edition's cells in its own order."""
    a, b = ds.to_dict(old), ds.to_dict(new)
    in_a, in_b = tl.cells("2019"), tl.cells("2021")
    expected = set()
    for pointer in set(in_a) | set(in_b):
        va = tl.get(a, pointer) if pointer in in_a else None
        vb = tl.get(b, pointer) if pointer in in_b else None
        only = "a" if pointer not in in_b else "b" if pointer not in in_a else None
        if va != vb:
            expected.add((pointer, va, vb, only))
    found = [d for d in compare(old, new) if d.pointer in set(in_a) | set(in_b)]
    assert {(d.pointer, d.a, d.b, d.only_in) for d in found} == expected
    for order in (in_a, in_b):
        mine = [d.pointer for d in found if d.pointer in order]
        assert mine == sorted(mine, key=order.index)
