"""The definition model of the checker: plain frozen dataclasses, built once by :mod:`.parse`."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

SEVERITIES = ("error", "warning", "hint")
"""Severities from the most to the least serious; findings are sorted in this order."""

SEVERITY_LABELS = {"error": "要修正", "warning": "注意", "hint": "ヒント"}
"""What the page calls each severity."""

MESSAGE_FIELD = re.compile(r"\{([^{}]*)\}")
"""A ``{name}`` field in a rule's ``reason`` or ``suggestion``, filled by its detector."""


@dataclass(frozen=True)
class Examples:
    """Texts a rule must find something in (``match``) and must find nothing in (``no_match``)."""

    match: tuple[str, ...]
    no_match: tuple[str, ...]


@dataclass(frozen=True)
class Element:
    """Marks a rule as an element of a good apology: its hits are evidence shown in the coverage list."""

    label: str
    optional: bool = False


@dataclass(frozen=True)
class Pairs:
    """頭語 and the 結語 that close them, with the regular expressions that find both at line edges."""

    closings: tuple[tuple[str, tuple[str, ...]], ...]
    opening: re.Pattern[str]
    closing: re.Pattern[str]

    def allowed(self, opening: str) -> tuple[str, ...]:
        """Return the closings that go with an opening."""
        return dict(self.closings)[opening]


@dataclass(frozen=True)
class Rule:
    """One rule: a pattern or a named detector, and what to tell the writer when it finds something.

    ``reason`` and ``suggestion`` may contain ``{name}`` fields filled by the detector (for example
    ``{opening}`` for 頭語); the parser checks that the detector provides them. ``headline`` (optional) is
    said first in the summary while the rule finds something (or, for an element, while it is missing);
    ``customer_only`` rules are skipped for drafts addressed to colleagues.
    """

    id: str
    family: str
    category: str
    severity: str
    reason: str
    suggestion: str
    guide: str
    examples: Examples
    pattern: re.Pattern[str] | None = None
    detector: str = ""
    params: tuple[tuple[str, Any], ...] = ()
    element: Element | None = None
    headline: str = ""
    customer_only: bool = False

    def param(self, name: str, default: Any = None) -> Any:
        """Return a detector parameter (already validated and compiled)."""
        return dict(self.params).get(name, default)


@dataclass(frozen=True)
class Family:
    """A rule family: one ``kind: checker-rules`` file."""

    id: str
    version: int
    title: str
    description: str
    rules: tuple[Rule, ...]


@dataclass(frozen=True)
class Term:
    """A named regular expression shared by detectors (for example every way to say お詫び)."""

    id: str
    pattern: re.Pattern[str]
    examples: Examples


@dataclass(frozen=True)
class Checker:
    """A checker (``kind: checker``): the rule families it runs and the shared vocabulary.

    ``families`` is empty until the registry links the checker to the families named in ``family_ids``.
    """

    id: str
    version: int
    title: str
    description: str
    family_ids: tuple[str, ...]
    terms: tuple[Term, ...]
    source: str
    families: tuple[Family, ...] = ()

    @property
    def rules(self) -> tuple[Rule, ...]:
        """Every rule of every family, in the order of the definition."""
        return tuple(rule for family in self.families for rule in family.rules)

    def term(self, name: str) -> re.Pattern[str]:
        """Return the pattern of a vocabulary term."""
        return next(term.pattern for term in self.terms if term.id == name)
