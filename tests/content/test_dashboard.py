"""The editors' dashboard, in Vietnamese: what waits for the user's review, and the pages
readers still get in Vietnamese per language (issue 18)."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import Locale
from wagtail.users.models import UserProfile
from wagtail_localize.operations import translate_object

from content.roles import EDITORS, MODERATORS
from tests.factories import SectionPageFactory, UserFactory

pytestmark = pytest.mark.django_db


def _login(client, *groups, superuser=False):
    user = UserFactory(is_superuser=superuser, is_staff=True)
    for name in groups:
        user.groups.add(Group.objects.get(name=name))
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "vi"
    profile.save()
    client.force_login(user)
    return user


def _panel(html, panel_id):
    start = html.index(f'id="{panel_id}')
    return html[start : html.index("</section>", start)]


def test_a_moderator_sees_the_page_waiting_for_review(client, home):
    author = UserFactory(username="tac-gia")
    page = SectionPageFactory(parent=home, title="Lễ cúng lúa mới", slug="le-cung-lua-moi")
    page.title = "Lễ cúng lúa mới (sửa)"
    revision = page.save_revision(user=author)
    page.get_workflow().start(page, author)
    assert revision.pk

    _login(client, MODERATORS, EDITORS)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    panel = _panel(html, "nharong-review")
    assert "Trang chờ bạn duyệt" in panel
    assert "Lễ cúng lúa mới (sửa)" in panel
    assert reverse("wagtailadmin_pages:edit", args=[page.pk]) in panel
    assert "1 trang đang chờ bạn duyệt" in panel


def test_an_editor_who_cannot_approve_sees_nothing_to_review(client, home):
    author = UserFactory()
    page = SectionPageFactory(parent=home, title="Trang chờ", slug="trang-cho")
    page.save_revision(user=author)
    page.get_workflow().start(page, author)

    _login(client, EDITORS)
    panel = _panel(client.get(reverse("wagtailadmin_home")).content.decode(), "nharong-review")
    assert "Trang chờ" not in panel.split("</h2>", 1)[1].replace("Trang chờ bạn duyệt", "")
    assert "Không có trang nào chờ bạn duyệt." in panel


def test_untranslated_pages_are_counted_per_language_with_their_list(client, all_homes, demo_loader):
    translated = SectionPageFactory(parent=all_homes["vi"], title="Đã dịch", slug="da-dich")
    demo_loader.translate(translated, "bdq", title="Bahnar")
    begun = SectionPageFactory(parent=all_homes["vi"], title="Đang dịch", slug="dang-dich")
    SectionPageFactory(parent=all_homes["vi"], title="Chưa dịch", slug="chua-dich")
    from django.test import TestCase

    with TestCase.captureOnCommitCallbacks(execute=True):
        translate_object(begun, [Locale.objects.get(language_code="bdq")])

    _login(client, superuser=True)
    panel = _panel(client.get(reverse("wagtailadmin_home")).content.decode(), "nharong-translations")
    assert "Trang chưa được dịch" in panel
    listing = reverse("content_untranslated_pages", args=["bdq"])
    # 4 public Vietnamese pages (home + 3); Bahnar readers get 2 in Vietnamese, one begun
    assert f'<a href="{listing}">2 trang</a>' in panel
    assert "Tiếng Ba Na" in panel

    html = client.get(listing).content.decode()
    assert "Chưa dịch" in html and "Đang dịch" in html and "Đã dịch" not in html
    assert "Tiếp tục dịch" in html  # the begun one links to its translation
    assert reverse("wagtail_localize:submit_page_translation", args=[begun.pk]) not in html
    assert client.get(reverse("content_untranslated_pages", args=["xx"]), follow=True).status_code == 404
