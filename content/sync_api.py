"""``GET /api/v1/sync``: offline snapshot, then deltas with tombstones.

Decision: a locale's feed carries that locale's own public pages (not the
fallback); an app reading Bahnar syncs ``bdq`` and ``vi`` and shows, per
``translation_key``, the best it has — the same chain as the site.

The cursor is opaque (signed with SECRET_KEY): ``{"e": last SyncEvent id seen,
"p": last page id of an unfinished snapshot}``. Deltas collapse all events of a
page to its newest one and re-check the public rule at read time, so a page that
was published and then deleted inside one window arrives as a tombstone.

``build_sync_router()`` is called by ``cms/api.py`` after every app registered
its page types, so the upsert payload is a typed union of their detail schemas.
"""

from typing import Annotated, Literal, Union

from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.db.models import Max
from django.utils.translation import gettext as _
from ninja import Router, Schema
from pydantic import Field
from wagtail.models import Page

from .api_pages import TYPES, ApiContext, detail_item
from .api_schemas import ErrorOut
from .api_utils import ApiError, check_params, conditional, request_locale
from .community.jobs import emit_closed_job_tombstones
from .models import SyncEvent
from .public import listed_pages

SALT = "nharong.api.sync"
DEFAULT_SYNC_LIMIT = 50
MAX_SYNC_LIMIT = 100


def encode_cursor(event_id, page_id=None):
    data = {"e": event_id} if page_id is None else {"e": event_id, "p": page_id}
    return signing.dumps(data, salt=SALT, compress=True)


def decode_cursor(value):
    try:
        data = signing.loads(value, salt=SALT)
        event_id = int(data["e"])
        page_id = data.get("p")
        page_id = None if page_id is None else int(page_id)
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        raise ApiError(
            400,
            "invalid_cursor",
            lambda: _("This sync cursor is not valid; start again without one."),
        ) from None
    return event_id, page_id


def _fetch_public(ids, locale):
    """Specific public pages of registered types among ``ids`` in ``locale``, by id."""
    qs = listed_pages(Page.objects.filter(pk__in=ids, locale__language_code=locale))
    pages = {}
    for page in qs.select_related("locale").specific():
        if type(page)._meta.label_lower in TYPES:
            pages[page.pk] = page
    return pages


def _upsert(page, ctx):
    spec = TYPES[type(page)._meta.label_lower]
    return {
        "action": "upsert",
        "id": page.pk,
        "content_type": spec.label,
        "locale": ctx.locale,
        "page": detail_item(spec, page, ctx),
    }


def _snapshot(locale, event_id, after, limit, ctx):
    types = ContentType.objects.get_for_models(*(spec.model for spec in TYPES.values()))
    candidates = listed_pages(Page.objects.filter(locale__language_code=locale, pk__gt=after))
    candidates = candidates.filter(content_type__in=list(types.values()))
    candidates = candidates.order_by("pk").values_list("pk", flat=True)
    ids = list(candidates[: limit + 1])
    has_more = len(ids) > limit
    ids = ids[:limit]
    pages = _fetch_public(ids, locale)
    items = [_upsert(pages[pk], ctx) for pk in ids if pk in pages]
    cursor = encode_cursor(event_id, ids[-1]) if has_more else encode_cursor(event_id)
    return items, cursor, has_more


def _delta(locale, event_id, limit, ctx):
    groups = list(
        SyncEvent.objects.filter(locale=locale, id__gt=event_id)
        .values("page_id")
        .annotate(last=Max("id"), ct=Max("content_type"))
        .order_by("last")[: limit + 1]
    )
    has_more = len(groups) > limit
    groups = groups[:limit]
    pages = _fetch_public([g["page_id"] for g in groups], locale)
    items = []
    for group in groups:
        page = pages.get(group["page_id"])
        if page is not None:
            items.append(_upsert(page, ctx))
        elif group["ct"] in TYPES:
            items.append(
                {
                    "action": "delete",
                    "id": group["page_id"],
                    "content_type": group["ct"],
                    "locale": locale,
                }
            )
    new_event = groups[-1]["last"] if groups else event_id
    return items, encode_cursor(new_event), has_more


class TombstoneOut(Schema):
    action: Literal["delete"]
    id: int
    content_type: str
    locale: str


def build_sync_router():
    """The sync router, typed with every registered page type's detail schema."""
    details = [spec.detail_schema for spec in TYPES.values()]
    if len(details) > 1:
        page_type = Annotated[Union[tuple(details)], Field(discriminator="content_type")]  # noqa: UP007
    else:
        page_type = details[0]

    class UpsertOut(Schema):
        action: Literal["upsert"]
        id: int
        content_type: str
        locale: str
        page: page_type

    class SyncOut(Schema):
        locale: str
        snapshot: bool = Field(description="True while the initial full snapshot is being paged.")
        has_more: bool = Field(description="Call again with next_cursor right away.")
        next_cursor: str = Field(description="Opaque; send it back as ?cursor= next time.")
        items: list[Annotated[Union[UpsertOut, TombstoneOut], Field(discriminator="action")]]  # noqa: UP007

    router = Router(tags=["sync"])

    @router.get(
        "/sync",
        response={200: SyncOut, 304: None, 400: ErrorOut, 422: ErrorOut},
        summary="Offline sync: full snapshot first, then only changes and tombstones",
    )
    def sync(
        request,
        locale: str | None = None,
        cursor: str | None = None,
        limit: int = DEFAULT_SYNC_LIMIT,
    ):
        check_params(request, {"locale", "cursor", "limit"})
        code = request_locale(locale)
        if not 1 <= limit <= MAX_SYNC_LIMIT:
            raise ApiError(
                400,
                "invalid_limit",
                lambda: _("limit must be between 1 and %(max)s.") % {"max": MAX_SYNC_LIMIT},
            )
        ctx = ApiContext(request, code)
        if cursor:
            event_id, after = decode_cursor(cursor)
        else:
            event_id = SyncEvent.objects.aggregate(m=Max("id"))["m"] or 0
            after = 0
        if after is not None:
            items, next_cursor, has_more = _snapshot(code, event_id, after, limit, ctx)
            snapshot = True
        else:
            # Jobs close at their deadline without any publish event: write their tombstones now.
            emit_closed_job_tombstones()
            items, next_cursor, has_more = _delta(code, event_id, limit, ctx)
            snapshot = False
        data = {
            "locale": code,
            "snapshot": snapshot,
            "has_more": has_more,
            "next_cursor": next_cursor,
            "items": items,
        }
        return conditional(request, SyncOut, data, cache_control="no-cache")

    return router
