"""What a visitor sees on a 360 px phone (issue 18), in Debian chromium: the Bahnar menu
reaches every section, search shows results before its filters, a picture quiz can be
answered from the pictures, nothing scrolls sideways, and a form left empty says which
field needs what, in a way a screen reader announces."""

import re

import pytest
from django.core.files.base import ContentFile

from content import illustrations
from tests.factories import (
    FestivalPageFactory,
    HeritageImageFactory,
    HeritageIndexPageFactory,
    SectionPageFactory,
    StoryPageFactory,
    UserFactory,
)
from tests.lessons.conftest import CourseIndexPageFactory, make_course

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 800}


@pytest.fixture
def phone(browser, request):
    from tests.browser.conftest import screenshot_if_failed

    context = browser.new_context(viewport=PHONE, locale="vi-VN")
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    yield tab
    screenshot_if_failed(request, tab)
    context.close()


def no_sideways_scroll(tab):
    return tab.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_bahnar_menu_lists_every_section_and_opens_untranslated_ones_in_vietnamese(
    phone, live_server, all_homes, demo_loader
):
    home = all_homes["vi"]
    festivals = SectionPageFactory(parent=home, title="Lễ hội", slug="le-hoi", show_in_menus=True)
    demo_loader.translate(festivals, "bdq", title="Ning nơng", slug="le-hoi")
    untranslated = [("Sản vật", "san-vat"), ("Chính sách và pháp luật", "chinh-sach"), ("Việc làm", "viec-lam")]
    for title, slug in untranslated:
        SectionPageFactory(parent=home, title=title, slug=slug, show_in_menus=True)

    phone.goto(f"{live_server.url}/bdq/")
    assert no_sideways_scroll(phone)
    phone.locator(".menu-fold > summary").click()
    links = phone.locator("nav.main-nav a")
    texts = [t.strip() for t in links.all_inner_texts()]
    assert texts[0] == "Ning nơng"  # translated: in Bahnar, no mark
    for title in ("Sản vật", "Chính sách và pháp luật", "Việc làm"):  # untranslated: listed, marked VI
        assert any(t.startswith(title) for t in texts), texts
        mark = phone.locator("nav.main-nav a", has_text=title).locator(".lang-mark")
        assert mark.is_visible() and mark.inner_text().split()[0] == "VI"
    assert phone.locator("nav.main-nav a", has_text="Ning nơng").locator(".lang-mark").count() == 0
    untranslated = phone.locator("nav.main-nav a", has_text="Chính sách và pháp luật")
    assert untranslated.get_attribute("lang") == "vi"
    assert no_sideways_scroll(phone)

    untranslated.click()
    phone.wait_for_url(re.compile(r"/bdq/chinh-sach/$"))
    assert phone.locator("h1").first.inner_text().strip() == "Chính sách và pháp luật"
    assert phone.locator("html").get_attribute("lang") == "vi"
    assert phone.locator("p.notice.untranslated").is_visible()  # the "not yet translated" mark


def test_search_on_a_phone_shows_the_first_result_before_the_filters(phone, live_server, home):
    index = HeritageIndexPageFactory(parent=home, title="Lễ hội", slug="festivals", listing="festivals")
    FestivalPageFactory(parent=index, title="Lễ hội cồng chiêng", slug="cong-chieng", summary="Mừng lúa mới")
    FestivalPageFactory(parent=index, title="Lễ cồng chiêng cầu mưa", slug="cau-mua", summary="Gọi mưa")
    stories = HeritageIndexPageFactory(parent=home, title="Câu chuyện", slug="stories", listing="stories")
    StoryPageFactory(parent=stories, title="Chuyện cồng chiêng", slug="chuyen-cong", summary="Vì sao có cồng")

    phone.goto(f"{live_server.url}/vi/search/?q=cong+chieng")
    first = phone.locator("ol.search-results > li").first
    assert first.is_visible()
    fold = phone.locator("details.facets-fold")
    assert fold.count() == 1  # there are filters...
    assert not phone.locator("nav.facets").is_visible()  # ...folded behind one button
    first_box = first.bounding_box()
    assert first_box["y"] + 40 < PHONE["height"], first_box  # the first result is on the first screen
    assert fold.bounding_box()["y"] < first_box["y"]  # only the button comes before it
    assert no_sideways_scroll(phone)
    fold.locator("summary").click()
    assert phone.locator("nav.facets").is_visible()


def _picture_quiz_course(home):
    """A lesson whose quiz asks for the rain pictogram among rain and sun."""
    rain, sun = (
        HeritageImageFactory(
            title=title,
            alt_text=alt,
            file=ContentFile(illustrations.render(motif, (480, 360)), name=f"{motif}.png"),
        )
        for motif, title, alt in [("rain", "Mưa", "Mây có mưa"), ("sun", "Nắng", "Mặt trời")]
    )
    index = CourseIndexPageFactory(parent=home, title="Khoá học", show_in_menus=True)
    course, lessons = make_course(index, title="Xem thời tiết", lessons=1)
    lesson = lessons[0]
    quiz_id = "00000000-0000-4000-8000-0000000b0001"
    option = lambda n, text, image, correct: {  # noqa: E731
        "type": "item",
        "id": f"00000000-0000-4000-8000-0000000b00{n}1",
        "value": {"text": text, "image": image.pk, "audio": None, "correct": correct},
    }
    lesson.body = [
        {
            "type": "quiz",
            "id": quiz_id,
            "value": {
                "title": "Chọn hình",
                "pass_mark": None,
                "questions": [
                    {
                        "type": "item",
                        "id": "00000000-0000-4000-8000-0000000b0100",
                        "value": {
                            "kind": "picture",
                            "prompt": "Chọn hình báo trời có mưa",
                            "image": None,
                            "audio": None,
                            "feedback_correct": "Đúng rồi.",
                            "feedback_wrong": "Chưa đúng.",
                            "options": [option(1, "Trời nắng", sun, False), option(2, "Trời mưa", rain, True)],
                        },
                    }
                ],
            },
        }
    ]
    lesson.save_revision().publish()
    return lesson, quiz_id


def test_picture_quiz_can_be_answered_from_the_pictures(phone, live_server, home):
    lesson, quiz_id = _picture_quiz_course(home)
    learner = UserFactory(username="hoa")
    phone.goto(f"{live_server.url}/vi/learn/login/")
    phone.fill('input[name="identifier"]', learner.username)
    phone.fill('input[name="password"]', "correct-horse-42")
    phone.locator('main form button[type="submit"]').click()
    phone.wait_for_url(re.compile(r"/vi/learn/$"))

    phone.goto(f"{live_server.url}{lesson.url}")
    choices = phone.locator(f"#quiz-{quiz_id} .picture-choice")
    assert choices.count() == 2
    pictures = [choices.nth(n).locator("img") for n in range(2)]
    for picture in pictures:  # loaded, and big enough to tell apart on a phone
        assert picture.evaluate("img => img.complete && img.naturalWidth > 0")
        assert picture.bounding_box()["width"] >= 120
    assert pictures[0].screenshot() != pictures[1].screenshot()  # two different pictograms
    assert {p.get_attribute("alt") for p in pictures} == {"Mây có mưa", "Mặt trời"}
    assert no_sideways_scroll(phone)

    pictures[1].click()  # a tap on the rain picture chooses it
    chosen = choices.nth(1).locator("input")
    assert chosen.is_checked()
    assert choices.nth(1).locator("label").evaluate("el => getComputedStyle(el).borderTopWidth") == "4px"
    phone.locator(f"#quiz-{quiz_id} button[type=submit]").click()
    phone.wait_for_url(re.compile(r"/learn/attempts/\d+/"))
    assert "100%" in phone.content()


def test_header_has_no_sideways_scroll_on_a_small_phone(phone, live_server, home):
    for n in range(12):
        SectionPageFactory(parent=home, title=f"Quyền của phụ nữ và trẻ em {n}", show_in_menus=True)
    for path in ("/vi/", "/en/", "/vi/search/?q=", "/vi/learn/login/"):
        phone.goto(f"{live_server.url}{path}")
        assert no_sideways_scroll(phone), path
        phone.locator(".menu-fold > summary").click()
        assert no_sideways_scroll(phone), path
        header = phone.locator("header.site-header").evaluate("el => el.scrollWidth <= el.clientWidth")
        assert header, path


def test_required_fields_left_empty_are_announced_with_icon_and_text(phone, live_server, home):
    phone.goto(f"{live_server.url}/vi/learn/login/")
    phone.locator('main form button[type="submit"]').click()
    phone.wait_for_load_state()
    summary = phone.locator(".form-errors[role=alert]")
    assert summary.is_visible()
    for name in ("identifier", "password"):
        field = phone.locator(f'input[name="{name}"]')
        assert field.get_attribute("aria-invalid") == "true"
        error_id = field.get_attribute("aria-describedby").split()[-1]
        error = phone.locator(f"#{error_id}")
        assert error.is_visible()
        assert error.locator("svg").count() == 1  # not by colour alone
        assert error.inner_text().strip()  # words
        colour = error.evaluate("el => getComputedStyle(el).color")
        assert colour == "rgb(155, 28, 28)", colour
    assert no_sideways_scroll(phone)

    phone.goto(f"{live_server.url}/vi/search/?q=")
    field = phone.locator("#search-q")
    assert field.get_attribute("aria-invalid") == "true"
    assert phone.locator(f"#{field.get_attribute('aria-describedby')}").is_visible()
