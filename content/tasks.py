"""Background work of the shared kernel: image renditions made ahead of the first visitor.

The site's templates and the app's API ask for a fixed set of renditions (below).
Making one means opening the original, resizing and encoding it: hundreds of
milliseconds a picture. Without help the first visitor of a page pays for all of
them, so when an image is saved, and when a page is published, a task makes the
renditions that page and its images will be asked for. Rendering still falls back
to Wagtail's on-demand renditions: a missing one is made on first use as before.

Search indexing needs nothing here: Wagtail's (modelsearch's) ``post_save`` handler
already enqueues ``modelsearch.tasks.insert_or_update_object_task`` and Wagtail
enqueues ``wagtail.tasks.update_reference_index_task``, both on the same TASKS
backend, so with the database backend they run in the worker too.
"""

import logging

from django.db import transaction
from django.db.models.signals import post_save
from django_tasks import task
from wagtail.images import get_image_model

from .api.images import ALL_SPECS

logger = logging.getLogger(__name__)

# What templates/ asks for: content/includes/picture.html (every hero, image block,
# gallery and how-to step: 360/720/1080 srcset), heritage/includes/cards.html (360/576
# srcset: sharp enough on a 1.5–2× phone, lighter than 720), lessons/includes/quiz_form.html
# (quiz option pictures).
TEMPLATE_SPECS = (
    "fill-360x203|format-webp",
    "fill-720x405|format-webp",
    "fill-1080x608|format-webp",
    "fill-576x324|format-webp",
    "fill-160x120|format-webp",
)
# ...plus what the API (content.api.images) and the course bundles serve.
SPECS = TEMPLATE_SPECS + tuple(spec for spec in ALL_SPECS if spec not in TEMPLATE_SPECS)


def make_renditions(images):
    """Make every rendition of SPECS that the images of queryset ``images`` lack; returns
    how many images were done. The existing renditions are prefetched in one query, so
    only the missing ones cost anything. An unreadable original is logged and skipped
    (the page shows it broken either way)."""
    from wagtail.images.models import SourceImageIOError

    done = 0
    for image in images.prefetch_renditions(*SPECS):
        try:
            image.get_renditions(*SPECS)
            done += 1
        except (SourceImageIOError, OSError, ValueError):
            logger.warning("Could not make renditions of image %s", image.pk, exc_info=True)
    return done


@task()
def generate_image_renditions(image_id):
    return make_renditions(get_image_model().objects.filter(pk=image_id))


def page_image_ids(page):
    """Ids of the images a page refers to: foreign keys and StreamField blocks alike.

    Wagtail's reference index does this walk, but its rows are written by another
    background task that may not have run yet, so the references are extracted from
    the page itself with the index's own (private) extractor. If a Wagtail upgrade
    drops it, this task fails loudly (tests/ops/test_tasks.py) and renditions are
    still made on first use."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import ReferenceIndex

    image_type = ContentType.objects.get_for_model(get_image_model()).pk
    references = ReferenceIndex._extract_references_from_object(page)
    return sorted({int(object_id) for type_id, object_id, *_paths in references if type_id == image_type})


@task()
def generate_page_renditions(page_id):
    from wagtail.models import Page

    page = Page.objects.filter(pk=page_id).first()
    if page is None:
        return 0
    ids = page_image_ids(page.specific)
    return make_renditions(get_image_model().objects.filter(pk__in=ids).order_by("pk"))


def on_image_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    pk = instance.pk
    transaction.on_commit(lambda: generate_image_renditions.enqueue(pk))


def on_page_published(sender, instance, **kwargs):
    pk = instance.pk
    transaction.on_commit(lambda: generate_page_renditions.enqueue(pk))


def connect():
    from wagtail.signals import page_published

    post_save.connect(on_image_saved, sender=get_image_model(), dispatch_uid="content-image-renditions")
    page_published.connect(on_page_published, dispatch_uid="content-page-renditions")
