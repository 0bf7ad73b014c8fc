"""/api/v1/ endpoints of the heritage app: ethnic groups, stories, festivals,
products and places, each a list + detail pair declared with ``content.api.pages``.

Lists are filtered by ``group`` (ethnic group code, e.g. ``ba-na``), ``commune``
(an administrative unit code, matching the page's unit, its parent or the unit
that succeeded it), and per type ``topic``, ``kind`` or ``month``.
"""

from django.db.models import F, Q
from ninja import Router, Schema

from content.api.blocks import rich_text
from content.api.pages import PageType, add_page_endpoints
from content.api.errors import invalid_filter

from .models import EthnicGroupPage, FestivalPage, PlacePage, ProductPage, StoryPage
from .models.pages import PlaceKind, ProductKind, Topic

router = Router(tags=["heritage"])


# ---------------------------------------------------------------------------
# Schemas
# ---------------------------------------------------------------------------


class GroupRef(Schema):
    code: str
    title: str


class UnitRef(Schema):
    code: str
    name: str
    level: str


class UnitOut(UnitRef):
    is_current: bool
    current: list[UnitRef]


class HeritageFields(Schema):
    groups: list[GroupRef]
    unit: UnitOut | None


class StoryFields(HeritageFields):
    topic: str
    topic_label: str


class FestivalFields(HeritageFields):
    ethnic_name: str
    calendar: str
    start_month: int | None
    start_day: int | None
    end_month: int | None
    end_day: int | None
    only_year: int | None
    season_text: str
    timing: str
    place: GroupRef | None


class FestivalDetailFields(FestivalFields):
    duration_days: int | None
    what_happens: str
    who_may_attend: str
    etiquette: str


class ProductFields(HeritageFields):
    kind: str
    kind_label: str
    producer: str
    price_min: int | None
    price_max: int | None
    price_note: str


class CertificationOut(Schema):
    kind: str
    label: str
    stars: int | None
    year: int | None
    detail: str


class ProductDetailFields(ProductFields):
    materials: str
    process: str
    where_to_buy: str
    certifications: list[CertificationOut]


class PlaceFields(HeritageFields):
    kind: str
    kind_label: str
    latitude: float | None
    longitude: float | None
    address: str
    ranking: str
    ranking_year: int | None


class PlaceDetailFields(PlaceFields):
    opening_hours: str
    access_notes: str
    coordinates_source: str


class GroupFields(Schema):
    code: str
    endonym: str
    other_names: list[str]
    language_name: str
    language_code: str
    language_family: str


class PopulationOut(Schema):
    figure: int
    year: int
    scope: str
    note: str
    source_title: str
    source_url: str


class GroupDetailFields(GroupFields):
    introduction: str
    history: str
    population_figures: list[PopulationOut]
    areas: list[UnitRef]


# ---------------------------------------------------------------------------
# Values
# ---------------------------------------------------------------------------


def _unit_ref(unit):
    return {"code": unit.code, "name": unit.name, "level": unit.level}


def _unit(unit):
    if unit is None:
        return None
    current = [] if unit.is_current else [_unit_ref(u) for u in unit.current_units()]
    return {**_unit_ref(unit), "is_current": unit.is_current, "current": current}


def heritage_data(page, ctx):
    return {
        "groups": [{"code": g.code, "title": g.title} for g in page.groups.all()],
        "unit": _unit(page.unit),
    }


def _html(value, ctx):
    return rich_text(value, ctx)[0] if value else ""


def _decimal(value):
    return None if value is None else float(value)


def story_data(page, ctx):
    return {
        **heritage_data(page, ctx),
        "topic": page.topic,
        "topic_label": str(page.get_topic_display()),
    }


def festival_data(page, ctx):
    from .calendar import describe_timing

    place = page.place
    return {
        **heritage_data(page, ctx),
        "ethnic_name": page.ethnic_name,
        "calendar": page.calendar,
        "start_month": page.start_month,
        "start_day": page.start_day,
        "end_month": page.end_month,
        "end_day": page.end_day,
        "only_year": page.only_year,
        "season_text": page.season_text,
        "timing": str(describe_timing(page)),
        "place": {"code": place.slug, "title": place.title} if place else None,
    }


def festival_detail(page, ctx):
    return {
        "duration_days": page.duration_days,
        "what_happens": _html(page.what_happens, ctx),
        "who_may_attend": page.who_may_attend,
        "etiquette": page.etiquette,
    }


def product_data(page, ctx):
    return {
        **heritage_data(page, ctx),
        "kind": page.kind,
        "kind_label": str(page.get_kind_display()),
        "producer": page.producer,
        "price_min": page.price_min,
        "price_max": page.price_max,
        "price_note": page.price_note,
    }


def product_detail(page, ctx):
    return {
        "materials": _html(page.materials, ctx),
        "process": _html(page.process, ctx),
        "where_to_buy": _html(page.where_to_buy, ctx),
        "certifications": [
            {"kind": c.kind, "label": str(c), "stars": c.stars, "year": c.year, "detail": c.detail}
            for c in page.certifications.all()
        ],
    }


def place_data(page, ctx):
    return {
        **heritage_data(page, ctx),
        "kind": page.kind,
        "kind_label": str(page.get_kind_display()),
        "latitude": _decimal(page.latitude),
        "longitude": _decimal(page.longitude),
        "address": page.address,
        "ranking": page.ranking,
        "ranking_year": page.ranking_year,
    }


def place_detail(page, ctx):
    return {
        "opening_hours": page.opening_hours,
        "access_notes": page.access_notes,
        "coordinates_source": page.coordinates_source,
    }


def group_data(page, ctx):
    return {
        "code": page.code,
        "endonym": page.endonym,
        "other_names": page.other_name_list(),
        "language_name": page.language_name,
        "language_code": page.language_code,
        "language_family": page.language_family,
    }


def group_detail(page, ctx):
    return {
        "introduction": _html(page.introduction, ctx),
        "history": _html(page.history, ctx),
        "population_figures": [
            {
                "figure": p.figure,
                "year": p.year,
                "scope": p.scope or "",
                "note": p.note,
                "source_title": p.source_title,
                "source_url": p.source_url,
            }
            for p in page.population_figures.all()
        ],
        "areas": [_unit_ref(u) for u in page.areas.all()],
    }


# ---------------------------------------------------------------------------
# Filters
# ---------------------------------------------------------------------------


def by_group(qs, value):
    return qs.filter(groups__code=value).distinct()


def by_commune(qs, value):
    return qs.filter(
        Q(unit__code=value)
        | Q(unit__parent__code=value)
        | Q(unit__successors__code=value)
        | Q(unit__parent__successors__code=value)
    ).distinct()


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
    wraps = Q(end_month__lt=F("start_month")) & (
        Q(start_month__lte=month) | Q(end_month__gte=month)
    )
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
    list_fields=GroupFields,
    list_data=group_data,
    detail_fields=GroupDetailFields,
    detail_data=group_detail,
    prefetch_related=("population_figures", "areas"),
)
STORIES = PageType(
    model=StoryPage,
    path="stories",
    tag="heritage",
    name="Story",
    list_fields=StoryFields,
    list_data=story_data,
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
    list_fields=FestivalFields,
    list_data=festival_data,
    detail_fields=FestivalDetailFields,
    detail_data=festival_detail,
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
    list_fields=ProductFields,
    list_data=product_data,
    detail_fields=ProductDetailFields,
    detail_data=product_detail,
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
    list_fields=PlaceFields,
    list_data=place_data,
    detail_fields=PlaceDetailFields,
    detail_data=place_detail,
    filters={**HERITAGE_FILTERS, "kind": choice_filter("kind", PlaceKind)},
    filter_docs={**HERITAGE_DOCS, "kind": ", ".join(PlaceKind.values)},
    select_related=HERITAGE_RELATED,
    prefetch_related=HERITAGE_PREFETCH,
)

for _spec in (ETHNIC_GROUPS, STORIES, FESTIVALS, PRODUCTS, PLACES):
    add_page_endpoints(router, _spec)
