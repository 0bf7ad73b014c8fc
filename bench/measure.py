"""In-process measurements that do not depend on the machine: SQL queries per
request (cold, uncached and cached), response bytes and gzip bytes."""

import gzip

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings

from .modes import MODES


def measure(url, cached=False, mode=None):
    """(status, queries, bytes, gzip bytes) for one anonymous GET of ``url``.

    Two warm-up requests first (the first creates image renditions once and, with
    the response cache off, learns which cache tags the URL's response reads; the
    second keeps its fragments under them: ``cms.middleware.pagecache``), then the
    measured one. ``mode``: "cold" renders everything (no cache at all);
    "uncached" (the default) has the response cache off, so the view runs, with
    routes, menus and fragments kept from the warm-ups; "cached" (or
    ``cached=True``) is a response-cache hit."""
    mode = mode or ("cached" if cached else "uncached")
    with override_settings(**MODES[mode]):
        client = Client()
        for _warm_up in range(2):  # renditions, lazy state, kept fragments, a stored copy
            client.get(url)
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
    body = response.content
    return {
        "status": response.status_code,
        "queries": len(ctx.captured_queries),
        "bytes": len(body),
        "gzip_bytes": len(gzip.compress(body, 6)),
        "sql": [q["sql"] for q in ctx.captured_queries],
    }
