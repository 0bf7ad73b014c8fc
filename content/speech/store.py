"""Generated narration of pages (``content.narration.PageAudio`` rows of kind
"generated"): made, remade and removed here.

Generated narration follows the public page, never a draft: ``refresh`` reads the
page row (Wagtail keeps the live content there; drafts live in revisions) and
synthesises only when the page is public (``content.public``), in the
synthesiser's language, and its narrated text changed since the last file (the
hash of text and voice). A page that stops being public loses its generated files
at once (``remove_generated``), so no URL under the media folder keeps reading a
page the public may no longer see.
"""

import logging

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from .. import audio as mp3
from .. import cachetags, sync
from ..cache import page_tags
from ..files import complete
from ..models import SyncEvent
from ..narration import PageAudio, narration_changed
from ..public import public_pages
from .base import SpeechUnavailable, get_synthesizer
from .normalize import normalize
from .text import page_segments, text_hash

logger = logging.getLogger(__name__)


def _delete_file(name):
    if name:
        try:
            default_storage.delete(name)
        except OSError:
            logger.warning("Could not delete narration file %s", name, exc_info=True)


def remove_generated(page_ids):
    """Drop the generated narration (rows and files) of these pages; returns how many."""
    rows = list(
        PageAudio.objects.filter(page_id__in=list(page_ids), kind=PageAudio.Kind.GENERATED).select_related("page")
    )
    for row in rows:
        _delete_file(row.file.name)
        row.delete()
        narration_changed.send(sender=PageAudio, page=row.page)
    return len(rows)


def _is_public(page):
    return public_pages(type(page).objects.filter(pk=page.pk)).exists()


def refresh(page_id):
    """Bring the generated narration of page ``page_id`` up to date; returns what was done
    (``"generated"``, ``"unchanged"``, ``"removed"``, ``"off"``, ``"none"``)."""
    from wagtail.models import Page

    page = Page.objects.filter(pk=page_id).select_related("locale").first()
    if page is None:
        return "none"
    if not _is_public(page):
        return "removed" if remove_generated([page.pk]) else "none"
    synthesizer = get_synthesizer()
    if synthesizer is None:
        return "off"
    language = page.locale.language_code
    segments = page_segments(page.specific) if language == synthesizer.language else []
    text = "\n".join(sentence for _key, sentence in segments)
    if not text:
        return "removed" if remove_generated([page.pk]) else "none"
    digest = text_hash(text, synthesizer.voice_name)
    current = PageAudio.objects.filter(page=page, language=language, kind=PageAudio.Kind.GENERATED).first()
    if current and current.text_hash == digest and complete(default_storage, current.file.name):
        return "unchanged"
    try:
        pcm, sample_rate, cues = speak(synthesizer, segments)
    except SpeechUnavailable:
        logger.warning("No generated narration for page %s", page.pk, exc_info=True)
        return "off"
    data = mp3.encode(pcm, sample_rate)
    name = default_storage.save(f"audio/generated/{page.pk}-{language}-{digest[:12]}.mp3", ContentFile(data))
    old_name = current.file.name if current else None
    row = current or PageAudio(page=page, language=language, kind=PageAudio.Kind.GENERATED)
    row.file.name = name
    row.text_hash = digest
    row.duration_seconds = mp3.duration(data)
    row.bytes = len(data)
    row.voice = synthesizer.voice_name
    row.cues = cues
    row.save()
    if old_name and old_name != name:
        _delete_file(old_name)
    _announce(page)
    return "generated"


def speak(synthesizer, segments):
    """``(pcm, sample rate, cues)``: each sentence synthesised in turn and joined, and
    where each keyed part (a quiz question, an option) starts and ends, in seconds, so
    the player can read one of them alone."""
    chunks, cues, position, sample_rate = [], {}, 0, None
    for key, sentence in segments:
        speech = synthesizer.synthesize(normalize(sentence))
        sample_rate = sample_rate or speech.sample_rate
        start = position / (2 * sample_rate)
        chunks.append(speech.pcm)
        position += len(speech.pcm)
        if key:
            end = position / (2 * sample_rate)
            cue = cues.get(key)
            cues[key] = [round(cue[0] if cue else start, 2), round(end, 2)]
    return b"".join(chunks), sample_rate, cues


def _announce(page):
    """The page's kept responses and API JSON now show audio: make them stale, and log
    an upsert so sync clients fetch the page (with its narration) again."""
    cachetags.bump(*page_tags(page))
    sync.record(page, SyncEvent.Action.UPSERT)
    narration_changed.send(sender=PageAudio, page=page)
