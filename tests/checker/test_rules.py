"""Every rule and vocabulary term of the apology checker, tested on its own examples; guides point at real anchors."""

from __future__ import annotations

import re

import pytest

from macros.definitions import DEFINITIONS_DIR, load_registry
from tests.conftest import ROOT
from widgets.checker import rule_hits

# Only the checker's own files: a broken definition of another widget must not hide these results.
REGISTRY = load_registry(DEFINITIONS_DIR / "checker")[0]
CHECKER = REGISTRY.get("checker", "apology")
RULES = {rule.id: rule for rule in CHECKER.rules}


def _cases(kind: str) -> list[tuple[str, str]]:
    return [(rule.id, text) for rule in CHECKER.rules for text in getattr(rule.examples, kind)]


def _term_cases(kind: str) -> list[tuple[str, str]]:
    return [(term.id, text) for term in CHECKER.terms for text in getattr(term.examples, kind)]


@pytest.mark.parametrize(("rule", "text"), _cases("match"))
def test_rule_finds_its_match_examples(rule, text):
    assert rule_hits(RULES[rule], text, CHECKER), f"{rule} should find something in {text!r}"


@pytest.mark.parametrize(("rule", "text"), _cases("no_match"))
def test_rule_finds_nothing_in_its_no_match_examples(rule, text):
    assert rule_hits(RULES[rule], text, CHECKER) == [], f"{rule} should find nothing in {text!r}"


@pytest.mark.parametrize(("term", "text"), _term_cases("match"))
def test_term_matches_its_examples(term, text):
    pattern = CHECKER.term(term)
    assert pattern.search(text), f"term {term} should match {text!r}"


@pytest.mark.parametrize(("term", "text"), _term_cases("no_match"))
def test_term_does_not_match_its_counter_examples(term, text):
    assert CHECKER.term(term).search(text) is None, f"term {term} should not match {text!r}"


def _anchors(page: str) -> set[str]:
    return set(re.findall(r"\{#([a-z0-9-]+)\}", (ROOT / "docs" / page).read_text(encoding="utf-8")))


@pytest.mark.parametrize("rule", sorted(RULES))
def test_guide_points_at_an_existing_heading(rule):
    page, anchor = RULES[rule].guide.split("#")
    assert (ROOT / "docs" / page).is_file(), f"{rule}: no page docs/{page}"
    assert anchor in _anchors(page), f"{rule}: no heading {{#{anchor}}} in docs/{page}"


def test_liability_wording_is_a_caution_never_an_error():
    family = next(f for f in CHECKER.families if f.id == "liability")
    assert family.rules and all(rule.severity != "error" for rule in family.rules)


def test_forgiveness_is_the_only_optional_element():
    elements = [rule for rule in CHECKER.rules if rule.element]
    assert [r.id for r in elements] == ["regret", "explanation", "responsibility", "prevention", "remedy",
                                        "next-step", "forgiveness"]
    assert [r.id for r in elements if r.element.optional] == ["forgiveness"]
