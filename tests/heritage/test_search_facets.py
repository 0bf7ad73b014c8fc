"""The search facet protocol the search app relies on."""

from heritage.models import EthnicGroupPage, FestivalPage, PlacePage, ProductPage, StoryPage
from tests.factories import (
    FestivalPageFactory,
    PlacePageFactory,
    ProductPageFactory,
    StoryPageFactory,
)

ALLOWED = {"group", "topic", "commune", "kind"}


def search_field_names(model):
    return {f.field_name for f in model.search_fields if type(f).__name__ == "SearchField"}


def test_facets_of_each_type(indexes, groups, units):
    story = StoryPageFactory(parent=indexes["stories"], title="A", topic="history", unit=units["commune"])
    story.groups.set([groups["ba-na"], groups["hre"]])
    facets = story.search_facets()
    assert set(facets) <= ALLOWED
    assert facets["group"] == ["ba-na", "hre"]
    assert facets["topic"] == ["history"]
    # the commune, its former district and province, and the unit in force today
    assert set(facets["commune"]) == {"21787", "546", "52", "GL-2025"}

    product = ProductPageFactory(parent=indexes["products"], title="B", kind="honey")
    assert product.search_facets() == {"group": [], "kind": ["honey"]}
    place = PlacePageFactory(parent=indexes["places"], title="C", kind="museum", unit=units["van_canh"])
    assert place.search_facets()["commune"] == ["551", "GL-2025", "52"]
    festival = FestivalPageFactory(parent=indexes["festivals"], title="D")
    assert festival.search_facets()["kind"] == ["festival"]
    assert groups["ba-na"].search_facets()["group"] == ["ba-na"]


def test_search_fields():
    for model in (StoryPage, FestivalPage, ProductPage, PlacePage, EthnicGroupPage):
        names = search_field_names(model)
        assert {"title", "summary", "body"} <= names, model
        boosted = [f for f in model.search_fields if f.field_name == "title" and getattr(f, "boost", None)]
        assert boosted, model
    assert "other_names" in search_field_names(EthnicGroupPage)


def test_group_other_names_are_listed(groups):
    assert groups["ba-na"].other_name_list() == ["Bana", "Ba Na", "Bahnar"]
