"""Print the precision and recall of every rule of the apology checker over the corpus of drafts.

Usage: ``.venv/bin/python benchmarks/checker_corpus.py [--set tuning|holdout-1|holdout-2|all]``

A rule is scored per draft: it either fires in a draft or not, and the draft's ``expect`` list says whether it
should. Elements are scored as detection of a *missing* element against the draft's ``missing`` list.
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
    """Return the lines of one table: a row per rule and the micro-averaged total."""
    lines = [f"{title:<28} {'TP':>3} {'FP':>3} {'FN':>3} {'prec%':>6} {'recall%':>8}"]
    for name, counts in sorted(scores.items()):
        lines.append(f"{name:<28} {counts.tp:>3} {counts.fp:>3} {counts.fn:>3} {percent(counts.precision):>6} "
                     f"{percent(counts.recall):>8}")
    overall = scoring.total(scores)
    lines.append(f"{'overall (micro)':<28} {overall.tp:>3} {overall.fp:>3} {overall.fn:>3} "
                 f"{percent(overall.precision):>6} {percent(overall.recall):>8}")
    return lines


def main() -> None:
    """Score the chosen part of the corpus and print the tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=(*scoring.SETS, "all"), default="all")
    chosen = parser.parse_args().set
    checker = load_registry(DEFINITIONS_DIR / "checker")[0].get("checker", "apology")
    drafts = [d for d in scoring.load() if chosen in ("all", d.set)]
    rules, elements = scoring.score(drafts, checker)
    good = [d for d in drafts if d.quality == "good"]
    with_errors = [d.name for d in good if any(f["severity"] == "error"
                                               for f in scoring.check(d.text, checker)["findings"])]
    print(f"corpus: {len(drafts)} drafts ({len(good)} good, {len(drafts) - len(good)} bad), set: {chosen}")
    print(f"good drafts with an error-level finding: {len(with_errors)} {with_errors or ''}".rstrip())
    print()
    print("\n".join(table("rule", rules)))
    print()
    print("\n".join(table("missing element", elements)))


if __name__ == "__main__":
    main()
