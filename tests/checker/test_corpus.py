"""The corpus of drafts: good drafts get no error, every draft gets exactly its expected findings."""

from __future__ import annotations

import pytest

from tests.checker import scoring
from tests.checker.test_rules import CHECKER
from widgets.checker import check

DRAFTS = scoring.load()
IDS = [draft.name for draft in DRAFTS]


HOLDOUT = scoring.load_holdout()  # read for its size and labels only: never run through the checker here


def test_the_corpus_is_large_enough_and_balanced():
    everything = DRAFTS + HOLDOUT
    assert len(everything) >= 150 and sum(d.quality == "good" for d in everything) >= 50
    assert len(HOLDOUT) >= 0.3 * len(everything)
    for drafts in (DRAFTS, HOLDOUT):
        assert {d.form for d in drafts} == set(scoring.FORMS)
        assert sum(d.quality == "good" for d in drafts) >= 15 and sum(d.quality == "bad" for d in drafts) >= 25
    assert len({d.name for d in everything}) == len(everything)


def test_labels_name_real_rules_and_elements():
    rules = {r.id for r in CHECKER.rules if r.element is None}
    elements = {r.id for r in CHECKER.rules if r.element is not None}
    for draft in DRAFTS + HOLDOUT:
        assert draft.expect <= rules, f"{draft.name}: unknown rules {sorted(draft.expect - rules)}"
        assert draft.missing <= elements, f"{draft.name}: unknown elements {sorted(draft.missing - elements)}"


@pytest.mark.parametrize("draft", [d for d in DRAFTS if d.quality == "good"], ids=lambda d: d.name)
def test_good_drafts_get_no_error(draft):
    errors = [f for f in check(draft.text, CHECKER)["findings"] if f["severity"] == "error"]
    assert errors == []


@pytest.mark.parametrize("draft", [d for d in DRAFTS if d.quality == "bad"], ids=lambda d: d.name)
def test_bad_drafts_get_their_expected_findings(draft):
    missed = draft.expect - scoring.found_rules(draft, CHECKER)
    assert not missed, f"{draft.name}: expected findings not found: {sorted(missed)}"


@pytest.mark.parametrize("draft", DRAFTS, ids=lambda d: d.name)
def test_no_finding_beyond_the_labels(draft):
    """Every finding of a rule the labels do not expect is a false positive."""
    extra = scoring.found_rules(draft, CHECKER) - draft.expect
    assert not extra, f"{draft.name}: unexpected findings {sorted(extra)}"


def test_coverage_matches_the_labels_closely():
    """Coverage is a heuristic: at least 95 % of the element labels hold, and お詫び is always right."""
    for draft in DRAFTS:
        absent = scoring.absent_elements(draft, CHECKER)
        assert ("regret" in absent) == ("regret" in draft.missing), draft.name
    right, pairs = scoring.coverage_accuracy(DRAFTS, CHECKER)
    assert right / pairs >= 0.95


def test_findings_point_into_the_text_and_are_sorted():
    for draft in DRAFTS:
        findings = check(draft.text, CHECKER)["findings"]
        for finding in findings:
            assert 0 <= finding["start"] < finding["end"] <= len(draft.text)
        order = [("error", "warning", "hint").index(f["severity"]) for f in findings]
        assert order == sorted(order)
