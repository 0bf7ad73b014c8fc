"""Public statistics pages (``/<lang>/statistics/``): the index, an indicator page and a commune
profile. Approved values only (``stats.queries``); a constant number of SQL queries whatever the
number of values (the rows are read once and grouped in Python); every derived figure has its
rule printed beneath it and every sample figure is labelled."""

import json
from collections import defaultdict
from datetime import date

from django.conf import settings
from django.db.models import Q
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language

from content import seams
from content.locales import prefixed_url
from content.models import AdministrativeUnit, UnitSuccession

from . import charts, figures, queries, rules
from . import jsonld as stats_jsonld
from .models import DataValue

_period_key = figures.period_key


def index(request):
    indicators = list(queries.public_indicators())
    communes = (
        DataValue.objects.approved()
        .filter(indicator__restricted=False, unit__valid_to__isnull=True)
        .values("unit__code", "unit__name")
        .distinct()
        .order_by("unit__name")
    )
    communes = list(communes)
    context = {
        "indicators": indicators,
        "communes": communes,
        "jsonld": stats_jsonld.index_document(request, indicators, communes),
    }
    return render(request, "stats/index.html", context)


def indicator(request, code):
    found = queries.public_indicators().filter(code=code).first()
    if found is None:
        raise Http404
    context = figures.indicator_figures(found)
    markers = [
        {
            "lat": r["unit_latitude"],
            "lon": r["unit_longitude"],
            "title": r["unit_name"],
            "value": float(r["value"]),
            "url": f"../../communes/{r['unit_code']}/",
        }
        for r in context["latest_rows"]
        if r["unit_latitude"] is not None
    ]
    context.update(
        {
            "markers": markers,
            "jsonld": stats_jsonld.indicator_document(request, context),
            "map_config": json.dumps(
                {
                    "tileUrl": getattr(settings, "MAP_TILE_URL", ""),
                    "attribution": getattr(settings, "MAP_TILE_ATTRIBUTION", ""),
                }
            ),
        }
    )
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
    successions = list(  # both directions in one query (the profile stays within its query budget)
        UnitSuccession.objects.filter(Q(successor=unit) | Q(predecessor=unit))
        .select_related("predecessor", "successor")
        .order_by("pk")
    )
    predecessors = [s for s in successions if s.successor_id == unit.pk]
    successors = [s for s in successions if s.predecessor_id == unit.pk]
    indicators = list(queries.public_indicators())
    province = (
        unit.parent
        if unit.parent and unit.parent.tier == "province"
        else (unit.parent.parent if unit.parent else None)
    )
    # One query for the commune, its predecessors and every commune of its province (the
    # profile stays within its query budget, cold); the rows are sorted out here.
    predecessor_ids = {p.predecessor_id for p in predecessors}
    wanted = [unit.pk, *predecessor_ids]
    unit_ids = (
        AdministrativeUnit.objects.filter(rules.models_q_under(province) | Q(pk__in=wanted)).values("pk")
        if province is not None
        else wanted
    )
    own = defaultdict(dict)
    sample = False
    before = defaultdict(lambda: defaultdict(dict))  # indicator → period → predecessor id → value
    province_rows = defaultdict(lambda: defaultdict(dict))
    for r in queries.approved_values(unit_ids=unit_ids, disaggregation=""):
        if r["unit_id"] == unit.pk:
            own[r["indicator"]][r["period"]] = r["value"]
            sample = sample or r["sample"]
        if r["unit_id"] in predecessor_ids:
            before[r["indicator"]][r["period"]][r["unit_id"]] = r["value"]
            sample = sample or r["sample"]
        if province is not None and province.pk in (r["unit_parent_id"], r["unit_grandparent_id"]):
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
    related_ids = [unit.pk] + [p.predecessor_id for p in predecessors] + [s.successor_id for s in successors]
    about = [  # no query per page or per page type (content.seams.pages_about_units)
        {"title": page.title, "url": prefixed_url(page), "kind": model._meta.verbose_name}
        for page in seams.pages_about_units(related_ids, language_code=get_language())
        if (model := page.content_type.model_class()) is not None
    ]
    context = {
        "unit": unit,
        "about": about,
        "predecessors": predecessors,
        "successors": successors,
        "cards": cards,
        "province": province,
        "sample": sample,
        "at": at,
        "jsonld": stats_jsonld.commune_document(request, unit, province, cards, sample, at),
    }
    return render(request, "stats/commune.html", context)
