"""Conditional GET, once for the API and the page cache: ETag, Last-Modified, 304.

Django's ``get_conditional_response`` evaluates the preconditions (RFC 9110
§13.2.2: If-None-Match with weak comparison, so a ``W/`` tag from the
compression middleware still matches, and If-Modified-Since only without it);
this module adds what both callers need around it: the strong ETag of a body
and the headers a 304 keeps.
"""

import hashlib
from datetime import datetime

from django.http import HttpResponseNotModified
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, parse_http_date_safe

# Headers a 304 repeats from the full response (RFC 9110 §15.4.5, plus ours).
KEPT_ON_304 = ("ETag", "Last-Modified", "Cache-Control", "Vary", "Content-Language", "Expires", "X-Cache")


def body_etag(body):
    """A strong ETag for response bytes."""
    return f'"{hashlib.sha256(body).hexdigest()[:40]}"'


def _timestamp(last_modified):
    if isinstance(last_modified, datetime):
        return int(last_modified.timestamp())
    if isinstance(last_modified, str):
        return parse_http_date_safe(last_modified)
    return last_modified


def is_not_modified(request, etag=None, last_modified=None):
    """True when a GET or HEAD may be answered 304 (the client's copy is fresh).

    ``last_modified`` is a datetime, an HTTP date string or a timestamp."""
    if request.method not in ("GET", "HEAD"):
        return False
    answer = get_conditional_response(request, etag=etag, last_modified=_timestamp(last_modified))
    return answer is not None and answer.status_code == 304


def not_modified_from(response):
    """The 304 for a full ``response``: no body, its validators and caching headers."""
    answer = HttpResponseNotModified()
    for header in KEPT_ON_304:
        if header in response:
            answer[header] = response[header]
    return answer


def last_modified_header(value):
    """An HTTP date for a datetime (None stays None)."""
    return http_date(value.timestamp()) if isinstance(value, datetime) else None
