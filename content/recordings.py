"""Recorded narration: a person reads a page in a language (``content.narration.PageAudio``
rows of kind "recorded"), from a file or straight from the browser (the admin's
recorder, ``content.admin_recordings``).

* ``convert``: whatever the browser or a phone made (WebM/Opus, Ogg/Opus or Vorbis, MP4/AAC,
  WAV, MP3) is decoded with PyAV (the ``av`` wheel bundles FFmpeg; no system package) and
  encoded again as the site's MP3 (mono, 32 kbps: ``content.audio``); the duration is
  counted from the MP3 made, never trusted from the upload. What cannot be decoded is a
  ``RecordingError`` with a message for the form, never a 500.
* ``submit`` keeps the file under ``recordings/`` (a media folder never served directly)
  and waits for review; ``approve`` makes it the page's recording in that language
  (replacing the previous approved one: a person's recording is replaced only by another),
  ``reject`` refuses it. What waits is announced to the reviewers by e-mail
  (``content.recording_review``). Approving or withdrawing changes what the page, the API, the
  sync feed (also in the recording's language: ``content.sync``) and the menus say, so
  both bump the page's tags and log a sync event.
* ``serve``: the only URL of a recorded file; it answers for an approved recording of a
  public page, and for reviewers and the person who recorded it (admin previews).
"""

import io
import logging
import os
import re
import uuid

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponse
from django.utils.http import http_date
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from . import audio as mp3
from . import cachetags, sync
from .cache import page_tags
from .models import SyncEvent
from .narration import PageAudio, narration_changed
from .recording_review import can_review, submitted

logger = logging.getLogger(__name__)

FOLDER = "recordings"
SAMPLE_RATE = 22050
MAX_UPLOAD_BYTES = 40 * 1024 * 1024  # about 40 minutes of browser Opus
MAX_SECONDS = 45 * 60
MIN_SECONDS = 0.5


class RecordingError(ValueError):
    """An upload that is not usable audio; ``str()`` is a message for the person."""


def decode(data):
    """``(16-bit mono PCM at SAMPLE_RATE, seconds)`` of an audio file's bytes (PyAV)."""
    import av

    chunks = []
    try:
        with av.open(io.BytesIO(data), mode="r") as container:
            streams = [s for s in container.streams if s.type == "audio"]
            if not streams:
                raise RecordingError(_("This file has no sound in it."))
            resampler = av.AudioResampler(format="s16", layout="mono", rate=SAMPLE_RATE)
            for frame in container.decode(streams[0]):
                for out in resampler.resample(frame):
                    chunks.append(bytes(out.planes[0])[: out.samples * 2])
            for out in resampler.resample(None):
                chunks.append(bytes(out.planes[0])[: out.samples * 2])
    except RecordingError:
        raise
    except (av.FFmpegError, ValueError, IndexError, OSError, EOFError) as exc:
        logger.info("Undecodable recording upload: %s", exc)
        raise RecordingError(
            _("This file could not be read as sound. Record again or choose another file.")
        ) from None
    pcm = b"".join(chunks)
    return pcm, len(pcm) / (2 * SAMPLE_RATE)


def convert(data):
    """``(mp3 bytes, seconds)`` of an uploaded recording, or ``RecordingError``."""
    if not data:
        raise RecordingError(_("The file is empty."))
    if len(data) > MAX_UPLOAD_BYTES:
        raise RecordingError(_("The file is too large (at most %(mb)s MB).") % {"mb": MAX_UPLOAD_BYTES // 2**20})
    pcm, seconds = decode(data)
    if seconds < MIN_SECONDS:
        raise RecordingError(_("The recording is too short."))
    if seconds > MAX_SECONDS:
        raise RecordingError(_("The recording is too long (at most %(n)s minutes).") % {"n": MAX_SECONDS // 60})
    encoded = mp3.encode(pcm, SAMPLE_RATE)
    return encoded, mp3.duration(encoded)


def submit(page, language, data, user=None, note="", demonstration=False, approve_now=False):
    """Convert ``data`` and keep it as a recording of ``page`` in ``language`` waiting for
    review (approved at once with ``approve_now``: a reviewer's own upload, the demo)."""
    return store(page, language, convert(data), user, note, demonstration, approve_now)


def store(page, language, converted, user=None, note="", demonstration=False, approve_now=False):
    """``submit`` for an upload already converted (``(mp3 bytes, seconds)``)."""
    encoded, seconds = converted
    name = default_storage.save(f"{FOLDER}/{page.pk}-{language}-{uuid.uuid4().hex[:16]}.mp3", ContentFile(encoded))
    row = PageAudio.objects.create(
        page=page,
        language=language,
        kind=PageAudio.Kind.RECORDED,
        status=PageAudio.Status.SUBMITTED,
        file=name,
        duration_seconds=seconds,
        bytes=len(encoded),
        submitted_by=user,
        note=note,
        demonstration=demonstration,
    )
    if approve_now:
        approve(row, user)
    else:
        submitted(row)  # the reviewers are told (content.recording_review)
    return row


def approve(row, user=None):
    """Make ``row`` the page's recording in its language; the one it replaces goes."""
    previous = PageAudio.objects.filter(
        page_id=row.page_id, language=row.language, kind=PageAudio.Kind.RECORDED, status=PageAudio.Status.APPROVED
    ).exclude(pk=row.pk)
    for old in previous:
        old.delete()  # its file goes after the commit (content.speech.tasks)
    row.status = PageAudio.Status.APPROVED
    row.reviewed_by = user
    row.save()
    announce(row.page, row.language)


def reject(row, user=None):
    was_public = row.approved
    row.status = PageAudio.Status.REJECTED
    row.reviewed_by = user
    row.save()
    if was_public:
        announce(row.page, row.language)


def delete(row):
    was_public = row.approved
    page, language = row.page, row.language
    row.delete()
    if was_public:
        announce(page, language)


def announce(page, language):
    """What the page says changed: its kept responses and menus go stale, and the sync
    feeds of the page's language and of the recording's language get an event (an
    upsert that the feed turns into a tombstone if the page is no longer there)."""
    cachetags.bump(*page_tags(page))
    sync.record(page, SyncEvent.Action.UPSERT, extra_languages=[language])
    narration_changed.send(sender=PageAudio, page=page)


def _may_preview(request, row):
    user = request.user
    if not user.is_authenticated or not user.has_perm("wagtailadmin.access_admin"):
        return False
    return can_review(user) or row.submitted_by_id == user.pk


_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")


@require_GET
def serve(request, pk):
    """The recorded file of an approved recording of a public page (or, for its reviewers
    and its author, any recording). One ``Range`` is honoured: phones seek by ranges."""
    from .public import is_public

    row = PageAudio.objects.filter(pk=pk, kind=PageAudio.Kind.RECORDED).select_related("page").first()
    if row is None:
        raise Http404
    public = row.approved and is_public(row.page)
    if not public and not _may_preview(request, row):
        raise Http404
    try:
        handle = default_storage.open(row.file.name, "rb")
    except (OSError, ValueError):
        raise Http404 from None
    size = row.bytes or default_storage.size(row.file.name)
    cache_control = "public, max-age=300" if public else "private, no-store"
    match = _RANGE.match(request.headers.get("Range", ""))
    if match and (match.group(1) or match.group(2)):
        start, end = match.group(1), match.group(2)
        if start:
            start, end = int(start), min(int(end) if end else size - 1, size - 1)
        else:
            start, end = max(0, size - int(end)), size - 1
        if start > end or start >= size:
            handle.close()
            response = HttpResponse(status=416)
            response["Content-Range"] = f"bytes */{size}"
            return response
        handle.seek(start)
        body = handle.read(end - start + 1)
        handle.close()
        response = HttpResponse(body, status=206, content_type="audio/mpeg")
        response["Content-Range"] = f"bytes {start}-{end}/{size}"
    else:
        response = FileResponse(handle, content_type="audio/mpeg")
        response["Content-Length"] = str(size)
    response["Accept-Ranges"] = "bytes"
    response["Cache-Control"] = cache_control
    response["Content-Disposition"] = f'inline; filename="{os.path.basename(row.file.name)}"'
    response["Last-Modified"] = http_date(row.updated_at.timestamp())
    return response
