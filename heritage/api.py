"""/api/v1/ endpoints of the heritage app: ethnic groups, stories, festivals,
products and places, each a list + detail pair declared with ``content.api.pages``
(their fields are the models' ``api_fields``).

Lists are filtered by ``group`` (ethnic group code, e.g. ``ba-na``), ``commune``
(an administrative unit code, matching the page's unit, its parent or the unit
that succeeded it), and per type ``topic``, ``kind`` or ``month``.
"""

from django.db.models import F, Q
from ninja import Router

from content.api.errors import invalid_filter
from content.api.pages import PageType, add_page_endpoints

from .models import EthnicGroupPage, FestivalPage, PlacePage, ProductPage, StoryPage
from .models.pages import PlaceKind, ProductKind, Topic

router = Router(tags=["heritage"])


# ---------------------------------------------------------------------------
# Filters
# ---------------------------------------------------------------------------


# The joins that may match a page several times go into a sub-query, so the list
# stays without DISTINCT and is counted and paged in one query (content.api.pages).
def by_group(qs, value):
    return qs.filter(pk__in=qs.model.objects.filter(groups__code=value).values("pk"))


def by_commune(qs, value):
    matching = qs.model.objects.filter(
        Q(unit__code=value)
        | Q(unit__parent__code=value)
        | Q(unit__successors__code=value)
        | Q(unit__parent__successors__code=value)
    )
    return qs.filter(pk__in=matching.values("pk"))


def choice_filter(field, choices):
    def apply(qs, value):
        if value not in choices.values:
            raise invalid_filter(field, value, choices.values)
        return qs.filter(**{field: value})

    return apply


def by_month(qs, value):
    if not value.isdigit() or not 1 <= int(value) <= 12:
        raise invalid_filter("month", value, range(1, 13))
    month = int(value)
    same_year = Q(start_month__lte=month, end_month__gte=month)
    wraps = Q(end_month__lt=F("start_month")) & (Q(start_month__lte=month) | Q(end_month__gte=month))
    return qs.filter(Q(start_month=month) | same_year | wraps)


HERITAGE_FILTERS = {"group": by_group, "commune": by_commune}
HERITAGE_DOCS = {
    "group": "Ethnic group code, e.g. ba-na, cham-hroi, hre.",
    "commune": "Administrative unit code (old or current).",
}
HERITAGE_RELATED = ("unit__parent",)
HERITAGE_PREFETCH = ("groups", "unit__successors")

ETHNIC_GROUPS = PageType(
    model=EthnicGroupPage,
    path="ethnic-groups",
    tag="heritage",
    name="EthnicGroup",
    prefetch_related=("population_figures", "areas"),
)
STORIES = PageType(
    model=StoryPage,
    path="stories",
    tag="heritage",
    name="Story",
    filters={**HERITAGE_FILTERS, "topic": choice_filter("topic", Topic)},
    filter_docs={**HERITAGE_DOCS, "topic": ", ".join(Topic.values)},
    select_related=HERITAGE_RELATED,
    prefetch_related=HERITAGE_PREFETCH,
)
FESTIVALS = PageType(
    model=FestivalPage,
    path="festivals",
    tag="heritage",
    name="Festival",
    filters={**HERITAGE_FILTERS, "month": by_month},
    filter_docs={**HERITAGE_DOCS, "month": "1–12: festivals that (usually) fall in that month."},
    orderings={
        "title": ("title",),
        "-title": ("-title",),
        "month": ("start_month", "start_day"),
        "-updated": ("-last_published_at",),
    },
    select_related=(*HERITAGE_RELATED, "place"),
    prefetch_related=HERITAGE_PREFETCH,
)
PRODUCTS = PageType(
    model=ProductPage,
    path="products",
    tag="heritage",
    name="Product",
    filters={**HERITAGE_FILTERS, "kind": choice_filter("kind", ProductKind)},
    filter_docs={**HERITAGE_DOCS, "kind": ", ".join(ProductKind.values)},
    select_related=HERITAGE_RELATED,
    prefetch_related=(*HERITAGE_PREFETCH, "certifications"),
)
PLACES = PageType(
    model=PlacePage,
    path="places",
    tag="heritage",
    name="Place",
    filters={**HERITAGE_FILTERS, "kind": choice_filter("kind", PlaceKind)},
    filter_docs={**HERITAGE_DOCS, "kind": ", ".join(PlaceKind.values)},
    select_related=HERITAGE_RELATED,
    prefetch_related=HERITAGE_PREFETCH,
)

for _spec in (ETHNIC_GROUPS, STORIES, FESTIVALS, PRODUCTS, PLACES):
    add_page_endpoints(router, _spec)
