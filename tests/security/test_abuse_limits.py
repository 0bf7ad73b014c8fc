"""Issue 16, case 10 (the rest): page passwords are limited per client address in the
shared counters, a username shaped like a phone number is refused on the site and the
API, and the consultation form's signed stamp is accepted once."""

import json
import time

import pytest
from django.test import Client
from wagtail.models import PageViewRestriction

from community.forms import make_stamp
from community.models.consultation import ConsultationRequest
from tests.factories import SectionPageFactory


@pytest.fixture
def protected(home):
    page = SectionPageFactory(parent=home, title="Trang kín", slug="trang-kin")
    restriction = PageViewRestriction.objects.create(page=page, restriction_type="password", password="mat-khau")
    return page, restriction


def _try(client, page, restriction, password, address):
    url = f"/vi/_util/authenticate_with_password/{restriction.pk}/{page.pk}/"
    return client.post(url, {"password": password, "return_url": page.url}, REMOTE_ADDR=address)


def test_page_password_guesses_are_limited_per_address(protected, settings):
    settings.PAGE_PASSWORD_ATTEMPTS = 3
    page, restriction = protected
    client = Client()
    statuses = [_try(client, page, restriction, f"doan-{n}", "10.1.1.1").status_code for n in range(3)]
    assert statuses == [200, 200, 200]  # the form again, with its error
    refused = _try(client, page, restriction, "mat-khau", "10.1.1.1")  # even the right one
    assert refused.status_code == 429 and refused["Retry-After"]
    assert "Thử quá nhiều lần" in refused.content.decode()
    other = _try(Client(), page, restriction, "mat-khau", "10.1.1.2")  # another address
    assert other.status_code == 302


def test_the_page_password_counter_is_in_the_shared_limits_cache(protected, settings):
    """Kept in the ``limits`` cache (Redis or the database), which every worker reads."""
    import hashlib

    from content.clients import limits

    page, restriction = protected
    _try(Client(), page, restriction, "sai", "10.1.1.3")
    address = hashlib.sha256(b"10.1.1.3").hexdigest()[:32]
    assert limits().get(f"pagepassword:{restriction.pk}:{address}") == 1
    assert _try(Client(), page, restriction, "mat-khau", "10.1.1.3").status_code == 302


@pytest.mark.parametrize("username", ["0905123456", "0905 123 456", "+84905123456"])
def test_a_username_shaped_like_a_phone_is_refused(db, username):
    response = Client().post(
        "/api/v1/auth/register",
        json.dumps({"username": username.replace(" ", "."), "password": "rong-xanh-2026"}),
        content_type="application/json",
    )
    assert response.status_code in (400, 422), response.content
    if response.status_code == 400:
        assert response.json()["code"] == "username_like_phone"
    from django.test import RequestFactory

    from lessons.forms import SignupForm

    form = SignupForm(
        data={
            "display_name": "Hoa",
            "username": username,
            "password": "rong-xanh-2026",
            "preferred_language": "vi",
        },
        request=RequestFactory().post("/vi/learn/signup/"),
    )
    assert not form.is_valid() and "username" in form.errors


def test_the_consultation_stamp_is_accepted_once(home, db):
    from content.models import AdministrativeUnit

    commune = AdministrativeUnit.objects.create(code="21787", name="Xã Vĩnh Sơn", level="commune")
    data = {
        "name": "Đinh Thị Hoa",
        "phone": "0912 345 678",
        "commune": commune.pk,
        "preferred_language": "vi",
        "description": "Con tôi bị sốt ba ngày.",
        "website": "",
        "stamp": make_stamp(time.time() - 10),
    }
    first = Client().post("/vi/consultation/", data, REMOTE_ADDR="10.2.0.1")
    replay = Client().post("/vi/consultation/", data, REMOTE_ADDR="10.2.0.2")  # another worker, another address
    assert first.status_code == 200 and replay.status_code == 400
    assert ConsultationRequest.objects.count() == 1
    # A form sent back with a mistake keeps its stamp for the corrected submission.
    fresh = {**data, "stamp": make_stamp(time.time() - 10)}
    assert Client().post("/vi/consultation/", {**fresh, "name": ""}, REMOTE_ADDR="10.2.0.3").status_code == 400
    assert Client().post("/vi/consultation/", fresh, REMOTE_ADDR="10.2.0.3").status_code == 200
    assert ConsultationRequest.objects.count() == 2
