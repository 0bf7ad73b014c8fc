"""The Vietnamese lunisolar calendar (âm lịch), computed for UTC+7.

Why not ``lunardate``: it encodes the Chinese calendar (UTC+8). New moons near
midnight fall on different days in the two time zones, so Vietnamese dates
differ in some years (Tết 1985 was 21 January in Vietnam, 20 February in
China). This is Hồ Ngọc Đức's public algorithm: astronomical new moons
(Meeus) and the sun's longitude, evaluated at local midnight of the time zone.
"""

import datetime
from math import floor, pi, sin

VIETNAM_TZ = 7.0
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


def _new_moon(k):
    """Julian day (fractional, UT) of the k-th new moon after 1 Jan 1900."""
    t = k / 1236.85
    t2, t3 = t * t, t * t * t
    dr = pi / 180
    jd1 = 2415020.75933 + 29.53058868 * k + 0.0001178 * t2 - 0.000000155 * t3
    jd1 += 0.00033 * sin((166.56 + 132.87 * t - 0.009173 * t2) * dr)
    m = 359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3
    mpr = 306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3
    f = 21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3
    c1 = (0.1734 - 0.000393 * t) * sin(m * dr) + 0.0021 * sin(2 * dr * m)
    c1 = c1 - 0.4068 * sin(mpr * dr) + 0.0161 * sin(dr * 2 * mpr)
    c1 = c1 - 0.0004 * sin(dr * 3 * mpr)
    c1 = c1 + 0.0104 * sin(dr * 2 * f) - 0.0051 * sin(dr * (m + mpr))
    c1 = c1 - 0.0074 * sin(dr * (m - mpr)) + 0.0004 * sin(dr * (2 * f + m))
    c1 = c1 - 0.0004 * sin(dr * (2 * f - m)) - 0.0006 * sin(dr * (2 * f + mpr))
    c1 = c1 + 0.0010 * sin(dr * (2 * f - mpr)) + 0.0005 * sin(dr * (2 * mpr + m))
    if t < -11:
        deltat = 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3
    else:
        deltat = -0.000278 + 0.000265 * t + 0.000262 * t2
    return jd1 + c1 - deltat


def _sun_longitude(jdn):
    """The sun's apparent longitude (radians, 0..2π) at Julian day ``jdn``."""
    t = (jdn - 2451545.0) / 36525
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
    return floor(_new_moon(k) + 0.5 + tz / 24)


def _sun_sector(day_number, tz):
    """Which of the 12 solar-term sectors the sun is in at local midnight starting the day."""
    return floor(_sun_longitude(day_number - 0.5 - tz / 24) / pi * 6)


def _lunar_month_11(year, tz):
    """Day number of the start of the 11th lunar month (the one with the winter solstice)."""
    off = jd_from_date(31, 12, year) - 2415021
    k = floor(off / _SYNODIC)
    nm = _new_moon_day(k, tz)
    if _sun_sector(nm, tz) >= 9:
        nm = _new_moon_day(k - 1, tz)
    return nm


def _leap_month_offset(a11, tz):
    """Offset, from month 11, of the first month without a major solar term (the leap month)."""
    k = floor((a11 - _EPOCH) / _SYNODIC + 0.5)
    i = 1
    arc = _sun_sector(_new_moon_day(k + i, tz), tz)
    while True:
        last = arc
        i += 1
        arc = _sun_sector(_new_moon_day(k + i, tz), tz)
        if arc == last or i >= 14:
            break
    return i - 1


def solar_to_lunar(date, tz=VIETNAM_TZ):
    """``(day, month, year, is_leap)`` of the lunar date of a ``datetime.date``."""
    day_number = jd_from_date(date.day, date.month, date.year)
    k = floor((day_number - _EPOCH) / _SYNODIC)
    month_start = _new_moon_day(k + 1, tz)
    if month_start > day_number:
        month_start = _new_moon_day(k, tz)
    a11 = _lunar_month_11(date.year, tz)
    b11 = a11
    if a11 >= month_start:
        lunar_year = date.year
        a11 = _lunar_month_11(date.year - 1, tz)
    else:
        lunar_year = date.year + 1
        b11 = _lunar_month_11(date.year + 1, tz)
    lunar_day = day_number - month_start + 1
    diff = floor((month_start - a11) / 29)
    is_leap = False
    lunar_month = diff + 11
    if b11 - a11 > 365:
        leap_diff = _leap_month_offset(a11, tz)
        if diff >= leap_diff:
            lunar_month = diff + 10
            is_leap = diff == leap_diff
    if lunar_month > 12:
        lunar_month -= 12
    if lunar_month >= 11 and diff < 4:
        lunar_year -= 1
    return lunar_day, lunar_month, lunar_year, is_leap


def lunar_to_solar(day, month, year, is_leap=False, tz=VIETNAM_TZ):
    """The ``datetime.date`` of a lunar date, or None when it does not exist
    (a leap month that year does not have)."""
    if not (1 <= month <= 12 and 1 <= day <= 30):
        return None
    if month < 11:
        a11 = _lunar_month_11(year - 1, tz)
        b11 = _lunar_month_11(year, tz)
    else:
        a11 = _lunar_month_11(year, tz)
        b11 = _lunar_month_11(year + 1, tz)
    k = floor(0.5 + (a11 - _EPOCH) / _SYNODIC)
    off = month - 11
    if off < 0:
        off += 12
    if b11 - a11 > 365:
        leap_off = _leap_month_offset(a11, tz)
        leap_month = leap_off - 2
        if leap_month < 0:
            leap_month += 12
        if is_leap and month != leap_month:
            return None
        if is_leap or off >= leap_off:
            off += 1
    elif is_leap:
        return None
    month_start = _new_moon_day(k + off, tz)
    return jd_to_date(month_start + day - 1)


def leap_month(year, tz=VIETNAM_TZ):
    """The leap month of lunar ``year`` (1–12), or None in a common year."""
    for month in range(1, 13):
        if lunar_to_solar(1, month, year, True, tz) is not None:
            return month
    return None


def month_length(month, year, is_leap=False, tz=VIETNAM_TZ):
    """29 or 30: days in the given lunar month."""
    start = lunar_to_solar(1, month, year, is_leap, tz)
    if start is None:
        return None
    return 30 if solar_to_lunar(start + datetime.timedelta(days=29), tz)[0] == 30 else 29


def tet(year, tz=VIETNAM_TZ):
    """Lunar New Year's Day (Tết Nguyên Đán) of the lunar year starting in ``year``."""
    return lunar_to_solar(1, 1, year, False, tz)
