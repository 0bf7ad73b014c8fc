"""Fixtures shared by every app's tests: locales, the site's home pages, users."""

import io
import os
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.core.cache import cache, caches
from django.core.cache.backends.db import DatabaseCache

from tests.factories import LOCALES


@pytest.fixture(autouse=True, scope="session")
def _media_root(tmp_path_factory):
    """Uploads, renditions, bundles and certificates of a test run go to a folder of its own.

    Each pytest-xdist worker has its own, so parallel workers never write the same file, and a
    test run never leaves files in the project's ``media/``. ``override_settings`` (not a plain
    assignment) so the storages drop their cached location.
    """
    from django.test import override_settings

    with override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media")):
        yield


def worker_redis_url(url, worker):
    """``url`` with a Redis database of the pytest-xdist ``worker``'s own (gw0 → the next
    database after the configured one, gw1 the one after, …, modulo Redis's 16)."""
    parts = urlsplit(url)
    configured = int(parts.path.strip("/") or 0)
    number = int(worker.removeprefix("gw") or 0)
    return urlunsplit(parts._replace(path=f"/{(configured + 1 + number) % 16}"))


@pytest.fixture(autouse=True, scope="session")
def _redis_per_worker():
    """With ``REDIS_URL`` set (the suite then runs on the real Redis), each xdist worker uses
    a Redis database of its own: ``cache.clear()`` is a ``FLUSHDB``, and one worker's
    clear must not empty what another worker's test has just kept."""
    from django.conf import settings
    from django.test import override_settings

    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if not (worker and getattr(settings, "REDIS_URL", "")):
        yield
        return
    url = worker_redis_url(settings.REDIS_URL, worker)
    moved = {
        name: {**config, "LOCATION": url} if "redis" in config["BACKEND"].lower() else config
        for name, config in settings.CACHES.items()
    }
    with override_settings(CACHES=moved, REDIS_URL=url):  # the cache handlers start again
        yield


@pytest.fixture(scope="module")
def demo_loaded(django_db_setup, django_db_blocker):
    """The demo, loaded once for a test module inside a transaction rolled back at its end
    (loading it takes minutes; each test still runs in a transaction of its own)."""
    from django.core.management import call_command
    from django.db import transaction

    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo_content", stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


def _clear_limits():
    """The shared rate-limit cache (content.clients): Redis is cleared here; the
    database's cache table rolls back with each test's transaction."""
    limits = caches["limits"]
    if not isinstance(limits, DatabaseCache):
        limits.clear()


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    _clear_limits()
    yield
    cache.clear()
    _clear_limits()


@pytest.fixture(autouse=True)
def _public_base_url(settings):
    """Absolute URLs come from WAGTAILADMIN_BASE_URL (content.baseurl), not the request's
    host: tests name the test client's host, so the URLs they read are the ones they get."""
    settings.WAGTAILADMIN_BASE_URL = settings.WAGTAILAPI_BASE_URL = "http://testserver"


@pytest.fixture
def locales(db):
    from wagtail.models import Locale

    return {code: Locale.objects.get_or_create(language_code=code)[0] for code in LOCALES}


@pytest.fixture
def home(locales):
    """The Vietnamese home page as root of the default site, plus its English translation."""
    from content.demo_loader import DemoLoader, ensure_root_home

    loader = DemoLoader(io.StringIO())
    home = ensure_root_home(loader)
    loader.translate(home, "en", title="Nhà Rông", summary="Heritage and learning")
    return home


@pytest.fixture
def all_homes(home):
    """Home pages in all five languages."""
    from content.demo_loader import DemoLoader

    loader = DemoLoader(io.StringIO())
    return {"vi": home, **{c: loader.translate(home, c, title=f"Nhà Rông {c}") for c in LOCALES[1:]}}


@pytest.fixture
def demo_loader():
    from content.demo_loader import DemoLoader

    return DemoLoader(io.StringIO())


@pytest.fixture
def wsgi_app():
    """``cms.wsgi.application``, the production WSGI application, for a WSGI client.

    Django's handler closes "old" connections at each request's start and end; inside
    the test's transaction that would close the test's own connection (on PostgreSQL
    the next query fails: a 503). Django's test client steps these receivers aside
    the same way."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    from cms.wsgi import application

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield application
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)
