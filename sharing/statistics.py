"""The one place the sharing app reads statistics: ``stats.queries`` (approved figures
only; restricted indicators only when the caller holds ``stats:restricted``). The agency
endpoints, the statistics datasets and the webhook payloads all go through here, so no
draft or submitted value can reach any of them."""

from django.apps import apps
from django.utils.translation import gettext_lazy as _

from content.api.errors import ApiError

NOT_AVAILABLE = _("Statistics are not available on this installation yet.")
BAD_PERIOD = _("Bad period: use 2024, 2024S1, 2024Q3 or 202407.")

# The fields an agency reads (the rows' internal ids and coordinates stay inside).
PUBLIC_FIELDS = (
    "indicator",
    "indicator_unit",
    "unit_code",
    "unit_name",
    "unit_level",
    "unit_valid_from",
    "unit_valid_to",
    "period",
    "disaggregation_key",
    "disaggregation",
    "value",
    "sample",
    "source",
    "approved_at",
)


def available():
    return apps.is_installed("stats")


def rows(**filters):
    """Approved values as ``stats.queries`` gives them (a generator)."""
    if not available():
        raise ApiError(503, "stats_unavailable", NOT_AVAILABLE)
    from stats import queries

    return queries.approved_values(**filters)


def _json(value):
    from datetime import date, datetime
    from decimal import Decimal

    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def values(*, indicator=None, unit=None, period=None, include_restricted=False):
    """The agency answer: approved values as JSON-ready dicts (a bad period is a 400)."""
    if period is not None and available():
        from stats import periods

        if not periods.is_valid(period):
            raise ApiError(400, "invalid_period", BAD_PERIOD)
    return [
        {name: _json(row[name]) for name in PUBLIC_FIELDS}
        for row in rows(indicator=indicator, unit=unit, period=period, include_restricted=include_restricted)
    ]


def datasets():
    if not available():
        return []
    from stats import queries

    return queries.datasets()
