"""/api/v1/ endpoints of the search app (assembled by cms/api.py).

``GET /api/v1/search`` and ``GET /api/v1/search/suggest``. Parameters are
validated by pydantic: a bad value is a 422 JSON error, never a 500.
"""

from typing import Literal

from django.http import HttpRequest
from django.utils import translation
from ninja import Query, Router, Schema
from pydantic import Field

from content.api.schemas import ErrorOut
from content.cachetags import depends_on, precise
from content.locales import FALLBACKS, fallback_chain

from .service import FILTER_NAMES, MAX_QUERY_LENGTH, search, suggest
from .vocabulary import facet_labels, is_site_root_type

router = Router(tags=["search"])

Language = Literal[tuple(FALLBACKS)]  # type: ignore[valid-type]
Slug = Field(default=None, max_length=100, pattern=r"^[\w.:-]+$")


class SearchParams(Schema):
    q: str = Field(..., min_length=1, max_length=MAX_QUERY_LENGTH)
    locale: Language = "vi"
    type: str | None = Slug
    group: str | None = Slug
    topic: str | None = Slug
    commune: str | None = Slug
    kind: str | None = Slug
    limit: int = Field(default=10, ge=1, le=50)
    offset: int = Field(default=0, ge=0, le=1000)


class FacetValue(Schema):
    value: str
    label: str
    count: int
    selected: bool


class SearchHit(Schema):
    id: int
    title: str
    url: str | None
    type: str
    served_locale: str = Field(description="The language this result is in.")
    is_fallback: bool = Field(description="True when the requested language has no translation of it yet.")
    title_html: str
    snippet_html: str
    facets: dict[str, list[str]]


class SearchOut(Schema):
    """The list envelope's names (``count``, ``requested_locale``, ``limit``, ``offset``),
    as every list of /api/v1/ says them."""

    query: str
    requested_locale: str
    count: int = Field(description="How many results match, all pages of results together.")
    limit: int
    offset: int
    relaxed: bool
    did_you_mean: str
    facets: dict[str, list[FacetValue]]
    results: list[SearchHit]


class SuggestParams(Schema):
    q: str = Field(..., min_length=1, max_length=MAX_QUERY_LENGTH)
    locale: Language = "vi"
    limit: int = Field(default=8, ge=1, le=20)


class Suggestion(Schema):
    id: int
    title: str
    url: str | None
    served_locale: str


class SuggestOut(Schema):
    query: str
    suggestions: list[Suggestion]


@router.get("/search", response={200: SearchOut, 400: ErrorOut, 422: ErrorOut}, summary="Search public pages")
def search_endpoint(request: HttpRequest, params: Query[SearchParams]):
    """Folded full-text search over every public page type, with facets and snippets.

    ``locale`` orders results: that language first, then its fallbacks (e.g. en → vi).
    """
    precise()
    depends_on("search")
    filters = {name: getattr(params, name) for name in FILTER_NAMES}
    results = search(params.q, params.locale, filters, limit=params.limit, offset=params.offset)
    with translation.override(params.locale):  # labels in the reader's language, as the page items
        labels = facet_labels(
            {n: [v for v, _c, _s in vals] for n, vals in results.facets.items()}, fallback_chain(params.locale)
        )
        labels = {key: str(label) for key, label in labels.items()}
    return {
        "query": results.query,
        "requested_locale": params.locale,
        "count": results.total,
        "limit": params.limit,
        "offset": params.offset,
        "relaxed": results.relaxed,
        "did_you_mean": results.did_you_mean,
        "facets": {
            name: [
                {"value": v, "label": labels.get((name, v), v), "count": c, "selected": s}
                for v, c, s in values
                if name != "type" or not is_site_root_type(v)
            ]
            for name, values in results.facets.items()
            if name != "type" or any(not is_site_root_type(v) for v, _c, _s in values)
        },
        "results": [
            {
                "id": hit.page.pk,
                "title": hit.page.title,
                "url": hit.page.get_url(request=request),
                "type": hit.type,
                "served_locale": hit.language,
                "is_fallback": hit.fallback,
                "title_html": str(hit.title_html),
                "snippet_html": str(hit.snippet_html),
                "facets": hit.facets,
            }
            for hit in results.hits
        ],
    }


@router.get(
    "/search/suggest",
    response={200: SuggestOut, 400: ErrorOut, 422: ErrorOut},
    summary="Title suggestions as people type",
)
def suggest_endpoint(request: HttpRequest, params: Query[SuggestParams]):
    precise()
    depends_on("search")
    found = suggest(params.q, params.locale, params.limit)
    return {
        "query": params.q,
        "suggestions": [
            {"id": s["id"], "title": s["title"], "url": s["url"], "served_locale": s["language"]} for s in found
        ],
    }
