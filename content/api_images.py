"""Images for the API: fixed renditions (WebP + JPEG) and a tiny placeholder, in bulk.

Generating renditions inside a request is slow and one query per image would
make lists grow with ``limit``; ``ImageSet`` loads every image of a response in
one query with its renditions prefetched (Wagtail's ``prefetch_renditions``), so
a warm list costs the same number of queries for 1 or 100 items.
"""

import base64
import io

from django.core.cache import cache
from PIL import Image as PILImage
from PIL import ImageFilter

from .models import HeritageImage

WIDTHS = (320, 640, 1024)
FORMATS = ("webp", "jpeg")
RENDITION_SPECS = tuple(
    f"width-{w}|format-{fmt}" + ("|jpegquality-75" if fmt == "jpeg" else "|webpquality-70")
    for fmt in FORMATS
    for w in WIDTHS
)
PLACEHOLDER_SPEC = "width-16|format-jpeg|jpegquality-40"
ALL_SPECS = RENDITION_SPECS + (PLACEHOLDER_SPEC,)
SMALLEST_SPECS = (RENDITION_SPECS[0], RENDITION_SPECS[len(WIDTHS)])  # 320 WebP + 320 JPEG


def absolute(request, url):
    """Media URLs are relative on local storage, absolute on S3; make them absolute."""
    if not url:
        return url
    if url.startswith(("http://", "https://")):
        return url
    if request is None:
        from django.conf import settings

        return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + url
    return request.build_absolute_uri(url)


def _tiny_png(rendition):
    """An 8-px-wide blurred PNG: ~150 bytes, against ~900 for the smallest JPEG."""
    try:
        with rendition.file.open("rb") as handle:
            picture = PILImage.open(io.BytesIO(handle.read())).convert("RGB")
    except (OSError, ValueError):
        return ""
    width = 8
    height = max(1, round(picture.height * width / max(picture.width, 1)))
    picture = picture.resize((width, height)).filter(ImageFilter.GaussianBlur(1))
    out = io.BytesIO()
    picture.save(out, format="PNG", optimize=True)
    return "data:image/png;base64," + base64.b64encode(out.getvalue()).decode()


def _placeholder(rendition):
    key = f"api:placeholder:{rendition.pk}:{rendition.file.name}"
    value = cache.get(key)
    if value is None:
        value = _tiny_png(rendition)
        cache.set(key, value, None)
    return value


class ImageSet:
    """Every image one response needs, loaded once, serialised many times."""

    def __init__(self, request):
        self.request = request
        self._images = {}
        self._serialised = {}

    def load(self, ids):
        wanted = {i for i in ids if i and i not in self._images}
        if not wanted:
            return
        images = HeritageImage.objects.filter(pk__in=wanted).prefetch_renditions(*ALL_SPECS)
        for image in images:
            self._images[image.pk] = image

    def serialise(self, image_or_id):
        """``ImageOut`` data for an image (or id), None if missing."""
        if image_or_id is None:
            return None
        pk = image_or_id if isinstance(image_or_id, int) else image_or_id.pk
        if pk in self._serialised:
            return self._serialised[pk]
        if pk not in self._images:
            self.load([pk])
        image = self._images.get(pk)
        if image is None:
            return None
        renditions = image.get_renditions(*ALL_SPECS)
        seen = set()
        out = []
        for spec in RENDITION_SPECS:
            rendition = renditions[spec]
            fmt = "webp" if "format-webp" in spec else "jpeg"
            if (rendition.width, fmt) in seen:  # small originals are never upscaled
                continue
            seen.add((rendition.width, fmt))
            out.append(
                {
                    "url": absolute(self.request, rendition.url),
                    "width": rendition.width,
                    "height": rendition.height,
                    "format": fmt,
                }
            )
        data = {
            "id": image.pk,
            "title": image.title,
            "alt": image.default_alt_text,
            "credit": image.credit,
            "licence": image.licence,
            "licence_url": image.licence_url,
            "width": image.width,
            "height": image.height,
            "placeholder": _placeholder(renditions[PLACEHOLDER_SPEC]),
            "renditions": out,
        }
        self._serialised[pk] = data
        return data


def document_data(request, document):
    if document is None:
        return None
    size = document.file_size  # filled on upload; never read the file in a request
    return {
        "id": document.pk,
        "title": document.title,
        "url": absolute(request, document.url),
        "file_size": size,
        "content_type": document.content_type or "",
    }
