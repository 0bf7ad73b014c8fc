"""The About page names the publisher once editors have filled it in and checked it, and
never a made-up name before; the dashboard says what is still "to fill" (issue 18)."""

import pytest
from wagtail.models import Site
from wagtail.users.models import UserProfile

from cms.models import SiteContact
from tests.factories import SectionPageFactory, UserFactory

pytestmark = pytest.mark.django_db

PUBLISHER = "Ban Dân tộc tỉnh Gia Lai (mẫu)"


def _about(client, url):
    html = client.get(url).content.decode()
    if 'id="about-publisher"' not in html:
        return None
    start = html.index('id="about-publisher"')
    return html[start : html.index("</section>", start)]


@pytest.fixture
def about(home, demo_loader):
    page = SectionPageFactory(parent=home, title="Giới thiệu", slug="gioi-thieu", shows_publisher=True)
    demo_loader.translate(page, "en", title="About", shows_publisher=True)
    return page


def _fill(confirmed=True):
    contact = SiteContact.for_site(Site.objects.get(is_default_site=True))
    contact.publisher, contact.phone, contact.confirmed = PUBLISHER, "0269 3 000 000", confirmed
    contact.save()


def test_before_it_is_filled_the_about_page_names_no_one(client, about):
    section = _about(client, "/vi/gioi-thieu/")
    assert "Đơn vị phát hành trang này" in section
    assert "đang được cập nhật" in section
    _fill(confirmed=False)  # typed in but not checked: still not shown as real
    assert PUBLISHER not in _about(client, "/vi/gioi-thieu/")


def test_once_checked_the_about_page_names_the_publisher_in_every_language(client, about):
    _fill()
    section = _about(client, "/vi/gioi-thieu/")
    assert f"Trang này do <strong>{PUBLISHER}</strong> phát hành" in section
    assert 'href="tel:02693000000"' in section
    assert PUBLISHER in _about(client, "/en/gioi-thieu/")


def test_other_pages_have_no_publisher_section(client, home):
    SectionPageFactory(parent=home, title="Liên kết", slug="lien-ket")
    assert _about(client, "/vi/lien-ket/") is None


def test_the_dashboard_lists_what_is_still_to_fill(client, home):
    user = UserFactory(is_superuser=True, is_staff=True)
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "vi"
    profile.save()
    client.force_login(user)
    html = client.get("/admin/").content.decode()
    panel = html[html.index('id="contact-todo"') : html.index("</section>", html.index('id="contact-todo"'))]
    assert "Đơn vị phát hành: cần điền" in panel
    assert "Trang Giới thiệu: chưa trang nào hiện đơn vị phát hành" in panel

    SectionPageFactory(parent=home, title="Giới thiệu", slug="gioi-thieu", shows_publisher=True)
    contact = SiteContact.for_site(Site.objects.get(is_default_site=True))
    contact.publisher = PUBLISHER
    contact.save()
    html = client.get("/admin/").content.decode()
    panel = html[html.index('id="contact-todo"') : html.index("</section>", html.index('id="contact-todo"'))]
    assert "Đơn vị phát hành: cần điền" not in panel and "Trang Giới thiệu:" not in panel
    assert "“Đã kiểm tra”: đánh dấu khi thông tin đã là thật" in panel
