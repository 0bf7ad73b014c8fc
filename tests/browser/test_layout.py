"""The page header stays short on a phone, however many sections the menu has: the
menu folds behind one button (a <details>, no JS needed), nothing scrolls sideways,
and every link is reachable once the menu is opened; wide screens show it all."""

import pytest

from tests.factories import SectionPageFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_header_is_compact_on_a_small_phone(browser, live_server, home):
    titles = [f"Chuyên mục số {n}" for n in range(1, 10)]
    for title in titles:
        SectionPageFactory(parent=home, title=title, show_in_menus=True)
    context = browser.new_context(viewport={"width": 360, "height": 640}, locale="vi-VN")
    try:
        tab = context.new_page()
        tab.goto(f"{live_server.url}/vi/")
        header = tab.locator("header.site-header").bounding_box()
        # brand, search and menu button, one row of languages: not a stack of links
        assert header["height"] <= 160, header
        assert tab.evaluate("document.documentElement.scrollWidth") <= 360
        assert not tab.locator("nav.main-nav").is_visible()
        tab.locator(".menu-fold > summary").click()
        assert tab.locator("nav.main-nav").is_visible()
        assert tab.evaluate("document.documentElement.scrollWidth") <= 360  # open, still no sideways scroll
        menu = tab.locator("nav.main-nav ul")
        assert menu.evaluate("el => el.scrollWidth <= el.clientWidth")
        last = tab.locator("nav.main-nav a", has_text=titles[-1])
        last.scroll_into_view_if_needed()
        assert last.is_visible()
        last.click()
        tab.wait_for_load_state()
        assert tab.locator("h1").first.inner_text().strip() == titles[-1]
    finally:
        context.close()


def test_wide_screen_shows_the_whole_menu_without_the_button(browser, live_server, home):
    SectionPageFactory(parent=home, title="Lễ hội", show_in_menus=True)
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="vi-VN")
    try:
        tab = context.new_page()
        tab.goto(f"{live_server.url}/vi/")
        assert not tab.locator(".menu-fold > summary").is_visible()
        assert tab.locator("nav.main-nav a", has_text="Lễ hội").is_visible()
    finally:
        context.close()
