"""In-process measurements that do not depend on the machine: SQL queries per
request (uncached and cached), response bytes and gzip bytes."""

import gzip

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings


def measure(url, cached=False):
    """(status, queries, bytes, gzip bytes) for one anonymous GET of ``url``.

    One warm-up request first (it creates image renditions once), then the
    measured one. Uncached: the page cache is off, so the view renders.
    Cached: the measured request is a cache hit."""
    with override_settings(PAGE_CACHE_ENABLED=cached):
        client = Client()
        client.get(url)  # warm-up: renditions, lazy state, and for cached a stored copy
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
