"""The content endpoints: lists and details of every type in every locale, fallback
markers, filters, errors, images, conditional GET and constant queries."""

import pytest
from django.core.files.storage import default_storage

from tests.factories import LOCALES

TYPES = ["ethnic-groups", "stories", "festivals", "products", "places", "sections", "courses"]


def _items(api, path, **params):
    response = api.get(f"/api/v1/{path}", params)
    assert response.status_code == 200, response.content
    return response.json()


@pytest.mark.parametrize("locale", LOCALES)
def test_every_list_and_detail_in_every_locale(api, heritage, sections, course, locale):
    for path in TYPES:
        data = _items(api, path, locale=locale)
        assert data["requested_locale"] == locale
        assert data["count"] == len(data["results"]) >= 1, path
        for item in data["results"]:
            assert item["requested_locale"] == locale
            assert item["is_fallback"] == (item["served_locale"] != locale)
            assert item["served_locale"] in ("vi", "en")
            detail = api.get(item["api_url"].replace("http://testserver", ""), {"locale": locale})
            assert detail.status_code == 200, detail.content
            assert detail.json()["served_locale"] == item["served_locale"]
            assert detail.json()["title"] == item["title"]


def test_fallback_markers_pick_the_best_translation(api, heritage):
    group_en = heritage["group_en"]
    en = _items(api, "ethnic-groups", locale="en")["results"]
    assert [(i["id"], i["served_locale"], i["is_fallback"]) for i in en] == [(group_en.pk, "en", False)]
    bdq = _items(api, "ethnic-groups", locale="bdq")["results"]
    assert [(i["title"], i["served_locale"], i["is_fallback"]) for i in bdq] == [("Người Ba Na", "vi", True)]
    # Any translation's id resolves to the reader's best translation.
    detail = api.get(f"/api/v1/ethnic-groups/{heritage['group'].pk}", {"locale": "en"}).json()
    assert (detail["id"], detail["title"]) == (group_en.pk, "The Bahnar")
    # Stories exist only in Vietnamese: English readers get them marked as fallback.
    stories = _items(api, "stories", locale="en")["results"]
    assert stories and all(s["is_fallback"] and s["served_locale"] == "vi" for s in stories)


def test_drafts_and_private_pages_never_appear(api, heritage, sections, course):
    hidden = {
        heritage["draft"].pk,
        heritage["secret"].pk,
        sections["draft"].pk,
        sections["private"].pk,
    }
    for locale in LOCALES:
        for path in TYPES:
            ids = {i["id"] for i in _items(api, path, locale=locale, limit=100)["results"]}
            assert not ids & hidden
    for page, path in [
        (heritage["draft"], "stories"),
        (heritage["secret"], "stories"),
        (sections["private"], "sections"),
        (sections["draft"], "sections"),
    ]:
        response = api.get(f"/api/v1/{path}/{page.pk}")
        assert response.status_code == 404
        assert response.json()["code"] == "not_found"


def test_detail_has_typed_blocks_resolved_links_and_sources(api, heritage):
    story = api.get(f"/api/v1/stories/{heritage['story'].pk}").json()
    assert [b["type"] for b in story["body"]] == ["paragraph", "image"]
    paragraph = story["body"][0]
    place = heritage["place"]
    assert f'data-page-id="{place.pk}"' in paragraph["html"]
    assert f"/api/v1/places/{place.pk}" in paragraph["html"]
    assert paragraph["links"][0]["api_url"].endswith(f"/api/v1/places/{place.pk}")
    assert paragraph["links"][0]["url"].startswith("http")
    assert story["body"][1]["image"]["alt"] == "Mái nhà rông cao vút"
    assert story["sources"][0]["title"] == "Sách"
    assert story["groups"] == [{"code": "ba-na", "title": "Người Ba Na"}]
    assert story["unit"]["code"] == "vinh-thanh-old"
    assert story["unit"]["current"][0]["code"] == "vinh-thanh"
    assert story["topic"] == "architecture"


def test_links_to_drafts_lose_their_target(api, home, heritage):
    from tests.factories import SectionPageFactory

    page = SectionPageFactory(
        parent=home,
        title="Liên kết",
        body=[("paragraph", f'<p><a linktype="page" id="{heritage["draft"].pk}">nháp</a></p>')],
    )
    html = api.get(f"/api/v1/sections/{page.pk}").json()["body"][0]["html"]
    assert "<a>nháp</a>" in html
    assert "Bản nháp" not in html


def test_images_carry_rights_and_renditions_that_exist(api, heritage):
    image = _items(api, "stories")["results"][0]["hero_image"]
    assert image["credit"] and image["licence"] == "CC0-1.0" and image["alt"]
    assert image["placeholder"].startswith("data:image/png;base64,")
    assert len(image["placeholder"]) < 400
    assert {r["format"] for r in image["renditions"]} == {"webp", "jpeg"}
    for rendition in image["renditions"]:
        assert rendition["url"].startswith("http://testserver/media/")
        name = rendition["url"].split("/media/", 1)[1]
        assert default_storage.exists(name)
        assert default_storage.size(name) > 0


def test_filters(api, heritage):
    assert [i["title"] for i in _items(api, "stories", group="ba-na")["results"]] == ["Nhà rông"]
    assert _items(api, "stories", group="hre")["count"] == 0
    assert _items(api, "stories", topic="architecture")["count"] == 1
    assert _items(api, "stories", topic="beliefs")["count"] == 0
    # Old and current unit codes both find a page written with the old district.
    assert _items(api, "places", commune="vinh-thanh-old")["count"] == 1
    assert _items(api, "places", commune="vinh-thanh")["count"] == 1
    assert _items(api, "festivals", month="10")["count"] == 1
    assert _items(api, "festivals", month="5")["count"] == 0
    assert _items(api, "products", kind="brocade")["count"] == 1


@pytest.mark.parametrize(
    ("url", "status", "code"),
    [
        ("/api/v1/stories?topic=nope", 400, "invalid_filter"),
        ("/api/v1/stories?colour=red", 400, "unknown_parameter"),
        ("/api/v1/stories?locale=xx", 400, "unknown_locale"),
        ("/api/v1/stories?limit=101", 400, "invalid_limit"),
        ("/api/v1/stories?limit=0", 400, "invalid_limit"),
        ("/api/v1/stories?offset=-1", 400, "invalid_offset"),
        ("/api/v1/stories?limit=abc", 422, "invalid_parameters"),
        ("/api/v1/stories?ordering=colour", 400, "unknown_ordering"),
        ("/api/v1/festivals?month=13", 400, "invalid_filter"),
        ("/api/v1/stories/999999", 404, "not_found"),
        ("/api/v1/stories/abc", 422, "invalid_parameters"),
        ("/api/v1/nothing-here", 404, "not_found"),
    ],
)
def test_bad_input_is_a_json_4xx(api, heritage, url, status, code):
    response = api.get(url)
    assert response.status_code == status, response.content
    body = response.json()
    assert body["code"] == code and body["message"]


def test_error_messages_follow_the_requested_language(api, db):
    en = api.get("/api/v1/stories?locale=xx", HTTP_ACCEPT_LANGUAGE="en").json()["message"]
    vi = api.get("/api/v1/stories?locale=xx", HTTP_ACCEPT_LANGUAGE="vi").json()["message"]
    assert en.startswith("Unknown locale")
    assert vi != en


def test_pagination_and_ordering(api, heritage):
    first = _items(api, "ethnic-groups", limit=1)
    data = _items(api, "stories", limit=1, ordering="-title")
    assert data["count"] == 1 and first["next"] is None
    titles = [i["title"] for i in _items(api, "festivals", ordering="month")["results"]]
    assert titles == ["Lễ mừng lúa mới"]


def test_etag_and_last_modified_give_304(api, heritage, settings):
    # cms.middleware.pagecache.PageCacheMiddleware answers If-None-Match itself on cache hits but
    # not If-Modified-Since; this tests the API's own conditional GET.
    settings.PAGE_CACHE_ENABLED = False
    response = api.get("/api/v1/stories?locale=vi")
    etag, modified = response["ETag"], response["Last-Modified"]
    assert etag.startswith('"') and response["Cache-Control"] == "public, max-age=60"
    again = api.get("/api/v1/stories?locale=vi", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b""
    assert api.get("/api/v1/stories?locale=vi", HTTP_IF_NONE_MATCH=f"W/{etag}").status_code == 304
    assert api.get("/api/v1/stories?locale=vi", HTTP_IF_MODIFIED_SINCE=modified).status_code == 304
    assert api.get("/api/v1/stories?locale=en", HTTP_IF_NONE_MATCH=etag).status_code == 200
    detail = api.get(f"/api/v1/stories/{heritage['story'].pk}")
    assert api.get(f"/api/v1/stories/{heritage['story'].pk}", HTTP_IF_NONE_MATCH=detail["ETag"]).status_code == 304
    # A change to the content changes the ETag.
    heritage["story"].title = "Nhà rông mới"
    heritage["story"].save_revision().publish()
    assert api.get("/api/v1/stories?locale=vi", HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_list_queries_do_not_grow_with_limit(api, heritage, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import StoryPageFactory

    for n in range(6):
        story = StoryPageFactory(
            parent=heritage["index"],
            title=f"Chuyện {n}",
            hero_image=heritage["story"].hero_image,
            unit=heritage["story"].unit,
        )
        story.groups.add(heritage["group"])
        story.save_revision().publish()
    for path in TYPES:
        api.get(f"/api/v1/{path}?limit=100")  # warm: renditions generated once
    counts = {}
    for limit in (1, 7):
        with CaptureQueriesContext(connection) as ctx:
            assert api.get(f"/api/v1/stories?limit={limit}").status_code == 200
        counts[limit] = len(ctx.captured_queries)
    assert counts[1] == counts[7], counts
    with django_assert_max_num_queries(counts[1]):
        api.get("/api/v1/stories?limit=100")


def test_locales_endpoint(api, db):
    data = api.get("/api/v1/locales").json()
    assert [d["code"] for d in data] == LOCALES
    assert next(d for d in data if d["code"] == "bdq")["fallbacks"] == ["vi", "en"]


def test_cors_is_configured_by_setting(api, db, settings):
    settings.CORS_ALLOWED_ORIGINS = ["https://app.nharong.example"]
    allowed = api.get("/api/v1/locales", HTTP_ORIGIN="https://app.nharong.example")
    assert allowed["Access-Control-Allow-Origin"] == "https://app.nharong.example"
    other = api.get("/api/v1/locales", HTTP_ORIGIN="https://evil.example")
    assert "Access-Control-Allow-Origin" not in other
