"""``heritage.lunar`` against an independent implementation (PyEphem, from the
calendar's rules: ``vietnamese_calendar_reference.py``) for every day from
1900-01-01 to 2100-12-31, and against ``lunardate`` (the Chinese calendar,
UTC+8) before 1968, when Vietnam's calendar used UTC+8 too."""

import datetime

import pytest

from heritage.lunar import leap_month, lunar_to_solar, month_length, solar_to_lunar, tet
from tests.heritage.vietnamese_calendar_reference import months

FIRST = datetime.date(1900, 1, 1)
LAST = datetime.date(2100, 12, 31)
ONE_DAY = datetime.timedelta(days=1)


@pytest.fixture(scope="module")
def reference():
    """The reference months that overlap 1900–2100 (computed once, about two seconds)."""
    return months(FIRST.year, LAST.year)


def days(reference):
    """``(date, (day, month, year, is_leap))`` for every day of 1900–2100, by the reference."""
    for m in reference:
        for offset in range(m.length):
            day = m.start + datetime.timedelta(days=offset)
            if FIRST <= day <= LAST:
                yield day, (offset + 1, m.month, m.year, m.is_leap)


def test_reference_is_a_well_formed_calendar(reference):
    assert reference[0].start <= FIRST and reference[-1].start + reference[-1].length * ONE_DAY > LAST
    for before, after in zip(reference, reference[1:], strict=False):
        assert before.start + before.length * ONE_DAY == after.start
        assert after.length in (29, 30)
        if after.is_leap:
            assert (after.month, after.year) == (before.month, before.year) and not before.is_leap
        else:
            assert after.month == before.month % 12 + 1
            assert after.year == before.year + (after.month == 1)
    # Tết by the reference: dates from Vietnam's published calendars.
    tets = {m.year: m.start for m in reference if m.month == 1 and not m.is_leap}
    assert tets[1968] == datetime.date(1968, 1, 29)  # 30 January in the South, still on UTC+8
    assert tets[1985] == datetime.date(1985, 1, 21)
    assert tets[2025] == datetime.date(2025, 1, 29)
    assert tets[2026] == datetime.date(2026, 2, 17)


def test_every_day_1900_2100_matches_the_reference(reference):
    compared = 0
    mismatches = []
    for day, expected in days(reference):
        got = solar_to_lunar(day)
        if got != expected:
            mismatches.append((day, expected, got))
        elif lunar_to_solar(*expected) != day:
            mismatches.append((day, expected, lunar_to_solar(*expected)))
        compared += 1
    assert compared == (LAST - FIRST).days + 1 == 73414
    assert not mismatches, f"{len(mismatches)} days differ, first ones: {mismatches[:5]}"


def test_no_day_is_day_zero(reference):
    assert min(solar_to_lunar(day)[0] for day, _ in days(reference)) == 1


def test_every_month_length_matches_the_reference(reference):
    mismatches = []
    for m in reference:
        if month_length(m.month, m.year, m.is_leap) != m.length:
            mismatches.append(m)
            continue
        last = m.start + (m.length - 1) * ONE_DAY
        if m.length == 30:
            ok = lunar_to_solar(30, m.month, m.year, m.is_leap) == last
        else:
            try:
                lunar_to_solar(30, m.month, m.year, m.is_leap)
                ok = False
            except ValueError:
                ok = lunar_to_solar(29, m.month, m.year, m.is_leap) == last
        if not ok:
            mismatches.append(m)
    assert len(reference) > 2480
    assert not mismatches, f"{len(mismatches)} months differ, first ones: {mismatches[:5]}"


def test_leap_months_and_tet_match_the_reference(reference):
    for year in range(FIRST.year, LAST.year + 1):
        leaps = [m.month for m in reference if m.year == year and m.is_leap]
        assert leap_month(year) == (leaps[0] if leaps else None), year
        firsts = [m.start for m in reference if m.year == year and m.month == 1 and not m.is_leap]
        assert tet(year) == firsts[0], year


# The months, before 1968, whose first day lunardate's table puts one day away
# from ours and PyEphem's (keys: the first day that differs). In 1914, 1916,
# 1920 and 1933 the new moon came a few minutes after midnight UTC+8, so before
# midnight in Beijing's local mean time (UTC+7:46), which the Chinese calendar
# of the time appears to have used: lunardate starts those months a day
# earlier. In 1954 the new moon was at 20:30 UTC+8 on 25 November, yet
# lunardate starts month 11 on the 26th.
LUNARDATE_DIFFERS = {
    datetime.date(1914, 11, 17): "new moon 00:01 UTC+8 on the 18th, 23:47 Beijing mean time",
    datetime.date(1916, 2, 3): "new moon 00:05 UTC+8 on the 4th, 23:51 Beijing mean time",
    datetime.date(1920, 11, 10): "new moon 00:04 UTC+8 on the 11th, 23:50 Beijing mean time",
    datetime.date(1933, 7, 22): "new moon 00:03 UTC+8 on the 23rd, 23:49 Beijing mean time",
    datetime.date(1954, 11, 25): "new moon 20:30 UTC+8 on the 25th; lunardate starts the month on the 26th",
}


def test_before_1968_agrees_with_lunardate_except_known_months():
    """A second opinion from a table of the Chinese calendar (UTC+8)."""
    from lunardate import LunarDate

    day = datetime.date(1900, 1, 31)  # lunardate's first day
    runs = {}  # first day of each run of differing days -> days in the run
    previous = None
    while day < datetime.date(1968, 1, 1):
        chinese = LunarDate.from_solar_date(day.year, day.month, day.day)
        if solar_to_lunar(day) != (chinese.day, chinese.month, chinese.year, chinese.is_leap_month):
            if previous is None or day - previous != ONE_DAY:
                runs[day] = 0
            runs[max(runs)] += 1
            previous = day
        day += ONE_DAY
    assert set(runs) == set(LUNARDATE_DIFFERS)
    # A month starting one day apart: every day of that one month differs, no more.
    assert all(29 <= length <= 30 for length in runs.values()), runs
