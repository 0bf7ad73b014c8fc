"""When a translated page counts as translated.

"Translate into Bahnar" (wagtail-localize) publishes the Bahnar page at once, holding the
Vietnamese text. Such a page is not the reader's translation yet: until the share of its
segments translated reaches ``settings.TRANSLATION_DONE_SHARE`` (0.9 by default), readers
of every channel get the source page with the "not yet translated" mark, as if the
translation did not exist. The progress is read when the page is published (creating the
translation, publishing from the translation editor, syncing from the source) and kept
as an ``UnfinishedTranslation`` row, so the public rule (``content.public``) reads one
small table, never wagtail-localize's segments.

A page translated by hand (no wagtail-localize translation, or one switched to manual
editing) counts as translated: its editors wrote it.
"""

from django.apps import apps
from django.conf import settings

from .cache import memoize


def _model():
    """``content.UnfinishedTranslation``, by name: ``content.public`` (which the models
    import) reads this module, so it may not import the models back."""
    return apps.get_model("content", "UnfinishedTranslation")


def done_share():
    return float(getattr(settings, "TRANSLATION_DONE_SHARE", 0.9))


def progress(page):
    """``(translated, total)`` segments of the wagtail-localize translation that made
    ``page``, or None when no synced translation made it (a source page, a page written
    by hand)."""
    from wagtail_localize.models import Translation

    translation = (
        Translation.objects.filter(
            source__object_id=page.translation_key, target_locale_id=page.locale_id, enabled=True
        )
        .order_by("-created_at")
        .first()
    )
    if translation is None:
        return None
    total, translated = translation.get_progress()
    return translated, total


def is_done(translated, total):
    return total == 0 or translated / total >= done_share()


def refresh(page):
    """Record whether ``page`` (just published) is a finished translation."""
    UnfinishedTranslation = _model()
    found = progress(page)
    if found is None or is_done(*found):
        UnfinishedTranslation.objects.filter(page_id=page.pk).delete()
        return
    translated, total = found
    row = UnfinishedTranslation.objects.filter(page_id=page.pk).first()
    if row is None or (row.translated_segments, row.total_segments) != (translated, total):
        UnfinishedTranslation.objects.update_or_create(
            page_id=page.pk, defaults={"translated_segments": translated, "total_segments": total}
        )


def unfinished_ids():
    """Ids of live pages whose translation is not done yet. Kept per content generation:
    every write to the table bumps it (``content.cache``: a project model)."""
    return memoize(
        "unfinished_translations",
        (),
        lambda: sorted(_model().objects.values_list("page_id", flat=True)),
    )


def is_unfinished(page):
    return page.pk in unfinished_ids()


def on_published(sender, instance, **kwargs):
    refresh(instance)


def connect():
    """Connected before the sync log and the caches, so that they see the page's state."""
    from wagtail.signals import page_published

    page_published.connect(on_published, dispatch_uid="translations_progress")
