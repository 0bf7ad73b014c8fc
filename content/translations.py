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

A copy is not a translation. A translated string segment whose text is the source's text
unchanged (compared after Unicode NFC normalisation, case folding and collapsing white
space; ``same_text``) does not count as translated (it is *copied*), unless the source
segment could be the same in every language: it has no letter at all (a number, a date,
punctuation) or at most ``NAME_MAX_WORDS`` (3) words, markup left out (a proper name such as
"Kon Klor" or "Tơ Nùng", a title of up to three words). A word is a run of characters
between white space holding at least one letter or digit. So a translator, or a machine
"translation" that copies, cannot make a page count as translated by filling every segment
with the Vietnamese text; the admin's list of untranslated pages shows how many segments
are still copied (``UnfinishedTranslation.copied_segments``). This module is the only
place the rule is written: the public rule, the site, the API, the menus and
``manage.py refresh_translation_progress`` read its result.
"""

import html
import re
import unicodedata
from typing import NamedTuple

from django.apps import apps
from django.conf import settings

from .cache import memoize

NAME_MAX_WORDS = 3
_MARKUP = re.compile(r"<[^>]*>")


class Progress(NamedTuple):
    """Segments of a wagtail-localize translation: ``translated`` (really translated),
    ``total``, and ``copied`` (filled with the source's text unchanged: not translated)."""

    translated: int
    total: int
    copied: int = 0


def _model():
    """``content.UnfinishedTranslation``, by name: ``content.public`` (which the models
    import) reads this module, so it may not import the models back."""
    return apps.get_model("content", "UnfinishedTranslation")


def done_share():
    return float(getattr(settings, "TRANSLATION_DONE_SHARE", 0.9))


def normalised(text):
    """``text`` as compared with its translation: NFC, case-folded, white space collapsed."""
    return " ".join(unicodedata.normalize("NFC", text or "").casefold().split())


def words(text):
    """The words of a segment's text, markup and entities left out."""
    plain = html.unescape(_MARKUP.sub(" ", unicodedata.normalize("NFC", text or "")))
    return [word for word in plain.split() if any(ch.isalnum() for ch in word)]


def may_stay_the_same(source):
    """A source segment whose copy is a fair translation: no letter at all, or a name
    (at most ``NAME_MAX_WORDS`` words)."""
    found = words(source)
    return not any(ch.isalpha() for word in found for ch in word) or len(found) <= NAME_MAX_WORDS


def same_text(source, translated):
    return normalised(source) == normalised(translated)


def is_copied(source, translated):
    """Whether ``translated`` is ``source`` copied unchanged where a translation was due."""
    return same_text(source, translated) and not may_stay_the_same(source)


def count(segments, translations):
    """``Progress`` of ``segments`` (``(string id, context id, source text)``) given the
    target locale's ``translations`` (``{(string id, context id): text}``)."""
    translated = copied = 0
    for string_id, context_id, source in segments:
        text = translations.get((string_id, context_id))
        if text is None:
            continue
        if is_copied(source, text):
            copied += 1
        else:
            translated += 1
    return Progress(translated, len(segments), copied)


def progress(page):
    """``Progress`` of the wagtail-localize translation that made ``page``, or None when no
    synced translation made it (a source page, a page written by hand). Three queries: the
    translation, its source's string segments and the target locale's translations of them
    (wagtail-localize's own count, ``Translation.get_progress``, cannot tell a copy from a
    translation)."""
    from wagtail_localize.models import StringSegment, StringTranslation, Translation

    translation = (
        Translation.objects.filter(
            source__object_id=page.translation_key, target_locale_id=page.locale_id, enabled=True
        )
        .order_by("-created_at")
        .first()
    )
    if translation is None:
        return None
    source_segments = StringSegment.objects.filter(source_id=translation.source_id)
    segments = list(source_segments.values_list("string_id", "context_id", "string__data"))
    rows = StringTranslation.objects.filter(
        translation_of_id__in=source_segments.values("string_id"),
        locale_id=translation.target_locale_id,
        has_error=False,
    ).values_list("translation_of_id", "context_id", "data")
    return count(segments, {(string_id, context_id): text for string_id, context_id, text in rows})


def is_done(translated, total):
    return total == 0 or translated / total >= done_share()


def refresh(page):
    """Record whether ``page`` (just published) is a finished translation."""
    UnfinishedTranslation = _model()
    found = progress(page)
    if found is None or is_done(found.translated, found.total):
        UnfinishedTranslation.objects.filter(page_id=page.pk).delete()
        return
    row = UnfinishedTranslation.objects.filter(page_id=page.pk).first()
    if row is None or (row.translated_segments, row.total_segments, row.copied_segments) != tuple(found):
        UnfinishedTranslation.objects.update_or_create(
            page_id=page.pk,
            defaults={
                "translated_segments": found.translated,
                "total_segments": found.total,
                "copied_segments": found.copied,
            },
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
