import datetime
import time

import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from community.forms import make_stamp
from community.models.consultation import HEALTH_STAFF, ConsultationRequest
from content.roles import CONTRIBUTORS, EDITORS, MODERATORS, TRANSLATORS
from tests.factories import UserFactory

URL = "/vi/consultation/"


def _valid(unit, **over):
    data = {
        "name": "Đinh Thị Hoa",
        "phone": "0912 345 678",
        "commune": unit.pk,
        "preferred_language": "bdq",
        "description": "Con tôi bị sốt ba ngày.",
        "website": "",
        "stamp": make_stamp(time.time() - 10),
    }
    data.update(over)
    return data


@pytest.fixture
def request_obj(db, commune):
    return ConsultationRequest.objects.create(
        name="Đinh Văn Bình",
        phone="0987654321",
        commune=commune,
        preferred_language="vi",
        description="Đau lưng lâu ngày",
    )


def test_form_page_renders(client, home):
    response = client.get(URL)
    assert response.status_code == 200
    assert 'name="stamp"' in response.content.decode()
    # issue 18: the emergency box gives the number to call, as a link a phone can dial
    assert 'Gọi ngay <a href="tel:115" class="tel">115</a> (cấp cứu)' in response.content.decode()


def test_valid_submission_is_stored_encrypted(client, home, commune):
    response = client.post(URL, _valid(commune))
    assert response.status_code == 200
    req = ConsultationRequest.objects.get()
    assert req.name == "Đinh Thị Hoa" and req.phone == "0912 345 678"
    with connection.cursor() as cursor:
        cursor.execute("SELECT name, phone, description FROM content_consultationrequest")
        raw = " ".join(cursor.fetchone())
    assert "Hoa" not in raw and "0912" not in raw and "sốt" not in raw


@pytest.mark.parametrize(
    "override",
    [
        {"website": "http://spam.example"},  # honeypot filled
        {"stamp": "forged-stamp"},  # unsigned
        {"stamp": None},  # too fast (stamp issued now)
        {"phone": "abc"},  # bad phone
        {"commune": "999999"},  # unknown commune
    ],
)
def test_bad_or_spam_submissions_are_rejected(client, home, commune, override):
    if override.get("stamp", 1) is None:
        override = {"stamp": make_stamp()}
    response = client.post(URL, _valid(commune, **override))
    assert response.status_code == 400
    assert ConsultationRequest.objects.count() == 0


def test_stale_stamp_is_rejected(client, home, commune):
    response = client.post(URL, _valid(commune, stamp=make_stamp(time.time() - 3 * 86400)))
    assert response.status_code == 400


def test_rate_limit_per_ip(client, home, commune):
    statuses = [client.post(URL, _valid(commune), REMOTE_ADDR="10.0.0.7").status_code for _ in range(6)]
    assert statuses == [200] * 5 + [429]
    assert client.post(URL, _valid(commune), REMOTE_ADDR="10.0.0.8").status_code == 200
    assert ConsultationRequest.objects.count() == 6


def test_expired_requests_are_hidden_then_purged(db, commune, settings):
    settings.CONSULTATION_RETENTION_DAYS = 30
    old = ConsultationRequest.objects.create(
        name="Cũ",
        phone="0900000000",
        commune=commune,
        description="x",
        created_at=timezone.now() - datetime.timedelta(days=31),
    )
    fresh = ConsultationRequest.objects.create(name="Mới", phone="0900000001", description="y")
    assert list(ConsultationRequest.objects.all()) == [fresh]
    assert ConsultationRequest.all_objects.filter(pk=old.pk).exists()
    call_command("purge_consultations", stdout=open("/dev/null", "w"))
    assert not ConsultationRequest.all_objects.filter(pk=old.pk).exists()
    assert ConsultationRequest.all_objects.filter(pk=fresh.pk).exists()


def _user(name, *groups, **extra):
    user = UserFactory(username=name, groups=list(groups), **extra)
    return user


@pytest.mark.parametrize("group", [EDITORS, MODERATORS, TRANSLATORS, CONTRIBUTORS])
def test_other_roles_cannot_see_requests(client, home, request_obj, group):
    client.force_login(_user("u-" + group[:5], group))
    for url in (
        reverse("consultation_requests:index"),
        reverse("consultation_requests:inspect", args=[request_obj.pk]),
        reverse("consultation_requests:delete", args=[request_obj.pk]),
    ):
        response = client.get(url)
        assert response.status_code in (302, 403)
        assert response.get("Location", "/admin/").rstrip("/").endswith("/admin")
        assert "Đinh Văn Bình" not in client.get(url, follow=True).content.decode()
    response = client.post(reverse("consultation_requests:delete", args=[request_obj.pk]))
    assert ConsultationRequest.objects.filter(pk=request_obj.pk).exists()
    menu = client.get("/admin/").content.decode()
    assert "consultation_requests" not in menu and "consultation-requests" not in menu


def test_superuser_outside_health_staff_cannot_see_requests(client, home, request_obj):
    client.force_login(_user("root", is_superuser=True, is_staff=True))
    response = client.get(reverse("consultation_requests:inspect", args=[request_obj.pk]))
    assert response.status_code in (302, 403)


def test_anonymous_is_sent_to_login(client, home, request_obj):
    response = client.get(reverse("consultation_requests:index"))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_health_staff_can_list_view_and_delete(client, home, request_obj):
    client.force_login(_user("y-ta", HEALTH_STAFF))
    assert client.get(reverse("consultation_requests:index")).status_code == 200
    detail = client.get(reverse("consultation_requests:inspect", args=[request_obj.pk]))
    assert detail.status_code == 200
    assert "Đinh Văn Bình" in detail.content.decode()
    assert "0987654321" in detail.content.decode()
    assert client.get(reverse("consultation_requests:edit", args=[request_obj.pk])).status_code in (302, 403)
    response = client.post(reverse("consultation_requests:delete", args=[request_obj.pk]))
    assert response.status_code == 302
    assert not ConsultationRequest.all_objects.filter(pk=request_obj.pk).exists()


def test_health_staff_cannot_open_an_expired_request(client, home, commune, settings):
    settings.CONSULTATION_RETENTION_DAYS = 7
    old = ConsultationRequest.objects.create(
        name="Quá hạn",
        phone="0900000000",
        commune=commune,
        description="x",
        created_at=timezone.now() - datetime.timedelta(days=8),
    )
    client.force_login(_user("y-ta-2", HEALTH_STAFF))
    response = client.get(reverse("consultation_requests:inspect", args=[old.pk]), follow=True)
    assert response.status_code == 404
    assert "Quá hạn" not in response.content.decode()


def test_no_api_exposes_requests(client, home, request_obj):
    schema = client.get("/api/v1/openapi.json")
    assert schema.status_code == 200
    # Only the agencies' suppressed counts (consultation:aggregate) may name consultations;
    # no schema carries a requester's name, phone or description.
    paths = schema.json()["paths"]
    assert [p for p in paths if "onsultation" in p] == ["/api/v1/agency/consultations/aggregates"]
    for name, component in schema.json()["components"]["schemas"].items():
        fields = set(component.get("properties", {})) if "onsultation" in name else set()
        assert not fields & {"phone", "full_name", "description_encrypted", "phone_encrypted"}, name
    for url in (
        "/api/v1/consultations",
        "/api/v1/consultation-requests",
        f"/api/v1/consultations/{request_obj.pk}",
    ):
        assert client.get(url).status_code == 404
    response = client.get("/api/v2/pages/", {"type": "community.ConsultationRequest"})
    assert response.status_code == 400
    assert "Đinh Văn Bình" not in response.content.decode()


def test_health_staff_group_exists_after_migrate(db):
    from django.contrib.auth.models import Group

    group = Group.objects.get(name=HEALTH_STAFF)
    assert group.permissions.filter(codename="access_admin").exists()
