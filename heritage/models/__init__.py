"""Models of the heritage app: peoples, stories, festivals, products, places
and the index pages that list them. Split by page type to stay small."""

from .base import HeritagePage, unit_chain, unit_codes  # noqa: F401
from .festivals import FestivalPage  # noqa: F401
from .groups import EthnicGroupPage, PopulationFigure  # noqa: F401
from .index import HeritageIndexPage  # noqa: F401
from .pages import (  # noqa: F401
    Certification,
    PlaceKind,
    PlacePage,
    ProductKind,
    ProductPage,
    Ranking,
    StoryPage,
    Topic,
)
