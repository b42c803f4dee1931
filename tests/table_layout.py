"""An independent description of the report's tables, written from FORMAT.md §4-§6 and §9.

The property tests take the identities a changed cell must break from here, not
from the catalogue under test, so a rule missing from (or wrong in) the
catalogue shows up as a failing test. Nothing here imports the library.
"""

from __future__ import annotations

from typing import Any

COLUMNS = (
    "natural_person",
    "commercial_enterprise",
    "research_institution",
    "social_welfare_organization",
    "legal_service_organization",
    "other_organization",
    "total",
)
APPLICANTS = COLUMNS[:6]

_WITHHELD = (
    "state_secret",
    "prohibited_by_law",
    "security_and_stability",
    "third_party_rights",
    "internal_affairs",
    "process_information",
    "enforcement_files",
    "administrative_query",
)
_UNABLE = ("not_held", "requires_creation", "unclear_after_correction")
_NOT_PROCESSED = ("complaint_or_petition", "repeated", "publication", "excessive", "confirmation")
_OTHER_2021 = ("overdue_correction", "overdue_fee", "other")

#: The detail result rows (FORMAT §9.2: 21 in 2021, 19 in 2019), as paths under applications.
DETAIL_ROWS = {
    "2021": (
        "results/disclosed",
        "results/partially_disclosed",
        *(f"results/withheld/{k}" for k in _WITHHELD),
        *(f"results/unable_to_provide/{k}" for k in _UNABLE),
        *(f"results/not_processed/{k}" for k in _NOT_PROCESSED),
        *(f"results/other/{k}" for k in _OTHER_2021),
    ),
    "2019": (
        "results/disclosed",
        "results/partially_disclosed",
        *(f"results/withheld/{k}" for k in _WITHHELD),
        *(f"results/unable_to_provide/{k}" for k in _UNABLE),
        *(f"results/not_processed/{k}" for k in _NOT_PROCESSED),
        "results/other",
    ),
}

#: Every data row of table 3, in document order (25 in 2021, 23 in 2019).
ROWS = {
    e: ("new_received", "carried_over", *DETAIL_ROWS[e], "results/total", "carried_forward")
    for e in ("2021", "2019")
}

T4_GROUPS = ("administrative_review", "lawsuit_direct", "lawsuit_after_review")
T4_KEYS = ("upheld", "corrected", "other", "pending", "total")

TABLE2 = {
    "2021": (
        *(f"regulations/{k}" for k in ("issued", "repealed", "in_force")),
        *(f"normative_documents/{k}" for k in ("issued", "repealed", "in_force")),
        "licensing/decisions",
        "punishment/decisions",
        "coercion/decisions",
        "administrative_fees/amount",
    ),
    "2019": (
        *(f"regulations/{k}" for k in ("newly_made", "newly_published", "total_published")),
        *(f"normative_documents/{k}" for k in ("newly_made", "newly_published", "total_published")),
        *(
            f"{g}/{k}"
            for g in ("licensing", "other_services", "punishment", "coercion")
            for k in ("items_last_year", "items_change", "decisions")
        ),
        "administrative_fees/items_last_year",
        "administrative_fees/items_change",
        "centralized_procurement/projects",
        "centralized_procurement/amount",
    ),
}


def t3(row: str, column: str) -> str:
    return f"/applications/{row}/{column}"


def cells(edition: str) -> list[str]:
    """Every table cell, in document order."""
    return [
        *(f"/proactive/{p}" for p in TABLE2[edition]),
        *(t3(r, c) for r in ROWS[edition] for c in COLUMNS),
        *(f"/reviews_and_lawsuits/{g}/{k}" for g in T4_GROUPS for k in T4_KEYS),
    ]


def identities(edition: str) -> dict[str, tuple[list[str], list[str]]]:
    """id -> (left cells, right cells), from FORMAT §9.1-§9.2."""
    out: dict[str, tuple[list[str], list[str]]] = {}
    for c in COLUMNS:
        out[f"t3.balance.{c}"] = (
            [t3("new_received", c), t3("carried_over", c)],
            [t3("results/total", c), t3("carried_forward", c)],
        )
    for c in COLUMNS:
        out[f"t3.results_total.{c}"] = (
            [t3("results/total", c)],
            [t3(r, c) for r in DETAIL_ROWS[edition]],
        )
    for r in ROWS[edition]:
        out[f"t3.row_total.{r.replace('/', '.')}"] = (
            [t3(r, "total")],
            [t3(r, c) for c in APPLICANTS],
        )
    for g in T4_GROUPS:
        base = f"/reviews_and_lawsuits/{g}"
        out[f"t4.total.{g}"] = ([f"{base}/total"], [f"{base}/{k}" for k in T4_KEYS[:4]])
    return out


def expected_differences(edition: str, changes: dict[str, int]) -> dict[str, int]:
    """rule id -> sum(left changes) - sum(right changes), for every rule that moves."""
    out = {}
    for rule_id, (left, right) in identities(edition).items():
        net = sum(changes.get(p, 0) for p in left) - sum(changes.get(p, 0) for p in right)
        if net:
            out[rule_id] = net
    return out


def zero_document(edition: str) -> dict[str, object]:
    """A complete report with every cell 0 and every optional key present."""

    def nest(pointers: list[str], base: str) -> dict[str, object]:
        root: dict[str, object] = {}
        for p in pointers:
            *path, key = p[len(base) + 1 :].split("/")
            holder = root
            for part in path:
                holder = holder.setdefault(part, {})  # type: ignore[assignment]
            holder[key] = 0
        return root

    all_cells = cells(edition)
    return {
        "edition": edition,
        "year": 2021 if edition == "2021" else 2020,
        "agency": {"name": "某某局", "region": "某省某市", "level": "county", "code": "X1"},
        "published_on": "2022-01-20",
        "proactive": nest([p for p in all_cells if p.startswith("/proactive/")], "/proactive"),
        "applications": nest(
            [p for p in all_cells if p.startswith("/applications/")], "/applications"
        ),
        "reviews_and_lawsuits": nest(
            [p for p in all_cells if p.startswith("/reviews_and_lawsuits/")],
            "/reviews_and_lawsuits",
        ),
        "fees": {"notices_issued": 0, "amount_noticed": 0, "amount_collected": 0},
        "sections": {"overview": "总体情况", "problems": "存在问题", "other_matters": "其他事项"},
    }


def get(document: Any, pointer: str) -> Any:
    """The value at a JSON Pointer of the report (its keys need no unescaping)."""
    for part in pointer.split("/")[1:]:
        document = document[part]
    return document


def put(document: Any, pointer: str, value: object) -> None:
    """Set the value at a JSON Pointer."""
    parent, _, key = pointer.rpartition("/")
    get(document, parent)[key] = value


def delete(document: Any, pointer: str) -> None:
    """Remove the key at a JSON Pointer."""
    parent, _, key = pointer.rpartition("/")
    del get(document, parent)[key]
