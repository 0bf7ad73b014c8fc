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
