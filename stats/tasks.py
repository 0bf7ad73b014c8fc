"""Background work of the statistics app (django-tasks, like ``lessons/tasks.py``): building a
periodic report's PDF and XLSX. Queued on commit with the report's id; the task re-reads the
database, so a late run reports the approved values of that moment."""

import logging

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation
from django_tasks import task

from . import report_files, reporting, signals
from .models import PeriodicReport

logger = logging.getLogger(__name__)


def generate(report):
    """Compute the contents, write both files (atomically, through the default storage) and
    mark the report ready. A failure marks it failed with the reason, never half-written."""
    try:
        with translation.override(report.language):
            contents = reporting.build_contents(report)
            pdf = report_files.report_pdf(contents)
            xlsx = report_files.report_xlsx(contents)
    except Exception as error:  # the officer sees the reason in the admin list
        logger.exception("periodic report %s failed", report.pk)
        PeriodicReport.objects.filter(pk=report.pk).update(status=PeriodicReport.Status.FAILED, error=str(error))
        report.refresh_from_db()
        return report
    old = [f.name for f in (report.pdf_file, report.xlsx_file) if f]
    stem = f"{report.dataset.code}-{report.period}-{report.language}"
    report.pdf_file.save(f"{stem}.pdf", ContentFile(pdf), save=False)
    report.xlsx_file.save(f"{stem}.xlsx", ContentFile(xlsx), save=False)
    report.pdf_size, report.xlsx_size = len(pdf), len(xlsx)
    report.sample = contents["sample"]
    report.generated_at = timezone.now()
    report.error = ""
    if report.status != PeriodicReport.Status.PUBLISHED:
        report.status = PeriodicReport.Status.READY
    report.save()
    storage = report.pdf_file.storage
    for name in old:
        if name not in (report.pdf_file.name, report.xlsx_file.name):
            storage.delete(name)
    return report


@task()
def build_report(report_id):
    report = PeriodicReport.objects.select_related("dataset").filter(pk=report_id).first()
    if report is None:
        return None
    generate(report)
    return report.status


def request_build(report):
    """Queue the build after the commit (the worker never looks for an uncommitted report)."""
    PeriodicReport.objects.filter(pk=report.pk).update(status=PeriodicReport.Status.PENDING)
    transaction.on_commit(lambda: build_report.enqueue(report.pk))


def publish(report):
    """Publish a built report and announce it (``report_published``, after the commit)."""
    if report.status != PeriodicReport.Status.READY:
        raise ValueError("only a built, unpublished report can be published")
    report.status = PeriodicReport.Status.PUBLISHED
    report.published_at = timezone.now()
    report.save(update_fields=["status", "published_at"])
    transaction.on_commit(lambda: signals.report_published.send(sender=PeriodicReport, report=report))
    return report
