"""The anonymous page/API cache: hits skip the database, ETag/304 works, and
publish, unpublish, move, delete and translation are visible at once on detail
pages, listings and API lists. Personal responses are never stored."""

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from cms.middleware.pagecache import PageCacheMiddleware
from tests.factories import SectionPageFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_second_anonymous_request_is_a_hit_without_queries(client, home, django_assert_num_queries):
    first = client.get("/vi/")
    assert first.status_code == 200 and first["X-Cache"] == "MISS"
    with django_assert_num_queries(0):
        second = client.get("/vi/")
    assert second["X-Cache"] == "HIT"
    assert second.content == first.content
    assert second["ETag"] == first["ETag"]
    assert "Content-Security-Policy" in second  # headers added outside the cache


def test_etag_gives_304(client, home):
    etag = client.get("/vi/")["ETag"]
    again = client.get("/vi/", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""
    assert client.get("/vi/", HTTP_IF_NONE_MATCH='"other"').status_code == 200


def test_if_modified_since_gives_304_on_a_cache_hit(api_client_for_stories):
    client, url = api_client_for_stories
    first = client.get(url)
    modified = first["Last-Modified"]
    hit = client.get(url, HTTP_IF_MODIFIED_SINCE=modified)
    assert hit.status_code == 304 and hit.content == b"" and hit["X-Cache"] == "HIT"
    assert hit["Last-Modified"] == modified
    older = "Mon, 01 Jan 2001 00:00:00 GMT"
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=older).status_code == 200
    # If-None-Match wins over If-Modified-Since (RFC 9110 13.1.3).
    assert client.get(url, HTTP_IF_NONE_MATCH='"other"', HTTP_IF_MODIFIED_SINCE=modified).status_code == 200


@pytest.fixture
def api_client_for_stories(client, home):
    from tests.factories import HeritageIndexPageFactory, StoryPageFactory

    index = HeritageIndexPageFactory(parent=home, title="Truyện", slug="stories", listing="stories")
    StoryPageFactory(parent=index, title="Sự tích")
    return client, "/api/v1/stories?locale=vi"


def test_compressed_variants_are_cached_separately(client, home):
    gz = client.get("/vi/", HTTP_ACCEPT_ENCODING="gzip")
    br = client.get("/vi/", HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    plain = client.get("/vi/")
    assert gz["Content-Encoding"] == "gzip"
    assert br["Content-Encoding"] == "br"
    assert "Content-Encoding" not in plain
    import brotli

    assert brotli.decompress(client.get("/vi/", HTTP_ACCEPT_ENCODING="br").content) == plain.content
    assert client.get("/vi/", HTTP_ACCEPT_ENCODING="br")["X-Cache"] == "HIT"


def test_publish_appears_in_listing_and_detail(client, home):
    section = SectionPageFactory(parent=home, title="Lễ hội", slug="le-hoi", show_in_menus=True)
    assert "Lễ hội đâm trâu" not in client.get("/vi/le-hoi/").content.decode()
    assert client.get("/vi/le-hoi/")["X-Cache"] == "HIT"
    SectionPageFactory(parent=section, title="Lễ hội đâm trâu", slug="dam-trau")
    listing = client.get("/vi/le-hoi/")
    assert listing["X-Cache"] == "MISS"
    assert "Lễ hội đâm trâu" in listing.content.decode()
    assert client.get("/vi/le-hoi/dam-trau/").status_code == 200


def test_edit_and_republish_shows_new_title(client, home):
    page = SectionPageFactory(parent=home, title="Cồng chiêng", slug="cong-chieng")
    assert "Cồng chiêng" in client.get("/vi/cong-chieng/").content.decode()
    page.title = "Không gian cồng chiêng"
    page.save_revision().publish()
    assert "Không gian cồng chiêng" in client.get("/vi/cong-chieng/").content.decode()


def test_unpublish_removes_page_and_listing_entry(client, home):
    section = SectionPageFactory(parent=home, title="Nghề", slug="nghe")
    child = SectionPageFactory(parent=section, title="Dệt thổ cẩm", slug="det")
    assert "Dệt thổ cẩm" in client.get("/vi/nghe/").content.decode()
    assert client.get("/vi/nghe/det/").status_code == 200
    child.unpublish()
    assert client.get("/vi/nghe/det/").status_code == 404
    assert "Dệt thổ cẩm" not in client.get("/vi/nghe/").content.decode()


def test_move_and_delete(client, home):
    a = SectionPageFactory(parent=home, title="Mục A", slug="muc-a")
    b = SectionPageFactory(parent=home, title="Mục B", slug="muc-b")
    child = SectionPageFactory(parent=a, title="Nhà rông Kon Klor", slug="kon-klor")
    assert client.get("/vi/muc-a/kon-klor/").status_code == 200
    client.get("/vi/muc-b/")
    child.move(b, pos="last-child")
    old = client.get("/vi/muc-a/kon-klor/")
    assert old.status_code in (301, 404)
    if old.status_code == 301:  # Wagtail's automatic redirect to the new place
        assert old["Location"].endswith("/vi/muc-b/kon-klor/")
    assert client.get("/vi/muc-b/kon-klor/").status_code == 200
    assert "Nhà rông Kon Klor" in client.get("/vi/muc-b/").content.decode()
    child.refresh_from_db()
    child.delete()
    assert client.get("/vi/muc-b/kon-klor/").status_code == 404
    assert "Nhà rông Kon Klor" not in client.get("/vi/muc-b/").content.decode()


def test_translation_replaces_the_fallback(client, home, demo_loader):
    page = SectionPageFactory(parent=home, title="Văn hoá", slug="van-hoa")
    before = client.get("/en/van-hoa/")
    assert before.status_code == 200 and "Văn hoá" in before.content.decode()
    demo_loader.translate(page, "en", title="Culture", slug="van-hoa")
    after = client.get("/en/van-hoa/").content.decode()
    assert "Culture" in after


def test_api_list_follows_publish_and_unpublish(client, home):
    first = SectionPageFactory(parent=home, title="Mục một", slug="muc-mot")
    url = "/api/v1/sections?locale=vi"
    response = client.get(url)
    if response.status_code != 200:
        pytest.skip("sections API not available")
    titles = lambda r: {i["title"] for i in r.json()["results"]}  # noqa: E731
    assert "Mục một" in titles(response)
    assert client.get(url)["X-Cache"] == "HIT"
    SectionPageFactory(parent=home, title="Mục hai", slug="muc-hai")
    assert "Mục hai" in titles(client.get(url))
    first.unpublish()
    assert "Mục một" not in titles(client.get(url))


def test_image_change_invalidates(client, home):
    from tests.factories import HeritageImageFactory

    image = HeritageImageFactory(alt_text="Ảnh cũ")
    SectionPageFactory(parent=home, title="Ảnh", slug="anh", hero_image=image)
    assert 'alt="Ảnh cũ"' in client.get("/vi/anh/").content.decode()
    image.alt_text = "Ảnh mới"
    image.save()
    assert 'alt="Ảnh mới"' in client.get("/vi/anh/").content.decode()


def test_authorization_header_bypasses_cache(client, home):
    client.get("/vi/")
    response = client.get("/vi/", HTTP_AUTHORIZATION="Bearer abc")
    assert "X-Cache" not in response


def _middleware(response_factory):
    return PageCacheMiddleware(lambda request: response_factory())


@pytest.mark.parametrize("cache_control", ["private", "private, no-store", "no-store", "private, max-age=60"])
def test_private_responses_are_never_stored(cache_control):
    calls = []

    def personal():
        calls.append(1)
        response = HttpResponse(f"Xin chào học viên {len(calls)}")
        response["Cache-Control"] = cache_control
        return response

    middleware = _middleware(personal)
    rf = RequestFactory()
    one = middleware(rf.get("/vi/learn/me/"))
    two = middleware(rf.get("/vi/learn/me/"))
    assert one.content != two.content
    assert len(calls) == 2


def test_responses_setting_cookies_are_never_stored():
    def with_cookie():
        response = HttpResponse("form with csrf")
        response.set_cookie("csrftoken", "abc")
        return response

    middleware = _middleware(with_cookie)
    middleware(RequestFactory().get("/vi/signup/"))
    second = middleware(RequestFactory().get("/vi/signup/"))
    assert "X-Cache" not in second  # neither stored nor served from the cache
    assert second.cookies


def test_logged_in_learner_gets_fresh_page_when_it_varies_on_cookie(client, home):
    """A page that read the session is not served from the anonymous copy."""
    rf = RequestFactory()
    counter = []

    def varies():
        counter.append(1)
        response = HttpResponse(f"hello {len(counter)}")
        response["Vary"] = "Cookie"
        return response

    middleware = _middleware(varies)
    anon = middleware(rf.get("/vi/khoa-hoc/"))
    assert middleware(rf.get("/vi/khoa-hoc/")).content == anon.content  # anonymous hit
    learner_request = rf.get("/vi/khoa-hoc/")
    learner_request.COOKIES["sessionid"] = "s"
    assert middleware(learner_request).content != anon.content
    # A public response that does not vary on Cookie stays cached for learners too.
    client.get("/api/v1/locales")
    client.force_login(UserFactory(username="hocvien"))
    assert client.get("/api/v1/locales")["X-Cache"] == "HIT"
