"""The Vietnamese lunisolar calendar (âm lịch).

Rules (the ones Vietnam's published calendars follow):

* a month begins on the local day of the astronomical new moon;
* month 11 is the month that contains the December (winter) solstice;
* when 13 months begin between two months 11, the first of them that contains
  no principal term (trung khí: the sun's apparent longitude a multiple of 30°)
  is the leap month; it repeats the number of the month before it.

Time zone ("local day"): **UTC+8 before 1 January 1968, UTC+7 from then on**,
as Vietnam's calendars did (North Vietnam adopted UTC+7 for its calendar in
1968). The switch is a clock change at that midnight: an instant belongs to
the day it falls on at UTC+8 if that day is before 1968-01-01, otherwise to
its day at UTC+7. Pass ``tz=<hours>`` to any public function to use one fixed
offset instead (``tz=8`` gives the Chinese calendar's days).

Why not ``lunardate``: it encodes the Chinese calendar (UTC+8). New moons near
midnight fall on different days in the two time zones, so Vietnamese dates
differ in some years from 1968 on (Tết 1985 was 21 January in Vietnam,
20 February in China).

The structure is Hồ Ngọc Đức's public algorithm (month 11 from the sun's
sector at the start of the month holding 31 December, the leap month from the
sun's sector at the start of each month), with more precise astronomy than his
published code: the new moon with all of Meeus's periodic and planetary terms
(chapter 49) and ΔT after Espenak & Meeus, the sun's apparent longitude after
Meeus chapter 25 (about 0.01°). His truncated new-moon series is off by up to
two minutes, which put the starts of month 11 of 2072 and month 10 of 2077
(new moons a minute or less before midnight) on the wrong day. The month
containing a date is found by stepping from the mean lunation to the new moon
that actually begins it: the true new moon can be more than half a day from the
mean one, which used to give "day 0" on 2054-05-07 and 2062-04-09.

Dates after today depend on ΔT (Earth's rotation), which can only be
predicted: a month whose new moon falls within a minute or so of midnight
(e.g. 2054-05-08 00:00, 2077-11-15 23:59) may start a day earlier or later in
calendars computed with another ΔT.

The test suite compares every day from 1900 to 2100 with an independent
implementation built on PyEphem (``tests/heritage/vietnamese_calendar_reference.py``).
"""

import datetime
from functools import lru_cache
from math import floor, pi, sin

_SYNODIC = 29.530588853
_EPOCH = 2415021.076998695  # new moon of 1 Jan 1900, as Julian day


def jd_from_date(day, month, year):
    """Julian day number of a Gregorian (Julian before 1582) calendar date."""
    a = (14 - month) // 12
    y = year + 4800 - a
    m = month + 12 * a - 3
    jd = day + (153 * m + 2) // 5 + 365 * y + y // 4 - y // 100 + y // 400 - 32045
    if jd < 2299161:
        jd = day + (153 * m + 2) // 5 + 365 * y + y // 4 - 32083
    return jd


def jd_to_date(jd):
    """Gregorian ``datetime.date`` of a Julian day number."""
    if jd > 2299160:
        a = jd + 32044
        b = (4 * a + 3) // 146097
        c = a - (b * 146097) // 4
    else:
        b = 0
        c = jd + 32082
    d = (4 * c + 3) // 1461
    e = c - (1461 * d) // 4
    m = (5 * e + 2) // 153
    day = e - (153 * m + 2) // 5 + 1
    month = m + 3 - 12 * (m // 10)
    year = b * 100 + d - 4800 + m // 10
    return datetime.date(year, month, day)


# Vietnam's calendar moved from UTC+8 to UTC+7 on this local day.
UTC7_FROM = datetime.date(1968, 1, 1)
_UTC7_FROM_JD = jd_from_date(1, 1, 1968)


def _offset_on(day_number, tz):
    if tz is not None:
        return tz
    return 8.0 if day_number < _UTC7_FROM_JD else 7.0


def _local_day(jd_ut, tz):
    """The day number on which the instant ``jd_ut`` (fractional Julian day, UT) falls."""
    if tz is None:
        day = floor(jd_ut + 0.5 + 8 / 24)
        if day < _UTC7_FROM_JD:
            return day
        tz = 7.0
    return floor(jd_ut + 0.5 + tz / 24)


def _delta_t(year):
    """ΔT = TT − UT in days (Espenak & Meeus's polynomials, as used for NASA's
    eclipse predictions, valid 1860–2150; ``year`` is fractional). Beyond today it
    is a prediction: uncertain by a minute or more by 2050, several by 2100."""
    y = year
    if y < 1900:
        t = y - 1860
        s = 7.62 + 0.5737 * t - 0.251754 * t**2 + 0.01680668 * t**3 - 0.0004473624 * t**4 + t**5 / 233174
    elif y < 1920:
        t = y - 1900
        s = -2.79 + 1.494119 * t - 0.0598939 * t**2 + 0.0061966 * t**3 - 0.000197 * t**4
    elif y < 1941:
        t = y - 1920
        s = 21.20 + 0.84493 * t - 0.076100 * t**2 + 0.0020936 * t**3
    elif y < 1961:
        t = y - 1950
        s = 29.07 + 0.407 * t - t**2 / 233 + t**3 / 2547
    elif y < 1986:
        t = y - 1975
        s = 45.45 + 1.067 * t - t**2 / 260 - t**3 / 718
    elif y < 2005:
        t = y - 2000
        s = 63.86 + 0.3345 * t - 0.060374 * t**2 + 0.0017275 * t**3 + 0.000651814 * t**4 + 0.00002373599 * t**5
    elif y < 2050:
        t = y - 2000
        s = 62.92 + 0.32217 * t + 0.005589 * t**2
    elif y < 2150:
        s = -20 + 32 * ((y - 1820) / 100) ** 2 - 0.5628 * (2150 - y)
    else:
        s = -20 + 32 * ((y - 1820) / 100) ** 2
    return s / 86400


def _year_of_jd(jd):
    return 2000 + (jd - 2451545.0) / 365.25


# Meeus, Astronomical Algorithms (2nd ed.), chapter 49: the periodic terms of the
# new moon, as (coefficient, power of E, multiples of M, M', F, Ω) …
_NEW_MOON_TERMS = (
    (-0.40720, 0, 0, 1, 0, 0),
    (0.17241, 1, 1, 0, 0, 0),
    (0.01608, 0, 0, 2, 0, 0),
    (0.01039, 0, 0, 0, 2, 0),
    (0.00739, 1, -1, 1, 0, 0),
    (-0.00514, 1, 1, 1, 0, 0),
    (0.00208, 2, 2, 0, 0, 0),
    (-0.00111, 0, 0, 1, -2, 0),
    (-0.00057, 0, 0, 1, 2, 0),
    (0.00056, 1, 1, 2, 0, 0),
    (-0.00042, 0, 0, 3, 0, 0),
    (0.00042, 1, 1, 0, 2, 0),
    (0.00038, 1, 1, 0, -2, 0),
    (-0.00024, 1, -1, 2, 0, 0),
    (-0.00017, 0, 0, 0, 0, 1),
    (-0.00007, 0, 2, 1, 0, 0),
    (0.00004, 0, 0, 2, -2, 0),
    (0.00004, 0, 3, 0, 0, 0),
    (0.00003, 0, 1, 1, -2, 0),
    (0.00003, 0, 0, 2, 2, 0),
    (-0.00003, 0, 1, 1, 2, 0),
    (0.00003, 0, -1, 1, 2, 0),
    (-0.00002, 0, -1, 1, -2, 0),
    (-0.00002, 0, 1, 3, 0, 0),
    (0.00002, 0, 0, 4, 0, 0),
)
# … and the planetary arguments: (coefficient, A at k = 0, A's rate per lunation, its T² term).
_PLANETARY_TERMS = (
    (0.000325, 299.77, 0.107408, -0.009173),
    (0.000165, 251.88, 0.016321, 0),
    (0.000164, 251.83, 26.651886, 0),
    (0.000126, 349.42, 36.412478, 0),
    (0.000110, 84.66, 18.206239, 0),
    (0.000062, 141.74, 53.303771, 0),
    (0.000060, 207.14, 2.453732, 0),
    (0.000056, 154.84, 7.306860, 0),
    (0.000047, 34.52, 27.261239, 0),
    (0.000042, 207.19, 0.121824, 0),
    (0.000040, 291.34, 1.844379, 0),
    (0.000037, 161.72, 24.198154, 0),
    (0.000035, 239.56, 25.513099, 0),
    (0.000023, 331.55, 3.592518, 0),
)
_MEEUS_K0 = 1237  # Meeus counts lunations from the new moon of 6 January 2000


@lru_cache(maxsize=8192)
def _new_moon(k):
    """Julian day (fractional, UT) of the k-th new moon after 1 Jan 1900
    (Meeus chapter 49, all terms: within a few seconds of modern ephemerides)."""
    n = k - _MEEUS_K0
    t = n / 1236.85
    t2, t3, t4 = t * t, t**3, t**4
    dr = pi / 180
    jde = 2451550.09766 + 29.530588861 * n + 0.00015437 * t2 - 0.000000150 * t3 + 0.00000000073 * t4
    e = 1 - 0.002516 * t - 0.0000074 * t2
    m = (2.5534 + 29.10535670 * n - 0.0000014 * t2 - 0.00000011 * t3) * dr
    mp = (201.5643 + 385.81693528 * n + 0.0107582 * t2 + 0.00001238 * t3 - 0.000000058 * t4) * dr
    f = (160.7108 + 390.67050284 * n - 0.0016118 * t2 - 0.00000227 * t3 + 0.000000011 * t4) * dr
    omega = (124.7746 - 1.56375588 * n + 0.0020672 * t2 + 0.00000215 * t3) * dr
    for coefficient, power, cm, cmp, cf, co in _NEW_MOON_TERMS:
        jde += coefficient * e**power * sin(cm * m + cmp * mp + cf * f + co * omega)
    for coefficient, a0, rate, rate_t2 in _PLANETARY_TERMS:
        jde += coefficient * sin((a0 + rate * n + rate_t2 * t2) * dr)
    return jde - _delta_t(_year_of_jd(jde))


def _sun_longitude(jd_ut):
    """The sun's apparent longitude (radians, 0..2π) at the instant ``jd_ut`` (UT)
    (Meeus chapter 25, low accuracy: about 0.01°)."""
    t = (jd_ut + _delta_t(_year_of_jd(jd_ut)) - 2451545.0) / 36525
    t2 = t * t
    dr = pi / 180
    m = 357.52910 + 35999.05030 * t - 0.0001559 * t2 - 0.00000048 * t * t2
    l0 = 280.46645 + 36000.76983 * t + 0.0003032 * t2
    dl = (1.914600 - 0.004817 * t - 0.000014 * t2) * sin(dr * m)
    dl += (0.019993 - 0.000101 * t) * sin(dr * 2 * m) + 0.000290 * sin(dr * 3 * m)
    omega = 125.04 - 1934.136 * t
    lon = (l0 + dl - 0.00569 - 0.00478 * sin(omega * dr)) * dr
    return lon - 2 * pi * floor(lon / (2 * pi))


def _new_moon_day(k, tz):
    """Day number of the local day of new moon ``k``: the first day of lunar month ``k``."""
    return _local_day(_new_moon(k), tz)


def _sun_sector(day_number, tz):
    """Which of the 12 principal-term sectors (30° each) the sun is in at the local
    midnight that starts the day."""
    midnight_ut = day_number - 0.5 - _offset_on(day_number, tz) / 24
    return floor(_sun_longitude(midnight_ut) / pi * 6)


def _month_k(day_number, tz):
    """Number ``k`` of the lunar month containing the day: the new moon that begins it.

    The mean lunation is only a first guess; the true new moon can be more than
    half a day from it, so step to whichever k actually brackets the day.
    """
    k = floor((day_number - _EPOCH) / _SYNODIC)
    while _new_moon_day(k, tz) > day_number:
        k -= 1
    while _new_moon_day(k + 1, tz) <= day_number:
        k += 1
    return k


@lru_cache(maxsize=1024)
def _month_11_k(year, tz):
    """``k`` of month 11 of ``year``: the month containing the December solstice.

    The month containing 31 December starts between 2 and 31 December: if the sun
    has already reached 270° when it starts, the solstice fell in the month before.
    """
    k = _month_k(jd_from_date(31, 12, year), tz)
    if _sun_sector(_new_moon_day(k, tz), tz) >= 9:
        k -= 1
    return k


@lru_cache(maxsize=1024)
def _leap_offset(k11, tz):
    """Offset from month 11 (``k11``) of the leap month in the 13-month cycle that
    starts there: the first month without a principal term. None in a 12-month cycle."""
    if _month_11_k(jd_to_date(_new_moon_day(k11, tz)).year + 1, tz) - k11 != 13:
        return None
    sector = _sun_sector(_new_moon_day(k11 + 1, tz), tz)
    for offset in range(1, 13):
        following = _sun_sector(_new_moon_day(k11 + offset + 1, tz), tz)
        if following == sector:  # the sun did not enter a new sector during the month
            return offset
        sector = following
    return None  # not reached: 13 months hold only 12 principal terms


def solar_to_lunar(date, tz=None):
    """``(day, month, year, is_leap)`` of the lunar date of a ``datetime.date``."""
    day_number = jd_from_date(date.day, date.month, date.year)
    k = _month_k(day_number, tz)
    solstice_year = date.year
    k11 = _month_11_k(solstice_year, tz)
    if k < k11:
        solstice_year -= 1
        k11 = _month_11_k(solstice_year, tz)
    offset = k - k11
    leap = _leap_offset(k11, tz)
    is_leap = leap is not None and offset == leap
    index = offset - 1 if leap is not None and offset >= leap else offset  # 0 = month 11
    lunar_year = solstice_year + 1 if index >= 2 else solstice_year
    lunar_day = day_number - _new_moon_day(k, tz) + 1
    return lunar_day, (index + 10) % 12 + 1, lunar_year, is_leap


def _lunar_month_k(month, year, is_leap, tz):
    """``k`` of lunar month ``month`` (leap or not) of lunar ``year``, or None when
    that month does not exist."""
    if not 1 <= month <= 12:
        return None
    solstice_year = year if month >= 11 else year - 1
    k11 = _month_11_k(solstice_year, tz)
    index = (month - 11) % 12
    leap = _leap_offset(k11, tz)
    if leap is None:
        return None if is_leap else k11 + index
    if is_leap:
        return k11 + leap if index == leap - 1 else None
    return k11 + index + (1 if index >= leap else 0)


def lunar_to_solar(day, month, year, is_leap=False, tz=None):
    """The ``datetime.date`` of a lunar date.

    Returns None when the month does not exist (month outside 1–12, or a leap
    month that year does not have) or the day is outside 1–30.
    Raises ``ValueError`` for day 30 of a month that has only 29 days: that date
    does not exist, and silently answering the 1st of the next month would be wrong.
    Callers that want "the last day of the month" clamp with ``month_length``.
    """
    if not 1 <= day <= 30:
        return None
    k = _lunar_month_k(month, year, is_leap, tz)
    if k is None:
        return None
    start = _new_moon_day(k, tz)
    length = _new_moon_day(k + 1, tz) - start
    if day > length:
        leap = "leap " if is_leap else ""
        raise ValueError(f"lunar {leap}month {month} of {year} has {length} days: day {day} does not exist")
    return jd_to_date(start + day - 1)


def leap_month(year, tz=None):
    """The leap month of lunar ``year`` (1–12), or None in a common year."""
    for month in range(1, 13):
        if _lunar_month_k(month, year, True, tz) is not None:
            return month
    return None


def month_length(month, year, is_leap=False, tz=None):
    """29 or 30: days in the given lunar month (None when the month does not exist)."""
    k = _lunar_month_k(month, year, is_leap, tz)
    if k is None:
        return None
    return _new_moon_day(k + 1, tz) - _new_moon_day(k, tz)


def tet(year, tz=None):
    """Lunar New Year's Day (Tết Nguyên Đán) of the lunar year starting in ``year``."""
    return lunar_to_solar(1, 1, year, False, tz)
