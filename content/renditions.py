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
rendition files itself. With S3 storage, media URLs point at the bucket and never
reach Django: run the management command after a restore instead.
"""

import logging
import time

from django.core.cache import cache
from django.http import FileResponse, Http404, HttpResponse
from django.views.decorators.http import require_safe
from wagtail.images import get_image_model
from wagtail.images.models import Filter

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
    saved = storage.save(name, content)
    if saved != name:  # written meanwhile by another process: keep that one
        storage.delete(saved)
    logger.info("Regenerated missing rendition %s (%s)", name, rendition.filter_spec)
    return name


def _regenerate_once(rendition):
    """Regenerate unless the file is there; one request at a time per rendition (the
    others wait for the lock, not for the file: a file being written already exists).
    False if the lock stayed taken for ``WAIT_SECONDS``."""
    key = f"rendition-regenerate:{rendition.pk}"
    deadline = time.monotonic() + WAIT_SECONDS
    while not cache.add(key, 1, LOCK_SECONDS):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.1)
    try:
        if not rendition.file.storage.exists(rendition.file.name):
            regenerate(rendition)
    finally:
        cache.delete(key)
    return True


@require_safe
def rendition_fallback(request, name):
    """Serve ``MEDIA_URL/images/<name>``, regenerating the file if it is missing."""
    path = f"{FOLDER}/{name}"
    rendition = rendition_model().objects.select_related("image").filter(file=path).first()
    if rendition is None:
        raise Http404("No such rendition")
    storage = rendition.file.storage
    if not storage.exists(path):
        try:
            ready = _regenerate_once(rendition)
        except Exception:  # the original is gone or unreadable: nothing to regenerate from
            logger.exception("Cannot regenerate rendition %s", path)
            raise Http404("Rendition source missing") from None
        if not ready:
            response = HttpResponse("Image being regenerated, try again.", status=503, content_type="text/plain")
            response["Retry-After"] = "5"
            return response
    response = FileResponse(storage.open(path, "rb"))  # Content-Type and -Length from the file
    response["Cache-Control"] = CACHE_CONTROL
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
