"""Issue 16, cases 3 and 11: a bad image upload is a form error in the admin, never a 500
(a file named .gif that is not a picture, a full media disk), and pictures over about
40 megapixels are refused (``content.image_forms``)."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.images import get_image_model

from tests.factories import UserFactory, png_bytes
from tests.ops.disk import small_disk  # noqa: F401 (fixture: a real full tmpfs, root only)

NOT_A_GIF = b"GIF89a" + b"these bytes only start like a picture" * 20


@pytest.fixture
def editor(client, home):
    client.force_login(UserFactory(username="bien-tap", is_staff=True, is_superuser=True))
    return client


def _add(client, name, content, content_type="image/png"):
    data = {"title": "Thử", "alt_text": "thử", "credit": "thử", "licence": "CC0-1.0", "collection": 1}
    return client.post("/admin/images/add/", {**data, "file": SimpleUploadedFile(name, content, content_type)})


def _add_multiple(client, name, content, content_type="image/png"):
    return client.post("/admin/images/multiple/add/", {"files[]": SimpleUploadedFile(name, content, content_type)})


def _errors(response):
    return response.context["form"].errors.as_data()["file"]


def test_a_gif_that_is_not_a_picture_is_a_form_error(editor):
    response = _add(editor, "nha-rong.gif", NOT_A_GIF, "image/gif")
    assert response.status_code == 200
    assert [e.code for e in _errors(response)] == ["invalid_image"]
    multiple = _add_multiple(editor, "nha-rong.gif", NOT_A_GIF, "image/gif")
    assert multiple.status_code == 200 and json.loads(multiple.content)["success"] is False
    assert not get_image_model().objects.exists()


def test_the_pixel_cap_is_near_40_megapixels_and_refuses_with_a_form_error(editor, settings):
    assert 35_000_000 <= settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS <= 45_000_000
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 100 * 100
    response = _add(editor, "to.png", png_bytes((200, 120)))
    assert response.status_code == 200
    [error] = _errors(response)
    assert error.code == "file_too_many_pixels" and "10000" in str(error.message)
    assert _add(editor, "nho.png", png_bytes((90, 90))).status_code == 302
    assert get_image_model().objects.count() == 1


def test_an_upload_to_a_full_disk_is_a_form_error(editor, small_disk):  # noqa: F811
    small_disk.fill()
    response = _add(editor, "day.png", png_bytes((64, 48)))
    assert response.status_code == 200
    assert [e.code for e in _errors(response)] == ["disk_full"]
    multiple = _add_multiple(editor, "day.png", png_bytes((64, 48)))
    assert multiple.status_code == 200 and json.loads(multiple.content)["success"] is False
    assert not get_image_model().objects.exists()
    assert small_disk.files("original_images") == {}
    small_disk.free()
    assert _add(editor, "day.png", png_bytes((64, 48))).status_code == 302
