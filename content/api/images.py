"""Images for the API: fixed renditions (WebP + JPEG) and a tiny placeholder, in bulk.

Generating renditions inside a request is slow and one query per image would
make lists grow with ``limit``; ``ImageSet`` loads every image of a response in
one query with its renditions prefetched (Wagtail's ``prefetch_renditions``), so
a warm list costs the same number of queries for 1 or 100 items.
"""

import base64
import io

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db.models import CharField, Exists, OuterRef, Q
from django.db.models.functions import Cast
from PIL import Image as PILImage
from PIL import ImageFilter
from wagtail.images import get_image_model
from wagtail.models import Page, ReferenceIndex, get_page_models

from ..public import public_pages

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


def absolute(base_url, url):
    """Media URLs are relative on local storage, absolute on S3; make them absolute
    against ``base_url`` (the site's, e.g. ``ApiContext.base_url``)."""
    if not url or url.startswith(("http://", "https://")):
        return url
    return base_url.rstrip("/") + "/" + url.lstrip("/")


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
    """Every image one response needs, loaded once, serialized many times."""

    def __init__(self, base_url):
        self.base_url = base_url
        self._images = {}
        self._serialized = {}

    def load(self, ids):
        wanted = {i for i in ids if i and i not in self._images}
        if not wanted:
            return
        images = get_image_model().objects.filter(pk__in=wanted).prefetch_renditions(*ALL_SPECS)
        for image in images:
            self._images[image.pk] = image

    def serialize(self, image_or_id):
        """``ImageOut`` data for an image (or id), None if missing."""
        if image_or_id is None:
            return None
        pk = image_or_id if isinstance(image_or_id, int) else image_or_id.pk
        if pk in self._serialized:
            return self._serialized[pk]
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
                    "url": absolute(self.base_url, rendition.url),
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
        self._serialized[pk] = data
        return data


def used_on_public_pages(queryset):
    """Narrow an image or document queryset to what at least one public page uses.

    Wagtail's ``ReferenceIndex`` records what each page references (foreign keys,
    StreamField chooser blocks, rich-text embeds); it is filled by a background task,
    so the page models' own foreign keys (``hero_image``) are also read directly and
    an image shows as soon as its page is published. Built as subqueries of the one
    list/detail query (no query per item); ``public_pages()`` adds its
    view-restriction lookup.
    """
    model = queryset.model
    public = public_pages()
    references = ReferenceIndex.objects.filter(
        base_content_type=ContentType.objects.get_for_model(Page),
        object_id__in=public.values(id_text=Cast("pk", CharField())),
        to_content_type=ContentType.objects.get_for_model(model),
        to_object_id=Cast(OuterRef("pk"), CharField()),
    )
    used = Q(Exists(references))
    for page_model in get_page_models():
        for field in page_model._meta.local_concrete_fields:
            if field.is_relation and field.related_model is model:
                pages = page_model.objects.filter(pk__in=public.values("pk"))
                used |= Q(pk__in=pages.values(field.attname))
    # A plain ``pk IN (subquery)``: search backends accept it as a filter (an Exists does not).
    return queryset.filter(pk__in=model.objects.filter(used).values("pk"))


def document_data(base_url, document):
    """``DocumentOut`` data of a document (None stays None)."""
    if document is None:
        return None
    size = document.file_size  # filled on upload; never read the file in a request
    return {
        "id": document.pk,
        "title": document.title,
        "url": absolute(base_url, document.url),
        "file_size": size,
        "content_type": document.content_type or "",
    }
