"""The map page: Leaflet from our static files, markers only for verified places."""

import json
import re

import pytest
from django.test import Client

from tests.factories import PlacePageFactory


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    settings.PAGE_CACHE_ENABLED = False


@pytest.fixture
def places(indexes):
    return [
        PlacePageFactory(
            parent=indexes["places"],
            title="Tháp Phú Lộc",
            latitude="13.954526",
            longitude="109.089489",
        ),
        PlacePageFactory(parent=indexes["places"], title="Tháp Đôi"),
        PlacePageFactory(parent=indexes["places"], title="Tháp nháp", latitude="14", longitude="109", live=False),
    ]


def markers(html):
    return json.loads(
        re.search(r'<script id="heritage-markers" type="application/json">(.*?)</script>', html, re.S).group(1)
    )


def test_map_lists_every_place_and_marks_verified_ones(places):
    html = Client().get("/vi/places/map/").content.decode()
    assert "Tháp Phú Lộc" in html and "Tháp Đôi" in html and "Tháp nháp" not in html
    assert [m["title"] for m in markers(html)] == ["Tháp Phú Lộc"]
    assert markers(html)[0]["lat"] == 13.954526
    assert "/static/heritage/leaflet/leaflet.js" in html
    assert "/static/heritage/leaflet/leaflet.css" in html
    assert "unpkg" not in html and "cdn" not in html.lower()


def test_tile_url_comes_from_settings(places, settings):
    settings.MAP_TILE_URL = "https://tiles.example.org/{z}/{x}/{y}.png"
    html = Client().get("/en/places/map/").content.decode()
    assert "https://tiles.example.org/{z}/{x}/{y}.png" in html.replace("&quot;", '"')


def test_no_tiles_still_lists(places, settings):
    settings.MAP_TILE_URL = ""
    html = Client().get("/vi/places/map/").content.decode()
    assert "&quot;tileUrl&quot;: &quot;&quot;" in html
    assert html.count('<li id="place-') == 2


def test_leaflet_is_vendored_with_licence():
    from pathlib import Path

    folder = Path(__file__).resolve().parents[2] / "heritage/static/heritage/leaflet"
    assert (folder / "leaflet.js").stat().st_size > 100_000
    assert "BSD 2-Clause" in (folder / "LICENSE").read_text()
    assert (folder / "images/marker-icon.png").exists()


def test_place_page_has_small_map_without_leaflet(places):
    html = Client().get(places[0].url).content.decode()
    assert '<svg viewBox="0 0 240 240"' in html
    assert "13.954526, 109.089489" in html
    assert "leaflet" not in html.lower()
    html = Client().get(places[1].url).content.decode()
    assert "<svg" not in html.split("<main", 1)[1]


def test_map_and_calendar_have_hreflang(places):
    for path in ("/vi/places/map/", "/vi/festivals/calendar/"):
        html = Client().get(path).content.decode()
        assert 'hreflang="en" href="http://testserver/en/' in html
        assert 'hreflang="hro"' in html
