"""Fixtures of the API tests: a small public tree with images, a draft and a private page."""

import pytest
from django.test import Client

from tests.factories import HeritageImageFactory, SectionPageFactory


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def api():
    return Client()


@pytest.fixture
def image(db):
    return HeritageImageFactory(title="Nhà rông Kon Klor", alt_text="Mái nhà rông cao vút")


@pytest.fixture
def sections(home, image):
    """Three public Vietnamese section pages (one translated to English), a draft, a private one."""
    import io

    from wagtail.models import PageViewRestriction

    from content.demo_loader import DemoLoader

    loader = DemoLoader(io.StringIO())
    a = SectionPageFactory(
        parent=home,
        title="Giới thiệu",
        summary="Về dự án",
        hero_image=image,
        body=[
            ("heading", "Xin chào"),
            ("paragraph", "<p>Chào mừng</p>"),
            ("image", {"image": image, "caption": "Mái nhà", "alt": ""}),
        ],
    )
    en = loader.translate(a, "en", title="About", summary="About the project")
    b = SectionPageFactory(parent=home, title="Liên hệ", summary="Địa chỉ")
    c = SectionPageFactory(parent=home, title="Bản đồ", summary="Các làng")
    draft = SectionPageFactory(parent=home, title="Bản nháp bí mật", live=False)
    private = SectionPageFactory(parent=home, title="Trang riêng tư")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    return {"a": a, "en": en, "b": b, "c": c, "draft": draft, "private": private}


@pytest.fixture
def units(db):
    from content.models import AdministrativeUnit

    province = AdministrativeUnit.objects.create(code="gia-lai", name="Gia Lai", level="province")
    old = AdministrativeUnit.objects.create(
        code="vinh-thanh-old",
        name="Huyện Vĩnh Thạnh",
        level="district",
        valid_to="2025-06-30",
    )
    new = AdministrativeUnit.objects.create(
        code="vinh-thanh", name="Xã Vĩnh Thạnh", level="commune", parent=province
    )
    old.successors.add(new)
    return {"province": province, "old": old, "new": new}


@pytest.fixture
def heritage(all_homes, image, units):
    """One public page of each heritage type (the group also in English), plus a draft
    story and a story under a password-protected index."""
    import io

    from wagtail.models import PageViewRestriction

    from content.demo_loader import DemoLoader
    from tests.factories import (
        EthnicGroupPageFactory,
        FestivalPageFactory,
        HeritageIndexPageFactory,
        PlacePageFactory,
        ProductPageFactory,
        StoryPageFactory,
    )

    home = all_homes["vi"]
    loader = DemoLoader(io.StringIO())
    index = HeritageIndexPageFactory(parent=home, title="Di sản")
    group = EthnicGroupPageFactory(
        parent=index,
        title="Người Ba Na",
        code="ba-na",
        summary="Một dân tộc bản địa Tây Nguyên",
        hero_image=image,
        introduction="<p>Người Ba Na sống ở vùng núi.</p>",
    )
    group_en = loader.translate(group, "en", title="The Bahnar", summary="An upland people")
    place = PlacePageFactory(
        parent=index,
        title="Làng Kon Klor",
        unit=units["old"],
        latitude="14.100000",
        longitude="108.500000",
    )
    story = StoryPageFactory(
        parent=index,
        title="Nhà rông",
        hero_image=image,
        topic="architecture",
        unit=units["old"],
        body=[
            ("paragraph", f'<p>Xem <a linktype="page" id="{place.pk}">làng</a>.</p>'),
            ("image", {"image": image, "caption": "Nhà rông", "alt": ""}),
        ],
        sources=[
            (
                "source",
                {
                    "title": "Sách",
                    "url": "https://example.org",
                    "publisher": "NXB",
                    "accessed": None,
                },
            )
        ],
    )
    story.groups.add(group)
    story.save_revision().publish()
    festival = FestivalPageFactory(
        parent=index, title="Lễ mừng lúa mới", start_month=10, start_day=None, end_month=11
    )
    product = ProductPageFactory(parent=index, title="Thổ cẩm", kind="brocade", producer="HTX")
    draft = StoryPageFactory(parent=index, title="Bản nháp", live=False)
    secret_index = HeritageIndexPageFactory(parent=home, title="Kín", slug="kin")
    secret = StoryPageFactory(parent=secret_index, title="Chuyện kín")
    PageViewRestriction.objects.create(page=secret_index, restriction_type="password", password="x")
    return {
        "index": index,
        "group": group,
        "group_en": group_en,
        "place": place,
        "story": story,
        "festival": festival,
        "product": product,
        "draft": draft,
        "secret": secret,
    }


QUIZ_ID = "0a0a0a0a-0000-4000-8000-000000000001"


def quiz_block(quiz_id=QUIZ_ID):
    def option(n, text, correct):
        return {
            "type": "item",
            "id": f"{quiz_id[:-4]}00{n}",
            "value": {"text": text, "image": None, "audio": None, "correct": correct},
        }

    return {
        "type": "quiz",
        "id": quiz_id,
        "value": {
            "title": "Kiểm tra nhanh",
            "pass_mark": 100,
            "questions": [
                {
                    "type": "item",
                    "id": f"{quiz_id[:-4]}0001",
                    "value": {
                        "kind": "single",
                        "prompt": "Có nên chia sẻ mật khẩu?",
                        "image": None,
                        "audio": None,
                        "feedback_correct": "Đúng.",
                        "feedback_wrong": "Không bao giờ.",
                        "options": [option(11, "Có", False), option(12, "Không", True)],
                    },
                }
            ],
        },
    }


@pytest.fixture
def course(all_homes, image):
    """A public course of two lessons (the second with a quiz) and a draft lesson."""
    from tests.factories import CourseIndexPageFactory, CoursePageFactory, LessonPageFactory

    index = CourseIndexPageFactory(parent=all_homes["vi"])
    course = CoursePageFactory(parent=index, title="Bán hàng trên mạng", hero_image=image)
    first = LessonPageFactory(
        parent=course,
        title="Bài 1",
        hero_image=image,
        body=[
            ("paragraph", "<p>Mở đầu</p>"),
            ("how_to", {"title": "Các bước", "steps": [{"text": "Chụp ảnh", "image": image}]}),
        ],
    )
    second = LessonPageFactory(parent=course, title="Bài 2", body=[quiz_block()])
    draft = LessonPageFactory(parent=course, title="Bài nháp", live=False)
    return {"index": index, "course": course, "lessons": [first, second], "draft": draft}


@pytest.fixture
def learner(db):
    from lessons.models import AccessToken, LearnerProfile
    from tests.factories import UserFactory

    user = UserFactory(username="hoc-vien")
    LearnerProfile.objects.create(user=user, display_name="Y Hoa", phone="0905000111")
    _token, raw = AccessToken.issue(user)
    return {"user": user, "auth": {"HTTP_AUTHORIZATION": f"Bearer {raw}"}}
