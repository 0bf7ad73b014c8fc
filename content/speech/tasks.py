"""When narration is made and unmade.

* Publishing a page whose type is narrated enqueues ``generate_page_narration``
  (on commit; the worker re-reads the page, so a late run does the state of that
  moment, and an unchanged text costs one hash).
* Unpublishing a page, or putting a view restriction on it or above it, removes
  its generated files at once, in the request (not in a task): no window in which
  the old text stays readable at a media URL. Lifting a restriction enqueues the
  generation again.
* A deleted narration row takes its file with it.
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django_tasks import task

from ..narration import PageAudio
from . import store
from .base import get_synthesizer


@task()
def generate_page_narration(page_id):
    return store.refresh(page_id)


def narrated(page):
    return bool(getattr(page.specific_class, "narration_fields", ()))


def enqueue(page):
    if get_synthesizer() is not None and narrated(page):
        pk = page.pk
        transaction.on_commit(lambda: generate_page_narration.enqueue(pk))


def on_published(sender, instance, **kwargs):
    enqueue(instance)


def on_unpublished(sender, instance, **kwargs):
    store.remove_generated([instance.pk])


def _subtree(restriction):
    from wagtail.models import Page

    try:
        page = restriction.page
    except Page.DoesNotExist:
        return []
    return list(page.get_descendants(inclusive=True))


def on_restricted(sender, instance, raw=False, **kwargs):
    if not raw:
        store.remove_generated([page.pk for page in _subtree(instance)])


def on_restriction_lifted(sender, instance, **kwargs):
    for page in _subtree(instance):
        if page.live:
            enqueue(page)


def on_audio_deleted(sender, instance, **kwargs):
    name = instance.file.name
    if name:
        transaction.on_commit(lambda: store._delete_file(name))


def connect():
    from wagtail.models import PageViewRestriction
    from wagtail.signals import page_published, page_unpublished

    page_published.connect(on_published, dispatch_uid="speech-published")
    page_unpublished.connect(on_unpublished, dispatch_uid="speech-unpublished")
    post_save.connect(on_restricted, sender=PageViewRestriction, dispatch_uid="speech-restricted")
    post_delete.connect(on_restriction_lifted, sender=PageViewRestriction, dispatch_uid="speech-unrestricted")
    post_delete.connect(on_audio_deleted, sender=PageAudio, dispatch_uid="speech-file-deleted")
