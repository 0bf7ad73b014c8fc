"""Main journeys in a real browser: a tourist and a learner (the editor's journey
through the Wagtail admin is in test_editor_journey.py)."""

import re

import pytest

from tests.factories import FestivalPageFactory, HeritageIndexPageFactory, SectionPageFactory
from tests.lessons.conftest import QUIZ_ID, RIGHT, CourseIndexPageFactory, make_course

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_tourist_switches_language_browses_festival_and_map_and_searches(page, live_server, home, demo_loader):
    index = HeritageIndexPageFactory(
        parent=home, title="Lễ hội", slug="festivals", listing="festivals", show_in_menus=True
    )
    festival = FestivalPageFactory(
        parent=index, title="Lễ hội cồng chiêng", slug="cong-chieng", summary="Tiếng cồng chiêng mừng lúa mới"
    )
    demo_loader.translate(index, "en", title="Festivals", slug="festivals")
    demo_loader.translate(festival, "en", title="Gong festival", slug="cong-chieng")

    page.goto(f"{live_server.url}/vi/")
    assert page.locator("html").get_attribute("lang") == "vi"
    page.locator('nav.lang a[hreflang="en"]').click()
    page.wait_for_url(re.compile(r"/en/"))
    assert page.locator("html").get_attribute("lang") == "en"

    page.goto(f"{live_server.url}/vi/")
    page.locator(".menu-fold > summary").click()  # a phone: the menu is folded behind its button
    page.locator("nav.main-nav a", has_text="Lễ hội").first.click()
    page.wait_for_url(re.compile(r"/vi/festivals/$"))
    page.locator("a", has_text="Lễ hội cồng chiêng").first.click()
    page.wait_for_url(re.compile(r"/vi/festivals/cong-chieng/$"))
    assert page.locator("h1").first.inner_text().strip() == "Lễ hội cồng chiêng"

    page.goto(f"{live_server.url}/vi/places/map/")
    assert page.locator("#heritage-map").count() == 1

    page.goto(f"{live_server.url}/vi/search/")
    page.fill('input[name="q"]', "cong chieng")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"q=cong"))
    assert page.locator("main a", has_text="Lễ hội cồng chiêng").count() >= 1


def test_learner_signs_up_takes_lesson_passes_quiz_opens_certificate(page, live_server, home):
    index = CourseIndexPageFactory(parent=home, title="Khoá học", show_in_menus=True)
    course, lessons = make_course(index, lessons=2)
    SectionPageFactory(parent=home, title="Giới thiệu")

    page.goto(f"{live_server.url}/vi/learn/signup/?next={course.url}")
    page.fill('input[name="display_name"]', "Đinh Thị Hoa")
    page.fill('input[name="phone"]', "0912 345 678")
    page.fill('input[name="password"]', "rừng-xanh-2025")
    page.locator('form button[type="submit"]').click()
    page.wait_for_load_state()

    page.goto(f"{live_server.url}{course.url}")
    page.locator("form button[type=submit]", has_text=re.compile(".")).first.click()
    page.wait_for_load_state()
    for lesson in lessons:
        page.goto(f"{live_server.url}{lesson.url}")
        complete = page.locator(f'form[action$="/lessons/{lesson.pk}/complete/"] button')
        if complete.count():
            complete.click()
            page.wait_for_load_state()
    page.goto(f"{live_server.url}{lessons[-1].url}")
    for question, answers in RIGHT.items():
        for answer in answers:
            page.check(f'input[name="q-{question}"][value="{answer}"]')
    page.locator(f"#quiz-{QUIZ_ID} button[type=submit]").click()
    page.wait_for_url(re.compile(r"/learn/attempts/\d+/"))
    assert "100%" in page.content()

    page.goto(f"{live_server.url}/vi/learn/")
    link = page.locator('a[href*="/certificates/"]').first
    link.click()
    page.wait_for_url(re.compile(r"/certificates/[A-Z0-9-]+/"))
    assert "Đinh Thị Hoa" in page.content()
