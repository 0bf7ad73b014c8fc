"""The community app's dashboard panels, in Vietnamese: job postings closing within 14
days, and policies not reviewed (published again) for more than a year (issue 18)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page
from wagtail.users.models import UserProfile

from community.models.jobs import today
from tests.factories import (
    JobIndexPageFactory,
    JobPostingPageFactory,
    PolicyDocumentPageFactory,
    PolicyLibraryPageFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client):
    user = UserFactory(is_superuser=True, is_staff=True)
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "vi"
    profile.save()
    client.force_login(user)
    return client


def _panel(html, panel_id):
    start = html.index(f'id="{panel_id}')
    return html[start : html.index("</section>", start)]


def test_job_postings_closing_within_14_days(editor, home):
    jobs = JobIndexPageFactory(parent=home)
    soon = JobPostingPageFactory(
        parent=jobs, title="Thợ dệt thổ cẩm", deadline=today() + datetime.timedelta(days=3)
    )
    JobPostingPageFactory(parent=jobs, title="Hướng dẫn viên", deadline=today() + datetime.timedelta(days=30))
    JobPostingPageFactory(parent=jobs, title="Đã đóng", deadline=today() - datetime.timedelta(days=1))

    panel = _panel(editor.get(reverse("wagtailadmin_home")).content.decode(), "nharong-expiring-jobs")
    assert "Tin tuyển dụng sắp hết hạn" in panel
    assert "Thợ dệt thổ cẩm" in panel and reverse("wagtailadmin_pages:edit", args=[soon.pk]) in panel
    assert soon.deadline.strftime("%d/%m/%Y") in panel
    assert "Hướng dẫn viên" not in panel and "Đã đóng" not in panel


def test_no_job_closing_says_so(editor, home):
    panel = _panel(editor.get(reverse("wagtailadmin_home")).content.decode(), "nharong-expiring-jobs")
    assert "Không có tin tuyển dụng nào hết hạn trong 14 ngày tới." in panel


def test_policies_not_reviewed_for_a_year(editor, home):
    library = PolicyLibraryPageFactory(parent=home)
    old = PolicyDocumentPageFactory(parent=library, title="Quyết định cũ")
    PolicyDocumentPageFactory(parent=library, title="Nghị định mới")
    long_ago = timezone.now() - datetime.timedelta(days=400)
    Page.objects.filter(pk=old.pk).update(last_published_at=long_ago)

    panel = _panel(editor.get(reverse("wagtailadmin_home")).content.decode(), "nharong-stale-policies")
    assert "Chính sách cần rà soát" in panel
    assert "Quyết định cũ" in panel and reverse("wagtailadmin_pages:edit", args=[old.pk]) in panel
    assert long_ago.astimezone(timezone.get_current_timezone()).strftime("%d/%m/%Y") in panel
    assert "Nghị định mới" not in panel
