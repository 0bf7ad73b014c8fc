"""DHIS2-style period strings: ``2024`` (year), ``2024S1`` (half), ``2024Q3`` (quarter), ``202407`` (month).

Plain Python (no Django), so the importer, the API and the rules share one parser. A period
is a half-open span of days; ``Period.end`` is its last day, which decides which units were
in force for it (a 2025 value belongs to the units in force on 31/12/2025).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

_PATTERN = re.compile(r"^(?P<year>\d{4})(?:(?P<kind>[SQ])(?P<n>\d)|(?P<month>\d{2}))?$")
KINDS = ("year", "half", "quarter", "month")


class PeriodError(ValueError):
    pass


@dataclass(frozen=True, order=True)
class Period:
    start: date
    end: date
    kind: str
    code: str

    def __str__(self):
        return self.code

    @property
    def year(self):
        return self.start.year

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    def previous(self) -> Period:
        """The period of the same kind just before (2024Q1 → 2023Q4)."""
        if self.kind == "year":
            return parse(str(self.year - 1))
        if self.kind == "half":
            n = int(self.code[-1])
            return parse(f"{self.year - 1}S2" if n == 1 else f"{self.year}S1")
        if self.kind == "quarter":
            n = int(self.code[-1])
            return parse(f"{self.year - 1}Q4" if n == 1 else f"{self.year}Q{n - 1}")
        m = self.start.month
        return parse(f"{self.year - 1}12" if m == 1 else f"{self.year}{m - 1:02d}")


def _month_end(year, month):
    return date(year, month, calendar.monthrange(year, month)[1])


def parse(text) -> Period:
    """The period a string names; ``PeriodError`` (a ValueError) with the reason otherwise."""
    code = str(text).strip().upper()
    match = _PATTERN.match(code)
    if not match:
        raise PeriodError(f"not a period: {text!r} (use 2024, 2024S1, 2024Q3 or 202407)")
    year = int(match["year"])
    if year < 1900 or year > 2100:
        raise PeriodError(f"year out of range: {text!r}")
    if match["kind"] == "S":
        n = int(match["n"])
        if n not in (1, 2):
            raise PeriodError(f"a half-year is S1 or S2: {text!r}")
        return Period(date(year, 1 + 6 * (n - 1), 1), _month_end(year, 6 * n), "half", code)
    if match["kind"] == "Q":
        n = int(match["n"])
        if not 1 <= n <= 4:
            raise PeriodError(f"a quarter is Q1 to Q4: {text!r}")
        return Period(date(year, 3 * n - 2, 1), _month_end(year, 3 * n), "quarter", code)
    if match["month"]:
        month = int(match["month"])
        if not 1 <= month <= 12:
            raise PeriodError(f"a month is 01 to 12: {text!r}")
        return Period(date(year, month, 1), _month_end(year, month), "month", code)
    return Period(date(year, 1, 1), date(year, 12, 31), "year", code)


def is_valid(text) -> bool:
    try:
        parse(text)
    except PeriodError:
        return False
    return True
