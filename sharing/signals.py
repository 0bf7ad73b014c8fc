"""What publishing tells the sharing app: webhook events (``page.published``,
``page.unpublished``, ``dataset.updated``) and a rebuild of the stored dump of the
page's locale. Everything is queued after the commit: the editor's request never
waits for a receiver. Only public pages are announced."""

from django.db import transaction
from wagtail.signals import page_published, page_unpublished

from content.api.context import TYPES, ApiContext
from content.public import is_public

from . import dumps, tasks
from .datasets import all_datasets


def page_data(page):
    specific_class = page.specific_class or type(page)
    locale = page.locale.language_code
    ctx = ApiContext.for_site(locale)
    label = specific_class._meta.label_lower
    spec = TYPES.get(label)
    return {
        "id": page.pk,
        "type": label,
        "locale": locale,
        "title": page.title,
        "url": ctx.page_url(page) if page.live else "",
        "api_url": ctx.absolute(f"/api/v1/{spec.path}/{page.pk}") if spec else "",
    }


def datasets_of(page):
    specific_class = page.specific_class or type(page)
    return [d for d in all_datasets() if any(issubclass(specific_class, m) for m in d.page_models)]


def _after_change(page, event):
    tasks.emit(event, page_data(page))
    for dataset in datasets_of(page):
        tasks.emit("dataset.updated", {"dataset": dataset.slug, "trigger": event, "page_id": page.pk})
    locale = page.locale.language_code
    if dumps.dump_path(locale).exists():  # never built: the first download builds it
        transaction.on_commit(lambda: tasks.rebuild_dump.enqueue(locale))


def on_published(sender, instance, **kwargs):
    if is_public(instance):
        _after_change(instance, "page.published")


def on_unpublished(sender, instance, **kwargs):
    # Announce only pages the public could have seen (no view restriction above them).
    from wagtail.models import PageViewRestriction

    if not PageViewRestriction.objects.filter(page__in=instance.get_ancestors(inclusive=True)).exists():
        _after_change(instance, "page.unpublished")


def connect():
    page_published.connect(on_published, dispatch_uid="sharing_published")
    page_unpublished.connect(on_unpublished, dispatch_uid="sharing_unpublished")
