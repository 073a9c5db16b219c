"""The checker kinds: rule families (``checker-rules``) and checkers (``checker``, ``{{ checker("apology") }}``).

Requests: ``view`` with ``state: {"draft": str}`` answers ``text.summary``, ``lists.findings``,
``lists.coverage``, ``show.findings`` and ``marks.draft``; ``normalize`` answers ``{state, notes}``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..errors import DefinitionError
from ..kind import Kind, Page
from .engine import normalize, rule_hits, view
from .model import Checker, Examples
from .parse import link, parse_checker, parse_rules


def verify_examples(checker: Checker, registry: Any) -> None:
    """Check at build time that every term and rule finds its ``match`` examples and none of its ``no_match`` ones.

    Raises:
        DefinitionError: naming the file of the term (the checker) or of the rule (its family), the example's
            location and the problem.
    """
    for term in checker.terms:
        _check(checker.source, ("vocabulary", term.id, "examples"), term.examples,
               lambda text, pattern=term.pattern: pattern.search(text) is not None)
    for family in checker.families:
        source = registry.source_of("checker-rules", family.id)
        for index, rule in enumerate(family.rules):
            _check(source, ("rules", index, "examples"), rule.examples,
                   lambda text, rule=rule: bool(rule_hits(rule, text, checker)))


def _check(source: str, steps: tuple[str | int, ...], examples: Examples, finds: Callable[[str], bool]) -> None:
    for key, expected in (("match", True), ("no_match", False)):
        for index, text in enumerate(getattr(examples, key)):
            if finds(text) != expected:
                problem = "finds nothing in" if expected else "finds something in"
                raise DefinitionError(source, (*steps, key, index), f"{problem} its own example {text!r}")


KINDS = (
    Kind(name="checker-rules", parse=parse_rules),
    Kind(name="checker", parse=parse_checker, link=link, verify=verify_examples,
         operations={"view": lambda checker, request: view(checker, request.get("state")),
                     "normalize": lambda checker, request: normalize(request.get("state"))},
         page=Page(macro="checker", template="checker.html",
                   context=lambda checker, registry, page_url: {"checker": checker})),
)
