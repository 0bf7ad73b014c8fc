"""Index pages filter by group, topic, kind and commune; each combination is a URL."""

import pytest
from django.test import Client

from tests.factories import PlacePageFactory, ProductPageFactory, StoryPageFactory


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    settings.PAGE_CACHE_ENABLED = False


@pytest.fixture
def stories(indexes, groups, units):
    def story(title, topic, group, unit):
        page = StoryPageFactory(parent=indexes["stories"], title=title, topic=topic, unit=unit)
        if group:
            page.groups.set([groups[group]])
            page.save_revision().publish()
        return page

    return [
        story("Lịch sử Ba Na", "history", "ba-na", units["commune"]),
        story("Phong tục Ba Na", "customs", "ba-na", units["van_canh"]),
        story("Lịch sử H'rê", "history", "hre", units["van_canh"]),
        story("Chuyện chung", "crafts", None, None),
    ]


def titles(response):
    html = response.content.decode()
    return {
        t
        for t in ("Lịch sử Ba Na", "Phong tục Ba Na", "Lịch sử H&#x27;rê", "Chuyện chung")
        if f"<h2>{t}</h2>" in html
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", {"Lịch sử Ba Na", "Phong tục Ba Na", "Lịch sử H&#x27;rê", "Chuyện chung"}),
        ("?group=ba-na", {"Lịch sử Ba Na", "Phong tục Ba Na"}),
        ("?topic=history", {"Lịch sử Ba Na", "Lịch sử H&#x27;rê"}),
        ("?group=ba-na&topic=history", {"Lịch sử Ba Na"}),
        ("?commune=551", {"Phong tục Ba Na", "Lịch sử H&#x27;rê"}),
        ("?commune=21787", {"Lịch sử Ba Na"}),
        ("?commune=546", {"Lịch sử Ba Na"}),  # the commune's former district
        (
            "?group=&topic=",
            {"Lịch sử Ba Na", "Phong tục Ba Na", "Lịch sử H&#x27;rê", "Chuyện chung"},
        ),
    ],
)
def test_filters(stories, indexes, query, expected):
    response = Client().get(indexes["stories"].url + query)
    assert response.status_code == 200
    assert titles(response) == expected


@pytest.mark.parametrize("query", ["?group=khong-co", "?topic=x", "?commune=999", "?page=99", "?page=abc"])
def test_bad_filters_are_404(stories, indexes, query):
    assert Client().get(indexes["stories"].url + query).status_code == 404


def test_filter_form_offers_choices(stories, indexes):
    html = Client().get(indexes["stories"].url + "?group=ba-na").content.decode()
    assert '<option value="ba-na" selected>' in html
    assert '<option value="history">' in html
    assert '<option value="546">Huyện Vĩnh Thạnh</option>' in html
    assert 'name="robots" content="noindex,follow"' in html


def test_kind_filter_for_products_and_places(indexes):
    ProductPageFactory(parent=indexes["products"], title="Mật ong", kind="honey")
    ProductPageFactory(parent=indexes["products"], title="Vải", kind="brocade")
    PlacePageFactory(parent=indexes["places"], title="Bảo tàng", kind="museum")
    html = Client().get(indexes["products"].url + "?kind=honey").content.decode()
    assert "<h2>Mật ong</h2>" in html and "<h2>Vải</h2>" not in html
    assert Client().get(indexes["places"].url + "?kind=museum").status_code == 200
    assert Client().get(indexes["places"].url + "?topic=history").status_code == 200  # ignored


def test_index_lists_english_then_falls_back(stories, indexes, demo_loader):
    en_index = demo_loader.translate(indexes["stories"], "en", title="Stories")
    demo_loader.translate(stories[0], "en", title="Bahnar history")
    response = Client().get(en_index.url)
    html = response.content.decode()
    assert "<h2>Bahnar history</h2>" in html
    assert "<h2>Lịch sử Ba Na</h2>" not in html  # the English version replaces it
    assert "<h2>Phong tục Ba Na</h2>" in html  # untranslated: shown in Vietnamese


def test_index_in_menu(indexes):
    html = Client().get("/vi/").content.decode()
    assert indexes["festivals"].url in html
