"""One list + detail endpoint pair per page type, declared rather than written.

An app describes a page type once and gets ``GET /api/v1/<path>`` (fallback
across languages, filters, ordering, paging, ETag/304) and ``/<path>/{id}``,
and the type joins the sync feed::

    STORIES = PageType(
        model=Story, path="stories",
        list_fields=StoryFields,                      # extra schema fields (a ninja Schema)
        list_data=lambda page, ctx: {"group": ...},   # values of those fields
        detail_fields=StoryDetailFields, detail_data=...,
        filters={"group": lambda qs, v: qs.filter(group__slug=v)},
        orderings={"title": ("title",), "-published": ("-first_published_at",)},
        select_related=("group",),
    )
    add_page_endpoints(router, STORIES)

Items of a list are the best public translation of each page for the requested
locale along ``content.locales.fallback_chain`` (the site's rule), each marked
with ``requested_locale``/``served_locale``.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

from django.db.models import Max, Q
from django.http import Http404
from django.utils import translation
from django.utils.translation import gettext as _
from ninja import Query, Schema
from pydantic import Field, create_model

from .blocks import serialize_stream
from .images import ImageSet
from .schemas import BodyBlock, ErrorOut, PageSummaryOut, SourceBlock, list_of
from .errors import ApiError
from .params import DEFAULT_LIMIT, MAX_LIMIT, check_limit, check_params, page_links, request_locale
from .responses import conditional_bytes, dump, json_array, json_with
from ..cache import memoize, memoize_many
from ..locales import best_translation, fallback_chain
from ..models import SyncEvent
from ..public import public_pages

TYPES = {}  # model label ("heritage.story") → PageType


@dataclass
class PageType:
    model: type
    path: str
    list_fields: type | None = None
    list_data: Callable | None = None
    detail_fields: type | None = None
    detail_data: Callable | None = None
    filters: dict = field(default_factory=dict)
    filter_docs: dict = field(default_factory=dict)
    orderings: dict = field(
        default_factory=lambda: {
            "title": ("title",),
            "-title": ("-title",),
            "published": ("first_published_at",),
            "-published": ("-first_published_at",),
            "updated": ("last_published_at",),
            "-updated": ("-last_published_at",),
        }
    )
    default_ordering: str = "title"
    body_field: str | None = "body"
    body_schema: Any = BodyBlock
    sources_field: str | None = "sources"
    select_related: tuple = ()
    prefetch_related: tuple = ()
    tag: str = ""
    name: str = ""

    def __post_init__(self):
        self.label = self.model._meta.label_lower
        self.name = self.name or self.model.__name__
        self.list_schema = create_model(
            f"{self.name}ListItem",
            __base__=_bases(self.list_fields),
            content_type=(Literal[self.label], ...),
        )
        body = {}
        if self.body_field:
            body["body"] = (list[self.body_schema], [])
        if self.sources_field:
            body["sources"] = (list[SourceBlock], [])
        self.detail_schema = create_model(
            f"{self.name}Detail",
            __base__=_bases(self.detail_fields, self.list_fields),
            content_type=(Literal[self.label], ...),
            **body,
        )
        TYPES[self.label] = self


def _bases(*extra):
    bases = []
    for e in extra:
        if e is not None and not any(issubclass(b, e) for b in bases):
            bases.append(e)
    bases = tuple(bases)
    return (PageSummaryOut, *bases) if bases else PageSummaryOut


class ApiContext:
    """Per-request state: the requested locale and the images loaded so far."""

    def __init__(self, request, locale):
        self.request = request
        self.locale = locale
        self.images = ImageSet(request)

    def api_url(self, page):
        spec = TYPES.get(type(page)._meta.label_lower) or TYPES.get(
            getattr(page, "specific_class", type(page))._meta.label_lower
        )
        if spec is None:
            return None
        return self.request.build_absolute_uri(f"/api/v1/{spec.path}/{page.pk}")


def localized(model, chain):
    """Public pages of ``model``: per translation key, the best language of ``chain``.

    One SQL query with a subquery per fallback step, so it pages and counts in SQL.
    """
    condition = Q(locale__language_code=chain[0])
    for i, code in enumerate(chain[1:], start=1):
        better = public_pages(model.objects.filter(locale__language_code__in=chain[:i]))
        condition |= Q(locale__language_code=code) & ~Q(translation_key__in=better.values("translation_key"))
    return public_pages(model.objects.all()).filter(condition)


def latest_change(chain):
    """Newest change to public content in these languages (the lists' Last-Modified)."""
    return SyncEvent.objects.filter(locale__in=chain).aggregate(m=Max("created_at"))["m"]


def summary_data(page, ctx):
    served = page.locale.language_code
    return {
        "requested_locale": ctx.locale,
        "served_locale": served,
        "is_fallback": served != ctx.locale,
        "id": page.pk,
        "translation_key": str(page.translation_key),
        "content_type": page._meta.label_lower,
        "title": page.title,
        "slug": page.slug,
        "summary": getattr(page, "summary", "") or "",
        "hero_image": ctx.images.serialize(getattr(page, "hero_image_id", None)),
        "url": page.get_full_url(ctx.request) or "",
        "api_url": ctx.api_url(page) or "",
        "first_published_at": page.first_published_at,
        "last_published_at": page.last_published_at,
    }


def list_item(spec, page, ctx):
    data = summary_data(page, ctx)
    if spec.list_data:
        with translation.override(ctx.locale):  # choice labels in the reader's language
            data.update(spec.list_data(page, ctx))
    return data


def _load(spec, ids, ctx):
    """Pages of one type by id, with the type's declared joins and hero images."""
    qs = spec.model.objects.filter(pk__in=ids).select_related("locale", *spec.select_related)
    if spec.prefetch_related:
        qs = qs.prefetch_related(*spec.prefetch_related)
    pages = list(qs)
    ctx.images.load(getattr(p, "hero_image_id", None) for p in pages)
    return pages


def item_json(spec, ids, ctx):
    """Validated JSON of each list item, in ``ids`` order.

    An item's JSON depends only on the page, the requested locale and the host,
    so it is kept per content generation (``content.cache``), like the page of
    ids and the count it belongs to."""
    base = ctx.request.build_absolute_uri("/")
    found = memoize_many(
        "apiitem",
        {pk: (spec.label, pk, ctx.locale, base) for pk in ids},
        lambda missing: {p.pk: dump(spec.list_schema, list_item(spec, p, ctx)) for p in _load(spec, missing, ctx)},
    )
    return [found[pk] for pk in ids if pk in found]


def detail_json_many(typed_ids, ctx):
    """``{id: validated detail JSON}`` for ``{id: PageType}``, kept per content
    generation like ``item_json``; pages are loaded only for what is missing."""
    base = ctx.request.build_absolute_uri("/")

    def compute(missing):
        by_label = {}
        for pk in missing:
            by_label.setdefault(typed_ids[pk].label, []).append(pk)
        out = {}
        for label, pks in by_label.items():
            spec = TYPES[label]
            for page in _load(spec, pks, ctx):
                out[page.pk] = dump(spec.detail_schema, detail_item(spec, page, ctx))
        return out

    return memoize_many(
        "apidetail", {pk: (spec.label, pk, ctx.locale, base) for pk, spec in typed_ids.items()}, compute
    )


def detail_json(spec, page, ctx):
    """Validated JSON of one page's detail (body, sources, type fields)."""
    return detail_json_many({page.pk: spec}, ctx)[page.pk]


def _latest_change(chain):
    return memoize("api_latest_change", tuple(chain), lambda: latest_change(chain))


def detail_item(spec, page, ctx):
    data = list_item(spec, page, ctx)
    if spec.body_field:
        data["body"] = serialize_stream(getattr(page, spec.body_field, None), ctx)
    if spec.sources_field:
        data["sources"] = serialize_stream(getattr(page, spec.sources_field, None), ctx)
    if spec.detail_data:
        with translation.override(ctx.locale):
            data.update(spec.detail_data(page, ctx))
    return data


def get_public_translation(spec, pk, locale):
    """The best public translation of page ``pk`` of this type, or a JSON 404."""
    page = spec.model.objects.filter(pk=pk).select_related("locale").first()
    if page is None:
        raise Http404
    served, _code = best_translation(page, locale, public_pages)
    if served is None or not isinstance(served, spec.model):
        raise Http404
    return served


def list_query_schema(spec):
    fields = {
        "locale": (str | None, Field(None, description="vi, en, bdq, hre or hro (default vi).")),
        "limit": (int, Field(DEFAULT_LIMIT, description=f"1–{MAX_LIMIT}.")),
        # le: a larger offset overflows the database's integer (a 500 on PostgreSQL and SQLite)
        "offset": (int, Field(0, le=2**31 - 1, description="Items to skip.")),
        "ordering": (str | None, Field(None, description="One of: " + ", ".join(spec.orderings))),
    }
    for name in spec.filters:
        fields[name] = (str | None, Field(None, description=spec.filter_docs.get(name, "")))
    return create_model(f"{spec.name}ListQuery", __base__=Schema, **fields)


def add_page_endpoints(router, spec):
    """Register ``GET /<path>`` and ``GET /<path>/{id}`` for ``spec`` on ``router``."""
    list_schema = list_of(spec.list_schema, f"{spec.name}List")
    query_schema = list_query_schema(spec)
    allowed = set(query_schema.model_fields)
    errors = {304: None, 400: ErrorOut, 404: ErrorOut, 422: ErrorOut}
    tags = [spec.tag] if spec.tag else None

    @router.get(
        f"/{spec.path}",
        response={200: list_schema, **errors},
        tags=tags,
        operation_id=f"list_{spec.path.replace('-', '_')}",
        summary=f"List {spec.path} (best translation per item)",
    )
    def list_view(request, params: Query[query_schema]):
        check_params(request, allowed)
        locale = request_locale(params.locale)
        limit, offset = check_limit(params.limit, params.offset)
        ordering = params.ordering or spec.default_ordering
        if ordering not in spec.orderings:
            raise ApiError(
                400,
                "unknown_ordering",
                lambda: _("Unknown ordering “%(value)s”.") % {"value": ordering},
                detail={"allowed": list(spec.orderings)},
            )
        chain = fallback_chain(locale)
        qs = localized(spec.model, chain)
        for name, apply in spec.filters.items():
            value = getattr(params, name)
            if value not in (None, ""):
                qs = apply(qs, value)
        qs = qs.order_by(*spec.orderings[ordering], "pk")

        def page_of_ids():
            return qs.count(), list(qs.values_list("pk", flat=True)[offset : offset + limit])

        # Which pages and how many: kept per content generation like the items.
        filters = sorted((name, getattr(params, name)) for name in spec.filters)
        count, ids = memoize("apilist", (spec.label, tuple(chain), filters, ordering, offset, limit), page_of_ids)
        ctx = ApiContext(request, locale)
        following, previous = page_links(request, count, limit, offset)
        head = {
            "count": count,
            "limit": limit,
            "offset": offset,
            "next": following,
            "previous": previous,
            "requested_locale": locale,
        }
        body = json_with(head, results=json_array(item_json(spec, ids, ctx)))
        return conditional_bytes(
            request, body, "application/json; charset=utf-8", last_modified=_latest_change(chain)
        )

    @router.get(
        f"/{spec.path}/{{id}}",
        response={200: spec.detail_schema, **errors},
        tags=tags,
        operation_id=f"get_{spec.path.replace('-', '_')}",
        summary=f"One of the {spec.path}, in the best available translation",
    )
    def detail_view(request, id: int, locale: str | None = None):
        check_params(request, {"locale"})
        code = request_locale(locale)
        page = get_public_translation(spec, id, code)
        body = detail_json(spec, page, ApiContext(request, code))
        return conditional_bytes(
            request, body, "application/json; charset=utf-8", last_modified=page.last_published_at
        )

    return list_view, detail_view
