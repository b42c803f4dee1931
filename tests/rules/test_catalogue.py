"""The rule catalogue: exactly the identities of FORMAT.md §9, as read-only data."""

from __future__ import annotations

import re

import attrs
import pytest

import disclosure_schema as ds
from disclosure_schema import RULES, layout
from disclosure_schema.rules import CHECKS, FAMILIES, Rule
from disclosure_schema.rules.catalogue import NARRATIVE

from ..table_layout import COLUMNS, identities


class TestIds:
    @pytest.mark.parametrize(("edition", "count"), [("2021", 42), ("2019", 40)])
    def test_counts(self, edition: str, count: int) -> None:
        """2021 has 7 + 7 + 25 + 3 = 42 identities, 2019 has 40."""
        assert count == len(RULES[edition])  # type: ignore[index]

    @pytest.mark.parametrize("edition", ["2021", "2019"])
    def test_ids_are_those_of_format_md(self, edition: str) -> None:
        """The ids are exactly those FORMAT.md §9 defines, and unique."""
        ids = [r.id for r in RULES[edition]]  # type: ignore[index]
        assert sorted(identities(edition)) == sorted(ids)
        assert len(set(ids)) == len(ids)

    def test_example_id(self) -> None:
        """FORMAT.md's example id exists in both editions."""
        for edition in ("2021", "2019"):
            assert RULES.rule("t3.row_total.results.withheld.state_secret", edition).left == (
                "/applications/results/withheld/state_secret/total",
            )


class TestTerms:
    @pytest.mark.parametrize("edition", ["2021", "2019"])
    def test_terms_match_format_md(self, edition: str) -> None:
        """Every rule's left and right terms are those of the identity it names."""
        for rule in RULES[edition]:  # type: ignore[index]
            left, right = identities(edition)[rule.id]
            assert (left, right) == (list(rule.left), list(rule.right)), rule.id

    @pytest.mark.parametrize("edition", ["2021", "2019"])
    def test_terms_are_cells_of_the_edition(self, edition: str) -> None:
        """Every term points at a cell of the edition's layout."""
        cells = layout(edition).cell_index
        for rule in RULES[edition]:  # type: ignore[index]
            assert all(p in cells for p in rule.terms), rule.id

    def test_results_total_sizes(self) -> None:
        """The results total sums 21 detail rows in 2021 and 19 in 2019."""
        assert len(RULES.rule("t3.results_total.total", "2021").right) == 21
        assert len(RULES.rule("t3.results_total.total", "2019").right) == 19


class TestKinds:
    def test_only_the_balance_is_official(self) -> None:
        """The balance is printed in table 3's header; the rest follow from the structure."""
        for rule in RULES.distinct():
            expected = "official" if rule.family == "t3.balance" else "structural"
            assert expected == rule.kind, rule.id

    def test_families(self) -> None:
        """Four families, each rule belongs to one."""
        assert ["t3.balance", "t3.results_total", "t3.row_total", "t4.total"] == [
            f.id for f in FAMILIES
        ]
        assert all(r.id.startswith(r.family + ".") for r in RULES.distinct())


class TestSharing:
    def test_identical_rules_are_one_record(self) -> None:
        """A rule the same in both editions is one object listing both editions."""
        a = RULES.rule("t3.balance.total", "2021")
        assert a is RULES.rule("t3.balance.total", "2019")
        assert ("2019", "2021") == a.editions

    def test_differing_rules_are_separate(self) -> None:
        """The results totals differ between editions: one record per edition."""
        a = RULES.rule("t3.results_total.total", "2021")
        b = RULES.rule("t3.results_total.total", "2019")
        assert a is not b
        assert (("2021",), ("2019",)) == (a.editions, b.editions)

    def test_distinct(self) -> None:
        """50 records in all: 32 shared, 10 only in 2021, 8 only in 2019."""
        assert 50 == len(RULES.distinct())


class TestReadOnly:
    def test_rules_are_frozen(self) -> None:
        """Rules cannot be changed."""
        rule = RULES["2021"][0]
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            rule.id = "x"  # type: ignore[misc]

    def test_catalogue_is_a_mapping_of_tuples(self) -> None:
        """The catalogue maps editions to tuples and has no setter."""
        assert isinstance(RULES["2021"], tuple)
        with pytest.raises(TypeError):
            RULES["2021"] = ()  # type: ignore[index]

    def test_unknown_rule(self) -> None:
        """Looking up an unknown id raises KeyError."""
        with pytest.raises(KeyError):
            RULES.rule("t3.nope", "2021")

    def test_repr(self) -> None:
        """The repr names the version and the counts."""
        assert "<Catalogue 1.2.0 (2019: 40, 2021: 42 rules)>" == repr(RULES)


class TestTitles:
    def test_titles_name_the_scope(self) -> None:
        """Titles in both languages name the row, column or group."""
        rule = RULES.rule("t3.balance.natural_person", "2021")
        assert rule.title_zh.startswith("表三“自然人”列：第一项加第二项之和")
        assert rule.title_en.startswith("table 3, column 'natural persons'")
        assert isinstance(rule, Rule)

    def test_english_texts_have_no_chinese(self) -> None:
        """One language per text: the English titles and explanations, published in the
        rule files and docs/rules.md, hold no Chinese characters or full-width marks."""
        cjk = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
        texts = [f.description_en for f in FAMILIES]
        texts += [r.title_en for rules in RULES.values() for r in rules]
        texts += [t for c in CHECKS for t in (c.title_en, c.explanation_en)]
        texts += [n.title_en for n in NARRATIVE]
        assert [t for t in texts if cjk.search(t)] == []


class TestChecks:
    def test_cross_report_ids(self) -> None:
        """FORMAT §9.3: x.carry_over per table-3 column (7) and x.in_force for regulations
        and normative documents (2), 2021 to 2021 only."""
        cross = {c.id: c for c in CHECKS if c.kind == "cross_report"}
        assert {f"x.carry_over.{c}" for c in COLUMNS} | {
            "x.in_force.regulations",
            "x.in_force.normative_documents",
        } == set(cross)
        for column in COLUMNS:
            rule = cross[f"x.carry_over.{column}"]
            assert ("error", ("2019", "2021"), ("2019", "2021")) == (
                rule.severity, rule.editions, rule.previous_editions,
            )  # fmt: skip
            assert [("current", f"/applications/carried_over/{column}")] == [
                (t.report, t.pointer) for t in rule.left
            ]
            assert [("previous", f"/applications/carried_forward/{column}")] == [
                (t.report, t.pointer) for t in rule.right
            ]
        rule = cross["x.in_force.regulations"]
        assert ("warning", ("2021",), ("2021",)) == (
            rule.severity, rule.editions, rule.previous_editions,
        )  # fmt: skip

    def test_published_with_the_rules(self) -> None:
        """The rule files carry every check of their edition, and the version moved."""
        editions: tuple[ds.Edition, ...] = ("2021", "2019")
        for edition in editions:
            document = ds.rules_document(edition)
            assert [c.id for c in CHECKS if edition in c.editions] == [
                c["id"] for c in document["checks"]
            ]
        assert "1.2.0" == ds.CATALOGUE_VERSION

    def test_narrative_checks_are_published(self) -> None:
        """The reader's narrative checks are in both rule files, with the cells and the
        sentence patterns the reader uses, and in docs/rules.md: one catalogue."""
        from disclosure_schema.publish import generated_files

        ids = {"narrative.new_received", "narrative.results_total", "narrative.carried_forward",
               "narrative.reviews", "narrative.lawsuits"}  # fmt: skip
        assert ids == {n.id for n in NARRATIVE}
        pages = {path.name: text for path, text in generated_files().items()}
        for edition in ("2021", "2019"):
            published = ds.rules_document(edition)["narrative"]
            assert ids == {n["id"] for n in published}
            for n, entry in zip(NARRATIVE, published, strict=True):
                assert (list(n.cells), list(n.patterns)) == (entry["cells"], entry["patterns"])
        assert all(f"`{i}`" in pages["rules.md"] for i in ids)


class TestMapping:
    def test_len_and_iteration_are_the_editions(self) -> None:
        """RULES is a mapping from edition to its rules: its length and its keys are the
        editions, in the model's order."""
        from disclosure_schema.model import EDITIONS
        from disclosure_schema.rules import RULES

        assert len(EDITIONS) == len(RULES)
        assert list(EDITIONS) == list(RULES)
        assert all(len(RULES[e]) > 0 for e in RULES)
