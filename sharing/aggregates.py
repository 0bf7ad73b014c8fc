"""Aggregates of personal records for agencies: course enrolments and completions
(``learning:aggregate``) and consultation request counts (``consultation:aggregate``).

Disclosure control. Every answer is a set of cells of ONE fixed cross-tabulation
per measure, at one fixed period grain (calendar quarters for learning, calendar
months for consultations); a filter only chooses which cells are returned, never
what a cell counts, and no total, margin or free date range is ever computed. So
two answers can only repeat the same cell values, and no difference of answers
equals a suppressed cell. Every cell under ``THRESHOLD`` is suppressed (its value
is null). What the records do not hold is said, not invented: learner profiles
record a commune but no ethnicity or sex, and consultation requests record no
service, so those dimensions are returned as null ("not recorded").
"""

import re
from collections import Counter
from datetime import datetime

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from community.models import ConsultationRequest
from content.api.errors import ApiError
from lessons.models import Enrollment

THRESHOLD = 5
QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
YEAR = re.compile(r"^\d{4}$")

BAD_QUARTER = _("period must be a calendar quarter (2026-Q1) or a year (2026) meaning its four quarters.")
BAD_MONTH = _("period must be a calendar month (2026-03) or a year (2026) meaning its twelve months.")
BAD_MEASURE = _("measure must be 'enrolments' or 'completions'.")


def _local(dt):
    return timezone.localtime(dt)


def quarter_of(dt):
    dt = _local(dt)
    return f"{dt.year}-Q{(dt.month - 1) // 3 + 1}"


def month_of(dt):
    return _local(dt).strftime("%Y-%m")


def _year_range(year):
    start = timezone.make_aware(datetime(year, 1, 1))
    end = timezone.make_aware(datetime(year + 1, 1, 1))
    return start, end


def _range_of_quarter(period):
    if YEAR.match(period or ""):
        return _year_range(int(period))
    match = QUARTER.match(period or "")
    if not match:
        raise ApiError(400, "invalid_period", BAD_QUARTER)
    year, q = int(match.group(1)), int(match.group(2))
    start = timezone.make_aware(datetime(year, 3 * (q - 1) + 1, 1))
    end = timezone.make_aware(datetime(year + (q == 4), 1 if q == 4 else 3 * q + 1, 1))
    return start, end


def _range_of_month(period):
    if YEAR.match(period or ""):
        return _year_range(int(period))
    match = MONTH.match(period or "")
    if not match:
        raise ApiError(400, "invalid_period", BAD_MONTH)
    year, month = int(match.group(1)), int(match.group(2))
    start = timezone.make_aware(datetime(year, month, 1))
    end = timezone.make_aware(datetime(year + (month == 12), 1 if month == 12 else month + 1, 1))
    return start, end


def suppress(counter, keys):
    cells = []
    for key_values, count in sorted(counter.items(), key=lambda kv: tuple(str(v) for v in kv[0])):
        cell = dict(zip(keys, key_values, strict=True))
        hidden = count < THRESHOLD
        cell["value"] = None if hidden else count
        cell["suppressed"] = hidden
        cells.append(cell)
    return cells


def learning_cells(*, period, measure="enrolments", commune=None, course=None):
    """Cells (quarter, course, commune, ethnicity, sex) of enrolments or completions."""
    if measure not in ("enrolments", "completions"):
        raise ApiError(400, "invalid_measure", BAD_MEASURE)
    start, end = _range_of_quarter(period)
    field = "enrolled_at" if measure == "enrolments" else "completed_at"
    qs = Enrollment.objects.filter(**{f"{field}__gte": start, f"{field}__lt": end})
    rows = qs.values_list(field, "course_id", "learner__learner_profile__commune__code")
    counter = Counter()
    for when, course_id, commune_code in rows:
        # The filters choose cells after counting: a filtered answer is a subset of the same cells.
        counter[(quarter_of(when), course_id, commune_code, None, None)] += 1
    keys = ("period", "course_id", "commune_code", "ethnicity", "sex")
    cells = suppress(counter, keys)
    if commune:
        cells = [c for c in cells if c["commune_code"] == commune]
    if course is not None:
        cells = [c for c in cells if c["course_id"] == course]
    return cells


def consultation_cells(*, period, commune=None):
    """Cells (month, commune, service, language) of consultation requests: counts only;
    the encrypted name, phone and description are never read."""
    start, end = _range_of_month(period)
    rows = ConsultationRequest.objects.filter(created_at__gte=start, created_at__lt=end).values_list(
        "created_at", "commune__code", "preferred_language"
    )
    counter = Counter()
    for when, commune_code, language in rows:
        counter[(month_of(when), commune_code, None, language)] += 1
    cells = suppress(counter, ("period", "commune_code", "service", "language"))
    if commune:
        cells = [c for c in cells if c["commune_code"] == commune]
    return cells
