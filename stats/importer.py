"""Import of indicator values from CSV or XLSX files as Vietnamese offices make them.

CSV in UTF-8 with or without a BOM, separated by ``;`` or ``,`` (decimal commas accepted),
or the first sheet of an XLSX workbook (numbers and Excel dates as cells). Every row is
validated before anything is stored; one error means nothing is stored, and every error
names its row and column. Re-importing the same file changes nothing (a value equal to the
stored one is left alone).

Columns (English or Vietnamese names): indicator/chi_tieu, unit/ma_don_vi, period/ky,
disaggregation/phan_to (optional), value/gia_tri, source/nguon, comment/ghi_chu.
"""

from __future__ import annotations

import csv
import datetime
import io
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from content.models import AdministrativeUnit

from . import periods, roles
from .models import DataValue, DisaggregationOption, Indicator, disaggregation_key, parse_disaggregation

COLUMNS = {
    "indicator": ("indicator", "chi_tieu", "chỉ tiêu", "ma_chi_tieu"),
    "unit": ("unit", "unit_code", "ma_don_vi", "mã đơn vị", "don_vi"),
    "period": ("period", "ky", "kỳ"),
    "disaggregation": ("disaggregation", "phan_to", "phân tổ"),
    "value": ("value", "gia_tri", "giá trị"),
    "source": ("source", "nguon", "nguồn"),
    "comment": ("comment", "ghi_chu", "ghi chú"),
}
REQUIRED = ("indicator", "unit", "period", "value")
PROGRESS_EVERY = 500


class ImportFileError(ValueError):
    """The file as a whole cannot be read (not CSV/XLSX, no header, missing columns)."""


@dataclass
class Result:
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list = field(default_factory=list)  # [{"row", "column", "message"}]
    stored: bool = False


def read_rows(data: bytes, filename: str):
    """``(header, [(row_number, {column: cell})])``; row numbers as the user sees them (header = 1)."""
    if filename.lower().endswith((".xlsx", ".xlsm")):
        table = _xlsx_table(data)
    else:
        table = _csv_table(data)
    if not table:
        raise ImportFileError(_("The file is empty."))
    header = [_column(h) for h in table[0]]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise ImportFileError(_("Missing columns: %(names)s.") % {"names": ", ".join(missing)})
    rows = []
    for number, cells in enumerate(table[1:], start=2):
        if all(c in (None, "") for c in cells):
            continue
        rows.append((number, {h: cells[i] if i < len(cells) else None for i, h in enumerate(header) if h}))
    return header, rows


def _column(name):
    text = str(name or "").strip().lower()
    for column, aliases in COLUMNS.items():
        if text in aliases:
            return column
    return None


def _csv_table(data):
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportFileError(_("The file is not UTF-8 text (save it as “CSV UTF-8” or XLSX)."))
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    return [row for row in csv.reader(io.StringIO(text), delimiter=delimiter)]


def _xlsx_table(data):
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:
        raise ImportFileError(_("The file is not a readable XLSX workbook."))
    sheet = workbook.worksheets[0]
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def _text(cell):
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell).strip()


def _period(cell):
    """A period string from a cell: Excel turns 2024 into a number and 07/2024 into a date."""
    if isinstance(cell, datetime.datetime | datetime.date):
        return f"{cell.year}{cell.month:02d}"
    return _text(cell).upper()


def _decimal(cell):
    if isinstance(cell, int | float | Decimal) and not isinstance(cell, bool):
        return Decimal(str(cell))
    text = _text(cell).replace(" ", "").replace("\u00a0", "")
    if "," in text and "." not in text:
        text = text.replace(",", ".")
    return Decimal(text)


class Catalogue:
    """Everything validation looks up, read once (a constant number of queries per import)."""

    def __init__(self, user=None):
        self.indicators = {i.code: i for i in Indicator.objects.all()}
        self.options = set(DisaggregationOption.objects.values_list("category", "code"))
        self.units = {}
        for unit in AdministrativeUnit.objects.all():
            self.units.setdefault(unit.code, []).append(unit)
        self.user = user
        self.allowed = None
        if user is not None and not roles.is_officer(user):
            self.allowed = roles.assigned_unit_ids(user)

    def unit(self, code, period):
        """(unit, error message) for ``code`` during ``period``."""
        candidates = self.units.get(code)
        if not candidates:
            return None, _("unknown unit code “%(code)s”") % {"code": code}
        for unit in candidates:
            if unit.is_valid_on(period.end):
                return unit, None
        for unit in candidates:
            if unit.is_valid_on(period.start):
                return unit, None
        if all(u.valid_from and u.valid_from > period.end for u in candidates):
            return None, _("unit “%(code)s” is not yet valid in %(period)s") % {"code": code, "period": period}
        return None, _("unit “%(code)s” no longer exists in %(period)s") % {"code": code, "period": period}


def validate(rows, catalogue):
    """``(items, errors)``: items ready to store, or every error with its row and column."""
    items, errors, seen = [], [], {}

    def error(row, column, message):
        errors.append({"row": row, "column": column, "message": str(message)})

    for number, cells in rows:
        before = len(errors)
        indicator = catalogue.indicators.get(_text(cells.get("indicator")))
        if indicator is None:
            error(number, "indicator", _("unknown indicator “%(code)s”") % {"code": _text(cells.get("indicator"))})
        try:
            period = periods.parse(_period(cells.get("period")))
        except periods.PeriodError:
            period = None
            error(
                number,
                "period",
                _("bad period “%(text)s” (use 2024, 2024S1, 2024Q3 or 202407)")
                % {"text": _text(cells.get("period"))},
            )
        unit = None
        if period is not None:
            unit, message = catalogue.unit(_text(cells.get("unit")), period)
            if message:
                error(number, "unit", message)
            elif catalogue.allowed is not None and unit.pk not in catalogue.allowed:
                error(number, "unit", _("you may not enter values for “%(name)s”") % {"name": unit.name})
        key = ""
        try:
            parts = parse_disaggregation(_text(cells.get("disaggregation")))
        except ValueError:
            parts = None
            error(
                number,
                "disaggregation",
                _("bad disaggregation “%(text)s” (e.g. sex=F;ethnicity=05)")
                % {"text": _text(cells.get("disaggregation"))},
            )
        if parts is not None:
            unknown = [f"{c}={v}" for c, v in parts.items() if (c, v) not in catalogue.options]
            if unknown:
                error(
                    number, "disaggregation", _("unknown disaggregation %(names)s") % {"names": ", ".join(unknown)}
                )
            elif indicator is not None and set(parts) - set(indicator.disaggregations):
                error(
                    number,
                    "disaggregation",
                    _("indicator “%(code)s” takes no such breakdown") % {"code": indicator.code},
                )
            key = disaggregation_key(parts)
        try:
            value = _decimal(cells.get("value"))
            if not value.is_finite():
                raise InvalidOperation
        except (InvalidOperation, ValueError):
            value = None
            error(number, "value", _("not a number: “%(text)s”") % {"text": _text(cells.get("value"))})
        if value is not None and indicator is not None:
            reason = indicator.check_value(value)
            if reason:
                error(number, "value", reason)
        if len(errors) > before:
            continue
        identity = (indicator.pk, unit.pk, period.code, key)
        if identity in seen:
            error(number, "row", _("duplicate of row %(row)s") % {"row": seen[identity]})
            continue
        seen[identity] = number
        items.append(
            {
                "indicator": indicator,
                "unit": unit,
                "period": period.code,
                "disaggregation": key,
                "value": value,
                "source": _text(cells.get("source"))[:255],
                "comment": _text(cells.get("comment")),
                "row": number,
            }
        )
    return items, errors


def approved_changes(items, catalogue):
    """Errors for rows that would change an approved value: only officers may (a reporter's
    import must not take a public figure back out of approval)."""
    if catalogue.allowed is None or not items:
        return []
    approved = DataValue.objects.approved().filter(
        indicator_id__in={i["indicator"].pk for i in items}, unit_id__in={i["unit"].pk for i in items}
    )
    current = {(v.indicator_id, v.unit_id, v.period, v.disaggregation): v.value for v in approved}
    errors = []
    for item in items:
        value = current.get((item["indicator"].pk, item["unit"].pk, item["period"], item["disaggregation"]))
        if value is not None and value != item["value"]:
            message = _("this value is approved; only a statistics officer may change it")
            errors.append({"row": item["row"], "column": "value", "message": str(message)})
    return errors


def store(items, *, user=None, approve=False, progress=None):
    """Store validated items in one transaction; returns (created, updated, unchanged)."""
    created = updated = unchanged = 0
    status = DataValue.Status.APPROVED if approve else DataValue.Status.SUBMITTED
    now = timezone.now()
    existing = {}
    ids = {item["indicator"].pk for item in items}
    for value in DataValue.objects.filter(indicator_id__in=ids, unit_id__in={i["unit"].pk for i in items}):
        existing[(value.indicator_id, value.unit_id, value.period, value.disaggregation)] = value
    with transaction.atomic():
        for n, item in enumerate(items, start=1):
            key = (item["indicator"].pk, item["unit"].pk, item["period"], item["disaggregation"])
            current = existing.get(key)
            fields = {"value": item["value"], "source": item["source"], "comment": item["comment"]}
            if current is not None and all(getattr(current, k) == v for k, v in fields.items()):
                if not approve or current.status == DataValue.Status.APPROVED:
                    unchanged += 1
                    continue
            if current is None:
                current = DataValue(
                    indicator=item["indicator"],
                    unit=item["unit"],
                    period=item["period"],
                    disaggregation=item["disaggregation"],
                    entered_by=user,
                )
                created += 1
            else:
                updated += 1
            for k, v in fields.items():
                setattr(current, k, v)
            current.status = status
            current.submitted_at = now
            if approve:
                current.approved_by, current.approved_at = user, now
            current.save()
            if progress and n % PROGRESS_EVERY == 0:
                progress(n, len(items))
    return created, updated, unchanged


def import_file(data: bytes, filename: str, *, user=None, dry_run=False, approve=False, progress=None):
    """Read, validate completely, then store all or nothing. Returns a ``Result``."""
    result = Result()
    try:
        _header, rows = read_rows(data, filename)
    except ImportFileError as error:
        result.errors.append({"row": 1, "column": "", "message": str(error)})
        return result
    result.rows = len(rows)
    catalogue = Catalogue(user)
    items, result.errors = validate(rows, catalogue)
    if not result.errors:
        result.errors = approved_changes(items, catalogue)
    if result.errors or dry_run:
        return result
    result.created, result.updated, result.unchanged = store(items, user=user, approve=approve, progress=progress)
    result.stored = True
    return result


def template_csv(dataset, units=()):
    """A CSV template for a data set: the header and one row per indicator (and unit, if given)."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, delimiter=";")
    writer.writerow(["indicator", "unit", "period", "disaggregation", "value", "source", "comment"])
    for indicator in dataset.indicators.all():
        for unit in units or [None]:
            writer.writerow([indicator.code, unit.code if unit else "", "", "", "", "", ""])
    return out.getvalue().encode("utf-8")
