"""The contents of a periodic report, in the standard shape: summary, a table per indicator by
commune, the change since the previous period, missing data, notes.

Plain data (dicts of Decimals and strings), computed once from approved values only
(``stats.queries``) and written out by ``stats.report_files`` as PDF and XLSX, so both files
say the same thing. A bounded number of SQL queries whatever the number of values.

* The communes of a report are the communes in force at the period's end that have an
  approved value of the data set in any period: a commune that reports sometimes and not
  this time is listed under "missing data".
* The previous period is the period of the same kind just before (2025 → 2024). Across
  1 July 2025 a new commune's previous figure comes from its predecessors by the rules of
  ``stats.rules`` (marked "derived"), or the cell says why it is not comparable.
* Restricted indicators never enter: a report is published.
"""

from collections import defaultdict
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from content.models import AdministrativeUnit, UnitSuccession

from . import periods, queries, rules
from .models import DataValue


def _change(value, previous):
    if value is None or previous is None:
        return None
    return value - previous


def _communes(dataset, period):
    """The communes of the report: in force at the period's end, with an approved value of
    the data set's public indicators in any period (one query)."""
    end = periods.parse(period).end
    ids = (
        DataValue.objects.approved()
        .filter(
            indicator__in=dataset.indicators.filter(restricted=False),
            unit__level__in=AdministrativeUnit.COMMUNE_LEVELS,
        )
        .values("unit_id")
    )
    return list(AdministrativeUnit.objects.valid_on(end).filter(pk__in=ids).order_by("name", "code"))


def build_contents(report):
    """The report as plain data (see the module's docstring)."""
    dataset = report.dataset
    period = periods.parse(report.period)
    previous = period.previous().code
    indicators = list(dataset.indicators.filter(restricted=False).select_related("denominator"))
    communes = _communes(dataset, period.code)
    commune_ids = {c.pk for c in communes}
    links = defaultdict(list)  # successor id → [(predecessor id, relation)]
    for s in UnitSuccession.objects.filter(successor_id__in=commune_ids).values(
        "successor_id", "predecessor_id", "relation"
    ):
        links[s["successor_id"]].append((s["predecessor_id"], s["relation"]))

    codes = {i.code for i in indicators} | {i.denominator.code for i in indicators if i.denominator_id}
    values = defaultdict(lambda: defaultdict(dict))  # indicator → period → unit id → value
    sample = False
    for row in queries.approved_values(indicator=sorted(codes), period=[period.code, previous], disaggregation=""):
        values[row["indicator"]][row["period"]][row["unit_id"]] = row["value"]
        if row["indicator"] in {i.code for i in indicators} and row["sample"]:
            sample = True

    tables, missing = [], []
    reported = 0
    for ind in indicators:
        now = values[ind.code][period.code]
        before = values[ind.code][previous]
        weights_now = values[ind.denominator.code][period.code] if ind.denominator_id else {}
        weights_before = values[ind.denominator.code][previous] if ind.denominator_id else {}
        rows = []
        for c in communes:
            value = now.get(c.pk)
            prev, derived, note = before.get(c.pk), False, ""
            prev_weight = weights_before.get(c.pk)
            if prev is None and links.get(c.pk):
                d = rules.backcast(ind.aggregation, links[c.pk], before, weights_before)
                prev, derived, note = d.value, d.value is not None, d.reason_text
                if derived and ind.denominator_id:
                    prev_weight = sum((weights_before[p] for p in d.parts), Decimal(0))
            if value is None:
                missing.append(
                    {"indicator": ind.code, "indicator_name": ind.label, "unit_code": c.code, "unit_name": c.name}
                )
            else:
                reported += 1
            rows.append(
                {
                    "unit_code": c.code,
                    "unit_name": c.name,
                    "value": value,
                    "previous": prev,
                    "previous_derived": derived,
                    "note": note,
                    "change": _change(value, prev),
                    "weight": weights_now.get(c.pk),
                    "previous_weight": prev_weight,
                }
            )
        total = _total(ind, rows, "value", "weight")
        total_previous = _total(ind, rows, "previous", "previous_weight")
        tables.append(
            {
                "indicator": ind.code,
                "name": ind.label,
                "unit": ind.get_unit_display(),
                "rows": rows,
                "total": total,
                "total_previous": total_previous if total is not None else None,
                "change": _change(total, total_previous),
                "rule": str(rules.RULES[ind.aggregation]),
            }
        )
    expected = len(communes) * len(indicators)
    notes = [_("Only approved values enter this report; drafts and submitted values never do.")]
    notes += sorted({t["rule"] for t in tables})
    notes.append(_("Change: this period's value minus the previous period's (percentage points for a rate)."))
    if sample:
        notes.append(
            _("SAMPLE")
            + ": "
            + _("some figures here are sample data made up for the demonstration, not official statistics.")
        )
    if report.notes.strip():
        notes.append(report.notes.strip())
    return {
        "title": _("Periodic report: %(dataset)s, %(period)s") % {"dataset": dataset.label, "period": period.code},
        "dataset": {"code": dataset.code, "name": dataset.label},
        "period": period.code,
        "previous": previous,
        "generated_at": timezone.localtime(),
        "sample": sample,
        "summary": {
            "indicators": len(indicators),
            "communes": len(communes),
            "expected": expected,
            "reported": reported,
            "completeness": (Decimal(reported * 100) / expected).quantize(Decimal("0.1")) if expected else None,
        },
        "tables": tables,
        "missing": missing,
        "notes": notes,
    }


def _total(indicator, rows, key, weight_key):
    """The report's communes with a figure for that period (and, for a rate, its weight),
    combined by the indicator's rule; None if not aggregable."""
    rows = [r for r in rows if r[key] is not None]
    if indicator.aggregation == "weighted_mean":
        rows = [r for r in rows if r[weight_key] is not None]
        return rules.combine("weighted_mean", [r[key] for r in rows], [r[weight_key] for r in rows])
    return rules.combine(indicator.aggregation, [r[key] for r in rows])
