"""How derived figures are made: old communes rolled up to their successors across 1 July 2025,
and communes summed up to the province. Stated once here; every table showing a derived
figure prints ``RULES[aggregation]`` beneath it.

* Counts (aggregation "sum") add.
* Rates (aggregation "weighted_mean") are the mean of the communes' rates weighted by their
  denominator (e.g. a poverty rate by the number of households): Σ(rateᵢ·wᵢ) / Σwᵢ.
* Indicators that are not aggregable (a yes/no, a classification) are never derived.
* A post-2025 commune's series reaches back before its creation only when every predecessor
  has a value for the period and none of them was split (``relation="part"``); otherwise the
  cell says why it is not comparable.

Only approved values enter (``stats.queries`` is the source), so a derived figure never
carries an unapproved one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from . import periods, queries

RULES = {
    "sum": _("Derived figures add the communes' values."),
    "weighted_mean": _(
        "Derived figures are the communes' rates weighted by their denominator (Σ rate × weight / Σ weight)."
    ),
    "none": _("This indicator is not aggregated."),
}
SPLIT = "split"
MISSING = "missing"
NOT_AGGREGABLE = "not_aggregable"
NO_WEIGHT = "no_weight"
REASONS = {
    SPLIT: _("Not comparable: a predecessor commune was split in 2025."),
    MISSING: _("Not comparable: a predecessor commune has no approved value."),
    NOT_AGGREGABLE: _("Not comparable: this indicator does not aggregate."),
    NO_WEIGHT: _("Not comparable: a denominator value is missing."),
}


@dataclass
class Derived:
    value: Decimal | None
    reason: str | None = None
    parts: list = field(default_factory=list)  # unit codes that entered

    @property
    def reason_text(self):
        return str(REASONS[self.reason]) if self.reason else ""


def combine(aggregation, values, weights=None):
    """Aggregate ``values`` (Decimals) by ``aggregation``; ``weights`` parallel to them for a weighted mean.

    Returns None when nothing can be said (no values, not aggregable, zero total weight)."""
    if not values or aggregation == "none":
        return None
    if aggregation == "sum":
        return sum(values, Decimal(0))
    total_weight = sum(weights, Decimal(0))
    if not total_weight:
        return None
    return sum((v * w for v, w in zip(values, weights, strict=True)), Decimal(0)) / total_weight


def backcast(aggregation, predecessors, values, weights=None):
    """A successor commune's figure for a period before it existed.

    ``predecessors``: ``[(unit_id, relation)]``; ``values``/``weights``: ``{unit_id: Decimal}``.
    """
    if any(relation == "part" for _id, relation in predecessors):
        return Derived(None, SPLIT)
    if not predecessors or any(uid not in values for uid, _r in predecessors):
        return Derived(None, MISSING)
    if aggregation == "none":
        if len(predecessors) == 1:
            return Derived(values[predecessors[0][0]], parts=[predecessors[0][0]])
        return Derived(None, NOT_AGGREGABLE)
    ids = [uid for uid, _r in predecessors]
    if aggregation == "weighted_mean":
        if weights is None or any(uid not in weights for uid in ids):
            return Derived(None, NO_WEIGHT)
        return Derived(combine(aggregation, [values[i] for i in ids], [weights[i] for i in ids]), parts=ids)
    return Derived(combine(aggregation, [values[i] for i in ids]), parts=ids)


def _totals(indicator, period, unit_ids):
    rows = queries.approved_values(indicator=indicator, period=period, unit_ids=unit_ids, disaggregation="")
    return {row["unit_id"]: row["value"] for row in rows}


def successor_value(indicator, unit, period):
    """``Derived`` for ``unit`` (a post-2025 commune) and a ``period`` string before its creation."""
    links = list(unit.succession_from.values_list("predecessor_id", "relation"))
    ids = [uid for uid, _r in links]
    values = _totals(indicator, period, ids)
    weights = _totals(indicator.denominator, period, ids) if indicator.denominator_id else None
    return backcast(indicator.aggregation, links, values, weights)


def province_total(indicator, province, period, *, values=None, weights=None):
    """The province figure for ``period``: its communes in force at the period's end, combined.

    Returns ``Derived`` with ``parts`` the commune ids that entered (a rate needs both the
    value and the denominator of a commune)."""
    from content.models import AdministrativeUnit

    end = periods.parse(period).end
    communes = list(
        AdministrativeUnit.objects.communes()
        .valid_on(end)
        .filter(models_q_under(province))
        .values_list("pk", flat=True)
    )
    values = _totals(indicator, period, communes) if values is None else values
    if indicator.aggregation == "none":
        return Derived(None, NOT_AGGREGABLE)
    ids = [c for c in communes if c in values]
    if indicator.aggregation == "weighted_mean":
        weights = _totals(indicator.denominator, period, communes) if weights is None else weights
        ids = [c for c in ids if c in weights]
        return Derived(combine("weighted_mean", [values[i] for i in ids], [weights[i] for i in ids]), parts=ids)
    return Derived(combine("sum", [values[i] for i in ids]), parts=ids)


def models_q_under(province):
    """Communes whose parent, or parent's parent (the district before 2025), is ``province``."""
    from django.db.models import Q

    return Q(parent=province) | Q(parent__parent=province)
