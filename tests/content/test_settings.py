"""Settings come from the environment: embedded defaults, production services, safe start-up."""

import importlib

import pytest
from django.core.exceptions import ImproperlyConfigured

import cms.settings as settings_module

PRODUCTION_VARS = [
    "DJANGO_DEBUG",
    "DJANGO_SECRET_KEY",
    "DJANGO_ALLOWED_HOSTS",
    "DATABASE_URL",
    "REDIS_URL",
    "ELASTICSEARCH_URL",
    "AWS_STORAGE_BUCKET_NAME",
    "AWS_S3_ENDPOINT_URL",
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "EMAIL_HOST",
    "EMAIL_PORT",
    "EMAIL_USE_TLS",
]


@pytest.fixture
def load_settings(monkeypatch):
    """Re-import cms.settings under a given environment, then restore it."""

    def load(**env):
        for name in PRODUCTION_VARS:
            monkeypatch.delenv(name, raising=False)
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        return importlib.reload(settings_module)

    yield load
    monkeypatch.undo()
    importlib.reload(settings_module)


def test_embedded_defaults_need_nothing_installed(load_settings):
    s = load_settings()
    assert s.DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3"
    assert str(s.DATABASES["default"]["NAME"]).endswith("db.sqlite3")
    assert s.CACHES["default"]["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"
    assert (
        s.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"].endswith("database")
        or "database" in (s.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"])
    )
    assert s.STORAGES["default"]["BACKEND"] == "content.files.AtomicFileSystemStorage"
    assert s.EMAIL_BACKEND == "django.core.mail.backends.console.EmailBackend"  # mail is printed
    assert s.DEBUG is True


def test_production_services_from_environment(load_settings):
    s = load_settings(
        DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY="x" * 60,
        DJANGO_ALLOWED_HOSTS="nharong.example.org,www.nharong.example.org",
        DATABASE_URL="postgres://app:secret@db.internal:5432/nharong",
        REDIS_URL="redis://127.0.0.1:6379/1",
        ELASTICSEARCH_URL="http://search.internal:9200",
        AWS_STORAGE_BUCKET_NAME="media",
        AWS_S3_ENDPOINT_URL="https://s3.example.org",
        AWS_ACCESS_KEY_ID="key",
        AWS_SECRET_ACCESS_KEY="secret",
        EMAIL_HOST="mail.example.org",
        EMAIL_PORT="587",
        EMAIL_USE_TLS="true",
    )
    assert s.EMAIL_BACKEND == "django.core.mail.backends.smtp.EmailBackend"
    assert (s.EMAIL_HOST, s.EMAIL_PORT, s.EMAIL_USE_TLS) == ("mail.example.org", 587, True)
    db = s.DATABASES["default"]
    assert db["ENGINE"] == "django.db.backends.postgresql"
    assert (db["NAME"], db["HOST"], db["PORT"], db["USER"]) == ("nharong", "db.internal", 5432, "app")
    assert s.CACHES["default"]["BACKEND"] == "django_redis.cache.RedisCache"
    assert s.CACHES["default"]["LOCATION"] == "redis://127.0.0.1:6379/1"
    assert "elasticsearch" in s.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"]
    assert s.WAGTAILSEARCH_BACKENDS["default"]["URLS"] == ["http://search.internal:9200"]
    assert s.STORAGES["default"]["BACKEND"] == "storages.backends.s3.S3Storage"
    assert s.AWS_S3_ENDPOINT_URL == "https://s3.example.org"
    assert s.ALLOWED_HOSTS == ["nharong.example.org", "www.nharong.example.org"]
    assert s.DEBUG is False
    assert s.SESSION_COOKIE_SECURE and s.CSRF_COOKIE_SECURE and s.SECURE_HSTS_SECONDS > 0


def test_refuses_to_start_without_secret_key_when_not_debugging(load_settings):
    with pytest.raises(ImproperlyConfigured, match="DJANGO_SECRET_KEY"):
        load_settings(DJANGO_DEBUG="false")


def test_five_languages_registered_with_names():
    from django.utils.translation import get_language_info

    s = settings_module
    assert [code for code, _ in s.LANGUAGES] == ["vi", "en", "bdq", "hre", "hro"]
    assert s.LANGUAGE_CODE == "vi"
    for code in ("bdq", "hre", "hro"):
        info = get_language_info(code)
        assert info["name_local"]
