"""Print the precision and recall of the apology checker over the corpus of drafts, per family and per rule.

Usage: ``.venv/bin/python benchmarks/checker_corpus.py [--set tuning|holdout-1|holdout-2|all] [--holdout]``

A rule is scored per draft: it either fires in a draft or not, and the draft's ``expect`` list says whether it
should. A family adds up its rules (micro average). Elements are scored as detection of a *missing* element
against the draft's ``missing`` list; coverage accuracy is the share of (draft, element) pairs judged right.

``--holdout`` scores the held-out drafts (tests/checker/holdout/drafts.yml) instead of the tuning corpus. They
are for the final figure only: do not run it while changing rules.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from macros.definitions import DEFINITIONS_DIR, load_registry  # noqa: E402
from tests.checker import scoring  # noqa: E402


def percent(value: float | None) -> str:
    """Format a ratio as a percentage, or ``-`` when undefined."""
    return "   -" if value is None else f"{value * 100:4.0f}"


def table(title: str, scores: dict[str, scoring.Score]) -> list[str]:
    """Return the lines of one table: a row per entry and the micro-averaged total."""
    lines = [f"{title:<28} {'TP':>3} {'FP':>3} {'FN':>3} {'prec%':>6} {'recall%':>8}"]
    for name, counts in sorted(scores.items()):
        lines.append(f"{name:<28} {counts.tp:>3} {counts.fp:>3} {counts.fn:>3} {percent(counts.precision):>6} "
                     f"{percent(counts.recall):>8}")
    overall = scoring.total(scores)
    lines.append(f"{'overall (micro)':<28} {overall.tp:>3} {overall.fp:>3} {overall.fn:>3} "
                 f"{percent(overall.precision):>6} {percent(overall.recall):>8}")
    return lines


def by_family(rules: dict[str, scoring.Score], checker) -> dict[str, scoring.Score]:
    """Add up the rule scores of each family."""
    families = {}
    for family in checker.families:
        owned = {rule.id: rules[rule.id] for rule in family.rules if rule.id in rules}
        if owned:
            families[family.id] = scoring.total(owned)
    return families


def main() -> None:
    """Score the chosen drafts and print the tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=(*scoring.SETS, "all"), default="all")
    parser.add_argument("--holdout", action="store_true", help="score the held-out drafts (final figure only)")
    args = parser.parse_args()
    checker = load_registry(DEFINITIONS_DIR / "checker")[0].get("checker", "apology")
    if args.holdout:
        drafts, chosen = scoring.load_holdout(), "held-out"
    else:
        drafts, chosen = [d for d in scoring.load() if args.set in ("all", d.set)], f"tuning corpus ({args.set})"
    rules, elements = scoring.score(drafts, checker)
    good = [d for d in drafts if d.quality == "good"]
    with_errors = [d.name for d in good if any(f["severity"] == "error"
                                               for f in scoring.check(d.text, checker)["findings"])]
    right, pairs = scoring.coverage_accuracy(drafts, checker)
    print(f"{chosen}: {len(drafts)} drafts ({len(good)} good, {len(drafts) - len(good)} bad)")
    print(f"good drafts with an error-level finding: {len(with_errors)} {with_errors or ''}".rstrip())
    print(f"elements coverage accuracy: {right}/{pairs} = {right / pairs * 100:.1f} %")
    print()
    print("\n".join(table("family", by_family(rules, checker))))
    print()
    print("\n".join(table("rule", rules)))
    print()
    print("\n".join(table("missing element", elements)))


if __name__ == "__main__":
    main()
