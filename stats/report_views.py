"""The published periodic reports on the site (``/<lang>/statistics/reports/``) and their files.

Files are served through this view, never from a media address: a report that is not
published (being built, ready for review, failed) answers 404, so a draft never leaks."""

from django.http import FileResponse, Http404
from django.shortcuts import render

from content.files import complete

from . import jsonld
from .models import PeriodicReport

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def reports(request):
    published = (
        PeriodicReport.objects.filter(status=PeriodicReport.Status.PUBLISHED)
        .select_related("dataset")
        .order_by("-period", "dataset__code", "language")
    )
    published = list(published)
    context = {"reports": published, "jsonld": jsonld.reports_document(request, published)}
    return render(request, "stats/reports.html", context)


def report_file(request, pk, kind):
    if kind not in CONTENT_TYPES:
        raise Http404
    report = PeriodicReport.objects.filter(pk=pk, status=PeriodicReport.Status.PUBLISHED).first()
    field = getattr(report, f"{kind}_file", None) if report else None
    if not field or not complete(field.storage, field.name):
        raise Http404
    name = f"{report.dataset.code}-{report.period}-{report.language}.{kind}"
    return FileResponse(
        field.storage.open(field.name, "rb"), as_attachment=True, filename=name, content_type=CONTENT_TYPES[kind]
    )
