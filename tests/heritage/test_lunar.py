"""The Vietnamese lunar calendar (UTC+8 before 1968, UTC+7 since) against known dates."""

import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from heritage.lunar import leap_month, lunar_to_solar, month_length, solar_to_lunar, tet


@pytest.mark.parametrize(
    ("year", "expected"),
    [
        (2024, datetime.date(2024, 2, 10)),
        (2025, datetime.date(2025, 1, 29)),
        (2026, datetime.date(2026, 2, 17)),
        (2027, datetime.date(2027, 2, 6)),
        # Vietnam (UTC+7) differs from China (UTC+8) this year: 20 Feb 1985 in China.
        (1985, datetime.date(1985, 1, 21)),
    ],
)
def test_tet(year, expected):
    assert tet(year) == expected
    assert solar_to_lunar(expected) == (1, 1, year, False)


def test_tet_1985_differs_from_chinese_calendar():
    from lunardate import LunarDate

    chinese = LunarDate(1985, 1, 1).to_solar_date()
    assert chinese == datetime.date(1985, 2, 20)
    assert tet(1985) != chinese


def test_leap_second_month_2023():
    assert leap_month(2023) == 2
    assert lunar_to_solar(1, 2, 2023, is_leap=True) == datetime.date(2023, 3, 22)
    assert lunar_to_solar(1, 2, 2023) == datetime.date(2023, 2, 20)
    assert solar_to_lunar(datetime.date(2023, 3, 22)) == (1, 2, 2023, True)


def test_leap_sixth_month_2025():
    assert leap_month(2025) == 6
    assert lunar_to_solar(1, 6, 2025, is_leap=True) == datetime.date(2025, 7, 25)
    assert solar_to_lunar(datetime.date(2025, 7, 25)) == (1, 6, 2025, True)


def test_common_year_has_no_leap_month():
    assert leap_month(2024) is None
    assert lunar_to_solar(1, 3, 2024, is_leap=True) is None


def test_invalid_lunar_dates_are_none():
    assert lunar_to_solar(1, 13, 2024) is None
    assert lunar_to_solar(31, 1, 2024) is None


@settings(max_examples=200, deadline=None)
@given(st.dates(min_value=datetime.date(1900, 2, 1), max_value=datetime.date(2099, 12, 31)))
def test_round_trip(day):
    lday, lmonth, lyear, leap = solar_to_lunar(day)
    assert 1 <= lday <= 30 and 1 <= lmonth <= 12
    assert lunar_to_solar(lday, lmonth, lyear, leap) == day


# Before the fix the month search tried only the mean lunation and the next one,
# and these two days, just before a new moon that came earlier than the mean one,
# came out as lunar day 0 (shown as "0/4" and "0/3" in the calendar grid).
@pytest.mark.parametrize(
    ("day", "expected", "next_day"),
    [
        (datetime.date(2054, 5, 7), (30, 3, 2054, False), (1, 4, 2054, False)),
        (datetime.date(2062, 4, 9), (30, 2, 2062, False), (1, 3, 2062, False)),
    ],
    ids=["2054-05-07", "2062-04-09"],
)
def test_former_day_zero_dates(day, expected, next_day):
    assert solar_to_lunar(day) == expected
    assert solar_to_lunar(day + datetime.timedelta(days=1)) == next_day
    assert lunar_to_solar(*expected) == day


def test_former_day_zero_months_have_30_days():
    assert month_length(3, 2054) == 30  # was 29
    assert month_length(2, 2062) == 30  # was 29
    assert lunar_to_solar(30, 3, 2054) == datetime.date(2054, 5, 7)
    assert lunar_to_solar(30, 2, 2062) == datetime.date(2062, 4, 9)


def test_tet_1985_is_21_january():
    assert tet(1985) == datetime.date(1985, 1, 21)
    assert solar_to_lunar(datetime.date(1985, 1, 20)) == (30, 12, 1984, False)
    assert tet(1985, tz=8) == datetime.date(1985, 2, 20)  # the Chinese calendar's date


def test_utc8_before_1968_utc7_from_1968():
    # Tết Mậu Thân: 29 January 1968 in the North (UTC+7 from that year), 30 January
    # in the South, which kept UTC+8.
    assert tet(1968) == datetime.date(1968, 1, 29)
    assert tet(1968, tz=8) == datetime.date(1968, 1, 30)
    # The new moon of 28 January 1903 was at 16:38 UT: the 29th at UTC+8, the 28th at UTC+7.
    assert tet(1903) == datetime.date(1903, 1, 29)
    assert tet(1903, tz=7) == datetime.date(1903, 1, 28)
    assert solar_to_lunar(datetime.date(1903, 1, 28)) == (30, 12, 1902, False)


def test_day_30_of_a_29_day_month_is_refused():
    # Lunar year Giáp Thìn (2024) ended on its 29th day: there was no "30 Tết" before Tết 2025.
    assert month_length(12, 2024) == 29
    assert lunar_to_solar(29, 12, 2024) == datetime.date(2025, 1, 28)
    with pytest.raises(ValueError, match="month 12 of 2024 has 29 days: day 30 does not exist"):
        lunar_to_solar(30, 12, 2024)
    assert month_length(2, 2024) == 30
    assert lunar_to_solar(30, 2, 2024) == datetime.date(2024, 4, 8)
    # Leap month 6 of 2025 has 29 days.
    assert month_length(6, 2025, is_leap=True) == 29
    with pytest.raises(ValueError, match="leap month 6 of 2025"):
        lunar_to_solar(30, 6, 2025, is_leap=True)
