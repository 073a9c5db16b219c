"""The corpus of apology drafts and its scores, shared by the tests and ``benchmarks/checker_corpus.py``."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from widgets.checker import Checker, check

CORPUS = Path(__file__).resolve().parent / "corpus"
HOLDOUT = Path(__file__).resolve().parent / "holdout" / "drafts.yml"
SETS = ("tuning", "holdout-1", "holdout-2")
KEYS = {"title", "form", "quality", "set", "expect", "missing", "text"}
LISTED = KEYS - {"set"} | {"id"}
FORMS = ("mail", "letter", "phone", "chat")


@dataclass(frozen=True)
class Draft:
    """One labelled draft of the corpus."""

    name: str
    title: str
    form: str
    quality: str
    set: str
    expect: frozenset[str]
    missing: frozenset[str]
    text: str


def load(directory: Path = CORPUS) -> list[Draft]:
    """Read the tuning corpus: ``*.yml`` files holding one draft, or a list of drafts under ``drafts``."""
    drafts = []
    for path in sorted(directory.glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if "drafts" in data:
            drafts.extend(_listed(item, "tuning", path.name) for item in data["drafts"])
            continue
        assert set(data) == KEYS, f"{path.name}: keys must be {sorted(KEYS)}"
        assert data["set"] in SETS, path.name
        drafts.append(_draft(path.stem, data, data["set"], path.name))
    return drafts


def load_holdout(path: Path = HOLDOUT) -> list[Draft]:
    """Read the held-out drafts: only for the final figure, never while tuning the rules."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [_listed(item, "holdout", path.name) for item in data["drafts"]]


def _listed(item: dict, set_name: str, source: str) -> Draft:
    assert set(item) == LISTED, f"{source}: {item.get('id')}: keys must be {sorted(LISTED)}"
    return _draft(item["id"], item, set_name, source)


def _draft(name: str, data: dict, set_name: str, source: str) -> Draft:
    assert data["quality"] in ("good", "bad") and data["form"] in FORMS, f"{source}: {name}"
    return Draft(name, data["title"], data["form"], data["quality"], set_name,
                 frozenset(data["expect"]), frozenset(data["missing"]), data["text"])


@dataclass
class Score:
    """Counts of one rule (or element) over the drafts: true and false positives, false negatives."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float | None:
        """Share of the drafts flagged by the rule that should be flagged (``None`` if it never fired)."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        """Share of the drafts that should be flagged that the rule flagged (``None`` if none should be)."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    def add(self, expected: bool, found: bool) -> None:
        """Count one draft."""
        self.tp += expected and found
        self.fp += found and not expected
        self.fn += expected and not found


def found_rules(draft: Draft, checker: Checker) -> set[str]:
    """Return the ids of the rules with at least one finding in a draft."""
    return {finding["rule"] for finding in check(draft.text, checker)["findings"]}


def absent_elements(draft: Draft, checker: Checker) -> set[str]:
    """Return the ids of the elements the checker did not find in a draft."""
    return {entry["id"] for entry in check(draft.text, checker)["coverage"] if not entry["present"]}


def score(drafts: list[Draft], checker: Checker) -> tuple[dict[str, Score], dict[str, Score]]:
    """Score every finding rule and every element (as "missing" detection) over the drafts."""
    rules = {rule.id: Score() for rule in checker.rules if rule.element is None}
    elements = {rule.id: Score() for rule in checker.rules if rule.element is not None}
    for draft in drafts:
        found, absent = found_rules(draft, checker), absent_elements(draft, checker)
        for rule, counts in rules.items():
            counts.add(rule in draft.expect, rule in found)
        for element, counts in elements.items():
            counts.add(element in draft.missing, element in absent)
    return rules, elements


def total(scores: dict[str, Score]) -> Score:
    """Add up the scores of several rules (micro average)."""
    result = Score()
    for counts in scores.values():
        result.tp, result.fp, result.fn = result.tp + counts.tp, result.fp + counts.fp, result.fn + counts.fn
    return result


def coverage_accuracy(drafts: list[Draft], checker: Checker) -> tuple[int, int]:
    """Return how many (draft, element) pairs the coverage judges as labelled, and how many pairs there are."""
    elements = [rule.id for rule in checker.rules if rule.element is not None]
    right = sum(len(elements) - len(absent_elements(draft, checker) ^ draft.missing) for draft in drafts)
    return right, len(elements) * len(drafts)
