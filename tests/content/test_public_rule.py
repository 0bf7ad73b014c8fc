"""Drafts, unpublished, expired and private pages never reach the public."""

import datetime

from django.utils import timezone
from wagtail.models import PageViewRestriction

from content.public import is_public, public_pages
from tests.factories import SectionPageFactory


def test_draft_page_is_never_reachable(client, home):
    draft = SectionPageFactory(parent=home, title="Bản nháp bí mật", slug="ban-nhap", live=False)
    assert client.get("/vi/ban-nhap/").status_code == 404
    assert client.get("/hre/ban-nhap/").status_code == 404
    assert not is_public(draft)
    assert draft.pk not in public_pages().values_list("pk", flat=True)
    assert "ban-nhap" not in client.get("/sitemap.xml").content.decode()


def test_unpublished_page_disappears(client, home):
    page = SectionPageFactory(parent=home, title="Tạm thời", slug="tam-thoi")
    assert client.get("/vi/tam-thoi/").status_code == 200
    page.unpublish()
    assert client.get("/vi/tam-thoi/").status_code == 404
    assert "tam-thoi" not in client.get("/sitemap.xml").content.decode()


def test_private_page_is_not_public(client, home):
    page = SectionPageFactory(parent=home, title="Nội bộ", slug="noi-bo")
    child = SectionPageFactory(parent=page, title="Con nội bộ", slug="con")
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    response = client.get("/vi/noi-bo/con/")
    assert response.status_code == 302  # to the login page, content not shown
    assert "Con nội bộ" not in response.content.decode()
    assert not is_public(child)
    assert child.pk not in public_pages().values_list("pk", flat=True)
    assert "noi-bo" not in client.get("/sitemap.xml").content.decode()
    assert client.get("/api/v2/pages/?type=content.SectionPage").json()["meta"]["total_count"] == 0


def test_expired_page_is_not_public(home):
    page = SectionPageFactory(parent=home, title="Hết hạn", slug="het-han")
    page.expire_at = timezone.now() - datetime.timedelta(minutes=1)
    page.save()
    assert not is_public(page)
    assert not public_pages().filter(pk=page.pk).exists()


def test_expired_page_is_a_404_on_the_site_before_it_is_unpublished(client, home, settings):
    settings.PAGE_CACHE_ENABLED = False
    page = SectionPageFactory(parent=home, title="Sắp hết hạn", slug="sap-het-han")
    assert client.get(page.url).status_code == 200
    page.expire_at = timezone.now() - datetime.timedelta(minutes=1)
    page.save()  # still live: publish_scheduled has not run yet
    assert page.live
    assert client.get(page.url).status_code == 404


def test_alias_of_a_private_page_is_private_too(client, home, settings):
    # The serve-time restriction check is skipped only when no restricted page and
    # no alias lies on the page's path (content.public.may_be_restricted).
    settings.PAGE_CACHE_ENABLED = False
    source = SectionPageFactory(parent=home, title="Hồ sơ nội bộ", slug="ho-so")
    other = SectionPageFactory(parent=home, title="Chuyên mục khác", slug="khac")
    assert client.get("/vi/khac/").status_code == 200  # kept route and restriction answer
    alias = source.create_alias(parent=other, update_slug="ban-sao")
    assert client.get(alias.url).status_code == 200
    # Restricting the source restricts its alias (which has no restriction of its own).
    PageViewRestriction.objects.create(page=source, restriction_type=PageViewRestriction.LOGIN)
    assert not PageViewRestriction.objects.filter(page=alias).exists()
    response = client.get(alias.url)
    assert response.status_code == 302
    assert "Hồ sơ nội bộ" not in response.content.decode()
    assert client.get("/vi/khac/").status_code == 200
