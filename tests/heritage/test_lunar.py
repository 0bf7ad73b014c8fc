"""The Vietnamese lunar calendar (UTC+7) against known dates."""

import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from heritage.lunar import leap_month, lunar_to_solar, solar_to_lunar, tet


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
