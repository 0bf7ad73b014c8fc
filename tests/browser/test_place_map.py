"""The heritage map at phone size: places that share a commune centre become one
numbered group, so no two tap targets overlap (WCAG 2.5.8), and tapping the group
shows its places."""

from datetime import date

import pytest

from content.models import AdministrativeUnit
from tests.factories import HeritageIndexPageFactory, PlacePageFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def overlapping(boxes):
    """Pairs of boxes (x, y, width, height) that overlap."""
    return [
        (a, b)
        for i, a in enumerate(boxes)
        for b in boxes[i + 1 :]
        if a["x"] < b["x"] + b["width"]
        and b["x"] < a["x"] + a["width"]
        and a["y"] < b["y"] + b["height"]
        and b["y"] < a["y"] + a["height"]
    ]


@pytest.fixture
def shared_centre(home):
    """Three places with no coordinates of their own in one commune (one marker point,
    its centre), one exact place a few hundred metres away, one far away."""
    start = date(2025, 7, 1)
    commune = AdministrativeUnit.objects.create(
        code="21910",
        name="Phường An Nhơn",
        level="commune",
        valid_from=start,
        latitude=13.8881,
        longitude=109.1132,
    )
    index = HeritageIndexPageFactory(parent=home, title="Địa điểm", slug="places", listing="places")
    for title in ("Tháp Cánh Tiên", "Thành Đồ Bàn", "Làng nghề gần đúng"):
        PlacePageFactory(parent=index, title=title, unit=commune)
    PlacePageFactory(parent=index, title="Tháp Phú Lộc", latitude="13.8905", longitude="109.1160")
    PlacePageFactory(parent=index, title="Làng Đăk Mang", latitude="14.4600", longitude="108.7500")


def test_places_at_one_commune_centre_are_one_group_and_no_targets_overlap(page, live_server, shared_centre):
    page.goto(f"{live_server.url}/vi/places/map/")
    page.wait_for_selector(".leaflet-marker-icon")
    targets = page.locator(".leaflet-marker-icon")
    boxes = [targets.nth(i).bounding_box() for i in range(targets.count())]
    assert not overlapping(boxes), boxes

    groups = page.locator(".leaflet-marker-icon.map-group")
    assert groups.count() == 1
    group = groups.first
    # the three shared-centre places and Tháp Phú Lộc, a few hundred metres away
    assert group.locator("span[aria-hidden=true]").inner_text() == "4"
    assert group.get_attribute("title") == "4 địa điểm ở đây; chọn để phóng to"
    assert page.get_by_role("button", name="4 địa điểm ở đây; chọn để phóng to").count() == 1
    box = group.bounding_box()
    assert box["width"] >= 24 and box["height"] >= 24  # WCAG 2.5.8 minimum target size

    group.click()  # zooms in: Tháp Phú Lộc apart, the three at one point still one group
    page.locator('.leaflet-marker-icon[title="Tháp Phú Lộc"]').wait_for()
    three = page.get_by_role("button", name="3 địa điểm ở đây; chọn để phóng to")
    three.wait_for()
    page.wait_for_timeout(400)  # the zoom animation
    three.click()  # one point at any zoom: its markers spread around it
    for title in ("Tháp Cánh Tiên", "Thành Đồ Bàn", "Làng nghề gần đúng"):
        page.locator(f'.leaflet-marker-icon[title^="{title} (vị trí gần đúng"]').wait_for()
