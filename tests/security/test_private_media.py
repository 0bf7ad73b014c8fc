"""What must stay private stays private at every media address (issue 16, cases 4
and 5): documents in a restricted collection or used only by a draft, renditions of
an image used only by a draft."""

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction

from tests.factories import HeritageImageFactory, SectionPageFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def document(title, collection=None):
    return get_document_model().objects.create(
        title=title,
        file=ContentFile(b"%PDF-1.4 secret minutes", name=f"{title}.pdf"),
        collection=collection or Collection.get_first_root_node(),
    )


def linked(home, doc, live=True):
    body = [{"type": "paragraph", "value": f'<p><a linktype="document" id="{doc.pk}">biên bản</a></p>'}]
    return SectionPageFactory(parent=home, title=f"Trang {doc.title}", body=body, live=live)


def media_client():
    return Client(raise_request_exception=False)


def test_restricted_collection_document_is_not_served_from_media(home):
    root = Collection.get_first_root_node()
    private = root.add_child(name="Nội bộ")
    CollectionViewRestriction.objects.create(collection=private, restriction_type="login")
    doc = document("bien-ban", private)
    linked(home, doc)
    client = media_client()
    assert client.get(f"/documents/{doc.pk}/{doc.filename}").status_code in (302, 403)
    # Django's media server (DEBUG, DJANGO_SERVE_MEDIA) refuses the documents folder.
    from django.http import Http404
    from django.test import RequestFactory

    from cms.views import serve_media

    for path in (doc.file.name, f"images/../{doc.file.name}", f"./{doc.file.name}"):
        with pytest.raises(Http404):
            serve_media(RequestFactory().get("/media/" + path), path)
    image = HeritageImageFactory()
    assert serve_media(RequestFactory().get("/"), image.file.name).status_code == 200


def test_document_used_only_by_a_draft_is_not_served(home):
    doc = document("du-thao")
    linked(home, doc, live=False)
    client = media_client()
    assert client.get(f"/documents/{doc.pk}/{doc.filename}").status_code == 404
    editor = UserFactory(username="bientap", is_staff=True, is_superuser=True)
    client.force_login(editor)
    assert client.get(f"/documents/{doc.pk}/{doc.filename}").status_code == 200


def test_document_a_public_page_uses_is_served(home):
    doc = document("cong-khai")
    linked(home, doc)
    response = media_client().get(f"/documents/{doc.pk}/{doc.filename}")
    assert response.status_code == 200


def test_renditions_of_a_draft_only_image_are_not_served_nor_guessable(home):
    image = HeritageImageFactory(title="Ảnh nháp")
    SectionPageFactory(parent=home, title="Nháp", hero_image=image, live=False)
    rendition = image.get_rendition("width-320|format-webp|webpquality-70")
    client = media_client()
    assert client.get(rendition.url).status_code == 404
    stem = image.file.name.split("/")[-1].rsplit(".", 1)[0]
    guessed = f"/media/images/{stem}.width-320.format-webp.webpquality-70.webp"
    assert rendition.url != guessed
    assert client.get(guessed).status_code == 404
