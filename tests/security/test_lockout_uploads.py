"""Repeated failed logins lock the account and the IP out; uploads are limited
in type (no SVG) and size."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from tests.factories import UserFactory, png_bytes

SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>'


def _login(client, username, password, ip="10.0.0.1"):
    return client.post("/admin/login/", {"username": username, "password": password}, REMOTE_ADDR=ip)


@pytest.mark.django_db
def test_account_locked_after_repeated_failures_even_with_right_password(client, settings):
    UserFactory(username="editor", is_staff=True, is_superuser=True)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = _login(client, "editor", "wrong-password")
        assert response.status_code in (200, 429)
    # From another IP, with the right password: still locked (per account).
    response = _login(client, "editor", "correct-horse-42", ip="10.0.0.99")
    assert response.status_code == 429 or response.status_code == 403
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_address_limited_after_many_failures_across_usernames(client, settings):
    settings.LOGIN_ADDRESS_ATTEMPTS = 8
    UserFactory(username="victim", is_staff=True, is_superuser=True)
    for n in range(settings.LOGIN_ADDRESS_ATTEMPTS):
        _login(client, f"guess{n}", "nope", ip="10.0.0.7")
    response = _login(client, "victim", "correct-horse-42", ip="10.0.0.7")
    assert response.status_code in (200, 403, 429)
    assert "_auth_user_id" not in client.session
    assert _login(client, "victim", "correct-horse-42", ip="10.0.0.8").status_code == 302


@pytest.mark.django_db
def test_wrong_passwords_for_one_account_do_not_lock_others_at_the_same_address(client, settings):
    """Issue 16, case 7: the lockout was keyed on the address alone."""
    UserFactory(username="editor", is_staff=True, is_superuser=True)
    UserFactory(username="colleague", is_staff=True, is_superuser=True)
    for _ in range(settings.AXES_FAILURE_LIMIT + 1):
        _login(client, "editor", "wrong-password", ip="10.0.0.5")
    response = _login(client, "colleague", "correct-horse-42", ip="10.0.0.5")
    assert response.status_code == 302
    assert client.session["_auth_user_id"]


@pytest.mark.django_db
def test_client_address_behind_trusted_proxies(rf, settings):
    from content.clients import client_address

    request = rf.get("/", REMOTE_ADDR="10.1.1.1", HTTP_X_FORWARDED_FOR="203.0.113.9, 10.1.1.2")
    assert client_address(request) == "10.1.1.1"  # no trusted proxy: the header is anyone's
    settings.TRUSTED_PROXIES = ["10.1.0.0/16"]
    assert client_address(request) == "203.0.113.9"  # the right-most untrusted hop
    spoofed = rf.get("/", REMOTE_ADDR="198.51.100.4", HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert client_address(spoofed) == "198.51.100.4"  # not from a proxy: header ignored


@pytest.mark.django_db
def test_two_visitors_behind_one_proxy_are_limited_separately(client, settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    settings.LOGIN_ADDRESS_ATTEMPTS = 4
    UserFactory(username="hoa", is_staff=True, is_superuser=True)
    for n in range(settings.LOGIN_ADDRESS_ATTEMPTS + 1):
        client.post(
            "/admin/login/",
            {"username": f"x{n}", "password": "nope"},
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_FORWARDED_FOR="203.0.113.66",
        )
    response = client.post(
        "/admin/login/",
        {"username": "hoa", "password": "correct-horse-42"},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR="203.0.113.77",
    )
    assert response.status_code == 302


def test_limits_are_shared_by_every_worker(settings):
    """Issue 16, case 8: a per-process memory cache multiplies every limit by the workers."""
    from django.core.cache import caches
    from django.core.cache.backends.locmem import LocMemCache

    assert not isinstance(caches["limits"], LocMemCache)
    assert settings.CACHES["limits"]["BACKEND"] in (
        "django.core.cache.backends.db.DatabaseCache",
        "django_redis.cache.RedisCache",
    )


@pytest.mark.django_db
def test_good_login_works_and_resets_failures(client, settings):
    UserFactory(username="mod", is_staff=True, is_superuser=True)
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _login(client, "mod", "wrong")
    response = _login(client, "mod", "correct-horse-42")
    assert response.status_code == 302
    assert client.session["_auth_user_id"]


@pytest.mark.django_db
def test_client_login_without_request_still_works(client):
    """Tests and token views that authenticate without a request are not broken."""
    UserFactory(username="plain")
    assert client.login(username="plain", password="correct-horse-42")


def _image_form(filename, content, content_type):
    from wagtail.images import get_image_model
    from wagtail.images.forms import get_image_form

    form_class = get_image_form(get_image_model())
    upload = SimpleUploadedFile(filename, content, content_type=content_type)
    return form_class(
        data={"title": "Thử", "alt_text": "thử", "credit": "thử", "licence": "CC0-1.0", "collection": 1},
        files={"file": upload},
    )


@pytest.mark.django_db
def test_svg_upload_refused(home):
    form = _image_form("logo.svg", SVG, "image/svg+xml")
    assert not form.is_valid()
    assert "file" in form.errors


@pytest.mark.django_db
def test_svg_disguised_as_png_refused(home):
    form = _image_form("logo.png", SVG, "image/png")
    assert not form.is_valid()
    assert "file" in form.errors


@pytest.mark.django_db
def test_png_upload_accepted(home):
    form = _image_form("ok.png", png_bytes((200, 100)), "image/png")
    assert form.is_valid(), form.errors


@pytest.mark.django_db
def test_oversized_image_refused(home):
    with override_settings(WAGTAILIMAGES_MAX_UPLOAD_SIZE=1000):
        form = _image_form("big.png", png_bytes((800, 800), (1, 2, 3)) + b"\0" * 2000, "image/png")
        assert not form.is_valid()
        assert "file" in form.errors


@pytest.mark.django_db
def test_admin_upload_view_refuses_svg(client):
    user = UserFactory(username="uploader", is_staff=True, is_superuser=True)
    client.force_login(user)
    response = client.post(
        "/admin/images/multiple/add/",
        {"files[]": SimpleUploadedFile("x.svg", SVG, content_type="image/svg+xml")},
    )
    assert response.status_code in (200, 400)
    from wagtail.images import get_image_model

    assert not get_image_model().objects.filter(file__endswith=".svg").exists()


def test_upload_limits_configured(settings):
    assert "svg" not in settings.WAGTAILIMAGES_EXTENSIONS
    assert settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE <= 10 * 1024 * 1024
    assert settings.WAGTAILDOCS_MAX_UPLOAD_SIZE <= 20 * 1024 * 1024
    assert "svg" not in settings.WAGTAILDOCS_EXTENSIONS
    assert "html" not in settings.WAGTAILDOCS_EXTENSIONS
