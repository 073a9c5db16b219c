"""Japanese dates and times for documents: 和暦, weekdays, clock wording and business days.

Everything works on local, timezone-naive ``date``/``datetime`` values (see ``timefmt``).

Business days are weekdays that are neither Japanese public holidays (from the ``jpholiday``
package, imported on first use so that widgets without dates never need it) nor, by the company
default, the year-end holidays from December 29 to January 3. Office hours default to 9:00-18:00.
Both are settings of :class:`OfficeCalendar`.

A promised time (the next contact, the cause report) is either an absolute local time or a
relative choice such as ``in-30-minutes`` (30分後), resolved against ``now`` by :func:`resolve`:
a relative time that falls outside office hours moves to the morning of the next business day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import cache
from types import ModuleType

from ..timefmt import short_date, weekday

ERAS = ((date(2019, 5, 1), "令和"), (date(1989, 1, 8), "平成"), (date(1926, 12, 25), "昭和"))
DATE_STYLES = ("wareki", "seireki")
CLOCK_STYLES = ("24h", "ampm")
RELATIVE_CHOICES = {
    "in-30-minutes": "30分後",
    "in-1-hour": "1時間後",
    "in-2-hours": "2時間後",
    "today": "本日中",
    "tomorrow-morning": "明日午前",
    "next-business-day": "次の営業日中",
}
CHOICES = {"at": "日時を指定", **RELATIVE_CHOICES}
_DELAYS = {"in-30-minutes": timedelta(minutes=30), "in-1-hour": timedelta(hours=1),
           "in-2-hours": timedelta(hours=2)}
NOON = time(12, 0)


# --- dates ------------------------------------------------------------------------------------


def era(day: date) -> tuple[str, int]:
    """Return the era name and the year within the era.

    >>> era(date(2019, 4, 30)), era(date(2019, 5, 1))
    (('平成', 31), ('令和', 1))

    Raises:
        ValueError: for a date before the 昭和 era.
    """
    for start, name in ERAS:
        if day >= start:
            return name, day.year - start.year + 1
    raise ValueError(f"no Japanese era is defined for {day.isoformat()}")


def era_year(day: date) -> str:
    """Return the year in 和暦, with 元年 for the first year.

    >>> era_year(date(2019, 5, 1)), era_year(date(2026, 11, 28))
    ('令和元年', '令和8年')
    """
    name, year = era(day)
    return f"{name}{'元' if year == 1 else year}年"


def format_date(day: date, style: str = "wareki", *, with_weekday: bool = False) -> str:
    """Return a full date in 和暦 (``wareki``) or 西暦 (``seireki``).

    >>> format_date(date(2019, 5, 1))
    '令和元年5月1日'
    >>> format_date(date(2019, 4, 30), with_weekday=True)
    '平成31年4月30日（火）'
    >>> format_date(date(2026, 11, 28), "seireki")
    '2026年11月28日'
    """
    year = era_year(day) if style == "wareki" else f"{day.year}年"
    text = f"{year}{day.month}月{day.day}日"
    return f"{text}（{weekday(day)}）" if with_weekday else text


# --- times ------------------------------------------------------------------------------------


def clock_words(moment: time | datetime, style: str = "24h") -> str:
    """Return a time of day as ``15時30分`` (24-hour) or ``午後3時30分`` (``ampm``).

    With ``ampm``, noon is 正午 and midnight is 午前0時.

    >>> clock_words(time(15, 30)), clock_words(time(15, 0)), clock_words(time(9, 5))
    ('15時30分', '15時', '9時5分')
    >>> clock_words(time(15, 30), "ampm"), clock_words(time(12, 0), "ampm"), clock_words(time(0, 0), "ampm")
    ('午後3時30分', '正午', '午前0時')
    """
    hour, minute = moment.hour, moment.minute
    minutes = f"{minute}分" if minute else ""
    if style != "ampm":
        return f"{hour}時{minutes}"
    if (hour, minute) == (12, 0):
        return "正午"
    return f"{'午前' if hour < 12 else '午後'}{hour % 12}時{minutes}"


def day_and_clock(moment: datetime, now: datetime, *, clock_style: str = "24h", date_style: str = "seireki",
                  with_year: bool = False) -> str:
    """Return the date (with its year when asked or when it differs from ``now``) and the time.

    >>> now = datetime(2026, 11, 26, 15, 0)
    >>> day_and_clock(datetime(2026, 11, 26, 10, 0), now)
    '11月26日（木）10時'
    >>> day_and_clock(datetime(2027, 1, 4, 9, 30), now, date_style="wareki")
    '令和9年1月4日（月）9時30分'
    """
    day = moment.date()
    if with_year or day.year != now.year:
        text = format_date(day, date_style, with_weekday=True)
    else:
        text = short_date(day)
    return f"{text}{clock_words(moment, clock_style)}"


# --- business days ----------------------------------------------------------------------------


@cache
def _jpholiday() -> ModuleType:
    import jpholiday  # noqa: PLC0415 - imported on first use, see the module docstring

    return jpholiday


def holiday_name(day: date) -> str | None:
    """Return the name of the Japanese public holiday on ``day``, or ``None``.

    >>> holiday_name(date(2026, 11, 23)), holiday_name(date(2026, 11, 24))
    ('勤労感謝の日', None)
    """
    return _jpholiday().is_holiday_name(day)


@dataclass(frozen=True)
class OfficeCalendar:
    """Office hours and closed days of the company.

    Attributes:
        start: Opening time on business days.
        end: Closing time on business days (a time equal to it is still open).
        year_end_holidays: Close from December 29 to January 3 (the company default).
    """

    start: time = time(9, 0)
    end: time = time(18, 0)
    year_end_holidays: bool = True

    def closed_reason(self, day: date) -> str | None:
        """Say why ``day`` is not a business day, or return ``None`` when it is one.

        >>> calendar = OfficeCalendar()
        >>> [calendar.closed_reason(date(2026, 12, d)) for d in (28, 29)]
        [None, '年末年始']
        >>> calendar.closed_reason(date(2026, 5, 6))
        '憲法記念日 振替休日'
        """
        if day.weekday() >= 5:
            return f"{weekday(day)}曜日"
        if self.year_end_holidays and ((day.month, day.day) >= (12, 29) or (day.month, day.day) <= (1, 3)):
            return "年末年始"
        return holiday_name(day)

    def is_business_day(self, day: date) -> bool:
        """Tell whether the office is open on ``day``."""
        return self.closed_reason(day) is None

    def next_business_day(self, day: date) -> date:
        """Return the first business day strictly after ``day``.

        >>> OfficeCalendar().next_business_day(date(2026, 12, 31))
        datetime.date(2027, 1, 4)
        >>> OfficeCalendar(year_end_holidays=False).next_business_day(date(2026, 12, 30))
        datetime.date(2026, 12, 31)
        """
        day += timedelta(days=1)
        while not self.is_business_day(day):
            day += timedelta(days=1)
        return day

    def is_open(self, moment: datetime) -> bool:
        """Tell whether ``moment`` falls within office hours of a business day."""
        return self.start <= moment.time() <= self.end and self.is_business_day(moment.date())

    def next_morning(self, moment: datetime) -> date:
        """Return the business day whose morning comes next after ``moment`` (today if before opening)."""
        day = moment.date()
        if moment.time() < self.start and self.is_business_day(day):
            return day
        return self.next_business_day(day)

    def hours_text(self) -> str:
        """Return the office hours as ``9時〜18時``."""
        return f"{clock_words(self.start)}〜{clock_words(self.end)}"


# --- promised times ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Promise:
    """A resolved promise of time.

    Attributes:
        kind: ``by`` (by a time), ``morning`` (during the morning of ``day``) or ``day`` (within ``day``).
        moment: The latest moment meant (the time, noon, or the office closing time).
        moved_because: Why a relative choice was moved to another day, ending in ため ('' when it was not).
    """

    kind: str
    moment: datetime
    moved_because: str = ""


def resolve(choice: str, at: datetime | None, now: datetime, calendar: OfficeCalendar = OfficeCalendar()
            ) -> Promise | None:
    """Turn a choice (``at`` or one of :data:`RELATIVE_CHOICES`) into a promise; ``None`` if incomplete.

    An absolute time (``at``, or no choice with a time given) is kept as it is, even outside office hours.

    >>> now = datetime(2026, 11, 26, 15, 0)
    >>> resolve("in-30-minutes", None, now)
    Promise(kind='by', moment=datetime.datetime(2026, 11, 26, 15, 30), moved_because='')
    >>> resolve("in-30-minutes", None, datetime(2026, 11, 27, 17, 50)).moment
    datetime.datetime(2026, 11, 30, 12, 0)
    """
    if choice in _DELAYS:
        return _after_delay(now + _DELAYS[choice], calendar)
    if choice == "today":
        return _today(now, calendar)
    if choice == "tomorrow-morning":
        return _tomorrow_morning(now, calendar)
    if choice == "next-business-day":
        day = calendar.next_business_day(now.date())
        return Promise("day", datetime.combine(day, calendar.end))
    if choice in ("at", "") and at is not None:
        return Promise("by", at)
    return None


def _morning(day: date, because: str) -> Promise:
    return Promise("morning", datetime.combine(day, NOON), because)


def _after_delay(target: datetime, calendar: OfficeCalendar) -> Promise:
    if calendar.is_open(target):
        return Promise("by", target)
    reason = calendar.closed_reason(target.date())
    because = (f"{target.month}月{target.day}日が休業日（{reason}）のため" if reason
               else f"営業時間（{calendar.hours_text()}）の外になるため")
    return _morning(calendar.next_morning(target), because)


def _today(now: datetime, calendar: OfficeCalendar) -> Promise:
    reason = calendar.closed_reason(now.date())
    if reason is None and now.time() <= calendar.end:
        return Promise("day", datetime.combine(now.date(), calendar.end))
    because = f"本日が休業日（{reason}）のため" if reason else f"営業時間（{calendar.hours_text()}）を過ぎているため"
    return _morning(calendar.next_business_day(now.date()), because)


def _tomorrow_morning(now: datetime, calendar: OfficeCalendar) -> Promise:
    tomorrow = now.date() + timedelta(days=1)
    reason = calendar.closed_reason(tomorrow)
    if reason is None:
        return _morning(tomorrow, "")
    because = f"明日（{tomorrow.month}月{tomorrow.day}日）が休業日（{reason}）のため"
    return _morning(calendar.next_business_day(tomorrow), because)


def promise_text(promise: Promise, now: datetime, *, clock_style: str = "24h", date_style: str = "seireki") -> str:
    """Word a promise as an adverbial phrase ending in に, relative to ``now``.

    >>> now = datetime(2026, 11, 26, 15, 0)
    >>> promise_text(resolve("in-30-minutes", None, now), now)
    '15時30分までに'
    >>> promise_text(resolve("today", None, now), now)
    '本日中に'
    >>> promise_text(resolve("tomorrow-morning", None, now), now)
    '明日（11月27日）の午前中に'
    >>> promise_text(resolve("at", datetime(2026, 12, 1, 17, 0), now), now, clock_style="ampm")
    '12月1日（火）の午後5時までに'
    """
    day = promise.moment.date()
    if promise.kind == "by":
        when = clock_words(promise.moment, clock_style)
        return f"{when}までに" if day == now.date() else f"{_day_name(day, now, date_style)}の{when}までに"
    if day == now.date():
        return "本日の午前中に" if promise.kind == "morning" else "本日中に"
    name = _day_name(day, now, date_style)
    return f"{name}の午前中に" if promise.kind == "morning" else f"{name}中に"


def _day_name(day: date, now: datetime, date_style: str) -> str:
    if day == now.date() + timedelta(days=1):
        return f"明日（{day.month}月{day.day}日）"
    if day.year != now.year:
        return format_date(day, date_style, with_weekday=True)
    return short_date(day)
