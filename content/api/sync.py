"""``GET /api/v1/sync``: offline snapshot, then deltas with tombstones.

Decision: a locale's feed carries that locale's own public pages (not the
fallback), and the pages heard in it by an approved recording while their text is
in another language (``content.locales.available_in``; the page JSON says its own
``locale`` and its ``narrations``), and its envelope names the feeds to sync beside it
(``fallback_locales``: for ``bdq`` that is ``vi`` then ``en``, the site's chain).
An app reading Bahnar syncs ``bdq``, ``vi`` and ``en`` and shows, per
``translation_key``, the first language of that chain that has the page: exactly
what ``/api/v1/<type>?locale=bdq`` lists online, fallbacks included
(tests/api/test_sync_fallback.py), and a Bahnar translation published later
replaces the Vietnamese page on the device without a tombstone in another feed.
One feed per language keeps a page's JSON in one place on the device however many
languages fall back to it.

The cursor is opaque (signed with SECRET_KEY): ``{"x": the sync epoch, "e": last
SyncEvent id seen, "p": last page id of an unfinished snapshot}``. A restore from a
backup rolls the log back and hands its ids out again, so it starts a new epoch
(``content.sync.new_epoch``); a cursor of another epoch, without one, or past the
newest event is answered 410 ``cursor_expired`` with ``detail.restart`` (the feed
without a cursor): the client drops what it kept of that feed and starts again.
A cursor that is not ours at all (bad signature) stays 400 ``invalid_cursor``. Deltas collapse all events of a
page to its newest one and re-check the public rule at read time, so a page that
was published and then deleted inside one window arrives as a tombstone.

``build_sync_router()`` is called by ``cms/api.py`` after every app registered
its page types, so the upsert payload is a typed union of their detail schemas.
"""

from typing import Annotated, Literal, Union

import orjson
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.db.models import Max
from django.utils.translation import gettext as _
from ninja import Router, Schema
from pydantic import Field
from wagtail.models import Page

from ..locales import available_in, fallback_chain
from ..models import SyncEvent
from ..public import listed_pages
from ..sync import current_epoch, last_event_id
from .context import TYPES, ApiContext
from .errors import ApiError
from .pages import detail_json_many
from .params import LimitQuery, LocaleQuery, check_params, request_locale
from .responses import conditional_bytes, json_array, json_with
from .schemas import ErrorOut

SALT = "nharong.api.sync"
DEFAULT_SYNC_LIMIT = 50
MAX_SYNC_LIMIT = 100


def encode_cursor(event_id, page_id=None, epoch=None):
    data = {"x": epoch or current_epoch(), "e": event_id}
    if page_id is not None:
        data["p"] = page_id
    return signing.dumps(data, salt=SALT, compress=True)


def restart_url(locale):
    return f"/api/v1/sync?locale={locale}"


def cursor_expired(locale):
    return ApiError(
        410,
        "cursor_expired",
        lambda: _("This cursor is from before the server was restored: drop this feed's data and start again."),
        detail={"restart": restart_url(locale)},
    )


def decode_cursor(value, locale, epoch=None):
    """``(event id, snapshot page id or None)`` of a cursor of the current epoch."""
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
    if data.get("x") != (epoch or current_epoch()) or event_id > last_event_id():
        raise cursor_expired(locale)
    return event_id, page_id


def _public_types(ids, locale):
    """``{id: PageType}`` of the public pages of registered types among ``ids``
    in ``locale`` (one query; pages are loaded only when their JSON is not kept)."""
    rows = listed_pages(available_in(Page.objects.filter(pk__in=ids), locale))
    found = {}
    for pk, content_type_id in rows.values_list("pk", "content_type_id"):
        spec = TYPES.get(ContentType.objects.get_for_id(content_type_id).model_class()._meta.label_lower)
        if spec is not None:
            found[pk] = spec
    return found


def _upserts(typed_ids, ctx):
    """``{id: upsert item JSON}``; the page part is the (kept) detail JSON."""
    details = detail_json_many(typed_ids, ctx)
    out = {}
    for pk, body in details.items():
        head = {"action": "upsert", "id": pk, "content_type": typed_ids[pk].label, "locale": ctx.locale}
        out[pk] = json_with(head, page=body)
    return out


def _tombstone(page_id, content_type, locale):
    return orjson.dumps({"action": "delete", "id": page_id, "content_type": content_type, "locale": locale})


def _snapshot(locale, event_id, after, limit, ctx, epoch):
    types = ContentType.objects.get_for_models(*(spec.model for spec in TYPES.values()))
    candidates = listed_pages(available_in(Page.objects.filter(pk__gt=after), locale))
    candidates = candidates.filter(content_type__in=list(types.values()))
    candidates = candidates.order_by("pk").values_list("pk", flat=True)
    ids = list(candidates[: limit + 1])
    has_more = len(ids) > limit
    ids = ids[:limit]
    upserts = _upserts(_public_types(ids, locale), ctx)
    items = [upserts[pk] for pk in ids if pk in upserts]
    cursor = encode_cursor(event_id, ids[-1] if has_more else None, epoch)
    return items, cursor, has_more


def _delta(locale, event_id, limit, ctx, epoch):
    groups = list(
        SyncEvent.objects.filter(locale=locale, id__gt=event_id)
        .values("page_id")
        .annotate(last=Max("id"), ct=Max("content_type"))
        .order_by("last")[: limit + 1]
    )
    has_more = len(groups) > limit
    groups = groups[:limit]
    upserts = _upserts(_public_types([g["page_id"] for g in groups], locale), ctx)
    items = []
    for group in groups:
        if group["page_id"] in upserts:
            items.append(upserts[group["page_id"]])
        elif group["ct"] in TYPES:
            items.append(_tombstone(group["page_id"], group["ct"], locale))
    new_event = groups[-1]["last"] if groups else event_id
    return items, encode_cursor(new_event, epoch=epoch), has_more


class RestartOut(Schema):
    restart: str = Field(description="Where to start again: the feed without a cursor.")


class CursorExpiredOut(Schema):
    code: Literal["cursor_expired"]
    message: str
    detail: RestartOut


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
        fallback_locales: list[str] = Field(
            description="Sync these feeds too: per translation_key, show the first of locale, then "
            "these, that has the page (the site's fallback chain)."
        )
        snapshot: bool = Field(description="True while the initial full snapshot is being paged.")
        has_more: bool = Field(description="Call again with next_cursor right away.")
        next_cursor: str = Field(description="Opaque; send it back as ?cursor= next time.")
        items: list[Annotated[Union[UpsertOut, TombstoneOut], Field(discriminator="action")]]  # noqa: UP007

    router = Router(tags=["sync"])

    @router.get(
        "/sync",
        response={200: SyncOut, 304: None, 400: ErrorOut, 410: CursorExpiredOut, 422: ErrorOut},
        summary="Offline sync: full snapshot first, then only changes and tombstones",
        description=(
            "Call without `cursor` for a full snapshot of the locale's public pages, then with "
            "each `next_cursor` for changes and tombstones. **410 `cursor_expired`**: the server "
            "was restored from a backup (or the cursor is otherwise from another history of the "
            "feed); delete what you kept of this feed and start again at `detail.restart` "
            "(no cursor). A cursor from `/data/content-<locale>.jsonl.gz` (`sync_cursor`) works "
            "here too and expires the same way."
        ),
    )
    def sync(
        request,
        locale: str | None = LocaleQuery(),
        cursor: str | None = None,
        limit: int = LimitQuery(MAX_SYNC_LIMIT, DEFAULT_SYNC_LIMIT),
    ):
        check_params(request, {"locale", "cursor", "limit"})
        code = request_locale(locale)
        if not 1 <= limit <= MAX_SYNC_LIMIT:
            raise ApiError(
                400,
                "invalid_limit",
                lambda: _("limit must be between 1 and %(max)s.") % {"max": MAX_SYNC_LIMIT},
            )
        ctx = ApiContext.for_request(request, code)
        epoch = current_epoch()
        if cursor:
            event_id, after = decode_cursor(cursor, code, epoch)
        else:
            event_id = last_event_id()
            after = 0
        if after is not None:
            items, next_cursor, has_more = _snapshot(code, event_id, after, limit, ctx, epoch)
            snapshot = True
        else:
            items, next_cursor, has_more = _delta(code, event_id, limit, ctx, epoch)
            snapshot = False
        # Items are validated one by one (upserts against their page type's
        # detail schema, memoised); the envelope is assembled around them.
        head = {
            "locale": code,
            "fallback_locales": fallback_chain(code)[1:],
            "snapshot": snapshot,
            "has_more": has_more,
            "next_cursor": next_cursor,
        }
        body = json_with(head, items=json_array(items))
        return conditional_bytes(request, body, "application/json; charset=utf-8", cache_control="no-cache")

    return router
