"""The apology checker's rules: their examples pass the build check, and guides point at real anchors."""

from __future__ import annotations

import re

import pytest

from macros.definitions import DEFINITIONS_DIR, load_registry
from tests.conftest import ROOT

# Only the checker's own files: a broken definition of another widget must not hide these results.
REGISTRY = load_registry(DEFINITIONS_DIR / "checker")[0]
CHECKER = REGISTRY.get("checker", "apology")
RULES = {rule.id: rule for rule in CHECKER.rules}


def test_every_rule_and_term_passes_its_own_examples():
    """The build checks them (``Registry.verify``); this names the check among the checker tests."""
    REGISTRY.verify()
    assert sum(len(rule.examples.match) for rule in CHECKER.rules) > len(CHECKER.rules)


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
