"""What publishing tells the sharing app: webhook events (``page.published``,
``page.unpublished``, ``dataset.updated``) and a rebuild of the stored dump of the
page's locale; and what the statistics app announces (``stats.values.approved``,
``report.published``, ``dataset.updated`` of the statistics datasets). Everything is
queued after the commit: the editor's request never waits for a receiver. Only public pages are announced."""

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


def connect():
    page_published.connect(on_published, dispatch_uid="sharing_published")
    page_unpublished.connect(on_unpublished, dispatch_uid="sharing_unpublished")
    from . import statistics

    if statistics.available():
        from stats import signals as stats_signals

        stats_signals.values_approved.connect(on_values_approved, dispatch_uid="sharing_values_approved")
        stats_signals.report_published.connect(on_report_published, dispatch_uid="sharing_report_published")
