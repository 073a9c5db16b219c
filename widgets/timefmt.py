"""Japanese wording of local times and durations.

All times exchanged with the browser are local, timezone-naive ISO 8601 strings
(``2026-11-28T14:05`` or ``2026-11-28T14:05:30``), the format of ``<input type="datetime-local">``.
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


def clock(moment: datetime) -> str:
    """Return ``14:05``."""
    return f"{moment.hour}:{moment.minute:02d}"


def short_date(moment: date) -> str:
    """Return the month, the day and the weekday.

    >>> short_date(date(2026, 11, 28))
    '11月28日(土)'
    """
    return f"{moment.month}月{moment.day}日({WEEKDAYS[moment.weekday()]})"


def date_and_clock(moment: datetime) -> str:
    """Return the date with its weekday and the time.

    >>> date_and_clock(datetime(2026, 11, 28, 14, 5))
    '11月28日(土) 14:05'
    """
    return f"{short_date(moment)} {clock(moment)}"


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
