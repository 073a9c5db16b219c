"""Freshness of the pages as data: every page says when its facts were last checked (``reviewed``).

Front matter::

    reviewed: 2026-12-04   # the day a person last checked the page's facts against its sources
    review_every: 6        # optional: months until the next check (default 12)

The build calls :func:`annotate` for each page: an invalid date fails the build naming the file; a page past its
review date is reported on the console without failing the build (``mkdocs build --strict`` counts only MkDocs'
own warnings). ``python -m macros.freshness`` (``make review``) lists the pages that are due.
"""

from __future__ import annotations

import calendar
import datetime as dt
import logging
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

DEFAULT_MONTHS = 12
FUTURE_TOLERANCE = dt.timedelta(days=1)  # a contributor ahead of UTC may write tomorrow's date
FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*\n", re.DOTALL)


class FreshnessError(ValueError):
    """A page's ``reviewed`` or ``review_every`` is not a valid value; the message names the file."""


@dataclass(frozen=True)
class Freshness:
    """When a page was reviewed and when it is due again."""

    reviewed: dt.date | None
    due: dt.date | None

    def overdue(self, today: dt.date) -> bool:
        """True when the page has no review date or its next review date has passed."""
        return self.due is None or today > self.due


def add_months(day: dt.date, months: int) -> dt.date:
    """Return ``day`` moved by ``months``, clamped to the last day of the target month.

    >>> add_months(dt.date(2026, 8, 31), 6)
    datetime.date(2027, 2, 28)
    """
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def japanese_date(day: dt.date) -> str:
    """Format a date the Japanese way.

    >>> japanese_date(dt.date(2026, 10, 1))
    '2026年10月1日'
    """
    return f"{day.year}年{day.month}月{day.day}日"


def _as_date(value, where: str) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise FreshnessError(f"{where}: reviewed: {value!r} is not a date in the form YYYY-MM-DD") from None


def _as_months(value, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 60:
        raise FreshnessError(f"{where}: review_every: {value!r} must be a whole number of months from 1 to 60")
    return value


def read(meta: dict, where: str, today: dt.date) -> Freshness:
    """Validate a page's front matter ``meta`` (``where`` names the file in errors) and return its freshness."""
    months = _as_months(meta.get("review_every", DEFAULT_MONTHS), where)
    if meta.get("reviewed") is None:
        return Freshness(None, None)
    reviewed = _as_date(meta["reviewed"], where)
    if reviewed > today + FUTURE_TOLERANCE:
        raise FreshnessError(f"{where}: reviewed: {reviewed.isoformat()} lies in the future")
    return Freshness(reviewed, add_months(reviewed, months))


def _console() -> logging.Logger:
    """A logger outside MkDocs' own, so due reviews are shown but do not fail ``--strict`` builds."""
    logger = logging.getLogger("kb.freshness")
    if not logger.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("WARNING -  %(message)s"))
        logger.addHandler(handler)
        logger.propagate = False
        logger.setLevel(logging.INFO)
    return logger


def annotate(page, git_key: str = "git_revision_date_localized", today: dt.date | None = None) -> None:
    """Check ``page``'s review date and give the theme ``page.meta.kb_freshness`` for the page footer.

    The last change date from git is moved into the same record, so the footer shows both dates together.
    """
    today = today or dt.date.today()
    where = f"docs/{page.file.src_uri}"
    meta = page.meta
    if "reviewed" not in meta and getattr(page.file, "abs_src_path", None):
        meta = front_matter(Path(page.file.abs_src_path))  # MkDocs drops front matter it cannot parse
    try:
        fresh = read(meta, where, today)
    except FreshnessError as error:
        from mkdocs.exceptions import PluginError
        raise PluginError(str(error)) from None
    if fresh.overdue(today):
        _console().warning("%s", describe(where, fresh))
    page.meta["kb_freshness"] = {
        "reviewed": japanese_date(fresh.reviewed) if fresh.reviewed else None,
        "reviewed_iso": fresh.reviewed.isoformat() if fresh.reviewed else None,
        "due": japanese_date(fresh.due) if fresh.due else None,
        "overdue": fresh.overdue(today),
        "changed": page.meta.pop(git_key, None),
    }


def describe(where: str, fresh: Freshness) -> str:
    """One line for a page that needs a review."""
    if fresh.reviewed is None:
        return f"{where}: no review date (add 'reviewed: YYYY-MM-DD' to the front matter)"
    return f"{where}: review due since {fresh.due.isoformat()} (last reviewed {fresh.reviewed.isoformat()})"


class _TextDates(yaml.SafeLoader):
    """YAML loader that keeps dates as text, so an impossible date (2026-02-30) is reported, not raised."""


_TextDates.add_constructor("tag:yaml.org,2002:timestamp", _TextDates.construct_yaml_str)


def front_matter(path: Path) -> dict:
    """The YAML front matter of a Markdown file, dates as text (empty when it has none)."""
    match = FRONT_MATTER.match(path.read_text(encoding="utf-8"))
    return (yaml.load(match.group(1), _TextDates) or {}) if match else {}


def due_pages(docs: Path, today: dt.date) -> list[str]:
    """Describe every page under ``docs`` that is past its review date, oldest first (raises on invalid dates)."""
    rows = []
    for path in sorted(docs.rglob("*.md")):
        if "includes" in path.relative_to(docs).parts:
            continue
        where = path.relative_to(docs.parent).as_posix()
        fresh = read(front_matter(path), where, today)
        if fresh.overdue(today):
            rows.append((fresh.due or dt.date.min, describe(where, fresh)))
    return [line for _, line in sorted(rows)]


def main(argv: list[str] | None = None) -> int:
    """``make review``: list the pages past their review date; exit 1 only when a date is invalid."""
    args = sys.argv[1:] if argv is None else argv
    today = dt.date.fromisoformat(args[0]) if args else dt.date.today()
    try:
        lines = due_pages(Path("docs"), today)
    except FreshnessError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print("\n".join(lines) if lines else f"No page is past its review date ({today.isoformat()}).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
