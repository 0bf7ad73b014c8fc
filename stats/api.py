"""``/api/v1/stats/``: indicators, administrative units with their validity and successions,
approved values (JSON and streamed CSV). Public, so approved values only (``stats.queries``);
every item made up for the demonstration says ``"sample": true``. ETags like the rest of /api/v1/.
"""

from __future__ import annotations

import datetime

from django.http import StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Router, Schema

from content.api.errors import ApiError
from content.api.params import check_params
from content.api.responses import conditional
from content.api.schemas import ErrorOut
from content.csvstream import csv_lines
from content.models import AdministrativeUnit

from . import periods, queries, rules

router = Router(tags=["stats"])


class TargetOut(Schema):
    value: float
    year: int | None = None
    source: str = ""


class IndicatorOut(Schema):
    code: str
    name: str
    name_en: str
    definition: str
    definition_en: str
    unit: str
    value_type: str
    aggregation: str
    denominator: str | None = None
    disaggregations: list[str]
    source_programme: str
    source_url: str
    frequency: str
    target: TargetOut | None = None


class IndicatorList(Schema):
    count: int
    items: list[IndicatorOut]


class StatsUnitRef(Schema):
    code: str
    name: str
    level: str
    valid_from: datetime.date | None = None
    valid_to: datetime.date | None = None


class SuccessionOut(Schema):
    unit: StatsUnitRef
    relation: str


class StatsUnitOut(StatsUnitRef):
    tier: str
    parent: StatsUnitRef | None = None
    latitude: float | None = None
    longitude: float | None = None
    predecessors: list[SuccessionOut]
    successors: list[SuccessionOut]


class StatsUnitList(Schema):
    count: int
    items: list[StatsUnitOut]


class ValueOut(Schema):
    indicator: str
    unit: StatsUnitRef
    period: str
    disaggregation: dict[str, str]
    value: float | None = None
    derived: bool = False
    rule: str | None = None
    not_comparable: str | None = None
    sample: bool
    source: str = ""


class ValueList(Schema):
    count: int
    items: list[ValueOut]


def _date(value, name="at"):
    if value in (None, ""):
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise ApiError(400, "invalid_date", lambda: _("%(name)s must be a date YYYY-MM-DD.") % {"name": name})


def _indicator_out(i):
    target = None
    if i.target_value is not None:
        target = {"value": float(i.target_value), "year": i.target_year, "source": i.target_note}
    return {
        "code": i.code,
        "name": i.name,
        "name_en": i.name_en,
        "definition": i.definition,
        "definition_en": i.definition_en,
        "unit": i.unit,
        "value_type": i.value_type,
        "aggregation": i.aggregation,
        "denominator": i.denominator.code if i.denominator_id else None,
        "disaggregations": list(i.disaggregations or []),
        "source_programme": i.source_programme,
        "source_url": i.source_url,
        "frequency": i.frequency,
        "target": target,
    }


def _ref(u):
    return {"code": u.code, "name": u.name, "level": u.level, "valid_from": u.valid_from, "valid_to": u.valid_to}


def _unit_out(u):
    return {
        **_ref(u),
        "tier": u.tier,
        "parent": _ref(u.parent) if u.parent_id else None,
        "latitude": u.latitude,
        "longitude": u.longitude,
        "predecessors": [{"unit": _ref(s.predecessor), "relation": s.relation} for s in u.succession_from.all()],
        "successors": [{"unit": _ref(s.successor), "relation": s.relation} for s in u.succession_to.all()],
    }


UNIT_PREFETCH = ("succession_from__predecessor", "succession_to__successor")


@router.get("/stats/indicators", response={200: IndicatorList, 304: None, 400: ErrorOut, 422: ErrorOut})
def indicators(request):
    check_params(request, set())
    items = [_indicator_out(i) for i in queries.public_indicators()]
    return conditional(request, IndicatorList, {"count": len(items), "items": items})


@router.get(
    "/stats/indicators/{code}",
    response={200: IndicatorOut, 304: None, 400: ErrorOut, 404: ErrorOut, 422: ErrorOut},
)
def indicator(request, code: str):
    check_params(request, set())
    found = queries.public_indicators().filter(code=code).first()
    if found is None:
        raise ApiError(404, "not_found", lambda: _("No indicator “%(code)s”.") % {"code": code})
    return conditional(request, IndicatorOut, _indicator_out(found))


@router.get("/stats/units", response={200: StatsUnitList, 304: None, 400: ErrorOut, 422: ErrorOut})
def units(request, level: str | None = None, at: str | None = None):
    """Units with their validity, parent, predecessors and successors (whole/part).
    ``level``: province, district or commune (or a legal type: ward, township…); ``at``: in force that day."""
    check_params(request, {"level", "at"})
    day = _date(at)
    rows = AdministrativeUnit.objects.select_related("parent").prefetch_related(*UNIT_PREFETCH)
    if day:
        rows = rows.valid_on(day)
    if level:
        tiers = {"commune": AdministrativeUnit.COMMUNE_LEVELS, "district": AdministrativeUnit.DISTRICT_LEVELS}
        if level not in AdministrativeUnit.Level.values:
            raise ApiError(400, "invalid_level", lambda: _("Unknown level “%(level)s”.") % {"level": level})
        rows = rows.filter(level__in=tiers.get(level, (level,)))
    items = [_unit_out(u) for u in rows.order_by("code", "valid_from")]
    return conditional(request, StatsUnitList, {"count": len(items), "items": items})


def _unit_at(code, day):
    try:
        return (
            AdministrativeUnit.objects.select_related("parent").prefetch_related(*UNIT_PREFETCH).by_code(code, day)
        )
    except AdministrativeUnit.DoesNotExist:
        raise ApiError(404, "not_found", lambda: _("No unit “%(code)s” in force on that day.") % {"code": code})


@router.get(
    "/stats/units/{code}", response={200: StatsUnitOut, 304: None, 400: ErrorOut, 404: ErrorOut, 422: ErrorOut}
)
def unit(request, code: str, at: str | None = None):
    """The unit with ``code`` in force on ``at`` (default today): NSO codes are reused across 2025."""
    check_params(request, {"at"})
    return conditional(request, StatsUnitOut, _unit_out(_unit_at(code, _date(at) or timezone.localdate())))


VALUE_PARAMS = {"indicator", "unit", "period", "children", "at"}


def _value_rows(request, indicator, unit, period, children, at):
    check_params(request, VALUE_PARAMS)
    day = _date(at)
    if period:
        for p in period.split(","):
            if not periods.is_valid(p):
                raise ApiError(400, "invalid_period", lambda p=p: _("Bad period “%(p)s”.") % {"p": p})
    filters = {
        "indicator": indicator.split(",") if indicator else None,
        "period": period.split(",") if period else None,
        "at": day,
    }
    derived = []
    if unit:
        target = _unit_at(unit, day or timezone.localdate())
        if children:
            filters["unit"] = list(AdministrativeUnit.objects.filter(rules.models_q_under(target)))
        else:
            filters["unit"] = [target]
            if target.tier == "province" and filters["indicator"] and filters["period"]:
                derived = _province_items(target, filters["indicator"], filters["period"])
    return queries.approved_values(**filters), derived


def _province_items(province, codes, period_list):
    items = []
    for indicator in queries.public_indicators().filter(code__in=codes):
        for p in period_list:
            total = rules.province_total(indicator, province, p)
            sample = any(
                r["sample"]
                for r in queries.approved_values(
                    indicator=indicator, period=p, unit_ids=total.parts, disaggregation=""
                )
            )
            items.append(
                {
                    "indicator": indicator.code,
                    "unit": _ref(province),
                    "period": p,
                    "disaggregation": {},
                    "value": float(total.value) if total.value is not None else None,
                    "derived": True,
                    "rule": str(rules.RULES[indicator.aggregation]),
                    "not_comparable": total.reason_text or None,
                    "sample": sample,
                    "source": "",
                }
            )
    return items


def _value_item(row):
    return {
        "indicator": row["indicator"],
        "unit": {
            "code": row["unit_code"],
            "name": row["unit_name"],
            "level": row["unit_level"],
            "valid_from": row["unit_valid_from"],
            "valid_to": row["unit_valid_to"],
        },
        "period": row["period"],
        "disaggregation": row["disaggregation"],
        "value": float(row["value"]),
        "sample": row["sample"],
        "source": row["source"],
    }


@router.get("/stats/values", response={200: ValueList, 304: None, 400: ErrorOut, 404: ErrorOut, 422: ErrorOut})
def values(
    request,
    indicator: str | None = None,
    unit: str | None = None,
    period: str | None = None,
    children: bool = False,
    at: str | None = None,
):
    """A data value set: approved values only, disaggregations spelled out; a province asked for
    without ``children`` gets its derived total (``derived: true`` with the rule)."""
    rows, derived = _value_rows(request, indicator, unit, period, children, at)
    items = [_value_item(r) for r in rows] + derived
    return conditional(request, ValueList, {"count": len(items), "items": items})


CSV_HEADER = [
    "indicator",
    "unit_code",
    "unit_name",
    "unit_valid_from",
    "unit_valid_to",
    "period",
    "disaggregation",
    "value",
    "sample",
    "source",
]


@router.get("/stats/values.csv", response={200: None, 400: ErrorOut, 404: ErrorOut, 422: ErrorOut})
def values_csv(
    request,
    indicator: str | None = None,
    unit: str | None = None,
    period: str | None = None,
    children: bool = False,
    at: str | None = None,
):
    """The same values as CSV (UTF-8 with BOM), streamed row by row in constant memory."""
    rows, derived = _value_rows(request, indicator, unit, period, children, at)
    table = (
        [
            r["indicator"],
            r["unit_code"],
            r["unit_name"],
            r["unit_valid_from"] or "",
            r["unit_valid_to"] or "",
            r["period"],
            r["disaggregation_key"],
            r["value"],
            "true" if r["sample"] else "false",
            r["source"],
        ]
        for r in rows
    )
    response = StreamingHttpResponse(
        csv_lines(CSV_HEADER, table, bom=True), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="stats-values.csv"'
    return response
