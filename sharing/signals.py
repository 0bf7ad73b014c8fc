"""What publishing tells the sharing app: webhook events (``page.published``,
``page.unpublished``, ``dataset.updated``) and a rebuild of the stored dump of the
page's locale; and what the statistics app announces (``stats.values.approved``,
``report.published``, ``dataset.updated`` of the statistics datasets); and an editor's
change of a dataset's licence (``dataset.updated``). Everything is queued after the
commit: the editor's request never waits for a receiver. Only public pages are announced."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save
from wagtail.signals import page_published, page_unpublished

from content.api.context import TYPES, ApiContext
from content.public import is_public

from . import dumps, tasks
from .datasets import all_datasets
from .datasets.registry import CC_BY_4
from .models import DatasetLicence


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


def _code(obj):
    return getattr(obj, "code", obj) if obj is not None else None


def on_values_approved(sender, dataset=None, period=None, units=(), **kwargs):
    """Values were approved (``stats`` sends this after its commit). The payload names what
    changed, never a value: the receiver reads the figures with its ``stats:*`` scope."""
    from .datasets.statistics import SLUG_PREFIX

    code = _code(dataset)
    unit_codes = sorted({_code(u) for u in units or ()})
    tasks.emit("stats.values.approved", {"dataset": code, "period": period, "units": unit_codes})
    slugs = [d.slug for d in all_datasets() if d.slug.startswith(SLUG_PREFIX)]
    if code is not None:
        slugs = [s for s in slugs if s == SLUG_PREFIX + code]
    for slug in slugs:
        tasks.emit("dataset.updated", {"dataset": slug, "trigger": "stats.values.approved", "period": period})


def on_report_published(sender, report=None, **kwargs):
    """A periodic report was published (``stats.tasks.publish``, after its commit): the payload
    names the report and its public file addresses; the figures are in the files."""
    url = getattr(report, "url", "") or ""
    dataset = getattr(report, "dataset", None)
    tasks.emit(
        "report.published",
        {
            "id": getattr(report, "pk", None),
            "title": str(report),
            "dataset": _code(dataset),
            "period": getattr(report, "period", None),
            "language": getattr(report, "language", None),
            "sample": bool(getattr(report, "sample", False)),
            "url": url if isinstance(url, str) else "",
            "xlsx_url": url[: -len("pdf")] + "xlsx" if isinstance(url, str) and url.endswith(".pdf") else "",
        },
    )


def _licence_before(sender, instance, **kwargs):
    """Remember the licence a dataset had before this save (CC BY 4.0 when it had no row)."""
    old = DatasetLicence.objects.filter(pk=instance.pk).first() if instance.pk else None
    if old is None and instance.slug:
        old = DatasetLicence.objects.filter(slug=instance.slug).first()
    instance._licence_before = (old.slug, old.licence_url) if old is not None else (instance.slug, CC_BY_4)


def _licence_event(slug, licence, before):
    tasks.emit(
        "dataset.updated", {"dataset": slug, "trigger": "licence", "licence": licence, "previous_licence": before}
    )


def on_licence_saved(sender, instance, **kwargs):
    """An editor set a dataset's licence (``DatasetLicence``): ``dataset.updated`` when the
    licence it is published under changed (a note alone changes nothing a receiver reads);
    a row moved to another dataset changes both."""
    old_slug, old_licence = getattr(instance, "_licence_before", (instance.slug, None))
    if old_slug != instance.slug:
        _licence_event(old_slug, CC_BY_4, old_licence)
        old_licence = CC_BY_4
    if old_licence != instance.licence_url:
        _licence_event(instance.slug, instance.licence_url, old_licence)


def on_licence_deleted(sender, instance, **kwargs):
    """The editor's licence removed: the dataset is CC BY 4.0 again."""
    if instance.licence_url != CC_BY_4:
        _licence_event(instance.slug, CC_BY_4, instance.licence_url)


def connect():
    pre_save.connect(_licence_before, sender=DatasetLicence, dispatch_uid="sharing_licence_before")
    post_save.connect(on_licence_saved, sender=DatasetLicence, dispatch_uid="sharing_licence_saved")
    post_delete.connect(on_licence_deleted, sender=DatasetLicence, dispatch_uid="sharing_licence_deleted")
    page_published.connect(on_published, dispatch_uid="sharing_published")
    page_unpublished.connect(on_unpublished, dispatch_uid="sharing_unpublished")
    from . import statistics

    if statistics.available():
        from stats import signals as stats_signals

        stats_signals.values_approved.connect(on_values_approved, dispatch_uid="sharing_values_approved")
        stats_signals.report_published.connect(on_report_published, dispatch_uid="sharing_report_published")
