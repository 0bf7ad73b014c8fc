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
    assert "/static/heritage/markercluster/leaflet.markercluster.js" in html
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
    grouping = folder.parent / "markercluster"  # Leaflet.markercluster 1.5.3, from npm
    assert "L.MarkerClusterGroup" in (grouping / "leaflet.markercluster.js").read_text()
    assert "Permission is hereby granted" in (grouping / "LICENSE").read_text()  # MIT


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


# ---------------------------------------------------------------------------
# Approximate markers: a commune's centre stands in for coordinates no source gives
# ---------------------------------------------------------------------------


@pytest.fixture
def merged(db):
    """Xã Vĩnh Sơn (until 30 June 2025) went whole into the new Xã Vĩnh Sơn, which has a
    centre; Xã Chia Đôi was split between two new communes; a district has no centre."""
    import datetime

    from content.models import AdministrativeUnit as U
    from content.models import UnitSuccession

    end, start = datetime.date(2025, 6, 30), datetime.date(2025, 7, 1)
    district = U.objects.create(code="546", name="Huyện Vĩnh Thạnh", level="district", valid_to=end)
    old = U.objects.create(code="21787", name="Xã Vĩnh Sơn", level="commune", parent=district, valid_to=end)
    new = U.objects.create(
        code="21787", name="Xã Vĩnh Sơn", level="commune", valid_from=start, latitude=14.3348, longitude=108.711
    )
    UnitSuccession.objects.create(predecessor=old, successor=new)
    split = U.objects.create(code="99990", name="Xã Chia Đôi", level="commune", valid_to=end)
    for code, lat in (("99991", 14.0), ("99992", 14.1)):
        part = U.objects.create(
            code=code, name=f"Xã {code}", level="commune", valid_from=start, latitude=lat, longitude=108.8
        )
        UnitSuccession.objects.create(predecessor=split, successor=part, relation="part")
    return {"district": district, "old": old, "new": new, "split": split}


@pytest.fixture
def approximate(indexes, merged):
    parent = indexes["places"]
    return {
        "village": PlacePageFactory(parent=parent, title="Làng K3", kind="village", unit=merged["old"]),
        "exact": PlacePageFactory(
            parent=parent, title="Tháp Phú Lộc", latitude="13.954526", longitude="109.089489", unit=merged["old"]
        ),
        "district": PlacePageFactory(parent=parent, title="Tháp huyện", unit=merged["district"]),
        "split": PlacePageFactory(parent=parent, title="Làng chia đôi", kind="village", unit=merged["split"]),
        "current": PlacePageFactory(parent=parent, title="Làng mới", kind="village", unit=merged["new"]),
    }


def test_coordinates_exact_commune_centre_or_none(approximate):
    assert approximate["exact"].coordinates() == {
        "lat": 13.954526,
        "lon": 109.089489,
        "precision": "exact",
        "commune": None,
    }
    where = approximate["village"].coordinates()
    assert where["precision"] == "commune_centre" and (where["lat"], where["lon"]) == (14.3348, 108.711)
    assert where["commune"] == {"code": "21787", "name": "Xã Vĩnh Sơn", "level": "commune"}
    assert approximate["current"].coordinates()["precision"] == "commune_centre"
    assert approximate["district"].coordinates() is None  # a district's centre is too coarse
    assert approximate["split"].coordinates() is None  # no single commune took it


def test_map_marks_commune_centres_as_approximate(approximate):
    html = Client().get("/vi/places/map/").content.decode()
    found = {m["title"]: m for m in markers(html)}
    assert set(found) == {"Làng K3", "Tháp Phú Lộc", "Làng mới"}
    assert found["Tháp Phú Lộc"]["precision"] == "exact" and "note" not in found["Tháp Phú Lộc"]
    assert found["Làng K3"]["precision"] == "commune_centre"
    assert found["Làng K3"]["note"] == "vị trí gần đúng: trung tâm xã Vĩnh Sơn"
    assert "vị trí gần đúng: trung tâm xã Vĩnh Sơn" in html.split('class="place-list"', 1)[1]
    assert "5 địa điểm: 1 theo tọa độ riêng, 2 ở vị trí gần đúng (trung tâm xã), 2 không có trên bản đồ." in html
    html = Client().get("/en/places/map/").content.decode()
    assert {m["title"]: m for m in markers(html)}["Làng K3"]["note"] == (
        "approximate location: centre of xã Vĩnh Sơn"
    )


def test_map_script_labels_approximate_popups():
    from pathlib import Path

    script = (Path(__file__).resolve().parents[2] / "heritage/static/heritage/map.js").read_text()
    assert "m.note" in script and "bindPopup(popup)" in script


def test_place_page_says_approximate(approximate):
    html = Client().get(approximate["village"].url).content.decode()
    assert "vị trí gần đúng: trung tâm xã Vĩnh Sơn" in html
    assert '<svg viewBox="0 0 240 240"' in html  # the locator at the commune centre
    html = Client().get(approximate["district"].url).content.decode()
    assert "gần đúng" not in html and "<svg" not in html.split("<main", 1)[1]


def test_api_coordinates(approximate):
    client = Client()
    body = client.get(f"/api/v1/places/{approximate['village'].pk}?locale=vi").json()
    assert body["coordinates"]["precision"] == "commune_centre"
    assert body["coordinates"]["commune"]["name"] == "Xã Vĩnh Sơn"
    assert body["latitude"] is None  # the page's own coordinates stay empty
    items = {i["title"]: i for i in client.get("/api/v1/places?locale=vi&limit=50").json()["results"]}
    assert items["Tháp Phú Lộc"]["coordinates"]["precision"] == "exact"
    assert items["Tháp huyện"]["coordinates"] is None


def test_jsonld_gives_no_geo_for_an_approximate_place(approximate, rf):
    request = rf.get("/")
    data = approximate["village"].jsonld(request)
    assert "geo" not in data
    area = data["containedInPlace"]
    assert area["@type"] == "AdministrativeArea" and area["name"] == "Xã Vĩnh Sơn"
    assert area["geo"]["latitude"] == 14.3348 and area["geo"]["description"]
    exact = approximate["exact"].jsonld(request)
    assert exact["geo"]["latitude"] == 13.954526


def test_a_chăm_tower_cannot_be_chăm_hroi_heritage(indexes):
    from django.core.exceptions import ValidationError

    from tests.factories import EthnicGroupPageFactory

    hroi = EthnicGroupPageFactory(parent=indexes["groups"], title="Người Chăm H'roi", code="cham-hroi")
    tower = PlacePageFactory(parent=indexes["places"], title="Tháp Đôi", kind="cham-tower")
    tower.groups = [hroi]
    with pytest.raises(ValidationError) as caught:
        tower.clean()
    assert "groups" in caught.value.message_dict
    tower.groups = []
    tower.heritage_of = "Người Chăm thời vương quốc Chăm Pa (Vijaya)"
    tower.clean()
    village = PlacePageFactory(parent=indexes["places"], title="Khu phố Hiệp Hà", kind="village")
    village.groups = [hroi]
    village.clean()
