"""An indicator's figures as its page shows them (table by commune and period, bar chart by
commune, line chart of the total over time), computed once here for the indicator page
(``stats.views.indicator``) and the StreamField block that embeds it in any page
(``stats.blocks.IndicatorFigureBlock``). Approved values only (``stats.queries``); two queries
(the values, and a rate's denominator) whatever the number of values."""

from collections import defaultdict

from content.models import AdministrativeUnit

from . import charts, periods, queries, rules


def period_key(code):
    return periods.parse(code).start, code


def _combine_period(indicator, rows, weights):
    """The total of the communes that have a value (and, for a rate, a denominator)."""
    ids = [r["unit_id"] for r in rows]
    if indicator.aggregation == "weighted_mean":
        ids = [i for i in ids if i in weights]
        by_id = {r["unit_id"]: r["value"] for r in rows}
        return rules.combine("weighted_mean", [by_id[i] for i in ids], [weights[i] for i in ids]), len(ids)
    return rules.combine(indicator.aggregation, [r["value"] for r in rows]), len(ids)


def indicator_figures(indicator, *, period=None, unit_codes=None):
    """The figures of ``indicator`` (a public ``Indicator``): ``period`` picks the bar chart's
    period (default: the latest with figures); ``unit_codes`` narrows to those communes."""
    rows = [
        r
        for r in queries.approved_values(indicator=indicator, unit=unit_codes or None, disaggregation="")
        if r["unit_level"] in AdministrativeUnit.COMMUNE_LEVELS
    ]
    weights = defaultdict(dict)
    if indicator.aggregation == "weighted_mean" and indicator.denominator_id:
        for r in queries.approved_values(
            indicator=indicator.denominator, unit=unit_codes or None, disaggregation=""
        ):
            weights[r["period"]][r["unit_id"]] = r["value"]
    period_list = sorted({r["period"] for r in rows}, key=period_key)
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
        value, n = _combine_period(indicator, by_period[p], weights[p])
        totals.append({"period": p, "value": value, "communes": n})
    latest = period if period in by_period else (period_list[-1] if period_list and not period else None)
    latest_rows = sorted(by_period.get(latest, []), key=lambda r: r["unit_name"])
    unit_rows = sorted(units.values(), key=lambda r: (r["unit_valid_to"] is not None, r["unit_name"]))
    return {
        "indicator": indicator,
        "periods": period_list,
        "latest": latest,
        "latest_rows": latest_rows,
        "table": [{"unit": u, "values": [table[u["unit_id"]].get(p) for p in period_list]} for u in unit_rows],
        "totals": totals,
        "rule": rules.RULES[indicator.aggregation],
        "sample": sample,
        "bar": charts.bar_chart(
            [(r["unit_name"], r["value"]) for r in latest_rows],
            title=f"{indicator.label} ({latest})",
            sample=sample,
            target=indicator.target_value,
        )
        if latest
        else "",
        "line": charts.line_chart(
            [(t["period"], t["value"]) for t in totals], title=indicator.label, sample=sample
        ),
    }
