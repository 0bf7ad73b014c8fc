"""Missing rendition files heal themselves.

A rendition row (``HeritageRendition``) can outlive its file: a media volume
restored from an older backup, a cleaned cache directory, a failed sync to a new
server. Pages keep linking to ``/media/images/<name>`` and would show a broken
image. Nothing here checks files while pages render (that would cost a
file-system call per image per page); instead:

* ``rendition_fallback`` answers ``/media/images/<name>`` only when the media
  server did not find the file. It finds the rendition row by file name, writes
  the file again from the original image at the same name (so every cached page
  and API response stays right), and serves it. Unknown names are a 404.
* ``manage.py regenerate_missing_renditions`` scans every rendition row and
  regenerates the missing files (after a restore, or from cron).

Wiring: Django always routes ``MEDIA_URL + "images/"`` here (``cms/urls.py``).
With nginx serving ``/media/``, fall back to Django only for missing files::

    location /media/images/ {
        alias /srv/nharong/media/images/;
        try_files $uri @django;
    }
    location @django { proxy_pass http://nharong; }

With ``DJANGO_SERVE_MEDIA`` (single-server installs) this view serves existing
rendition files itself.

Only renditions of images that a public page uses are made or served here (an
editor signed in to the admin also gets those of drafts, for previews); names carry
a random part (``HeritageRendition.get_upload_to``), so a front server cannot be
asked for a draft's renditions by guessing. Files are written atomically
(``content.files``); an empty or undecodable file left by an older fault is made
again, never served. A full disk is a 503 (``cms.middleware.database``).

A big original (more than ``RENDITION_SYNC_MAX_PIXELS``, 12 megapixels by default)
is not decoded in an anonymous request: decoding a 40-megapixel picture takes seconds
and hundreds of megabytes. The request queues ``regenerate_rendition`` (a task)
and answers 503 with ``Retry-After``; the worker writes the file. Editors signed in
to the admin still get it made at once (previews).

With S3 storage, media URLs point at the bucket and never reach Django: run the
management command after a restore instead.
"""

import logging
import time

from django.conf import settings
from django.core.cache import cache
from django.http import FileResponse, Http404, HttpResponse
from django.views.decorators.http import require_safe
from django_tasks import task
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.images.models import Filter

from .api.images import used_on_public_pages
from .files import complete, is_storage_fault

logger = logging.getLogger(__name__)

FOLDER = "images"
LOCK_SECONDS = 60
WAIT_SECONDS = 10
CACHE_CONTROL = "public, max-age=86400"


def rendition_model():
    return get_image_model().get_rendition_model()


def regenerate(rendition):
    """Write ``rendition``'s file again, at the name its row records, from the
    original image. The row is kept (same id, URL, width and height).

    Raises ``OSError``/``ValueError`` and friends if the original cannot be read."""
    storage = rendition.file.storage
    name = rendition.file.name
    content = rendition.image.generate_rendition_file(Filter(spec=rendition.filter_spec))
    if storage.exists(name) and not complete(storage, name):
        storage.delete(name)  # emptied by an older fault: replace it, do not keep it
    saved = storage.save(name, content)
    if saved != name:  # written meanwhile by another process: keep that one
        storage.delete(saved)
    logger.info("Regenerated missing rendition %s (%s)", name, rendition.filter_spec)
    return name


def servable(storage, name):
    """True if the stored file ``name`` is whole: not empty and decodable to the end.
    Decoding costs a few milliseconds, so a good answer is kept per size and mtime."""
    if not complete(storage, name):
        return False
    try:
        stamp = f"{storage.size(name)}:{storage.get_modified_time(name).timestamp()}"
    except (OSError, NotImplementedError):
        stamp = None
    key = f"rendition-whole:{name}:{stamp}"
    if stamp and cache.get(key):
        return True
    try:
        with storage.open(name, "rb") as handle, PILImage.open(handle) as picture:
            picture.load()
    except Exception:
        logger.warning("Rendition file %s is damaged; making it again", name)
        return False
    if stamp:
        cache.set(key, 1, LOCK_SECONDS * 60 * 24)
    return True


def _regenerate_once(rendition):
    """Regenerate unless the file is there and whole; one request at a time per
    rendition (the others wait for the lock; files appear only once complete).
    False if the lock stayed taken for ``WAIT_SECONDS``."""
    key = f"rendition-regenerate:{rendition.pk}"
    deadline = time.monotonic() + WAIT_SECONDS
    while not cache.add(key, 1, LOCK_SECONDS):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.1)
    try:
        storage, name = rendition.file.storage, rendition.file.name
        if not servable(storage, name):
            if storage.exists(name):  # empty or truncated by an older fault
                storage.delete(name)
            regenerate(rendition)
    finally:
        cache.delete(key)
    return True


@task()
def regenerate_rendition(rendition_id):
    """The worker's side: make the file of rendition ``rendition_id`` unless it is whole
    (a big original is decoded here, never in a visitor's request)."""
    rendition = rendition_model().objects.select_related("image").filter(pk=rendition_id).first()
    if rendition is None:
        return False
    return _regenerate_once(rendition)


def _too_big_for_a_request(request, image):
    if request.user.is_authenticated and request.user.has_perm("wagtailadmin.access_admin"):
        return False
    limit = getattr(settings, "RENDITION_SYNC_MAX_PIXELS", 12_000_000)
    return limit is not None and (image.width or 0) * (image.height or 0) > limit


def _queued(rendition):
    """Queue the rendition for the worker (once per ``LOCK_SECONDS``) and say so: 503."""
    if cache.add(f"rendition-queued:{rendition.pk}", 1, LOCK_SECONDS):
        regenerate_rendition.enqueue(rendition.pk)
    response = HttpResponse("Image being made, try again shortly.", status=503, content_type="text/plain")
    response["Retry-After"] = "30"
    response["Cache-Control"] = "no-store"
    return response


def _may_see(request, image):
    if request.user.is_authenticated and request.user.has_perm("wagtailadmin.access_admin"):
        return True  # editors preview drafts
    return used_on_public_pages(get_image_model().objects.filter(pk=image.pk)).exists()


@require_safe
def rendition_fallback(request, name):
    """Serve ``MEDIA_URL/images/<name>`` of an image a public page uses, making the file
    again if it is missing or damaged."""
    path = f"{FOLDER}/{name}"
    rendition = rendition_model().objects.select_related("image").filter(file=path).first()
    if rendition is None or not _may_see(request, rendition.image):
        raise Http404("No such rendition")
    storage = rendition.file.storage
    if not servable(storage, path):
        if _too_big_for_a_request(request, rendition.image):
            return _queued(rendition)
        try:
            ready = _regenerate_once(rendition)
        except Exception as exc:
            if is_storage_fault(exc):
                raise  # disk full or failing: a 503 (cms.middleware.database)
            # the original is gone or unreadable: nothing to regenerate from
            logger.exception("Cannot regenerate rendition %s", path)
            raise Http404("Rendition source missing") from None
        if not ready:
            response = HttpResponse("Image being regenerated, try again.", status=503, content_type="text/plain")
            response["Retry-After"] = "5"
            return response
    response = FileResponse(storage.open(path, "rb"))  # Content-Type and -Length from the file
    public = not request.user.is_authenticated
    response["Cache-Control"] = CACHE_CONTROL if public else "private, no-store"
    return response


def missing_renditions(renditions, storage=None):
    """The renditions among ``renditions`` whose file is not in storage. Lists the
    folder once when the storage can (a local folder, S3) instead of one call per row."""
    renditions = list(renditions)
    if not renditions:
        return []
    storage = storage or renditions[0].file.storage
    try:
        present = {f"{FOLDER}/{f}" for f in storage.listdir(FOLDER)[1]}
    except (NotImplementedError, FileNotFoundError):
        present = set()  # no listing: ask about each file
    return [r for r in renditions if r.file.name not in present and not storage.exists(r.file.name)]
