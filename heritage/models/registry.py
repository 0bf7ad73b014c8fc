"""Which page model each listing shows, and which models count as related pages."""

from .festivals import FestivalPage
from .groups import EthnicGroupPage
from .pages import PlacePage, ProductPage, StoryPage

LISTING_MODELS = {
    "groups": EthnicGroupPage,
    "stories": StoryPage,
    "festivals": FestivalPage,
    "products": ProductPage,
    "places": PlacePage,
}
RELATED_MODELS = (StoryPage, FestivalPage, ProductPage, PlacePage)
