"""One list + detail endpoint pair per page type, declared rather than written.

An app declares a page type once and gets ``GET /api/v1/<path>`` (fallback
across languages, filters, ordering, paging, ETag/304) and ``/<path>/{id}``, and
the type joins the sync feed::

    FESTIVALS = PageType(
        model=FestivalPage, path="festivals",
        filters={"month": by_month}, filter_docs={"month": "1–12."},
        orderings={"title": ("title",), "month": ("start_month", "start_day")},
        select_related=("unit__parent", "place"),
    )
    add_page_endpoints(router, FESTIVALS)

The fields of each item are the model's ``api_fields`` (``content.api.fields``):
declared there once, for this API and Wagtail's /api/v2/. Items of a list are the
best public translation of each page for the requested locale
(``content.locales.localized``, the site's rule), each marked with
``requested_locale``/``served_locale``. A list can be narrowed (``list_filter``:
open job postings only) or scoped to the children of a page of another type
(``add_children_endpoint``: a course's lessons); every list goes through the
same memoised view.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from django.db.models import Count, Max, Q, Window
from django.http import Http404
from django.utils import translation
from django.utils.translation import gettext as _
from ninja import Query, Schema
from pydantic import Field, create_model
from wagtail.models import Page

from ..cache import memoize, memoize_many
from ..cachetags import depends_on, precise
from ..locales import best_translation, fallback_chain, localized
from ..models import SyncEvent
from ..public import public_pages
from .context import TYPES, ApiContext
from .errors import ApiError
from .fields import field_items
from .params import (
    DEFAULT_LIMIT,
    MAX_OFFSET,
    LocaleQuery,
    check_limit,
    check_params,
    limit_doc,
    locale_doc,
    offset_doc,
    page_links,
    request_locale,
)
from .responses import conditional_bytes, dump, json_array, json_with
from .schemas import ErrorOut, PageSummaryOut, list_of

DEFAULT_ORDERINGS = {
    "title": ("title",),
    "-title": ("-title",),
    "published": ("first_published_at",),
    "-published": ("-first_published_at",),
    "updated": ("last_published_at",),
    "-updated": ("-last_published_at",),
}
ERRORS = {304: None, 400: ErrorOut, 404: ErrorOut, 422: ErrorOut}


@dataclass
class PageType:
    model: type
    path: str
    filters: dict = field(default_factory=dict)
    filter_docs: dict = field(default_factory=dict)
    orderings: dict = field(default_factory=lambda: dict(DEFAULT_ORDERINGS))
    default_ordering: str = "title"
    list_filter: Callable | None = None  # narrows every list (e.g. open postings only)
    list_summary: str = ""
    last_modified: Callable | None = None  # (chain) → datetime; default: newest sync event
    select_related: tuple = ()
    prefetch_related: tuple = ()
    tag: str = ""
    name: str = ""

    def __post_init__(self):
        self.label = self.model._meta.label_lower
        self.name = self.name or self.model.__name__
        self.list_fields = field_items(self.model, detail=False)
        self.detail_fields = field_items(self.model, detail=True)
        self.list_schema = self._schema(f"{self.name}ListItem", self.list_fields)
        self.detail_schema = self._schema(f"{self.name}Detail", self.detail_fields)
        TYPES[self.label] = self

    def _schema(self, name, items):
        fields = {key: (annotation, ...) for key, annotation, _value in items}
        return create_model(name, __base__=PageSummaryOut, content_type=(Literal[self.label], ...), **fields)

    def changed_at(self, chain):
        """Last-Modified of this type's lists in these languages."""
        if self.last_modified is not None:
            return self.last_modified(chain)

        def compute():
            depends_on(f"type:{self.label}")  # what this type's lists show changes with it
            return latest_change(chain)

        return memoize("api_latest_change", (self.label, tuple(chain)), compute)


def latest_change(chain):
    """Newest change to public content in these languages (the lists' Last-Modified)."""
    return SyncEvent.objects.filter(locale__in=chain).aggregate(m=Max("created_at"))["m"]


def summary_data(page, ctx):
    served = page.locale.language_code
    depends_on(*shown_tags(page))
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
        "url": ctx.page_url(page),
        "api_url": ctx.api_url(page) or "",
        "first_published_at": page.first_published_at,
        "last_published_at": page.last_published_at,
    }


def shown_tags(page):
    """The tags an item of ``page`` depends on: the page, and what its own
    ``cache_dependencies()`` names (a heritage page: its groups' names)."""
    hook = getattr(page, "cache_dependencies", None)
    return [f"page:{page.pk}", *(hook() if callable(hook) else ())]


def _item(items, page, ctx):
    data = summary_data(page, ctx)
    with translation.override(ctx.locale):  # choice labels in the reader's language
        for key, _annotation, value in items:
            data[key] = value(page, ctx)
    return data


def list_item(spec, page, ctx):
    return _item(spec.list_fields, page, ctx)


def detail_item(spec, page, ctx):
    return _item(spec.detail_fields, page, ctx)


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

    An item's JSON depends only on the page, the requested locale and the base
    URL, so it is kept per content generation (``content.cache``), like the page
    of ids and the count it belongs to."""
    found = memoize_many(
        "apiitem",
        {pk: (spec.label, pk, ctx.locale, ctx.base_url) for pk in ids},
        lambda missing: {p.pk: dump(spec.list_schema, list_item(spec, p, ctx)) for p in _load(spec, missing, ctx)},
    )
    return [found[pk] for pk in ids if pk in found]


def detail_json_many(typed_ids, ctx):
    """``{id: validated detail JSON}`` for ``{id: PageType}``, kept per content
    generation like ``item_json``; pages are loaded only for what is missing."""

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
        "apidetail", {pk: (spec.label, pk, ctx.locale, ctx.base_url) for pk, spec in typed_ids.items()}, compute
    )


def detail_json(spec, page, ctx):
    """Validated JSON of one page's detail (every declared field)."""
    return detail_json_many({page.pk: spec}, ctx)[page.pk]


def get_public_translation(spec, pk, locale):
    """The best public translation of page ``pk`` of this type, or a JSON 404."""
    page = spec.model.objects.filter(pk=pk).select_related("locale").first()
    if page is None:
        raise Http404
    served, _code = best_translation(page, locale, public_pages)
    if served is None or not isinstance(served, spec.model):
        raise Http404
    return served


def list_query_schema(spec, name=None, orderings=None):
    orderings = orderings or spec.orderings
    fields = {
        "locale": (str | None, Field(None, **locale_doc())),
        "limit": (int, Field(DEFAULT_LIMIT, **limit_doc())),
        # le: a larger offset overflows the database's integer (a 500 on PostgreSQL and SQLite)
        "offset": (int, Field(0, le=MAX_OFFSET, **offset_doc())),
        "ordering": (
            str | None,
            Field(
                None, description="One of: " + ", ".join(orderings), json_schema_extra={"enum": list(orderings)}
            ),
        ),
    }
    for filter_name in spec.filters:
        fields[filter_name] = (str | None, Field(None, description=spec.filter_docs.get(filter_name, "")))
    return create_model(name or f"{spec.name}ListQuery", __base__=Schema, **fields)


def list_response(request, spec, params, scope=None, key=(), orderings=None, default_ordering=None):
    """The list of ``spec`` for these query parameters, as a conditional response.

    ``scope`` narrows the pages (``qs → qs``) before the translation rule and
    filters; ``key`` names that scope in what is kept (ids, count, items)."""
    orderings = orderings or spec.orderings
    locale = request_locale(params.locale)
    limit, offset = check_limit(params.limit, params.offset)
    ordering = params.ordering or default_ordering or spec.default_ordering
    if ordering not in orderings:
        raise ApiError(
            400,
            "unknown_ordering",
            lambda: _("Unknown ordering “%(value)s”.") % {"value": ordering},
            detail={"allowed": list(orderings)},
        )
    chain = fallback_chain(locale)
    filters = sorted((name, getattr(params, name)) for name in spec.filters)

    precise()  # a list shows pages of one type: their tags, nothing else of the tree

    def page_of_ids():
        depends_on(f"type:{spec.label}")
        base = public_pages(spec.model.objects.all())
        if scope is not None:
            base = scope(base)
        qs = localized(base, locale)
        if spec.list_filter is not None:
            qs = spec.list_filter(qs)
        for name, value in filters:
            if value not in (None, ""):
                qs = spec.filters[name](qs, value)
        return count_and_page(qs.order_by(*orderings[ordering], "pk"), offset, limit)

    # Which pages and how many: kept per content generation like the items.
    count, ids = memoize("apilist", (spec.label, key, tuple(chain), filters, ordering, offset, limit), page_of_ids)
    ctx = ApiContext.for_request(request, locale)
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
        request, body, "application/json; charset=utf-8", last_modified=spec.changed_at(chain)
    )


def count_and_page(qs, offset, limit):
    """``(count, [ids])`` of one page of an ordered queryset in one query: the count
    is a window ``COUNT(*) OVER ()`` beside each id. Two queries only when the page
    is empty past the start (the count is then asked alone) or the queryset is
    ``DISTINCT`` (a window counts the rows before duplicates are removed)."""
    if qs.query.distinct:
        return qs.count(), list(qs.values_list("pk", flat=True)[offset : offset + limit])
    rows = list(qs.annotate(_total=Window(Count("pk"))).values_list("pk", "_total")[offset : offset + limit])
    if rows:
        return rows[0][1], [pk for pk, _total in rows]
    return (qs.count() if offset else 0), []


def add_page_endpoints(router, spec):
    """Register ``GET /<path>`` and ``GET /<path>/{id}`` for ``spec`` on ``router``."""
    list_schema = list_of(spec.list_schema, f"{spec.name}List")
    query_schema = list_query_schema(spec)
    allowed = set(query_schema.model_fields)
    tags = [spec.tag] if spec.tag else None

    @router.get(
        f"/{spec.path}",
        response={200: list_schema, **ERRORS},
        tags=tags,
        operation_id=f"list_{spec.path.replace('-', '_')}",
        summary=spec.list_summary or f"List {spec.path} (best translation per item)",
    )
    def list_view(request, params: Query[query_schema]):
        check_params(request, allowed)
        return list_response(request, spec, params)

    @router.get(
        f"/{spec.path}/{{id}}",
        response={200: spec.detail_schema, **ERRORS},
        tags=tags,
        operation_id=f"get_{spec.path.replace('-', '_')}",
        summary=f"One of the {spec.path}, in the best available translation",
    )
    def detail_view(request, id: int, locale: str | None = LocaleQuery()):
        check_params(request, {"locale"})
        code = request_locale(locale)
        precise()
        depends_on(f"page:{id}")  # which translation serves it: any of them may change it
        page = get_public_translation(spec, id, code)
        depends_on(f"tr:{page.translation_key}")
        body = detail_json(spec, page, ApiContext.for_request(request, code))
        return conditional_bytes(
            request, body, "application/json; charset=utf-8", last_modified=page.last_published_at
        )

    return list_view, detail_view


def children_of(parent):
    """``qs → qs``: pages whose parent is ``parent`` or one of its translations."""
    paths = list(Page.objects.filter(translation_key=parent.translation_key).values_list("path", flat=True))

    def scope(qs):
        under = Q()
        for path in paths:
            under |= Q(path__startswith=path)
        return qs.filter(under, depth=parent.depth + 1)

    return scope


def add_children_endpoint(router, parent_spec, spec, path, summary=""):
    """``GET /<parent path>/{id}/<path>``: the children of one page of ``parent_spec``
    (e.g. a course's lessons) as a list of ``spec``, in tree order by default."""
    orderings = {"position": ("path",), **spec.orderings}
    list_schema = list_of(spec.list_schema, f"{parent_spec.name}{spec.name}List")
    query_schema = list_query_schema(spec, f"{parent_spec.name}{spec.name}ListQuery", orderings)
    allowed = set(query_schema.model_fields)

    @router.get(
        f"/{parent_spec.path}/{{id}}/{path}",
        response={200: list_schema, **ERRORS},
        tags=[spec.tag] if spec.tag else None,
        operation_id=f"list_{parent_spec.path}_{path}".replace("-", "_"),
        summary=summary or f"The {path} of one of the {parent_spec.path}",
    )
    def children_view(request, id: int, params: Query[query_schema]):
        check_params(request, allowed)
        parent = get_public_translation(parent_spec, id, request_locale(params.locale))
        return list_response(
            request,
            spec,
            params,
            scope=children_of(parent),
            key=(parent_spec.label, parent.pk),
            orderings=orderings,
            default_ordering="position",
        )

    return children_view
