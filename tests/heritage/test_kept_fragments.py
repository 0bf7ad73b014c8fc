"""Kept routes, menus, lists and fragments (content/cache.py ``memoize`` and the
``{% cache %}`` fragments) are never stale and never hold a draft: with the
response cache off, every change shows on the next request."""

import pytest
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from tests.factories import FestivalPageFactory, SectionPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def client(settings):
    settings.PAGE_CACHE_ENABLED = False
    settings.FRAGMENT_CACHE_ENABLED = True
    return Client()


@pytest.fixture
def festival(indexes, groups):
    page = FestivalPageFactory(parent=indexes["festivals"], title="Lễ hội Đâm Trâu", slug="dam-trau")
    page.groups.add(groups["ba-na"])
    page.save_revision().publish()
    return page


def test_preview_shows_the_draft_and_never_replaces_the_published_fragment(client, festival):
    site = festival.get_site()
    host = site.hostname if site.port in (80, 443) else f"{site.hostname}:{site.port}"
    festival.title = "Bản nháp chưa duyệt"
    festival.save_revision()  # a draft only
    # The preview runs first, under the same generation and host as the visit after it.
    preview = festival.make_preview_request()
    assert "Bản nháp chưa duyệt" in preview.content.decode()
    public = client.get(festival.url, HTTP_HOST=host)
    assert public.status_code == 200
    assert "Bản nháp chưa duyệt" not in public.content.decode()
    assert "Lễ hội Đâm Trâu" in public.content.decode()


def test_publishing_another_page_updates_kept_related_list_and_listing(client, festival, indexes, groups):
    listing_url = indexes["festivals"].url
    assert "Lễ hội Cồng Chiêng" not in client.get(festival.url).content.decode()
    assert "Lễ hội Cồng Chiêng" not in client.get(listing_url).content.decode()
    other = FestivalPageFactory(parent=indexes["festivals"], title="Lễ hội Cồng Chiêng", slug="cong-chieng")
    other.groups.add(groups["ba-na"])
    other.save_revision().publish()
    assert "Lễ hội Cồng Chiêng" in client.get(festival.url).content.decode()  # related
    assert "Lễ hội Cồng Chiêng" in client.get(listing_url).content.decode()


def test_unpublished_page_is_gone_at_once_from_route_listing_and_api(client, festival, indexes):
    api = "/api/v1/festivals?locale=vi"
    assert client.get(festival.url).status_code == 200
    assert b"dam-trau" in client.get(api).content
    festival.unpublish()
    assert client.get(festival.url).status_code == 404
    assert "Lễ hội Đâm Trâu" not in client.get(indexes["festivals"].url).content.decode()
    assert b"dam-trau" not in client.get(api).content
    assert client.get(f"/api/v1/festivals/{festival.pk}?locale=vi").status_code == 404


def test_a_new_view_restriction_hides_the_page_at_once(client, festival):
    api = "/api/v1/festivals?locale=vi"
    assert b"dam-trau" in client.get(api).content
    assert b"dam-trau" in client.get("/api/v1/sync?locale=vi").content
    PageViewRestriction.objects.create(page=festival, restriction_type=PageViewRestriction.LOGIN)
    assert b"dam-trau" not in client.get(api).content
    assert b"dam-trau" not in client.get("/api/v1/sync?locale=vi").content
    response = client.get(festival.url)
    assert response.status_code == 302  # to the login page, not the kept article
    assert "Lễ hội Đâm Trâu" not in response.content.decode()


def test_menu_shows_a_new_section_on_the_next_request(client, home):
    assert "Mục mới" not in client.get("/vi/").content.decode()
    SectionPageFactory(parent=home, title="Mục mới", show_in_menus=True)
    assert "Mục mới" in client.get("/vi/").content.decode()


def test_fragments_off_renders_the_same_page(festival):
    with override_settings(PAGE_CACHE_ENABLED=False, FRAGMENT_CACHE_ENABLED=True):
        kept = Client().get(festival.url).content
        kept_again = Client().get(festival.url).content
    with override_settings(PAGE_CACHE_ENABLED=False, FRAGMENT_CACHE_ENABLED=False):
        cold = Client().get(festival.url).content
    assert kept == kept_again == cold


def test_with_the_page_cache_off_later_visits_reuse_the_fragments_until_the_page_changes(client, festival):
    """The first visit records which tags the URL's response reads (no response is
    kept), the second keeps its fragments under them, the third reuses them."""

    def visit():
        with CaptureQueriesContext(connection) as queries:
            body = client.get(festival.url).content.decode()
        return len(queries), body

    visit()
    second, _ = visit()
    third, body = visit()
    assert "Lễ hội Đâm Trâu" in body
    assert third < second, (second, third)  # the article's body and the menu kept
    festival.title = "Lễ hội Đâm Trâu mừng lúa mới"
    festival.save_revision().publish()
    changed, body = visit()
    assert "Lễ hội Đâm Trâu mừng lúa mới" in body
    assert "<title>Lễ hội Đâm Trâu |" not in body
    assert changed > third
