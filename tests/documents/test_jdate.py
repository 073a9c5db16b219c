"""Japanese dates and business days on their edge cases."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from widgets.documents import jdate
from widgets.documents.jdate import OfficeCalendar, format_date, promise_text, resolve

CALENDAR = OfficeCalendar()


@pytest.mark.parametrize(("day", "wareki"), [
    (date(2019, 4, 30), "平成31年4月30日"),
    (date(2019, 5, 1), "令和元年5月1日"),
    (date(2019, 12, 31), "令和元年12月31日"),
    (date(2020, 1, 1), "令和2年1月1日"),
    (date(2026, 11, 28), "令和8年11月28日"),
    (date(1989, 1, 7), "昭和64年1月7日"),
    (date(1989, 1, 8), "平成元年1月8日"),
])
def test_wareki_respects_the_era_boundaries(day, wareki):
    assert format_date(day, "wareki") == wareki


def test_seireki_and_weekday():
    assert format_date(date(2019, 5, 1), "seireki", with_weekday=True) == "2019年5月1日（水）"
    assert [jdate.weekday(date(2026, 11, d)) for d in range(23, 30)] == list("月火水木金土日")


def test_dates_before_the_showa_era_are_refused():
    with pytest.raises(ValueError, match="no Japanese era"):
        jdate.era(date(1926, 12, 24))


@pytest.mark.parametrize(("moment", "style", "text"), [
    (time(15, 30), "24h", "15時30分"),
    (time(9, 0), "24h", "9時"),
    (time(0, 5), "24h", "0時5分"),
    (time(15, 30), "ampm", "午後3時30分"),
    (time(9, 0), "ampm", "午前9時"),
    (time(12, 0), "ampm", "正午"),
    (time(12, 30), "ampm", "午後0時30分"),
    (time(0, 0), "ampm", "午前0時"),
])
def test_clock_wording(moment, style, text):
    assert jdate.clock_words(moment, style) == text


@pytest.mark.parametrize(("day", "reason"), [
    (date(2026, 11, 26), None),                # Thursday
    (date(2026, 11, 28), "土曜日"),
    (date(2026, 11, 29), "日曜日"),
    (date(2026, 11, 23), "勤労感謝の日"),       # a holiday Monday
    (date(2026, 9, 21), "敬老の日"),            # Happy Monday
    (date(2026, 5, 6), "憲法記念日 振替休日"),   # substitute holiday after Golden Week
    (date(2026, 12, 29), "年末年始"),
    (date(2026, 1, 2), "年末年始"),            # a Friday
    (date(2027, 1, 4), None),
])
def test_closed_days(day, reason):
    assert CALENDAR.closed_reason(day) == reason


@pytest.mark.parametrize(("day", "expected"), [
    (date(2026, 12, 31), date(2027, 1, 4)),    # 12/31 → 1/4 over the year-end holidays
    (date(2026, 12, 28), date(2027, 1, 4)),
    (date(2026, 11, 20), date(2026, 11, 24)),  # Friday before the holiday Monday 11/23
    (date(2026, 9, 18), date(2026, 9, 24)),    # Silver Week: 9/21 敬老の日, 9/22 国民の休日, 9/23 秋分の日
    (date(2026, 4, 28), date(2026, 4, 30)),    # 4/29 昭和の日
    (date(2026, 5, 1), date(2026, 5, 7)),      # Golden Week: 5/3-5/6 closed
    (date(2019, 4, 26), date(2019, 5, 7)),     # the ten-day holiday of the era change
])
def test_next_business_day(day, expected):
    assert CALENDAR.next_business_day(day) == expected


def test_year_end_holidays_are_a_company_option():
    calendar = OfficeCalendar(year_end_holidays=False)
    assert calendar.next_business_day(date(2026, 12, 28)) == date(2026, 12, 29)
    assert calendar.next_business_day(date(2026, 12, 31)) == date(2027, 1, 4)  # 1/1 元日, then the weekend


NOW = datetime(2026, 11, 26, 15, 0)  # Thursday


@pytest.mark.parametrize(("now", "choice", "text"), [
    (NOW, "in-30-minutes", "15時30分までに"),
    (NOW, "in-1-hour", "16時までに"),
    (datetime(2026, 11, 26, 17, 30), "in-30-minutes", "18時までに"),          # closing time is still open
    (datetime(2026, 11, 26, 17, 31), "in-30-minutes", "明日（11月27日）の午前中に"),
    (datetime(2026, 11, 26, 7, 30), "in-30-minutes", "本日の午前中に"),         # before opening
    (datetime(2026, 11, 27, 17, 45), "in-1-hour", "11月30日（月）の午前中に"),   # Friday evening
    (datetime(2026, 11, 20, 17, 45), "in-1-hour", "11月24日（火）の午前中に"),   # holiday Monday 11/23
    (datetime(2026, 11, 28, 14, 5), "in-30-minutes", "11月30日（月）の午前中に"),  # Saturday
    (datetime(2026, 12, 31, 10, 0), "in-30-minutes", "2027年1月4日（月）の午前中に"),
    (datetime(2026, 5, 1, 18, 30), "tomorrow-morning", "5月7日（木）の午前中に"),  # Golden Week
    (NOW, "today", "本日中に"),
    (datetime(2026, 11, 26, 18, 30), "today", "明日（11月27日）の午前中に"),
    (NOW, "tomorrow-morning", "明日（11月27日）の午前中に"),
    (datetime(2026, 11, 27, 10, 0), "next-business-day", "11月30日（月）中に"),
])
def test_relative_choices(now, choice, text):
    assert promise_text(resolve(choice, None, now), now) == text


def test_a_moved_choice_says_why():
    promise = resolve("in-30-minutes", None, datetime(2026, 11, 28, 14, 5))
    assert promise.moved_because == "11月28日が休業日（土曜日）のため"
    promise = resolve("today", None, datetime(2026, 11, 26, 18, 30))
    assert promise.moved_because == "営業時間（9時〜18時）を過ぎているため"
    assert resolve("in-30-minutes", None, NOW).moved_because == ""


def test_absolute_times_are_kept_even_outside_office_hours():
    at = datetime(2026, 11, 28, 10, 0)
    assert promise_text(resolve("at", at, NOW), NOW) == "11月28日（土）の10時までに"
    assert promise_text(resolve("", at, NOW), NOW, clock_style="ampm") == "11月28日（土）の午前10時までに"


def test_incomplete_choices_resolve_to_nothing():
    assert resolve("at", None, NOW) is None
    assert resolve("", None, NOW) is None


def test_office_hours_are_configurable():
    calendar = OfficeCalendar(start=time(8, 30), end=time(17, 0))
    now = datetime(2026, 11, 26, 16, 45)
    assert promise_text(resolve("in-30-minutes", None, now, calendar), now) == "明日（11月27日）の午前中に"
    assert calendar.hours_text() == "8時30分〜17時"
