"""The database unavailable gives a 503 page, never a stack trace.

Runs a production-configured process against a PostgreSQL address where
nothing listens (a real connection failure, nothing mocked)."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = """
import json, django
django.setup()
from django.test import Client
client = Client(raise_request_exception=False)
out = {}
for url in ("/vi/", "/vi/some/page/", "/api/v1/sections?locale=vi"):
    r = client.get(url, secure=True)
    out[url] = [r.status_code, r.content.decode("utf-8", "replace"), r.get("Retry-After")]
print(json.dumps(out))
"""


def test_database_down_gives_503_without_traceback():
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    env.update(
        DJANGO_SETTINGS_MODULE="cms.settings",
        DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="testserver",
        DATABASE_URL="postgres://postgres@127.0.0.1:9/unreachable",
        DJANGO_LOG_LEVEL="CRITICAL",
        PGCONNECT_TIMEOUT="2",
    )
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout.strip().splitlines()[-1])
    for url, (status, body, retry_after) in out.items():
        assert status == 503, (url, status, body[:500])
        assert retry_after == "60"
        assert "Traceback" not in body and "OperationalError" not in body
        assert "127.0.0.1" not in body and "postgres" not in body.lower()
        assert "Vui lòng thử lại" in body
    # The API answers in its own form, JSON {code, message} (issue 16, case 14).
    status, body, _retry = out["/api/v1/sections?locale=vi"]
    assert json.loads(body)["code"] == "database_unavailable"
