"""Page factories of the heritage app (built on tests.factories.PageFactory)."""

import factory

from tests.factories import PageFactory

SOURCE = [
    {
        "type": "source",
        "value": {
            "title": "Nguồn thử",
            "url": "https://example.org/nguon",
            "publisher": "",
            "accessed": None,
        },
    }
]


class HeritageIndexPageFactory(PageFactory):
    class Meta:
        model = "heritage.HeritageIndexPage"

    listing = "stories"
    show_in_menus = True


class EthnicGroupPageFactory(PageFactory):
    class Meta:
        model = "heritage.EthnicGroupPage"

    code = factory.Sequence(lambda n: f"nhom-{n}")
    summary = "Một dân tộc thử nghiệm"
    sources = SOURCE


class StoryPageFactory(PageFactory):
    class Meta:
        model = "heritage.StoryPage"

    topic = "customs"
    summary = "Một câu chuyện thử nghiệm"
    sources = SOURCE


class FestivalPageFactory(PageFactory):
    class Meta:
        model = "heritage.FestivalPage"

    calendar = "lunar"
    start_month = 1
    start_day = 16
    summary = "Một lễ hội thử nghiệm"
    sources = SOURCE


class ProductPageFactory(PageFactory):
    class Meta:
        model = "heritage.ProductPage"

    kind = "brocade"
    summary = "Một sản vật thử nghiệm"
    sources = SOURCE


class PlacePageFactory(PageFactory):
    class Meta:
        model = "heritage.PlacePage"

    kind = "cham-tower"
    summary = "Một địa điểm thử nghiệm"
    sources = SOURCE
