"""cms.wsgi answers kept pages before Django's request cycle (``KeptResponses``): the
same bytes and headers as the page cache's own hit, no SQL, and everything it must
not answer (a miss, a stale page, cross-origin, another scheme, a refused host, a
personal request, a write) goes to Django."""

import os

import pytest
from django.core.cache import cache
from django.test import RequestFactory

from cms.middleware.pagecache import KeptResponses

pytestmark = pytest.mark.django_db


class Django:
    """Stands in for Django's WSGI handler: records that the request reached it."""

    def __init__(self):
        self.calls = []

    def __call__(self, environ, start_response):
        self.calls.append(environ["PATH_INFO"])
        start_response("418 I'm a teapot", [("Content-Type", "text/plain")])
        return [b"django"]


def call(app, path="/vi/", method="GET", **extra):
    answered = {}

    def start_response(status, headers, exc_info=None):
        answered.update(status=status, headers=dict(headers))

    environ = RequestFactory().generic(method, path, **extra).environ
    body = b"".join(app(environ, start_response))
    return answered["status"], answered["headers"], body


def test_a_kept_page_is_answered_with_the_same_bytes_and_headers_and_no_sql(kept, django_assert_num_queries):
    url, hit = kept
    django = Django()
    with django_assert_num_queries(0):
        status, headers, body = call(KeptResponses(django), url)
    assert django.calls == []
    assert status == "200 OK" and body == hit.content
    assert headers["X-Cache"] == "HIT"
    for name in ("Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy", "ETag", "Content-Type"):
        assert headers[name] == hit[name], name


def test_a_revalidation_gets_304_from_the_shortcut(kept):
    url, hit = kept
    django = Django()
    status, headers, body = call(KeptResponses(django), url, HTTP_IF_NONE_MATCH=hit["ETag"])
    assert django.calls == [] and status.startswith("304") and body == b""


@pytest.mark.parametrize(
    "extra",
    [
        {"HTTP_ORIGIN": "https://agency.example"},  # CORS headers depend on it
        {"HTTP_AUTHORIZATION": "Bearer x"},
        {"HTTP_HOST": "evil.example"},  # Django refuses it (400), the shortcut must not answer
        {"wsgi.url_scheme": "https"},  # kept per scheme (the security middleware's redirect, HSTS)
        {"HTTP_ACCEPT_LANGUAGE": "en"},  # another variant, not kept yet
    ],
    ids=["origin", "authorization", "refused-host", "https", "other-language"],
)
def test_what_the_cache_may_not_answer_goes_to_django(kept, extra):
    url, _hit = kept
    django = Django()
    status, _headers, body = call(KeptResponses(django), url, **extra)
    assert django.calls == [url] and body == b"django"


def test_writes_and_unknown_pages_go_to_django(kept):
    url, _hit = kept
    django = Django()
    assert call(KeptResponses(django), url, method="POST")[2] == b"django"
    assert call(KeptResponses(django), "/vi/nowhere/")[2] == b"django"
    assert call(KeptResponses(django), "/admin/")[2] == b"django"
    assert django.calls == [url, "/vi/nowhere/", "/admin/"]


def test_a_publish_makes_the_shortcut_step_aside(kept, festival):
    url, _hit = kept
    festival.title = "Lễ mừng lúa mới (đổi tên)"
    festival.save_revision().publish()
    django = Django()
    assert call(KeptResponses(django), url)[2] == b"django"


def test_a_session_cookie_is_served_a_page_that_does_not_vary_on_cookies(kept, settings):
    url, hit = kept
    django = Django()
    status, _headers, body = call(KeptResponses(django), url, HTTP_COOKIE=f"{settings.SESSION_COOKIE_NAME}=abc")
    assert "cookie" not in hit.get("Vary", "").lower()
    assert django.calls == [] and body == hit.content


def test_a_path_outside_wsgi_latin1_goes_to_django(kept):
    django = Django()
    environ = RequestFactory().get("/vi/").environ
    environ["PATH_INFO"] = "/api/v1/sections/\u0100"  # what a fuzzer's client may send
    body = b"".join(KeptResponses(django)(environ, lambda status, headers, exc_info=None: None))
    assert body == b"django" and django.calls == ["/api/v1/sections/\u0100"]


def test_django_gets_the_environ_as_the_server_sent_it(kept):
    """WSGIRequest writes the decoded path back into the environ it reads: the shortcut
    reads a copy, so Django (on a miss) still gets the server's latin-1 PATH_INFO."""
    django = Django()
    raw = "/api/v1/sections/\u0100".encode().decode("latin-1")  # UTF-8 bytes, as WSGI sends them
    environ = RequestFactory().get("/vi/").environ
    environ["PATH_INFO"] = raw
    b"".join(KeptResponses(django)(environ, lambda status, headers, exc_info=None: None))
    assert django.calls == [raw]


def test_the_production_application_is_wrapped_and_answers_odd_paths(kept, django_assert_num_queries, wsgi_app):
    from werkzeug.test import Client

    assert isinstance(wsgi_app, KeptResponses)
    browser = Client(wsgi_app)
    assert browser.get("/vi/\u0100/").status_code == 404
    first = browser.get(kept[0])
    with django_assert_num_queries(0):
        again = browser.get(kept[0])
    assert (first.headers["X-Cache"], again.headers["X-Cache"]) == ("MISS", "HIT")
    assert again.data == first.data and again.headers["ETag"] == first.headers["ETag"]


def test_a_server_can_import_the_application_in_a_new_process():
    """granian and gunicorn import ``cms.wsgi`` before Django is set up."""
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    done = subprocess.run(
        [sys.executable, "-c", "import cms.wsgi; print(type(cms.wsgi.application).__name__)"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.stdout.strip() == "KeptResponses", done.stderr[-2000:]


def test_a_cleared_cache_is_not_answered_from_the_worker_copy(kept):
    url, _hit = kept
    django = Django()
    assert call(KeptResponses(django), url)[0] == "200 OK" and django.calls == []  # from the worker's copy
    cache.clear()  # an operator's clear_cache, or the entry culled
    call(KeptResponses(django), url)
    assert django.calls == [url]
