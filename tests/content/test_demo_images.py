"""DemoLoader.image: every demo picture is a drawn motif; an old picture nobody edited is
redrawn, a picture an editor touched is never replaced (issue 18)."""

import io

import pytest
from django.core.files.images import ImageFile
from django.urls import reverse
from PIL import Image

from content import illustrations
from content.demo_loader import DemoLoader
from content.models import HeritageImage
from tests.content.test_illustrations import DEMO_NAME, difference
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def old_banner(title, name="demo-0123456789.png"):
    """A picture as the loader made them before: a flat banner, its file named by key only."""
    buffer = io.BytesIO()
    Image.new("RGB", (1200, 675), (120, 52, 20)).save(buffer, format="PNG")
    image = HeritageImage(title=title, alt_text="dòng chữ", credit=DemoLoader.CREDIT, licence="CC0-1.0")
    image.file = ImageFile(io.BytesIO(buffer.getvalue()), name=name)
    image.save()
    return image


def test_heritage_and_lessons_demo_pictures_are_all_drawn_motifs(home):
    import content.demo
    import heritage.demo
    import lessons.demo
    from lessons.models import LessonPage

    loader = DemoLoader(io.StringIO())
    for module in (content.demo, heritage.demo, lessons.demo):
        module.load(loader)
    images = list(HeritageImage.objects.all())
    assert len(images) >= 60
    for image in images:
        match = DEMO_NAME.search(image.file.name)
        assert match, image.file.name
        assert match["motif"] in illustrations.MOTIFS
        assert image.alt_text.strip() and "Pillow" in image.credit
        with image.open_file() as f:
            assert Image.open(f).mode == "P"  # drawn by content.illustrations, not a banner
    # the picture quiz offers a rain cloud and a sun, with Vietnamese alt text
    quiz = next(
        block
        for lesson in LessonPage.objects.filter(locale__language_code="vi")
        for block in lesson.quiz_blocks()
        if any(q["kind"] == "picture" for q in block.value["questions"])
    )
    question = next(q for q in quiz.value["questions"] if q["kind"] == "picture")
    options = [o["image"] for o in question["options"]]
    assert [o.alt_text for o in options] == ["Mây mưa", "Mặt trời"]
    assert "-rain-" in options[0].file.name and "-sun-" in options[1].file.name
    with options[0].open_file() as a, options[1].open_file() as b:
        assert difference(Image.open(a).convert("RGB"), Image.open(b).convert("RGB")) > 25
    # loading again changes nothing
    again = DemoLoader(io.StringIO())
    heritage.demo.load(again)
    lessons.demo.load(again)
    assert (again.created, again.updated, again.kept) == (0, 0, 0)


def test_an_old_banner_nobody_edited_is_redrawn_and_its_file_removed(locales, demo_loader):
    old = old_banner("Nhà Rông demo · story · nha-rong")
    old_name = old.file.name
    storage = old.file.storage
    image = demo_loader.image("k", old.title, "communal-house", alt="Nhà rông", palette="bana")
    assert image.pk == old.pk and (demo_loader.created, demo_loader.updated) == (0, 1)
    image.refresh_from_db()
    assert DEMO_NAME.search(image.file.name)["motif"] == "communal-house"
    assert image.alt_text == "Nhà rông"
    assert (image.width, image.height) == (1200, 675)
    assert not storage.exists(old_name)
    with image.open_file() as f:
        assert f.read() == illustrations.render("communal-house", (1200, 675), "bana")
    again = DemoLoader(io.StringIO())
    assert again.image("k", old.title, "communal-house", alt="Nhà rông", palette="bana").pk == old.pk
    assert (again.created, again.updated) == (0, 0)


def test_a_picture_an_editor_changed_in_the_admin_is_kept(locales, client):
    old = old_banner("Nhà Rông demo · story · det-tho-cam")
    editor = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(editor)
    response = client.post(
        reverse("wagtailimages:edit", args=[old.pk]),
        {
            "title": old.title,
            "alt_text": "Ảnh do biên tập viên sửa",
            "credit": "Ảnh: biên tập viên",
            "licence": "CC0-1.0",
            "collection": old.collection_id,
            "tags": "",
        },
    )
    assert response.status_code == 302, response.content[:2000]
    loader = DemoLoader(io.StringIO())
    image = loader.image("k", old.title, "brocade", alt="Thổ cẩm")
    image.refresh_from_db()
    assert image.alt_text == "Ảnh do biên tập viên sửa"
    assert image.file.name == old.file.name
    assert (loader.updated, loader.kept) == (0, 1)


def test_a_picture_whose_file_an_editor_replaced_is_kept(locales, demo_loader):
    mine = old_banner("Nhà Rông demo · place · thap-doi", name="anh-that-thap-doi.png")
    image = demo_loader.image("k", mine.title, "tower", alt="Tháp Đôi")
    assert image.file.name == mine.file.name and demo_loader.kept == 1


def test_an_unknown_motif_stops_the_loader(locales, demo_loader):
    with pytest.raises(ValueError):
        demo_loader.image("k", "Nhà Rông demo · x", "banner", alt="x")
    assert not HeritageImage.objects.filter(title="Nhà Rông demo · x").exists()
