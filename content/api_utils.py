"""Shared plumbing of /api/v1/: JSON errors, conditional GET, locales, paging.

How another app's router reuses it (see ``content/community_api.py``)::

    from content.api_utils import ApiError, check_params, conditional, request_locale

    @router.get("/things", response={200: ThingList, 304: None, 400: ErrorOut})
    def things(request, locale: str | None = None):
        check_params(request, {"locale"})              # unknown query parameter → 400
        code = request_locale(locale)                  # unknown locale → 400
        data = {...}
        return conditional(request, ThingList, data)   # ETag, Last-Modified, 304

Every error raised as ``ApiError(status, code, message)`` (or Django's Http404,
ninja's validation errors) becomes ``{"code": "...", "message": "..."}`` with the
message in the reader's language (``install_error_handlers`` is called once by
``cms/api.py``).
"""

import hashlib
import json
from datetime import datetime
from functools import cache

import orjson
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponse, HttpResponseNotModified
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.http import http_date, parse_http_date_safe
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError, HttpError, ValidationError
from pydantic import TypeAdapter

from .locales import DEFAULT_LANGUAGE, fallback_chain, normalise_language

PUBLIC_CACHE = "public, max-age=60"
LONG_PUBLIC_CACHE = "public, max-age=3600"
PRIVATE_CACHE = "private, no-store"
MAX_LIMIT = 100
DEFAULT_LIMIT = 20
API_URLCONF = "cms.api"  # a URLconf with only /api/v1/ (see error_response)
MESSAGE_LANGUAGES = ("vi", "en")  # API messages exist in these; others fall back along the chain


class ApiError(Exception):
    """A 4xx the client should handle: machine ``code`` + translated ``message``."""

    def __init__(self, status, code, message, detail=None, headers=None):
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.detail = detail
        self.headers = headers or {}


def message_language(request):
    """Language for human messages: ``?locale=`` first, then Accept-Language."""
    code = normalise_language(request.GET.get("locale")) if request is not None else None
    if code is None and request is not None:
        code = normalise_language(translation.get_language_from_request(request))
    for candidate in fallback_chain(code or DEFAULT_LANGUAGE):
        if candidate in MESSAGE_LANGUAGES:
            return candidate
    return DEFAULT_LANGUAGE


def error_response(request, status, code, message_fn, detail=None, headers=None):
    """A JSON error; ``message_fn`` is called inside the reader's language."""
    with translation.override(message_language(request)):
        message = str(message_fn() if callable(message_fn) else message_fn)
    body = {"code": code, "message": message}
    if detail is not None:
        body["detail"] = detail
    response = HttpResponse(
        json.dumps(body, ensure_ascii=False, cls=DjangoJSONEncoder),
        status=status,
        content_type="application/json; charset=utf-8",
    )
    response["Cache-Control"] = "no-store"
    for key, value in (headers or {}).items():
        response[key] = value
    patch_vary_headers(response, ["Accept-Language"])
    if status == 404 and request is not None:
        # LocaleMiddleware would turn an API 404 into a redirect to /vi/api/…/ (the page
        # catch-all matches it); under the API's own URLconf it has no i18n patterns to try.
        request.urlconf = API_URLCONF
    return response


def _validation_detail(errors):
    """Pydantic's error list without the offending input (it may be large or private)."""
    return [
        {
            "loc": [str(p) for p in err.get("loc", [])],
            "msg": str(err.get("msg", "")),
            "type": str(err.get("type", "")),
        }
        for err in errors
    ]


def install_error_handlers(api):
    """Make every 4xx of ``api`` a JSON ``{"code", "message"}`` in the reader's language."""

    @api.exception_handler(ApiError)
    def _api_error(request, exc):
        return error_response(request, exc.status, exc.code, exc.message, exc.detail, exc.headers)

    @api.exception_handler(Http404)
    def _not_found(request, exc):
        return error_response(request, 404, "not_found", lambda: _("Not found."))

    @api.exception_handler(AuthenticationError)
    def _unauthenticated(request, exc):
        return error_response(
            request,
            401,
            "unauthenticated",
            lambda: _("Sign in first: send 'Authorization: Bearer <token>'."),
            headers={"WWW-Authenticate": "Bearer"},
        )

    @api.exception_handler(HttpError)
    def _http_error(request, exc):
        if exc.status_code == 429:
            return error_response(request, 429, "rate_limited", lambda: _("Too many attempts. Try again later."))
        if exc.status_code == 400 and "Cannot parse request body" in str(exc):
            return error_response(request, 400, "malformed_json", lambda: _("The request body is not valid JSON."))
        return error_response(request, exc.status_code, "error", str(exc))

    @api.exception_handler(ValidationError)
    def _invalid(request, exc):
        errors = list(exc.errors)
        if any("Cannot parse request body" in str(e.get("msg", "")) for e in errors):
            return error_response(request, 400, "malformed_json", lambda: _("The request body is not valid JSON."))
        return error_response(
            request,
            422,
            "invalid_parameters",
            lambda: _("Some parameters are missing or have the wrong type."),
            detail=_validation_detail(errors),
        )


# ---------------------------------------------------------------------------
# Query parameters
# ---------------------------------------------------------------------------


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
    code = normalise_language(value)
    if code is None:
        raise ApiError(400, "unknown_locale", lambda: _("Unknown locale “%(code)s”.") % {"code": value})
    return code


def invalid_filter(name, value, allowed=None):
    """400 for a filter value outside its choices (``allowed`` is listed in ``detail``)."""
    return ApiError(
        400,
        "invalid_filter",
        lambda: _("“%(value)s” is not a valid value for %(name)s.") % {"value": value, "name": name},
        detail={"allowed": list(allowed)} if allowed is not None else None,
    )


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
        return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")

    following = url(offset + limit) if offset + limit < count else None
    previous = url(max(offset - limit, 0)) if offset > 0 else None
    return following, previous


# ---------------------------------------------------------------------------
# Conditional GET
# ---------------------------------------------------------------------------


@cache
def _adapter(schema):
    return TypeAdapter(schema)


def dump(schema, data):
    """Validate ``data`` against ``schema`` and return compact UTF-8 JSON bytes."""
    if schema is not None:
        adapter = _adapter(schema)
        data = adapter.dump_python(adapter.validate_python(data), mode="json", by_alias=True)
        return orjson.dumps(data)  # JSON-native after pydantic: compact UTF-8, fast
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), cls=DjangoJSONEncoder).encode()


def json_with(head, **raw):
    """``head`` as a compact JSON object, plus members whose values are already
    JSON (bytes, e.g. items validated and kept one by one): the list and sync
    envelopes are assembled around kept item JSON instead of re-validating it."""
    body = orjson.dumps(head)[:-1]
    for name, value in raw.items():
        body += (b"," if len(body) > 1 else b"") + orjson.dumps(name) + b":" + value
    return body + b"}"


def json_array(items):
    """A JSON array of items that are already JSON (bytes)."""
    return b"[" + b",".join(items) + b"]"


def _etag_matches(header, etag):
    if header.strip() == "*":
        return True
    bare = etag.strip('"')
    for candidate in header.split(","):
        candidate = candidate.strip()
        if candidate.startswith("W/"):
            candidate = candidate[2:]
        if candidate.strip('"') == bare or candidate.strip('"') == f"{bare}-gzip":
            return True
    return False


def conditional(request, schema, data, cache_control=PUBLIC_CACHE, last_modified=None, status=200):
    """JSON response with a strong ETag (hash of the body) and Last-Modified; 304 when fresh.

    ``last_modified`` is a datetime (e.g. the newest SyncEvent of the locales served).
    GZipMiddleware later weakens the ETag (``W/``); comparison accepts both forms.
    """
    body = dump(schema, data)
    return conditional_bytes(
        request, body, "application/json; charset=utf-8", cache_control, last_modified, status
    )


def conditional_bytes(request, body, content_type, cache_control=PUBLIC_CACHE, last_modified=None, status=200):
    etag = f'"{hashlib.sha256(body).hexdigest()[:40]}"'
    headers = {"ETag": etag, "Cache-Control": cache_control}
    if isinstance(last_modified, datetime):
        headers["Last-Modified"] = http_date(last_modified.timestamp())
    fresh = False
    inm = request.headers.get("If-None-Match")
    if inm is not None:
        fresh = _etag_matches(inm, etag)
    elif isinstance(last_modified, datetime):
        since = parse_http_date_safe(request.headers.get("If-Modified-Since", ""))
        fresh = since is not None and int(last_modified.timestamp()) <= since
    if fresh and request.method in ("GET", "HEAD"):
        response = HttpResponseNotModified()
    else:
        response = HttpResponse(body, status=status, content_type=content_type)
    for key, value in headers.items():
        response[key] = value
    patch_vary_headers(response, ["Accept-Language", "Authorization"])
    return response


def private_json(request, schema, data, status=200):
    """Personal data: never cached by browsers or proxies."""
    response = HttpResponse(dump(schema, data), status=status, content_type="application/json; charset=utf-8")
    response["Cache-Control"] = PRIVATE_CACHE
    patch_vary_headers(response, ["Authorization"])
    return response
