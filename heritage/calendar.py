"""Turn festival timings into real dates for the calendar, the ``.ics`` feed,
JSON-LD and the API. Lunar dates use ``heritage.lunar`` (the Vietnamese
calendar: UTC+7, UTC+8 before 1968).

Day 30 of a lunar month exists only in 30-day months. A yearly festival on
day 30 falls, in years when that month has 29 days, on the month's last day
(day 29), as the New Year's Eve rites of the 30th of month 12 are held on the
29th in years without a 30th. A one-off festival (``only_year``) on a day 30
that its year lacks is refused by ``FestivalPage.clean`` instead."""

import calendar as pycalendar
import datetime
from dataclasses import dataclass
from functools import lru_cache
from zoneinfo import ZoneInfo

from django.utils.dates import MONTHS
from django.utils.translation import gettext as _

from .lunar import lunar_to_solar, month_length, solar_to_lunar

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")


@dataclass(frozen=True)
class Occurrence:
    """One dated occurrence. ``exact`` is False when only the month(s) are known."""

    festival: object
    start: datetime.date
    end: datetime.date  # inclusive
    exact: bool

    def covers(self, day):
        return self.start <= day <= self.end


def today_in_vietnam():
    return datetime.datetime.now(VIETNAM).date()


def add_months(day, months):
    month_index = day.month - 1 + months
    return datetime.date(day.year + month_index // 12, month_index % 12 + 1, 1)


def window(start=None, months=12):
    """First and last day of ``months`` months from the month of ``start`` (default today)."""
    first = (start or today_in_vietnam()).replace(day=1)
    return first, add_months(first, months) - datetime.timedelta(days=1)


def _month_end(year, month):
    return datetime.date(year, month, pycalendar.monthrange(year, month)[1])


def _solar(year, month, day):
    day = min(day, pycalendar.monthrange(year, month)[1])
    return datetime.date(year, month, day)


def _lunar_month_end(month, year):
    start = lunar_to_solar(1, month, year)
    if start is None:
        return None
    return start + datetime.timedelta(days=month_length(month, year) - 1)


def lunar_date(day, month, year):
    """Solar date of lunar ``day``/``month`` of lunar ``year``, day 30 moved to day 29
    in a 29-day month (see the module docstring); None if the date cannot exist."""
    if day == 30:
        length = month_length(month, year)
        if length is None:
            return None
        day = length
    return lunar_to_solar(day, month, year)


def missing_day_30(festival):
    """For a one-off lunar festival (``only_year``), the fields among ``start_day`` and
    ``end_day`` that ask for day 30 of a month that has 29 days in that occurrence."""
    f = festival
    if f.calendar != "lunar" or not f.only_year or not f.start_month or 30 not in (f.start_day, f.end_day):
        return []
    if not 1 < f.only_year < 9999 or not 1 <= f.start_month <= 12:
        return []
    end_month = f.end_month or f.start_month
    if not 1 <= end_month <= 12:
        return []
    missing = []
    for year in (f.only_year - 1, f.only_year):  # the lunar year whose occurrence is in only_year
        start = lunar_date(f.start_day or 1, f.start_month, year)
        if start is None or start.year != f.only_year:
            continue
        if f.start_day == 30 and month_length(f.start_month, year) < 30:
            missing.append("start_day")
        end_year = year if end_month >= f.start_month else year + 1
        if f.end_day == 30 and month_length(end_month, end_year) < 30:
            missing.append("end_day")
    return missing


def _span(festival, year, solar):
    """Start and end (inclusive) of the festival in ``year`` (solar or lunar year)."""
    f = festival
    end_year = year if not f.end_month or f.end_month >= f.start_month else year + 1
    if solar:
        start = _solar(year, f.start_month, f.start_day or 1)
        if f.end_month:
            end = _solar(end_year, f.end_month, f.end_day) if f.end_day else _month_end(end_year, f.end_month)
        elif f.end_day:
            end = _solar(year, f.start_month, f.end_day)
        elif f.start_day:
            end = start + datetime.timedelta(days=(f.duration_days or 1) - 1)
        else:
            end = _month_end(year, f.start_month)
        return start, end
    start = lunar_date(f.start_day or 1, f.start_month, year)
    if start is None:
        return None, None
    if f.end_month:
        end = (
            lunar_date(f.end_day, f.end_month, end_year) if f.end_day else _lunar_month_end(f.end_month, end_year)
        )
    elif f.end_day:
        end = lunar_date(f.end_day, f.start_month, year)
    elif f.start_day:
        end = start + datetime.timedelta(days=(f.duration_days or 1) - 1)
    else:
        end = _lunar_month_end(f.start_month, year)
    return start, end


def occurrences(festival, start, end):
    """Occurrences of ``festival`` that overlap ``start``…``end``, in date order."""
    f = festival
    if not f.start_month:
        return []
    solar = f.calendar != "lunar"
    exact = f.calendar != "variable" and bool(f.start_day)
    found = []
    for year in range(start.year - 1, end.year + 1):
        first, last = _span(f, year, solar)
        if first is None or last is None:
            continue
        if last < first:
            last = first
        if f.only_year and first.year != f.only_year:
            continue
        if not in_cycle(f, first.year):
            continue
        if first <= end and last >= start:
            found.append(Occurrence(f, first, last, exact))
    return sorted(found, key=lambda o: o.start)


def in_cycle(festival, year):
    """Whether a festival held every few years (``every_years``, counted from
    ``cycle_year``) takes place in ``year``; a yearly one always does."""
    every = festival.every_years or 1
    if every <= 1 or not festival.cycle_year:
        return True
    return (year - festival.cycle_year) % every == 0


def is_window(festival):
    """A festival whose months are known but not its day: a window, not a date."""
    return bool(festival.start_month) and not festival.start_day and not festival.end_day


def describe_window(festival):
    """The window in words, in the active language: 'Held in lunar months 2–5; each
    village chooses its day', 'Held in December–March', 'Held in June; every two years'.
    Empty when the festival is not a window (``is_window``)."""
    f = festival
    if not is_window(f):
        return ""
    start, end = f.start_month, f.end_month or f.start_month
    names = {"start": start, "end": end, "start_name": MONTHS[start], "end_name": MONTHS[end]}
    if f.calendar == "lunar":
        held = _("Held in lunar months %(start)s–%(end)s") if end != start else _("Held in lunar month %(start)s")
    else:
        held = _("Held in %(start_name)s–%(end_name)s") if end != start else _("Held in %(start_name)s")
    parts = [held % names]
    every = f.every_years or 1
    if every == 2:
        parts.append(_("every two years"))
    elif every > 2:
        parts.append(_("every %(years)s years") % {"years": every})
    chosen = {
        "village": _("each village chooses its day"),
        "household": _("each village or household chooses its day"),
        "organisers": _("the organisers announce the dates"),
    }.get(f.date_chosen_by)
    if chosen:
        parts.append(chosen)
    return "; ".join(parts)


def _part(month, day, lunar):
    if day:
        return f"{day}/{month}"
    return (_("lunar month %(month)s") if lunar else _("month %(month)s")) % {"month": month}


def describe_timing(festival):
    """The timing in words, in the active language."""
    f = festival
    parts = []
    if f.start_month:
        lunar = f.calendar == "lunar"
        text = _part(f.start_month, f.start_day, lunar)
        if f.end_month or f.end_day:
            text += " – " + _part(f.end_month or f.start_month, f.end_day, lunar)
        prefix = {
            "lunar": _("Lunar calendar"),
            "solar": _("Solar calendar"),
            "variable": _("Usually"),
        }[f.calendar]
        parts.append(f"{prefix}: {text}")
    if f.only_year:
        parts.append(_("in %(year)s only") % {"year": f.only_year})
    if f.season_text:
        parts.append(f.season_text)
    if f.duration_days:
        parts.append(_("%(days)s day(s)") % {"days": f.duration_days})
    return " · ".join(parts)


@lru_cache(maxsize=2048)
def lunar_label(day):
    """'1/2' style lunar date (with 'leap' mark) shown in calendar cells."""
    lday, lmonth, _year, leap = solar_to_lunar(day)
    return f"{lday}/{lmonth}" + ("*" if leap else "")


def month_grids(festivals, start, months=12):
    """Month-by-month data for the calendar page: weeks of days with the festivals
    on each day, plus each month's list (dated occurrences and season-only ones)."""
    first, last = window(start, months)
    all_occ = [o for f in festivals for o in occurrences(f, first, last)]
    grids = []
    cal = pycalendar.Calendar(firstweekday=0)
    for i in range(months):
        month_start = add_months(first, i)
        month_end = add_months(first, i + 1) - datetime.timedelta(days=1)
        in_month = [o for o in all_occ if o.start <= month_end and o.end >= month_start]
        weeks = []
        for week in cal.monthdatescalendar(month_start.year, month_start.month):
            weeks.append(
                [
                    {
                        "date": day,
                        "in_month": day.month == month_start.month,
                        "lunar": lunar_label(day) if day.month == month_start.month else "",
                        "festivals": [o.festival for o in in_month if o.exact and o.covers(day)],
                        "windows": [o.festival for o in in_month if not o.exact and o.covers(day)],
                    }
                    for day in week
                ]
            )
        grids.append(
            {
                "start": month_start,
                "weeks": weeks,
                "dated": sorted((o for o in in_month if o.exact), key=lambda o: o.start),
                "seasonal": [o for o in in_month if not o.exact],
            }
        )
    return grids
