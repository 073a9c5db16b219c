"""謝罪文チェッカー: checks an apology draft against rule families that are data.

Rule families (``kind: checker-rules``) and checkers (``kind: checker``) live in
``widgets/definitions/checker/``. A checker names the families it runs and the vocabulary (named regular
expressions) that detectors share; the registry links it to its families after every file is read.
:func:`check` is the public entry point; :mod:`.kind` is the kind unit (operations ``view`` and ``normalize``,
the build-time check of every rule's examples, the page).
"""

from .engine import MAX_DRAFT, MAX_FINDINGS, check, draft_of, normalize, rule_hits, summary, view
from .model import SEVERITIES, Checker, Element, Examples, Family, Rule, Term
from .parse import link, parse_checker, parse_rules

__all__ = ["MAX_DRAFT", "MAX_FINDINGS", "SEVERITIES", "Checker", "Element", "Examples", "Family", "Rule", "Term",
           "check", "draft_of", "link", "normalize", "parse_checker", "parse_rules", "rule_hits", "summary", "view"]
