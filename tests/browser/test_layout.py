"""The page header stays short on a phone, however many sections the menu has:
each menu is one row that scrolls sideways, and every link is still reachable."""

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
        # brand + one row of languages + one row of sections, not a stack of 14 links
        assert header["height"] <= 200, header
        menu = tab.locator("nav.main-nav ul")
        assert menu.evaluate("el => el.scrollWidth > el.clientWidth")  # scrolls sideways
        last = tab.locator("nav.main-nav a", has_text=titles[-1])
        last.scroll_into_view_if_needed()
        assert last.is_visible()
        last.click()
        tab.wait_for_load_state()
        assert tab.locator("h1").first.inner_text().strip() == titles[-1]
    finally:
        context.close()
