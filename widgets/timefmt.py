"""Parsing of local times and dates, and their short Japanese wording (the one weekday style of the site).

All times exchanged with the browser are local, timezone-naive ISO 8601 strings
(``2026-11-28T14:05`` or ``2026-11-28T14:05:30``), the format of ``<input type="datetime-local">``;
days are ``2026-12-01`` (``<input type="date">``). Formal document wording (和暦, 15時30分) is in
:mod:`widgets.documents.jdate`.
"""

from __future__ import annotations

from datetime import date, datetime

WEEKDAYS = "月火水木金土日"


def parse_local(value: object) -> datetime | None:
    """Parse a local ISO time; return ``None`` for anything that is not one."""
    if not isinstance(value, str) or not 16 <= len(value) <= 26:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return None if parsed.tzinfo else parsed


def parse_day(value: object) -> date | None:
    """Parse a day ``2026-12-01``; ``None`` for anything else.

    >>> parse_day("2026-12-01")
    datetime.date(2026, 12, 1)
    >>> parse_day("tomorrow") is None
    True
    """
    if not isinstance(value, str) or len(value) != 10:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def digital_clock(moment: datetime) -> str:
    """Return ``14:05``."""
    return f"{moment.hour}:{moment.minute:02d}"


def weekday(day: date) -> str:
    """Return the weekday as one kanji.

    >>> weekday(date(2026, 11, 28))
    '土'
    """
    return WEEKDAYS[day.weekday()]


def short_date(day: date) -> str:
    """Return the month, the day and the weekday.

    >>> short_date(date(2026, 11, 28))
    '11月28日（土）'
    """
    return f"{day.month}月{day.day}日（{weekday(day)}）"


def date_and_clock(moment: datetime) -> str:
    """Return the date with its weekday and the time.

    >>> date_and_clock(datetime(2026, 11, 28, 14, 5))
    '11月28日（土） 14:05'
    """
    return f"{short_date(moment)} {digital_clock(moment)}"


def full_date_and_clock(moment: datetime) -> str:
    """Return ``2026年11月28日(土) 14:05``."""
    return f"{moment.year}年{date_and_clock(moment)}"


def elapsed(start: datetime, now: datetime) -> str:
    """Word the time from ``start`` to ``now`` in minutes, hours and days.

    A start in the future gives ``まだ先の時刻です``.

    >>> start = datetime(2026, 11, 28, 9, 0)
    >>> elapsed(start, datetime(2026, 11, 28, 10, 5))
    '1時間5分'
    >>> elapsed(start, datetime(2026, 11, 30, 12, 0))
    '2日と3時間'
    """
    seconds = (now - start).total_seconds()
    if seconds < 0:
        return "まだ先の時刻です"
    minutes = int(seconds // 60)
    if minutes < 1:
        return "1分未満"
    if minutes < 60:
        return f"{minutes}分"
    hours, rest = divmod(minutes, 60)
    if hours < 24:
        return f"{hours}時間" + (f"{rest}分" if rest else "")
    days, hours = divmod(hours, 24)
    return f"{days}日" + (f"と{hours}時間" if hours else "")
