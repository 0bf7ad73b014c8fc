"""Writes the sync log: every change to what the public sees becomes a SyncEvent.

Publishing (and moving into the public) is an upsert; unpublishing, deleting,
expiring, restricting or moving out of the public is a tombstone. The API's
delta feed reads these rows in id order.

The epoch (``SyncEpoch``) names one history of that log. ``new_epoch()`` is called
by the restore (``scripts/backup.py``) because a restore rolls the log back and
its ids are handed out again; every cursor carries the epoch it was taken in,
and the feed answers a cursor of another epoch with 410 ``cursor_expired``.
"""

import secrets

from django.db.models.signals import post_delete, post_save, pre_delete
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from .locales import spoken_languages
from .models import SyncEpoch, SyncEvent
from .public import is_public


def current_epoch():
    """The current epoch's value (made on first use: a fresh database has none)."""
    value = SyncEpoch.objects.values_list("value", flat=True).first()
    return value if value is not None else new_epoch()


def new_epoch():
    """Start a new epoch: every cursor handed out before is answered "start again"."""
    return SyncEpoch.objects.create(value=secrets.token_hex(8)).value


def last_event_id():
    return SyncEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0


def record(page, action, extra_languages=()):
    """Log ``action`` in the page's own locale's feed, and in the feed of every language
    the page is available in by an approved recording (``content.locales.spoken_languages``)
    or that ``extra_languages`` names (a recording just withdrawn): the feed re-checks
    the page at read time, so an upsert there becomes a tombstone if it is gone."""
    specific_class = page.specific_class or type(page)
    languages = [page.locale.language_code]
    for code in [*sorted(spoken_languages([page]).get(page.pk, ())), *extra_languages]:
        if code not in languages:
            languages.append(code)
    SyncEvent.objects.bulk_create(
        [
            SyncEvent(page_id=page.pk, content_type=specific_class._meta.label_lower, locale=code, action=action)
            for code in languages
        ]
    )


def _record_subtree(page):
    """After a move or a restriction change the whole subtree may change state."""
    for descendant in page.get_descendants(inclusive=True).select_related("locale"):
        record(descendant, SyncEvent.Action.UPSERT if is_public(descendant) else SyncEvent.Action.DELETE)


def on_published(sender, instance, **kwargs):
    record(instance, SyncEvent.Action.UPSERT if is_public(instance) else SyncEvent.Action.DELETE)


def on_unpublished(sender, instance, **kwargs):
    record(instance, SyncEvent.Action.DELETE)


def on_deleted(sender, instance, **kwargs):
    # Connected for the base Page row only, so each deleted page counts once. The
    # languages it was heard in were read before its recordings went (on_deleting).
    if instance.live:
        record(instance, SyncEvent.Action.DELETE, extra_languages=getattr(instance, "_spoken_before_delete", ()))


def on_deleting(sender, instance, **kwargs):
    instance._spoken_before_delete = sorted(spoken_languages([instance]).get(instance.pk, ()))


def on_moved(sender, instance, **kwargs):
    _record_subtree(instance)


def on_restriction_changed(sender, instance, **kwargs):
    try:
        page = instance.page
    except Page.DoesNotExist:
        return
    _record_subtree(page)


def connect():
    page_published.connect(on_published, dispatch_uid="sync_published")
    page_unpublished.connect(on_unpublished, dispatch_uid="sync_unpublished")
    pre_delete.connect(on_deleting, sender=Page, dispatch_uid="sync_deleting")
    post_delete.connect(on_deleted, sender=Page, dispatch_uid="sync_deleted")
    post_page_move.connect(on_moved, dispatch_uid="sync_moved")
    page_slug_changed.connect(on_moved, dispatch_uid="sync_slug_changed")
    post_save.connect(on_restriction_changed, sender=PageViewRestriction, dispatch_uid="sync_restr")
    post_delete.connect(on_restriction_changed, sender=PageViewRestriction, dispatch_uid="sync_unrestr")
