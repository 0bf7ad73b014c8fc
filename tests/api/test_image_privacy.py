"""Images and documents reach the APIs only while a public page uses them.

An image (or document) used only on a draft, a private (view-restricted) page or
an expired page must not be listed or retrievable at /api/v2/images/ (nor
/api/v2/documents/), and /api/v1/ has no image endpoint of its own: its images
ride inside public page responses only.
"""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Page, PageViewRestriction, ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update

from tests.factories import HeritageImageFactory, SectionPageFactory


def _restrict(page):
    PageViewRestriction.objects.create(page=page, restriction_type="password", password="x")


def _expire(page):
    # Past its expiry, before `publish_scheduled` has unpublished it: still live.
    Page.objects.filter(pk=page.pk).update(expire_at=timezone.now() - timedelta(hours=1))


def _body(image):
    return [("image", {"image": image, "caption": "Ảnh", "alt": ""})]


@pytest.fixture
def images(home):
    """One image per situation; each is a hero image and/or in a StreamField body."""
    made = {
        key: HeritageImageFactory(title=f"Ảnh {key}")
        for key in ("public", "body", "private", "private_child", "draft", "expired", "both", "unused")
    }
    SectionPageFactory(parent=home, title="Công khai", hero_image=made["public"])
    SectionPageFactory(parent=home, title="Thân bài", body=_body(made["body"]))

    private = SectionPageFactory(parent=home, title="Riêng tư", hero_image=made["private"])
    _restrict(private)
    SectionPageFactory(parent=private, title="Con riêng tư", body=_body(made["private_child"]))

    SectionPageFactory(parent=home, title="Nháp", hero_image=made["draft"], body=_body(made["draft"]), live=False)
    _expire(SectionPageFactory(parent=home, title="Hết hạn", hero_image=made["expired"]))

    SectionPageFactory(parent=home, title="Cả hai công khai", body=_body(made["both"]))
    both_private = SectionPageFactory(parent=home, title="Cả hai riêng tư", hero_image=made["both"])
    _restrict(both_private)
    return made


VISIBLE = ("public", "body", "both")
HIDDEN = ("private", "private_child", "draft", "expired", "unused")


def _listed_ids(api, path="/api/v2/images/", **params):
    response = api.get(path, {"limit": 100, **params})
    assert response.status_code == 200, response.content[:500]
    data = response.json()
    ids = {item["id"] for item in data["items"]}
    assert data["meta"]["total_count"] == len(ids)
    return ids


def test_reference_index_is_filled_for_factory_pages(images):
    # The filter relies on it: StreamField chooser blocks and hero images are both recorded.
    for key in ("body", "public", "draft"):
        assert ReferenceIndex.get_references_to(images[key]).exists(), key


def test_v2_lists_only_images_used_on_public_pages(api, images):
    ids = _listed_ids(api)
    assert ids == {images[key].pk for key in VISIBLE}


@pytest.mark.parametrize("key", VISIBLE)
def test_v2_detail_of_publicly_used_image(api, images, key):
    response = api.get(f"/api/v2/images/{images[key].pk}/")
    assert response.status_code == 200
    assert response.json()["id"] == images[key].pk


@pytest.mark.parametrize("key", HIDDEN)
def test_v2_detail_and_find_of_hidden_image_are_404(api, images, key):
    pk = images[key].pk
    response = api.get(f"/api/v2/images/{pk}/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert api.get("/api/v2/images/find/", {"id": pk}).status_code == 404


def test_v2_search_and_ordering_keep_the_rule(api, images):
    assert _listed_ids(api, search="Ảnh") == {images[key].pk for key in VISIBLE}
    assert _listed_ids(api, order="title") == {images[key].pk for key in VISIBLE}


def test_image_leaves_when_its_only_public_page_goes_private_or_unpublished(api, home):
    image = HeritageImageFactory()
    page = SectionPageFactory(parent=home, title="Tạm thời", hero_image=image)
    assert image.pk in _listed_ids(api)

    _restrict(page)
    assert image.pk not in _listed_ids(api)

    PageViewRestriction.objects.filter(page=page).delete()
    assert image.pk in _listed_ids(api)

    page.unpublish()
    assert image.pk not in _listed_ids(api)


def test_unpublished_draft_revision_does_not_expose_its_image(api, home):
    """The live version decides: a new image only in a saved draft stays hidden."""
    shown, pending = HeritageImageFactory(), HeritageImageFactory()
    page = SectionPageFactory(parent=home, title="Có bản nháp", hero_image=shown)
    page.hero_image = pending
    page.body = _body(pending)
    page.save_revision()

    assert _listed_ids(api) == {shown.pk}
    assert api.get(f"/api/v2/images/{pending.pk}/").status_code == 404


def test_hero_image_shows_before_the_reference_index_catches_up(api, home):
    """The index is written by a background task; page foreign keys are read directly."""
    image = HeritageImageFactory()
    with disable_reference_index_auto_update():
        SectionPageFactory(parent=home, title="Chưa lập chỉ mục", hero_image=image)
    assert not ReferenceIndex.get_references_to(image).exists()
    assert image.pk in _listed_ids(api)


def test_v2_image_queries_do_not_grow_with_pages_or_restrictions(api, images, home):
    def run():
        cache.clear()  # both runs cold: nothing kept (responses, unfinished translations...)
        with CaptureQueriesContext(connection) as ctx:
            assert api.get("/api/v2/images/", {"limit": 100, "fields": "-tags"}).status_code == 200
        sql = [q["sql"] for q in ctx.captured_queries]
        return (
            sum("wagtailcore_pageviewrestriction" in s and "referenceindex" not in s for s in sql),
            sum("wagtailcore_referenceindex" in s for s in sql),
            len(sql),
        )

    before = run()
    for n in range(5):
        page = SectionPageFactory(parent=home, title=f"Thêm {n}", hero_image=HeritageImageFactory())
        if n % 2:
            _restrict(page)
    after = run()
    assert after[1:] == before[1:]
    assert after[0] <= 1  # view restrictions read at most once per request
    assert after[1] == 2  # the count and the page of items, nothing per item


def test_v2_documents_follow_the_same_rule(api, home):
    Document = get_document_model()
    shown = Document.objects.create(title="Công khai", file=ContentFile(b"%PDF-1.4", name="a.pdf"))
    hidden = Document.objects.create(title="Nháp", file=ContentFile(b"%PDF-1.4", name="b.pdf"))
    SectionPageFactory(parent=home, title="Tài liệu", body=[("document", {"document": shown, "title": ""})])
    SectionPageFactory(parent=home, title="Tài liệu nháp", body=[("document", {"document": hidden})], live=False)

    assert _listed_ids(api, "/api/v2/documents/") == {shown.pk}
    assert api.get(f"/api/v2/documents/{shown.pk}/").status_code == 200
    assert api.get(f"/api/v2/documents/{hidden.pk}/").status_code == 404


@pytest.mark.parametrize("path", ["/api/v1/images", "/api/v1/images/", "/api/v1/images/{pk}"])
def test_v1_has_no_image_endpoint(api, images, path):
    response = api.get(path.format(pk=images["private"].pk))
    assert response.status_code == 404
    assert response.json()["code"]


def test_v1_page_responses_carry_only_publicly_used_images(api, images):
    response = api.get("/api/v1/sections", {"locale": "vi", "limit": 100})
    assert response.status_code == 200, response.content[:500]
    hero_ids = {item["hero_image"]["id"] for item in response.json()["results"] if item.get("hero_image")}
    assert images["public"].pk in hero_ids
    assert hero_ids <= {images[key].pk for key in VISIBLE}
