"""Finding codes are data: each has a category, a severity policy and titles."""

from __future__ import annotations

import disclosure_schema as ds
from disclosure_schema import limits
from disclosure_schema.findings import finding
from disclosure_schema.rules import locate


class TestCodes:
    def test_every_code_is_documented(self) -> None:
        """Every code has Chinese and English titles and a description."""
        for code in ds.CODES.values():
            assert all((code.title_zh, code.title_en, code.description_en)), code.code

    def test_severity_policy(self) -> None:
        """Severity comes from the code: failed identities are errors, blanks warnings."""
        assert ds.Severity.ERROR == ds.CODES["sum_mismatch"].severity
        assert ds.Severity.WARNING == ds.CODES["sum_not_assessable"].severity
        assert ds.Severity.WARNING == ds.CODES["cell_not_reported"].severity
        assert ds.Severity.INFO == ds.CODES["utf8_bom"].severity

    def test_finding_takes_the_policy(self) -> None:
        """finding() fills the severity in from the code."""
        f = finding("duplicate_key", "重复", "duplicate", locations=("/a",))
        assert (ds.Severity.ERROR, "structure") == (f.severity, f.category)

    def test_codes_are_stable_identifiers(self) -> None:
        """Codes are snake_case identifiers, usable as keys in other languages."""
        assert all(c.isidentifier() and c.islower() for c in ds.CODES)

    def test_descriptions_name_the_limits_in_force(self) -> None:
        """The code list cannot import the limits (they import it), so the numbers its
        descriptions state are copies: this keeps them the limits' own."""
        described = {
            "too_many_findings": f"{limits.MAX_FINDINGS:,}",
            "reading_grid_cut": f"{limits.MAX_CELLS:,}",
            "wrong_cell_not_located": f"at most {locate.MAX_CELLS} cells",
        }
        for code, number in described.items():
            assert number in ds.CODES[code].description_en, code
