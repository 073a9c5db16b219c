"""Predicates of checklist definitions: ``show_if`` of sections, items and questions, ``when`` of results.

In YAML a predicate is one of::

    recovery                          # the condition 'recovery' is checked
    [recovery, boss-away]             # all of them
    {condition: recovery}
    {answer: option, is: change}      # the question's answer is one of the choices (a text or a list)
    {item: step-7, is: [done, na]}    # a tracked item's status is one of these
    {all: [...]} / {any: [...]} / {not: ...} / {at_least: 2, of: [...]}
    {answered: all} / {answered: [q1, q2]}   # only in a result's `when`: every visible question is answered

A predicate may only name questions and items declared before it, so that a reader never has to look further
down the page to see why something appeared.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..schema import Node
from .model import Predicate, Test

COMBINATORS = ("all", "any", "not", "at_least", "answered")


@dataclass
class Scope:
    """What a predicate may refer to at this point of the definition (filled while parsing)."""

    conditions: set[str] = field(default_factory=set)
    questions: dict[str, tuple[str, ...]] = field(default_factory=dict)
    items: dict[str, bool] = field(default_factory=dict)
    statuses: tuple[str, ...] = ()
    settled: tuple[str, ...] = ()


def parse(node: Node, scope: Scope, *, results: bool = False) -> Predicate | None:
    """Validate a predicate; ``None`` when the key is absent.

    Args:
        node: The YAML value.
        scope: The names declared so far.
        results: Whether ``answered`` is allowed (only in results, where it cannot loop).

    Raises:
        DefinitionError: naming the location and what is wrong.
    """
    if node.value is None:
        return None
    return _parse(node, scope, results)


def _parse(node: Node, scope: Scope, results: bool) -> Predicate:
    if isinstance(node.value, str):
        return _condition(node, scope)
    if isinstance(node.value, list):
        return Predicate("all", tuple(_parse(n, scope, results) for n in node.items(min_items=1)))
    if not isinstance(node.value, dict):
        raise node.fail("must be a condition id, a list, or a mapping such as {answer: q, is: a}")
    keys = [key for key in ("condition", "answer", "item", *COMBINATORS) if key in node.value]
    if len(keys) != 1:
        raise node.fail("must have exactly one of: condition, answer, item, all, any, not, at_least, answered")
    return _PARSERS[keys[0]](node, scope, results)


def _condition(node: Node, scope: Scope) -> Predicate:
    ref = node.identifier()
    if ref not in scope.conditions:
        known = ", ".join(sorted(scope.conditions)) or "none declared"
        raise node.fail(f"refers to unknown condition '{ref}' (declared: {known})")
    return Predicate("test", test=Test(f"conditions.{ref}"))


def _condition_key(node: Node, scope: Scope, results: bool) -> Predicate:
    node.mapping({"condition"})
    return _condition(node.child("condition"), scope)


def _answer(node: Node, scope: Scope, results: bool) -> Predicate:
    node.mapping({"answer", "is"})
    ref = _known(node.child("answer"), scope.questions, "question")
    values = _values(node.child("is"), scope.questions[ref], f"a choice of question '{ref}'")
    return Predicate("test", test=Test(f"answers.{ref}", values))


def _item(node: Node, scope: Scope, results: bool) -> Predicate:
    node.mapping({"item", "is"})
    ref = _known(node.child("item"), scope.items, "item")
    if not scope.items[ref]:
        raise node.child("item").fail(f"item '{ref}' has no status (only items of a `track: true` section do)")
    values = _values(node.child("is"), scope.statuses, "a status")
    return Predicate("test", test=Test(f"items.{ref}.status", values, default=scope.statuses[0]))


def _group(node: Node, scope: Scope, results: bool) -> Predicate:
    op = next(key for key in ("all", "any") if key in node.value)
    node.mapping({op})
    return Predicate(op, tuple(_parse(n, scope, results) for n in node.child(op).items(min_items=1)))


def _not(node: Node, scope: Scope, results: bool) -> Predicate:
    node.mapping({"not"})
    return Predicate("not", (_parse(node.child("not"), scope, results),))


def _at_least(node: Node, scope: Scope, results: bool) -> Predicate:
    node.mapping({"at_least", "of"})
    parts = tuple(_parse(n, scope, results) for n in node.child("of").items(min_items=1))
    count = node.child("at_least").integer(minimum=1)
    if count > len(parts):
        raise node.child("at_least").fail(f"is larger than the number of entries in 'of' ({len(parts)})")
    return Predicate("at_least", parts, count=count)


def _answered(node: Node, scope: Scope, results: bool) -> Predicate:
    node.mapping({"answered"})
    target = node.child("answered")
    if not results:
        raise target.fail("is only allowed in the `when` of a result")
    if target.value == "all":
        return Predicate("answered")
    refs = target.id_list() if isinstance(target.value, list) else ()
    if not refs:
        raise target.fail("must be 'all' or a list of question ids")
    for index in range(len(refs)):
        _known(target.child(index), scope.questions, "question")
    return Predicate("answered", questions=refs)


_PARSERS = {"condition": _condition_key, "answer": _answer, "item": _item, "all": _group, "any": _group,
            "not": _not, "at_least": _at_least, "answered": _answered}


def _known(node: Node, declared: dict[str, Any], what: str) -> str:
    ref = node.identifier()
    if ref not in declared:
        known = ", ".join(declared) or "none"
        raise node.fail(f"refers to unknown {what} '{ref}' (declared before this point: {known})")
    return ref


def _values(node: Node, allowed: tuple[str, ...], what: str) -> tuple[str, ...]:
    values = (node.identifier(),) if isinstance(node.value, str) else node.id_list()
    if not values:
        raise node.fail("must name at least one value")
    for value in values:
        if value not in allowed:
            raise node.fail(f"'{value}' is not {what} (allowed: {', '.join(allowed)})")
    return values


# --- evaluation ------------------------------------------------------------------------------


def value_at(state: dict[str, Any], path: str) -> Any:
    """Return the state value at a dotted path, or ``None``.

    >>> value_at({"answers": {"q": "a"}}, "answers.q")
    'a'
    >>> value_at({"answers": "broken"}, "answers.q") is None
    True
    """
    node: Any = state
    for key in path.split("."):
        node = node.get(key) if isinstance(node, dict) else None
    return node


def evaluate(predicate: Predicate | None, state: dict[str, Any], checklist: Any) -> bool:
    """Evaluate a predicate on a (normalized) state; an absent predicate is true."""
    if predicate is None:
        return True
    op = predicate.op
    if op == "test":
        return predicate.test.holds(value_at(state, predicate.test.path))
    if op == "answered":
        return _answered_all(predicate.questions, state, checklist)
    values = [evaluate(part, state, checklist) for part in predicate.parts]
    if op == "all":
        return all(values)
    if op == "any":
        return any(values)
    if op == "not":
        return not values[0]
    return sum(values) >= predicate.count


def _answered_all(question_ids: tuple[str, ...], state: dict[str, Any], checklist: Any) -> bool:
    wanted = set(question_ids)
    for section, question in checklist.all_questions():
        if wanted and question.id not in wanted:
            continue
        if visible(section, question, state, checklist) and not value_at(state, f"answers.{question.id}"):
            return False
    return True


def visible(section: Any, element: Any, state: dict[str, Any], checklist: Any) -> bool:
    """Tell whether an item or question applies: its section's and its own ``show_if`` hold."""
    return evaluate(section.show_if, state, checklist) and evaluate(element.show_if, state, checklist)


def matched_tests(predicate: Predicate | None, state: dict[str, Any]) -> list[Test]:
    """Return the answer tests that hold (outside any ``not``), in order: the reasons a result is shown."""
    if predicate is None or predicate.op == "not":
        return []
    if predicate.op == "test":
        test = predicate.test
        return [test] if test.path.startswith("answers.") and test.holds(value_at(state, test.path)) else []
    return [test for part in predicate.parts for test in matched_tests(part, state)]
