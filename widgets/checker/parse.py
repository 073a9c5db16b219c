"""Validation of the checker definitions (``kind: checker-rules`` and ``kind: checker``) into the model."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from ..errors import DefinitionError
from ..schema import Node, unique_ids
from .detectors import DETECTORS, Param, needed_terms
from .model import MESSAGE_FIELD, SEVERITIES, Checker, Element, Examples, Family, Pairs, Rule, Term

GUIDE = re.compile(r"^[a-z0-9][a-z0-9/_-]*\.md#[a-z0-9][a-z0-9-]*$")
RULE_KEYS = {"id", "category", "severity", "reason", "suggestion", "guide", "examples"}
RULE_OPTIONAL = {"pattern", "detector", "params", "element", "headline", "customer_only"}


def parse_rules(node: Node) -> Family:
    """Validate a rule family (``kind: checker-rules``) and compile its patterns.

    Raises:
        DefinitionError: naming the file, the location inside it and the problem.
    """
    node.mapping({"kind", "id", "version", "title", "rules"}, {"description"})
    family = node.child("id").identifier()
    rules = tuple(_rule(n, family) for n in node.child("rules").items(min_items=1))
    unique_ids([rule.id for rule in rules], node.child("rules"), "rule")
    return Family(family, node.child("version").integer(minimum=1), node.child("title").text(max_length=60),
                  node.child("description").optional_text(), rules)


def parse_checker(node: Node) -> Checker:
    """Validate a checker (``kind: checker``); its families are resolved later by :func:`link`.

    Raises:
        DefinitionError: naming the file, the location inside it and the problem.
    """
    node.mapping({"kind", "id", "version", "title", "families", "vocabulary"}, {"description"})
    families = tuple(n.identifier() for n in node.child("families").items(min_items=1))
    unique_ids(list(families), node.child("families"), "family")
    vocabulary = node.child("vocabulary")
    if not isinstance(vocabulary.value, dict) or not vocabulary.value:
        raise vocabulary.fail("must be a mapping of term names to {pattern, examples}")
    terms = tuple(_term(vocabulary.child(name), name) for name in vocabulary.value)
    return Checker(node.child("id").identifier(), node.child("version").integer(minimum=1),
                   node.child("title").text(max_length=60), node.child("description").optional_text(),
                   families, terms, node.source)


def link(checker: Checker, registry: Any) -> Checker:
    """Resolve a checker's families in a registry and check the vocabulary its rules need.

    Raises:
        DefinitionError: for an unknown family, a rule id used by two families, or a missing term.
    """
    known = registry.by_kind.get("checker-rules", {})
    for index, family in enumerate(checker.family_ids):
        if family not in known:
            names = ", ".join(sorted(known)) or "none"
            raise DefinitionError(checker.source, ("families", index),
                                  f"unknown rule family '{family}' (known: {names})")
    linked = replace(checker, families=tuple(known[family] for family in checker.family_ids))
    _check_rules(linked)
    return linked


def _check_rules(checker: Checker) -> None:
    owners: dict[str, str] = {}
    terms = {term.id for term in checker.terms}
    for family in checker.families:
        for rule in family.rules:
            if rule.id in owners:
                raise DefinitionError(checker.source, ("families",),
                                      f"rule id '{rule.id}' is used by both '{owners[rule.id]}' and '{family.id}'")
            owners[rule.id] = family.id
            missing = [name for name in needed_terms(rule) if name not in terms]
            if missing:
                raise DefinitionError(checker.source, ("vocabulary",),
                                      f"missing term '{missing[0]}' (used by rule '{rule.id}' of '{family.id}')")


def _term(node: Node, name: str) -> Term:
    if not isinstance(name, str) or not re.fullmatch(r"[a-z][a-z0-9-]*", name):
        raise node.fail(f"term names are lowercase ids, got {name!r}")
    node.mapping({"pattern", "examples"})
    return Term(name, _regex(node.child("pattern")), _examples(node.child("examples")))


def _rule(node: Node, family: str) -> Rule:
    node.mapping(RULE_KEYS, RULE_OPTIONAL)
    if (node.value.get("pattern") is None) == (node.value.get("detector") is None):
        raise node.fail("needs exactly one of 'pattern' or 'detector'")
    detector = _detector_name(node.child("detector"))
    params = _params(node.child("params"), detector)
    fields = DETECTORS[detector].fields if detector else ()
    return Rule(
        id=node.child("id").identifier(),
        family=family,
        category=node.child("category").text(max_length=20),
        severity=_choice(node.child("severity"), SEVERITIES),
        reason=_one_sentence(node.child("reason"), fields),
        suggestion=_message(node.child("suggestion"), fields, 200),
        guide=_guide(node.child("guide")),
        examples=_examples(node.child("examples")),
        pattern=_regex(node.child("pattern")) if node.value.get("pattern") is not None else None,
        detector=detector,
        params=params,
        element=_element(node.child("element")),
        headline=_headline(node.child("headline")),
        customer_only=node.child("customer_only").flag(),
    )


def _headline(node: Node) -> str:
    if node.value is None:
        return ""
    text = node.text(max_length=30)
    if "。" in text:
        raise node.fail("must be a short phrase without '。' (the summary joins headlines)")
    return text


def _detector_name(node: Node) -> str:
    if node.value is None:
        return ""
    if node.value not in DETECTORS:
        raise node.fail(f"unknown detector {node.value!r} (known: {', '.join(sorted(DETECTORS))})")
    return node.value


def _params(node: Node, detector: str) -> tuple[tuple[str, Any], ...]:
    specs = DETECTORS[detector].params if detector else {}
    if node.value is None and not any(spec.required for spec in specs.values()):
        return ()
    if not specs:
        raise node.fail("only rules with a detector that takes parameters may have 'params'")
    if node.value is None:
        required = sorted(name for name, spec in specs.items() if spec.required)
        raise node.fail(f"detector '{detector}' needs params: {', '.join(required)}")
    node.mapping({name for name, spec in specs.items() if spec.required},
                 {name for name, spec in specs.items() if not spec.required})
    return tuple(sorted((name, _param(node.child(name), spec)) for name, spec in specs.items()
                        if node.value.get(name) is not None))


def _param(node: Node, spec: Param) -> Any:
    if spec.kind == "int":
        return node.integer(minimum=1)
    if spec.kind == "regex":
        return _regex(node)
    if spec.kind == "term":
        return node.identifier()
    if spec.kind == "choice":
        return _choice(node, spec.choices)
    return _pairs(node)


def _pairs(node: Node) -> Pairs:
    if not isinstance(node.value, dict) or not node.value:
        raise node.fail("must be a mapping of 頭語 to the list of 結語 that close it")
    table = []
    for opening in node.value:
        if not isinstance(opening, str) or not opening.strip():
            raise node.fail(f"頭語 must be texts, got {opening!r}")
        words = node.child(opening).items(min_items=1)
        table.append((opening, tuple(item.text(max_length=10) for item in words)))
    closings = sorted({word for _, words in table for word in words}, key=len, reverse=True)
    openings = sorted((word for word, _ in table), key=len, reverse=True)
    return Pairs(
        closings=tuple(table),
        opening=re.compile(r"(?m)^[ \t　]*(" + "|".join(map(re.escape, openings)) + ")"),
        closing=re.compile(r"(?m)(?:^|(?<=[\s　。]))(" + "|".join(map(re.escape, closings)) + r")[ \t　]*$"),
    )


def _regex(node: Node) -> re.Pattern[str]:
    source = node.text(max_length=4000)
    try:
        pattern = re.compile(source)
    except re.error as error:
        raise node.fail(f"is not a valid regular expression ({error.msg} at position {error.pos})") from None
    if pattern.search(""):
        raise node.fail("must not match an empty text")
    return pattern


def _choice(node: Node, choices: tuple[str, ...]) -> str:
    if node.value not in choices:
        raise node.fail(f"must be one of {', '.join(choices)}, got {node.value!r}")
    return node.value


def _message(node: Node, fields: tuple[str, ...], max_length: int) -> str:
    text = node.text(max_length=max_length)
    for name in MESSAGE_FIELD.findall(text):
        if name not in fields:
            allowed = ", ".join("{" + f + "}" for f in fields) or "none for this rule"
            raise node.fail(f"unknown field {{{name}}} (allowed: {allowed})")
    if MESSAGE_FIELD.sub("", text).count("{") or MESSAGE_FIELD.sub("", text).count("}"):
        raise node.fail("has an unbalanced '{' or '}'")
    return text


def _one_sentence(node: Node, fields: tuple[str, ...]) -> str:
    text = _message(node, fields, 120)
    if not text.endswith("。") or text.count("。") != 1:
        raise node.fail("must be one sentence ending with '。'")
    return text


def _guide(node: Node) -> str:
    text = node.text(max_length=200)
    if not GUIDE.match(text):
        raise node.fail(f"must be a page path with an anchor (e.g. respond/effective-apology.md#ng-patterns), "
                        f"got {text!r}")
    return text


def _examples(node: Node) -> Examples:
    node.mapping({"match", "no_match"})
    match = tuple(n.text(max_length=2000) for n in node.child("match").items(min_items=1))
    no_match = tuple(n.text(max_length=2000) for n in node.child("no_match").items(min_items=1))
    return Examples(match, no_match)


def _element(node: Node) -> Element | None:
    if node.value is None:
        return None
    node.mapping({"label"}, {"optional"})
    return Element(node.child("label").text(max_length=30), node.child("optional").flag())
