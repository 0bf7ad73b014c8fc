"""The seam to the statistics app (``stats``, built in parallel on its own branch).

SEAM: until ``stats`` is merged, ``values`` answers 503 "statistics not available";
after the merge it reads ``stats.queries.approved_values`` (approved figures only)."""

from django.apps import apps
from django.utils.translation import gettext_lazy as _

from content.api.errors import ApiError

NOT_AVAILABLE = _("Statistics are not available on this installation yet.")


def available():
    return apps.is_installed("stats")


def values(*, indicator=None, unit=None, period=None, include_restricted=False):
    if not available():
        raise ApiError(503, "stats_unavailable", NOT_AVAILABLE)
    raise ApiError(503, "stats_unavailable", NOT_AVAILABLE)
