"""The public query API of the statistics app: the one way approved figures leave it.

Other apps (the sharing app's exports and feeds, pages, reports) build on these names, which
stay stable: ``approved_values(...)`` and ``datasets()``. Only approved values ever come out;
drafts and submitted values stay inside the admin.

Rows are plain dicts, read in chunks from the database (``iterator``), so a caller can stream
every value in constant memory.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date

from django.db.models import Count, Max, Q

from .models import DataSet, DataValue, Indicator, parse_disaggregation

VALUE_FIELDS = {
    "indicator": "indicator__code",
    "indicator_unit": "indicator__unit",
    "unit_id": "unit_id",
    "unit_code": "unit__code",
    "unit_name": "unit__name",
    "unit_level": "unit__level",
    "unit_valid_from": "unit__valid_from",
    "unit_valid_to": "unit__valid_to",
    "unit_latitude": "unit__latitude",
    "unit_longitude": "unit__longitude",
    "unit_parent_id": "unit__parent_id",
    "unit_grandparent_id": "unit__parent__parent_id",
    "period": "period",
    "disaggregation_key": "disaggregation",
    "value": "value",
    "sample": "sample",
    "source": "source",
    "approved_at": "approved_at",
}


def _codes(value, model_field):
    """A filter for one code, one object or several of either."""
    if value is None:
        return Q()
    if isinstance(value, str) or not isinstance(value, Iterable):
        value = [value]
    codes = [getattr(v, "code", v) for v in value]
    return Q(**{f"{model_field}__in": codes})


def approved_values(
    *,
    indicator=None,
    unit=None,
    period=None,
    at: date | None = None,
    include_restricted: bool = False,
    unit_ids=None,
    disaggregation: str | None = None,
) -> Iterator[dict]:
    """Approved data values as plain dicts, in a stable order (indicator, unit code, period, breakdown).

    * ``indicator``: a code, an ``Indicator`` or several.
    * ``unit``: a code, an ``AdministrativeUnit`` or several. A code names every unit that ever
      had it unless ``at`` says which (NSO codes are reused across 2025); the rows carry each
      unit's validity.
    * ``period``: a period string (``2024``, ``2024Q3``…) or several.
    * ``at``: keep the units in force on that day.
    * ``include_restricted``: also values of indicators kept inside the administration
      (never for a public page or the public API).
    * ``unit_ids`` / ``disaggregation``: narrower filters for the app's own rules (``""`` = totals).

    Each dict: indicator, indicator_unit, unit_id, unit_code, unit_name, unit_level,
    unit_valid_from, unit_valid_to, unit_latitude, unit_longitude, unit_parent_id,
    unit_grandparent_id (the province of a commune before 2025, under its district), period,
    disaggregation (a dict, ``{}`` for the total), disaggregation_key, value (Decimal), sample, source,
    approved_at.
    """
    rows = DataValue.objects.approved()
    if not include_restricted:
        rows = rows.filter(indicator__restricted=False)
    rows = rows.filter(_codes(indicator, "indicator__code"))
    if unit is not None:
        units = unit if isinstance(unit, Iterable) and not isinstance(unit, str) else [unit]
        ids = [u.pk for u in units if hasattr(u, "pk")]
        codes = [u for u in units if not hasattr(u, "pk")]
        rows = rows.filter(Q(unit_id__in=ids) | Q(unit__code__in=codes))
    if period is not None:
        rows = rows.filter(period__in=[period] if isinstance(period, str) else list(period))
    if at is not None:
        rows = rows.filter(
            Q(unit__valid_from__isnull=True) | Q(unit__valid_from__lte=at),
            Q(unit__valid_to__isnull=True) | Q(unit__valid_to__gte=at),
        )
    if unit_ids is not None:
        # a QuerySet of ids stays a subquery (one query in all)
        rows = rows.filter(unit_id__in=unit_ids if hasattr(unit_ids, "query") else list(unit_ids))
    if disaggregation is not None:
        rows = rows.filter(disaggregation=disaggregation)
    names = list(VALUE_FIELDS)
    query = rows.order_by("indicator__code", "unit__code", "unit__valid_from", "period", "disaggregation")
    for values in query.values_list(*VALUE_FIELDS.values()).iterator(chunk_size=2000):
        row = dict(zip(names, values, strict=True))
        row["disaggregation"] = parse_disaggregation(row["disaggregation_key"])
        yield row


def datasets() -> list[dict]:
    """The data sets with their (public) indicators: ``[{code, name, name_en, period_kind, indicators}]``."""
    result = []
    for dataset in DataSet.objects.prefetch_related("indicators"):
        result.append(
            {
                "code": dataset.code,
                "name": dataset.name,
                "name_en": dataset.name_en,
                "period_kind": dataset.period_kind,
                "indicators": [i.code for i in dataset.indicators.all() if not i.restricted],
            }
        )
    return result


def public_indicators():
    return Indicator.objects.filter(restricted=False).select_related("denominator")


def approved_summary(*, indicator=None) -> dict:
    """What an export needs to describe approved public values without reading them all:
    ``latest`` (the newest approval time), ``sample`` (any value is a sample), ``periods``
    and ``unit_codes`` (sorted)."""
    rows = DataValue.objects.approved().filter(indicator__restricted=False)
    rows = rows.filter(_codes(indicator, "indicator__code"))
    summary = rows.aggregate(latest=Max("approved_at"), samples=Count("pk", filter=Q(sample=True)))
    return {
        "latest": summary["latest"],
        "sample": bool(summary["samples"]),
        "periods": sorted(set(rows.values_list("period", flat=True).distinct())),
        "unit_codes": sorted(set(rows.values_list("unit__code", flat=True).distinct())),
    }
