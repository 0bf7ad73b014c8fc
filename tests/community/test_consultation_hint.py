"""An administrator outside *Health staff* is told why consultation requests are hidden and
how to get access, in Vietnamese, without seeing any request (issue 18)."""

import pytest
from django.urls import reverse
from wagtail.users.models import UserProfile

from community.models.consultation import HEALTH_STAFF, ConsultationRequest
from content.roles import EDITORS
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def request_obj(home):
    return ConsultationRequest.objects.create(name="Đinh Văn Bình", phone="0987654321", description="Đau đầu")


def _vi(user):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "vi"
    profile.save()
    return user


def test_an_administrator_outside_health_staff_reads_why_and_how(client, request_obj):
    admin = _vi(UserFactory(username="quan-tri", is_superuser=True, is_staff=True))
    client.force_login(admin)
    menu = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("consultation_requests:index") in menu.replace("\\/", "/")

    response = client.get(reverse("consultation_requests:index"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Vì sao bạn không xem được các yêu cầu" in html
    assert f"“{HEALTH_STAFF}”" in html
    assert "Cách được cấp quyền xem" in html
    assert reverse("wagtailusers_users:edit", args=[admin.pk]) in html
    assert "Đinh Văn Bình" not in html and "0987654321" not in html
    # the requests themselves stay closed
    assert client.get(reverse("consultation_requests:inspect", args=[request_obj.pk])).status_code in (302, 403)


def test_health_staff_still_get_the_list(client, request_obj):
    client.force_login(_vi(UserFactory(username="y-ta", groups=[HEALTH_STAFF])))
    html = client.get(reverse("consultation_requests:index")).content.decode()
    assert "Vì sao bạn không xem được" not in html
    assert reverse("consultation_requests:inspect", args=[request_obj.pk]) in html


def test_an_editor_gets_no_menu_item_and_no_hint(client, request_obj):
    client.force_login(_vi(UserFactory(username="bien-tap", groups=[EDITORS])))
    menu = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "consultation_requests" not in menu and "consultation-requests" not in menu
    response = client.get(reverse("consultation_requests:index"), follow=True)
    assert "Vì sao bạn không xem được" not in response.content.decode()
