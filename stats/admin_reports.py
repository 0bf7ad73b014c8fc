"""Periodic reports in the admin, for Statistics officers only: ask for a report (data set,
period, language, notes; built by the worker), rebuild it, download its files for review,
publish it (the site lists it and ``report_published`` announces it). Commune reporters get 403."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from content.files import complete

from . import periods, roles, tasks
from .models import DataSet, PeriodicReport
from .report_views import CONTENT_TYPES


def may_publish(user):
    return roles.is_officer(user)


class ReportForm(forms.ModelForm):
    dataset = forms.ModelChoiceField(DataSet.objects.all(), label=gettext_lazy("data set"))

    class Meta:
        model = PeriodicReport
        fields = ["dataset", "period", "language", "notes"]

    def clean_period(self):
        try:
            return periods.parse(self.cleaned_data["period"]).code
        except periods.PeriodError:
            raise forms.ValidationError(_("Not a period: use 2024, 2024S1, 2024Q3 or 202407."))


def reports(request):
    if not may_publish(request.user):
        raise PermissionDenied
    form = ReportForm(request.POST or None)
    if request.method == "POST":
        action = request.POST.get("action", "create")
        if action == "create":
            if form.is_valid():
                with transaction.atomic():
                    report = form.save(commit=False)
                    report.created_by = request.user
                    report.save()
                    tasks.request_build(report)
                messages.success(request, _("The report is being built."))
                return redirect(reverse("stats_reports"))
        else:
            report = get_object_or_404(PeriodicReport, pk=request.POST.get("report") or 0)
            if action == "publish":
                if report.status == PeriodicReport.Status.READY:
                    with transaction.atomic():
                        tasks.publish(report)
                    messages.success(request, _("The report is published."))
                else:
                    messages.error(request, _("Only a built report that is not published yet can be published."))
            elif action == "rebuild":
                with transaction.atomic():
                    tasks.request_build(report)
                messages.success(request, _("The report is being built."))
            return redirect(reverse("stats_reports"))
    listed = PeriodicReport.objects.select_related("dataset", "created_by").order_by("-created_at")[:200]
    context = {"form": form, "reports": listed, "header_title": _("Periodic reports")}
    return render(request, "stats/admin/reports.html", context)


def report_file(request, pk, kind):
    """A report's file for review before publishing (officers only)."""
    if not may_publish(request.user):
        raise PermissionDenied
    report = get_object_or_404(PeriodicReport, pk=pk)
    field = getattr(report, f"{kind}_file", None) if kind in CONTENT_TYPES else None
    if not field or not complete(field.storage, field.name):
        raise Http404
    return FileResponse(
        field.storage.open(field.name, "rb"),
        as_attachment=True,
        filename=f"{report.dataset.code}-{report.period}-{report.language}.{kind}",
        content_type=CONTENT_TYPES[kind],
    )
