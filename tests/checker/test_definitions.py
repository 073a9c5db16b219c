"""Broken checker definitions fail with the file, the location inside it and the problem."""

from __future__ import annotations

import copy

import pytest

from widgets.errors import DefinitionError
from widgets.registry import Registry

RULE = {"id": "r", "category": "他責", "severity": "error", "pattern": "工場のミス", "reason": "理由です。",
        "suggestion": "言い換えます。", "guide": "respond/effective-apology.md#why-not-blame",
        "examples": {"match": ["工場のミスで"], "no_match": ["弊社のミスで"]}}
FAMILY = {"kind": "checker-rules", "id": "fam", "version": 1, "title": "T", "rules": [RULE]}
CHECKER = {"kind": "checker", "id": "apology", "version": 1, "title": "T", "families": ["fam"],
           "vocabulary": {"apology": {"pattern": "申し訳", "examples": {"match": ["申し訳"], "no_match": ["a"]}}}}


def broken(base, change):
    data = copy.deepcopy(base)
    change(data)
    return data


def rule(**changes):
    return broken(FAMILY, lambda d: d["rules"][0].update(changes))


def without(key):
    return broken(FAMILY, lambda d: d["rules"][0].pop(key))


@pytest.mark.parametrize(("data", "path", "problem"), [
    (without("reason"), "rules[0]", "missing required key 'reason'"),
    (without("examples"), "rules[0]", "missing required key 'examples'"),
    (rule(sevrity="error"), "rules[0]", "unknown key 'sevrity'"),
    (rule(severity="fatal"), "rules[0].severity", "must be one of error, warning, hint, got 'fatal'"),
    (rule(pattern="工場(の"), "rules[0].pattern",
     "is not a valid regular expression (missing ), unterminated subpattern"),
    (rule(pattern="(?:工場)?"), "rules[0].pattern", "must not match an empty text"),
    (rule(detector="vague-promise"), "rules[0]", "needs exactly one of 'pattern' or 'detector'"),
    (without("pattern"), "rules[0]", "needs exactly one of 'pattern' or 'detector'"),
    (broken(FAMILY, lambda d: d["rules"][0].update(pattern=None, detector="magic")), "rules[0].detector",
     "unknown detector 'magic'"),
    (broken(FAMILY, lambda d: d["rules"][0].update(pattern=None, detector="long-sentence")), "rules[0].params",
     "detector 'long-sentence' needs params: max"),
    (broken(FAMILY, lambda d: d["rules"][0].update(pattern=None, detector="long-sentence", params={"max": 0})),
     "rules[0].params.max", "at least 1"),
    (broken(FAMILY, lambda d: d["rules"][0].update(pattern=None, detector="repeated",
                                                   params={"pattern": "[", "min_count": 2})),
     "rules[0].params.pattern", "is not a valid regular expression"),
    (rule(params={"max": 3}), "rules[0].params", "only rules with a detector that takes parameters"),
    (rule(reason="理由です。二つ目です。"), "rules[0].reason", "one sentence ending with '。'"),
    (rule(reason="{length}字です。"), "rules[0].reason", "unknown field {length} (allowed: none for this rule)"),
    (rule(guide="effective-apology"), "rules[0].guide", "must be a page path with an anchor"),
    (rule(examples={"match": ["x"]}), "rules[0].examples", "missing required key 'no_match'"),
    (rule(examples={"match": [], "no_match": ["x"]}), "rules[0].examples.match", "at least 1"),
    (rule(element={"label": "要素", "optional": "yes"}), "rules[0].element.optional", "must be true or false"),
    (rule(headline="見直してください。"), "rules[0].headline", "without '。'"),
    (rule(customer_only="yes"), "rules[0].customer_only", "must be true or false"),
    (broken(FAMILY, lambda d: d["rules"][0].update(pattern=None, detector="evidence", params={"unless": "x"})),
     "rules[0].params", "missing required key 'pattern'"),
    (broken(FAMILY, lambda d: d["rules"].append(copy.deepcopy(RULE))), "rules", "duplicate rule id 'r'"),
    (broken(FAMILY, lambda d: d.update(rules=[])), "rules", "at least 1"),
])
def test_invalid_rule_families_name_the_location_and_the_problem(data, path, problem):
    with pytest.raises(DefinitionError) as raised:
        Registry.from_sources({"checker/fam.yml": data, "checker/c.yml": CHECKER})
    assert raised.value.source == "checker/fam.yml"
    assert raised.value.path == path
    assert problem in raised.value.problem


@pytest.mark.parametrize(("checker", "path", "problem"), [
    (broken(CHECKER, lambda d: d.update(families=["fam", "nope"])), "families[1]",
     "unknown rule family 'nope' (known: fam)"),
    (broken(CHECKER, lambda d: d.update(families=["fam", "fam"])), "families", "duplicate family id 'fam'"),
    (broken(CHECKER, lambda d: d.update(vocabulary={})), "vocabulary", "must be a mapping of term names"),
    (broken(CHECKER, lambda d: d["vocabulary"]["apology"].update(pattern="(")), "vocabulary.apology.pattern",
     "is not a valid regular expression"),
    (broken(CHECKER, lambda d: d.update(rules=[])), "(top level)", "unknown key 'rules'"),
])
def test_invalid_checkers_name_the_location_and_the_problem(checker, path, problem):
    with pytest.raises(DefinitionError) as raised:
        Registry.from_sources({"c.yml": checker, "fam.yml": FAMILY})
    assert (raised.value.source, raised.value.path) == ("c.yml", path)
    assert problem in raised.value.problem


def test_a_detector_needs_its_vocabulary_terms():
    family = broken(FAMILY, lambda d: d["rules"][0].update(pattern=None, detector="apology-missing"))
    with pytest.raises(DefinitionError, match="missing term 'frame' \\(used by rule 'r' of 'fam'\\)"):
        Registry.from_sources({"c.yml": CHECKER, "fam.yml": family})


def test_a_rule_id_used_by_two_families_is_rejected():
    other = broken(FAMILY, lambda d: d.update(id="other"))
    checker = broken(CHECKER, lambda d: d.update(families=["fam", "other"]))
    with pytest.raises(DefinitionError, match="rule id 'r' is used by both 'fam' and 'other'"):
        Registry.from_sources({"c.yml": checker, "fam.yml": FAMILY, "other.yml": other})


def test_a_valid_checker_links_to_its_families_and_compares_equal_after_a_round_trip():
    first = Registry.from_sources({"c.yml": CHECKER, "fam.yml": FAMILY})
    second = Registry.from_sources({"c.yml": CHECKER, "fam.yml": FAMILY})
    assert first.get("checker", "apology").families == (first.get("checker-rules", "fam"),)
    assert first == second


def verified(family, checker=CHECKER):
    registry = Registry.from_sources({"checker/fam.yml": family, "checker/apology.yml": checker})
    registry.verify()
    return registry


def test_the_examples_of_a_valid_rule_pass_the_build_check():
    assert verified(FAMILY).get("checker", "apology").rules[0].id == "r"


@pytest.mark.parametrize(("examples", "path", "problem"), [
    ({"match": ["工場のミスで", "弊社のミスで"], "no_match": ["弊社のミスで"]}, "rules[0].examples.match[1]",
     "finds nothing in its own example '弊社のミスで'"),
    ({"match": ["工場のミスで"], "no_match": ["工場のミスでした"]}, "rules[0].examples.no_match[0]",
     "finds something in its own example '工場のミスでした'"),
])
def test_a_rule_example_that_fails_stops_the_build_at_the_family_file(examples, path, problem):
    with pytest.raises(DefinitionError) as raised:
        verified(rule(examples=examples))
    assert (raised.value.source, raised.value.path, raised.value.problem) == ("checker/fam.yml", path, problem)


def test_a_term_example_that_fails_names_the_checker_file():
    checker = broken(CHECKER, lambda d: d["vocabulary"]["apology"]["examples"].update(no_match=["申し訳ない"]))
    with pytest.raises(DefinitionError) as raised:
        verified(FAMILY, checker)
    assert raised.value.source == "checker/apology.yml"
    assert raised.value.path == "vocabulary.apology.examples.no_match[0]"
