"""Security headers on public pages, the API and the admin; production settings
pass ``check --deploy`` without a warning."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _csp_directives(response):
    policy = response["Content-Security-Policy"]
    return {d.split()[0]: d.split()[1:] for d in (p.strip() for p in policy.split(";")) if d}


@pytest.mark.django_db
def test_public_page_has_strict_csp_and_security_headers(client, home):
    response = client.get("/vi/")
    assert response.status_code == 200
    directives = _csp_directives(response)
    assert directives["script-src"] == ["'self'"]
    assert "'unsafe-inline'" not in directives["script-src"]
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'self'"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert "camera=()" in response["Permissions-Policy"]
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


@pytest.mark.django_db
def test_public_templates_contain_no_inline_script(client, home):
    """The CSP forbids inline scripts, so the pages must not rely on any."""
    html = client.get("/vi/").content.decode()
    for chunk in html.split("<script")[1:]:
        tag = chunk.split(">", 1)[0]
        assert "src=" in tag or "application/json" in tag or "ld+json" in tag, tag
    assert " onclick=" not in html and " onload=" not in html


@pytest.mark.django_db
def test_api_gets_the_same_headers(client):
    response = client.get("/api/v1/locales")
    assert response.status_code == 200
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
def test_admin_login_cannot_be_framed_by_others(client):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    assert "frame-ancestors 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "SAMEORIGIN"


def _production_env(**extra):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    env.update(
        DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="nharong.example.org",
        WAGTAILADMIN_BASE_URL="https://nharong.example.org",
        **extra,
    )
    return env


def test_check_deploy_is_clean_in_production():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=_production_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_settings_are_secure():
    code = (
        "from django.conf import settings as s;"
        "print(s.SECURE_HSTS_SECONDS, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE,"
        " s.SECURE_SSL_REDIRECT, s.STORAGES['staticfiles']['BACKEND'], s.WHITENOISE_MAX_AGE)"
    )
    result = subprocess.run(
        [sys.executable, "-c", f"import django;django.setup();{code}"],
        cwd=ROOT,
        env={**_production_env(), "DJANGO_SETTINGS_MODULE": "cms.settings"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    hsts, session_secure, csrf_secure, redirect, storage, max_age = result.stdout.split()
    assert int(hsts) >= 31536000
    assert session_secure == csrf_secure == redirect == "True"
    assert storage == "cms.storage.StaticFilesStorage"  # whitenoise compressed manifest
    assert int(max_age) >= 31536000


def test_production_refuses_to_start_without_secret_key():
    env = _production_env()
    env.pop("DJANGO_SECRET_KEY")
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr
