"""An independent Vietnamese lunisolar calendar, for the tests only.

Built from the calendar's rules and PyEphem's astronomy (VSOP87 sun, ELP
moon, its own ΔT), sharing no code or formula with ``heritage.lunar``:

* new moons: ``ephem.next_new_moon`` (the instant the moon's and the sun's
  apparent geocentric ecliptic longitudes are equal);
* principal terms (trung khí): the instants the sun's apparent geocentric
  ecliptic longitude of date reaches a multiple of 30°, found here by bisection;
* local day of an instant: its date at UTC+8 if that date is before
  1968-01-01, otherwise its date at UTC+7 (the clock change at the start of 1968);
* a month starts on the local day of a new moon; month 11 is the month holding
  the local day of the December solstice (270°); when 13 months start between
  two months 11, the first one holding no principal term is the leap month and
  repeats the previous month's number; month 1 starts lunar year N, where N is
  the Gregorian year of its first day.

``months(first_year, last_year)`` returns every month that overlaps those
Gregorian years as ``Month`` tuples, computed once (a few thousand new moons
and principal terms, about a second).
"""

import datetime
import math
from bisect import bisect_right
from functools import lru_cache
from typing import NamedTuple

import ephem

UTC7_FROM = datetime.date(1968, 1, 1)
_TERM = math.pi / 6  # 30° between principal terms


class Month(NamedTuple):
    start: datetime.date
    length: int
    month: int
    year: int
    is_leap: bool


def local_date(instant):
    """The Vietnamese calendar day of an ``ephem.Date`` (UT)."""
    utc = instant.datetime()
    at_utc8 = (utc + datetime.timedelta(hours=8)).date()
    if at_utc8 < UTC7_FROM:
        return at_utc8
    return (utc + datetime.timedelta(hours=7)).date()


def _sun_longitude(when):
    """The sun's apparent geocentric ecliptic longitude of date, radians in [0, 2π)."""
    sun = ephem.Sun(when)
    equatorial = ephem.Equatorial(sun.g_ra, sun.g_dec, epoch=when)
    return float(ephem.Ecliptic(equatorial, epoch=when).lon) % (2 * math.pi)


def new_moons(start, end):
    """Every new moon (``ephem.Date``) from ``start`` to ``end``."""
    found = []
    when = ephem.next_new_moon(ephem.Date(start))
    while when <= ephem.Date(end):
        found.append(when)
        when = ephem.next_new_moon(when + 1)
    return found


def principal_terms(start, end):
    """``(instant, longitude in degrees)`` of every principal term from ``start`` to ``end``."""

    def past(when, target):  # has the sun passed ``target`` since a day before?
        return (_sun_longitude(when) - target) % (2 * math.pi) < math.pi

    found = []
    when = ephem.Date(start)
    last = ephem.Date(end)
    target = (math.floor(_sun_longitude(when) / _TERM) + 1) * _TERM % (2 * math.pi)
    while when <= last:
        low = when
        high = ephem.Date(low + 1)
        while not past(high, target):  # the sun moves about 1° a day: step a day at a time
            low, high = high, ephem.Date(high + 1)
        while high - low > 1 / 86400:  # to the second
            middle = ephem.Date((low + high) / 2)
            if past(middle, target):
                high = middle
            else:
                low = middle
        found.append((ephem.Date(high), round(math.degrees(target)) % 360))
        when = ephem.Date(high + 29)  # principal terms are at least 29.4 days apart
        target = (target + _TERM) % (2 * math.pi)
        assert not past(when, target)
    return found


@lru_cache(maxsize=4)
def months(first_year, last_year):
    """Every lunar month that overlaps Gregorian years ``first_year``…``last_year``."""
    # Enough margin for the months 11 and the month 1 that bracket the range.
    moons = new_moons(f"{first_year - 2}/10/1", f"{last_year + 2}/3/1")
    starts = [local_date(moon) for moon in moons]
    terms = [(local_date(when), lon) for when, lon in principal_terms(f"{first_year - 2}/10/1", starts[-1])]

    def month_of(day):  # index in ``starts`` of the month holding ``day``
        return bisect_right(starts, day) - 1

    holds_term = [False] * len(starts)
    month_11 = []
    for day, lon in terms:
        holds_term[month_of(day)] = True
        if lon == 270:
            month_11.append(month_of(day))

    numbers = {}  # index -> (month, is_leap)
    for a, b in zip(month_11, month_11[1:], strict=False):
        leap = None
        if b - a == 13:
            leap = next(i for i in range(a + 1, b) if not holds_term[i])
        number = 11
        for i in range(a, b):
            if i == leap:
                numbers[i] = (numbers[i - 1][0], True)
                continue
            numbers[i] = (number, False)
            number = number % 12 + 1

    result = []
    year = None
    for i in sorted(numbers):
        month, is_leap = numbers[i]
        if month == 1 and not is_leap:
            year = starts[i].year
        if year is None:
            continue  # before the first month 1: its lunar year is not known yet
        start, end = starts[i], starts[i + 1]
        if end.year < first_year or start.year > last_year:
            continue
        result.append(Month(start, (end - start).days, month, year, is_leap))
    return result
