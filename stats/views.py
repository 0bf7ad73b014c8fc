"""Public statistics pages (``/<lang>/statistics/``): the index, an indicator page and a commune
profile. Approved values only (``stats.queries``); a constant number of SQL queries whatever the
number of values (the rows are read once and grouped in Python); every derived figure has its
rule printed beneath it and every sample figure is labelled."""

import json
from collections import defaultdict
from datetime import date

from django.conf import settings
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from content.models import AdministrativeUnit

from . import charts, periods, queries, rules
from .models import DataValue


def _period_key(code):
    return periods.parse(code).start, code


def index(request):
    indicators = list(queries.public_indicators())
    communes = (
        DataValue.objects.approved()
        .filter(indicator__restricted=False, unit__valid_to__isnull=True)
        .values("unit__code", "unit__name")
        .distinct()
        .order_by("unit__name")
    )
    return render(request, "stats/index.html", {"indicators": indicators, "communes": list(communes)})


def _combine_period(indicator, rows, weights):
    """The total of the communes that have a value (and, for a rate, a denominator)."""
    ids = [r["unit_id"] for r in rows]
    if indicator.aggregation == "weighted_mean":
        ids = [i for i in ids if i in weights]
        by_id = {r["unit_id"]: r["value"] for r in rows}
        return rules.combine("weighted_mean", [by_id[i] for i in ids], [weights[i] for i in ids]), len(ids)
    return rules.combine(indicator.aggregation, [r["value"] for r in rows]), len(ids)


def indicator(request, code):
    found = queries.public_indicators().filter(code=code).first()
    if found is None:
        raise Http404
    rows = [
        r
        for r in queries.approved_values(indicator=found, disaggregation="")
        if r["unit_level"] in AdministrativeUnit.COMMUNE_LEVELS
    ]
    weights = defaultdict(dict)
    if found.aggregation == "weighted_mean" and found.denominator_id:
        for r in queries.approved_values(indicator=found.denominator, disaggregation=""):
            weights[r["period"]][r["unit_id"]] = r["value"]
    period_list = sorted({r["period"] for r in rows}, key=_period_key)
    by_period = defaultdict(list)
    units = {}
    table = defaultdict(dict)
    for r in rows:
        by_period[r["period"]].append(r)
        units[r["unit_id"]] = r
        table[r["unit_id"]][r["period"]] = r["value"]
    sample = any(r["sample"] for r in rows)
    totals = []
    for p in period_list:
        value, n = _combine_period(found, by_period[p], weights[p])
        totals.append({"period": p, "value": value, "communes": n})
    latest = period_list[-1] if period_list else None
    latest_rows = sorted(by_period.get(latest, []), key=lambda r: r["unit_name"])
    unit_rows = sorted(units.values(), key=lambda r: (r["unit_valid_to"] is not None, r["unit_name"]))
    markers = [
        {
            "lat": r["unit_latitude"],
            "lon": r["unit_longitude"],
            "title": r["unit_name"],
            "value": float(r["value"]),
            "url": f"../../communes/{r['unit_code']}/",
        }
        for r in latest_rows
        if r["unit_latitude"] is not None
    ]
    context = {
        "indicator": found,
        "periods": period_list,
        "latest": latest,
        "table": [{"unit": u, "values": [table[u["unit_id"]].get(p) for p in period_list]} for u in unit_rows],
        "totals": totals,
        "rule": rules.RULES[found.aggregation],
        "sample": sample,
        "bar": charts.bar_chart(
            [(r["unit_name"], r["value"]) for r in latest_rows],
            title=f"{found.label} ({latest})",
            sample=sample,
            target=found.target_value,
        )
        if latest
        else "",
        "line": charts.line_chart([(t["period"], t["value"]) for t in totals], title=found.label, sample=sample),
        "markers": markers,
        "map_config": json.dumps(
            {
                "tileUrl": getattr(settings, "MAP_TILE_URL", ""),
                "attribution": getattr(settings, "MAP_TILE_ATTRIBUTION", ""),
            }
        ),
    }
    return render(request, "stats/indicator.html", context)


def _unit_for(code, at):
    units = AdministrativeUnit.objects.select_related("parent__parent").filter(code=code)
    found = [u for u in units if u.is_valid_on(at)]
    if found:
        return found[0]
    ended = sorted((u for u in units if u.valid_to), key=lambda u: u.valid_to)
    if ended:
        return ended[-1]
    raise Http404


def commune(request, code):
    at = timezone.localdate()
    if request.GET.get("at"):
        try:
            at = date.fromisoformat(request.GET["at"])
        except ValueError:
            raise Http404
    unit = _unit_for(code, at)
    predecessors = list(unit.succession_from.select_related("predecessor"))
    successors = list(unit.succession_to.select_related("successor"))
    indicators = list(queries.public_indicators())
    own = defaultdict(dict)
    sample = False
    for r in queries.approved_values(unit=[unit], disaggregation=""):
        own[r["indicator"]][r["period"]] = r["value"]
        sample = sample or r["sample"]
    before = defaultdict(lambda: defaultdict(dict))  # indicator → period → predecessor id → value
    if predecessors:
        for r in queries.approved_values(unit_ids=[p.predecessor_id for p in predecessors], disaggregation=""):
            before[r["indicator"]][r["period"]][r["unit_id"]] = r["value"]
            sample = sample or r["sample"]
    province = (
        unit.parent
        if unit.parent and unit.parent.tier == "province"
        else (unit.parent.parent if unit.parent else None)
    )
    province_rows = defaultdict(lambda: defaultdict(dict))
    if province is not None:
        under = AdministrativeUnit.objects.filter(rules.models_q_under(province)).values("pk")
        for r in queries.approved_values(unit_ids=under, disaggregation=""):
            province_rows[r["indicator"]][r["period"]][r["unit_id"]] = r["value"]
    links = [(p.predecessor_id, p.relation) for p in predecessors]
    cards = []
    for ind in indicators:
        series = dict(own.get(ind.code, {}))
        notes = {}
        if links:
            weights_by_period = before.get(ind.denominator.code, {}) if ind.denominator_id else {}
            for p, values in before.get(ind.code, {}).items():
                if p in series:
                    continue
                derived = rules.backcast(ind.aggregation, links, values, weights_by_period.get(p))
                series[p] = derived.value
                if derived.reason:
                    notes[p] = derived.reason_text
        if not series:
            continue
        ordered = sorted(series, key=_period_key)
        latest = ordered[-1]
        prov = None
        if province is not None and ind.aggregation != "none":
            values = province_rows.get(ind.code, {}).get(latest, {})
            weights = province_rows.get(ind.denominator.code, {}).get(latest, {}) if ind.denominator_id else None
            ids = [i for i in values if weights is None or i in weights]
            prov = rules.combine(
                ind.aggregation, [values[i] for i in ids], [weights[i] for i in ids] if weights else None
            )
        cards.append(
            {
                "indicator": ind,
                "points": [
                    {
                        "period": p,
                        "value": series[p],
                        "derived": p not in own.get(ind.code, {}),
                        "note": notes.get(p, ""),
                    }
                    for p in ordered
                ],
                "latest": latest,
                "value": series[latest],
                "province": prov,
                "rule": rules.RULES[ind.aggregation],
                "line": charts.line_chart([(p, series[p]) for p in ordered], title=ind.label, sample=sample),
            }
        )
    context = {
        "unit": unit,
        "predecessors": predecessors,
        "successors": successors,
        "cards": cards,
        "province": province,
        "sample": sample,
        "at": at,
    }
    return render(request, "stats/commune.html", context)
