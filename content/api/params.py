"""Query parameters of /api/v1/: unknown names, the locale, limit/offset, paging links.

Typos must not pass silently: ``check_params`` answers a 400 naming the unknown
parameters. Limits are stated here once (``MAX_LIMIT``) for the checks and for
the OpenAPI document.
"""

from django.utils.translation import gettext as _
from ninja import Query

from ..baseurl import absolute
from ..locales import DEFAULT_LANGUAGE, language_codes, normalize_language
from .errors import ApiError

MAX_LIMIT = 100
DEFAULT_LIMIT = 20
MAX_OFFSET = 2**31 - 1  # a larger offset overflows the database's integer


def locale_doc():
    """The OpenAPI form of ``?locale=``: the enum generated clients need. The value is
    checked by ``request_locale`` (a 400 ``unknown_locale`` in the reader's language),
    so the schema states the rule without pydantic enforcing it a second time."""
    codes = list(language_codes())
    return {
        "description": f"One of {', '.join(codes)} (default {DEFAULT_LANGUAGE}).",
        "json_schema_extra": {"enum": codes},
    }


def limit_doc(maximum=MAX_LIMIT, default=DEFAULT_LIMIT):
    """The OpenAPI form of ``?limit=``, with the bounds ``check_limit`` enforces."""
    return {
        "description": f"Items per answer, 1–{maximum} (default {default}).",
        "json_schema_extra": {"minimum": 1, "maximum": maximum},
    }


def offset_doc():
    return {
        "description": "Items to skip.",
        "json_schema_extra": {"minimum": 0, "maximum": MAX_OFFSET},
    }


def LocaleQuery():  # noqa: N802 (used like ninja's Query)
    """``locale: str | None = LocaleQuery()`` on an endpoint's signature."""
    doc = locale_doc()
    param = Query(None, description=doc["description"])
    param.json_schema_extra = doc["json_schema_extra"]  # ninja's Query() keeps this keyword for itself
    return param


def LimitQuery(maximum=MAX_LIMIT, default=DEFAULT_LIMIT):  # noqa: N802
    doc = limit_doc(maximum, default)
    param = Query(default, description=doc["description"])
    param.json_schema_extra = doc["json_schema_extra"]
    return param


def check_params(request, allowed):
    """Reject query parameters the endpoint does not know (typos must not pass silently)."""
    unknown = sorted(set(request.GET.keys()) - set(allowed))
    if unknown:
        raise ApiError(
            400,
            "unknown_parameter",
            lambda: _("Unknown query parameter(s): %(names)s.") % {"names": ", ".join(unknown)},
            detail={"unknown": unknown, "allowed": sorted(allowed)},
        )


def request_locale(value):
    """A supported language code from ``?locale=`` (default: the site's), or 400."""
    if value in (None, ""):
        return DEFAULT_LANGUAGE
    code = normalize_language(value)
    if code is None:
        raise ApiError(400, "unknown_locale", lambda: _("Unknown locale “%(code)s”.") % {"code": value})
    return code


def check_limit(limit, offset):
    if limit is None:
        limit = DEFAULT_LIMIT
    if not 1 <= limit <= MAX_LIMIT:
        raise ApiError(
            400,
            "invalid_limit",
            lambda: _("limit must be between 1 and %(max)s.") % {"max": MAX_LIMIT},
        )
    if offset is None:
        offset = 0
    if offset < 0:
        raise ApiError(400, "invalid_offset", lambda: _("offset must not be negative."))
    return limit, offset


def page_links(request, count, limit, offset):
    """Absolute ``next``/``previous`` URLs of a paginated list (None at the ends)."""

    def url(new_offset):
        query = request.GET.copy()
        query["offset"] = str(new_offset)
        query["limit"] = str(limit)
        return absolute(f"{request.path}?{query.urlencode()}")

    following = url(offset + limit) if offset + limit < count else None
    previous = url(max(offset - limit, 0)) if offset > 0 else None
    return following, previous
