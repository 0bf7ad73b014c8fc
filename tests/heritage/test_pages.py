"""Each page type renders in every language (with fallback), carries JSON-LD
that parses, lists its sources, shows rights on images and the current unit."""

import json
import re

import pytest
from django.test import Client

from tests.factories import (
    FestivalPageFactory,
    HeritageImageFactory,
    PlacePageFactory,
    ProductPageFactory,
    StoryPageFactory,
)

JSONLD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def jsonld(response):
    blocks = JSONLD.findall(response.content.decode())
    assert blocks, "no JSON-LD on the page"
    return [json.loads(b) for b in blocks]


@pytest.fixture
def pages(indexes, groups, units):
    hero = HeritageImageFactory(title="Tháp", alt_text="Tháp gạch trên đồi", credit="Ảnh: A", licence="CC-BY-4.0")
    ba_na = groups["ba-na"]
    place = PlacePageFactory(
        parent=indexes["places"],
        title="Tháp Bánh Ít",
        kind="cham-tower",
        latitude="13.868477",
        longitude="109.135125",
        hero_image=hero,
        unit=units["district"],
        ranking="national",
        ranking_year=1982,
    )
    story = StoryPageFactory(parent=indexes["stories"], title="Rượu cần", topic="cuisine", unit=units["commune"])
    story.groups.set([ba_na])
    story.save_revision().publish()
    product = ProductPageFactory(
        parent=indexes["products"],
        title="Thổ cẩm",
        producer="HTX Dệt",
        price_min=1500000,
        price_max=2000000,
        unit=units["commune"],
    )
    festival = FestivalPageFactory(
        parent=indexes["festivals"], title="Lễ hội trống", place=place, unit=units["van_canh"]
    )
    return {
        "place": place,
        "story": story,
        "product": product,
        "festival": festival,
        "group": ba_na,
    }


EXPECTED_TYPES = {
    "place": "TouristAttraction",
    "story": "Article",
    "product": "Product",
    "festival": "Event",
    "group": "Article",
}


@pytest.mark.parametrize("kind", list(EXPECTED_TYPES))
def test_renders_with_jsonld_and_sources(pages, kind):
    page = pages[kind]
    response = Client().get(page.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert page.title.replace("'", "&#x27;") in html
    data = jsonld(response)[0]
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == EXPECTED_TYPES[kind]
    if (
        data["@type"] == "Article"
    ):  # a creative work cites; an event, product or place is the subject of its sources
        assert data["citation"] == ["https://example.org/nguon"]
    else:
        assert data["subjectOf"] == [{"@type": "CreativeWork", "url": "https://example.org/nguon"}]
    assert 'class="sources"' in html and "https://example.org/nguon" in html
    assert 'hreflang="en"' in html


@pytest.mark.parametrize("language", ["en", "bdq", "hre", "hro"])
def test_untranslated_page_falls_back_to_vietnamese(pages, all_homes, language):
    path = pages["festival"].url.replace("/vi/", f"/{language}/", 1)
    response = Client().get(path)
    assert response.status_code == 200
    assert "Lễ hội trống" in response.content.decode()
    assert 'class="notice untranslated"' in response.content.decode()


def test_event_jsonld_has_real_date_and_place(pages):
    data = jsonld(Client().get(pages["festival"].url))[0]
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", data["startDate"])
    assert data["location"]["name"] == "Tháp Bánh Ít"


def test_place_jsonld_has_geo_and_hero_rights(pages):
    response = Client().get(pages["place"].url)
    data = jsonld(response)[0]
    assert data["geo"] == {
        "@type": "GeoCoordinates",
        "latitude": 13.868477,
        "longitude": 109.135125,
    }
    assert data["image"]["license"] == "https://creativecommons.org/licenses/by/4.0/"
    html = response.content.decode()
    assert 'alt="Tháp gạch trên đồi"' in html
    assert "Ảnh: A" in html and 'rel="license"' in html
    assert "13.868477, 109.135125" in html  # not localized to "13,868477"
    assert "leaflet" not in html.lower()  # only the map page loads Leaflet


def test_product_jsonld_offer(pages):
    data = jsonld(Client().get(pages["product"].url))[0]
    assert data["manufacturer"] == {"@type": "Organization", "name": "HTX Dệt"}
    assert data["offers"]["lowPrice"] == 1500000


def test_past_unit_shows_current_successor(pages):
    html = Client().get(pages["story"].url).content.decode()
    assert "Xã Vĩnh Sơn, Huyện Vĩnh Thạnh, Tỉnh Bình Định" in html
    assert "trước đây là Huyện Vĩnh Thạnh, Tỉnh Bình Định, nay thuộc Tỉnh Gia Lai" in html


def test_group_page_lists_other_names_and_related(pages):
    html = Client().get(pages["group"].url).content.decode()
    assert "Bana, Ba Na, Bahnar" in html
    assert "Rượu cần" in html  # a story about the group is related


def test_draft_pages_do_not_leak(indexes, groups):
    draft = StoryPageFactory(parent=indexes["stories"], title="Bản nháp bí mật", live=False)
    assert Client().get(f"/vi/stories/{draft.slug}/").status_code == 404
    assert "Bản nháp bí mật" not in Client().get("/vi/stories/").content.decode()
    html = Client().get(groups["ba-na"].url).content.decode()
    assert "Bản nháp bí mật" not in html


def test_jsonld_cannot_close_script(indexes):
    page = StoryPageFactory(parent=indexes["stories"], title="Tên </script><b>x</b>")
    html = Client().get(page.url).content.decode()
    block = JSONLD.search(html).group(1)
    assert "</script" not in block
    assert json.loads(block)["name"] == "Tên </script><b>x</b>"


@pytest.mark.parametrize("kind", list(EXPECTED_TYPES))
@pytest.mark.parametrize("language", ["en", "bdq"])
def test_every_type_renders_with_fallback(pages, all_homes, kind, language):
    response = Client().get(pages[kind].url.replace("/vi/", f"/{language}/", 1))
    assert response.status_code == 200
    assert jsonld(response)[0]["@type"] == EXPECTED_TYPES[kind]


def test_index_jsonld_has_organization(indexes):
    response = Client().get(indexes["stories"].url)
    (data,) = jsonld(response)
    assert data["@type"] == "CollectionPage"
    assert data["publisher"] == {"@type": "Organization", "name": "Nhà Rông"}
