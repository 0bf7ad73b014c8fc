"""Responses of /api/v1/: validated compact JSON, kept item JSON assembled into
envelopes, conditional GET, and private (never cached) personal data.

How an app's router uses them::

    from content.api.params import check_params, request_locale
    from content.api.responses import conditional

    @router.get("/things", response={200: ThingList, 304: None, 400: ErrorOut})
    def things(request, locale: str | None = None):
        check_params(request, {"locale"})              # unknown query parameter → 400
        code = request_locale(locale)                  # unknown locale → 400
        return conditional(request, ThingList, {...})  # ETag, Last-Modified, 304
"""

import json
from functools import cache

import orjson
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.utils.cache import patch_vary_headers
from ninja.renderers import JSONRenderer
from pydantic import TypeAdapter

from .conditional import body_etag, is_not_modified, last_modified_header, not_modified_from

PUBLIC_CACHE = "public, max-age=60"
LONG_PUBLIC_CACHE = "public, max-age=3600"
PRIVATE_CACHE = "private, no-store"


class CompactJSONRenderer(JSONRenderer):
    """What django-ninja renders (answers built from dicts, errors) in the same form as
    the kept JSON of pages: compact, with Vietnamese letters as UTF-8, not ``\\u1ea1``
    escapes (a third longer, and unreadable in a log)."""

    json_dumps_params = {"ensure_ascii": False, "separators": (",", ":")}


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


def conditional(request, schema, data, cache_control=PUBLIC_CACHE, last_modified=None, status=200):
    """JSON response with a strong ETag (hash of the body) and Last-Modified; 304 when fresh.

    ``last_modified`` is a datetime (e.g. the newest SyncEvent of the locales served).
    """
    body = dump(schema, data)
    return conditional_bytes(
        request, body, "application/json; charset=utf-8", cache_control, last_modified, status
    )


def conditional_bytes(request, body, content_type, cache_control=PUBLIC_CACHE, last_modified=None, status=200):
    """``body`` as a response with a strong ETag and Last-Modified, or a 304 when
    the client's copy is fresh (``content.api.conditional``)."""
    response = HttpResponse(body, status=status, content_type=content_type)
    response["ETag"] = body_etag(body)
    response["Cache-Control"] = cache_control
    modified = last_modified_header(last_modified)
    if modified:
        response["Last-Modified"] = modified
    patch_vary_headers(response, ["Accept-Language", "Authorization"])
    if status == 200 and is_not_modified(request, response["ETag"], last_modified):
        return not_modified_from(response)
    return response


def private_json(request, schema, data, status=200):
    """Personal data: never cached by browsers or proxies."""
    response = HttpResponse(dump(schema, data), status=status, content_type="application/json; charset=utf-8")
    response["Cache-Control"] = PRIVATE_CACHE
    patch_vary_headers(response, ["Authorization"])
    return response
