"""The learning report in the Wagtail admin: charts (inline SVG) and CSV export."""

import datetime

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.widgets import AdminDateInput

from content.models import AdministrativeUnit

from . import reports
from .pages import CoursePage

REPORT_GROUPS = {"Editors", "Moderators"}


def can_view_reports(user):
    return user.is_active and (
        user.is_superuser
        or user.has_perm("lessons.view_enrollment")
        or user.groups.filter(name__in=REPORT_GROUPS).exists()
    )


class ReportFilterForm(forms.Form):
    commune = forms.ModelChoiceField(
        label=gettext_lazy("Commune"),
        required=False,
        queryset=AdministrativeUnit.objects.filter(level__in=["commune", "ward", "township"]),
    )
    # Wagtail's picker (dd/mm/yyyy, WAGTAIL_DATE_FORMAT): a browser's type=date shows its own
    # locale's order (mm/dd/yyyy in an English browser)
    start = forms.DateField(label=gettext_lazy("From"), required=False, widget=AdminDateInput())
    end = forms.DateField(label=gettext_lazy("To"), required=False, widget=AdminDateInput())
    course = forms.ModelChoiceField(
        label=gettext_lazy("Course (for drop-off)"),
        required=False,
        queryset=CoursePage.objects.filter(locale__language_code="vi").order_by("title"),
    )


def _csv(name, rows, columns):
    response = HttpResponse(reports.to_csv(rows, columns), content_type="text/csv; charset=utf-8")
    stamp = datetime.date.today().isoformat()
    response["Content-Disposition"] = f'attachment; filename="{name}-{stamp}.csv"'
    return response


def learning_report(request):
    if not can_view_reports(request.user):
        raise PermissionDenied
    form = ReportFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    filters = reports.Filters(
        commune=data["commune"].pk if data.get("commune") else None,
        start=data.get("start"),
        end=data.get("end"),
    )
    courses = reports.course_figures(filters)
    course = data.get("course") or (
        CoursePage.objects.filter(pk=courses[0]["course_id"]).first() if courses else None
    )
    lessons = reports.lesson_figures(filters, course) if course else []
    missed = reports.missed_questions(filters)
    columns = {
        "courses": [
            ("course", _("Course")),
            ("enrolled", _("Enrolments")),
            ("completed", _("Completed")),
            ("rate", _("Completion rate (%)")),
        ],
        "lessons": [
            ("lesson", _("Lesson")),
            ("reached", _("Reached")),
            ("completed", _("Completed")),
            ("drop_off", _("Drop-off")),
        ],
        "questions": [
            ("question", _("Question")),
            ("lesson", _("Lesson")),
            ("wrong", _("Answered wrong")),
            ("answered", _("Answered")),
            ("share", _("Share wrong (%)")),
        ],
    }
    export = request.GET.get("export")
    if export in columns:
        rows = {"courses": courses, "lessons": lessons, "questions": missed}[export]
        return _csv(f"learning-{export}", rows, columns[export])
    query = request.GET.copy()
    query.pop("export", None)
    charts = {
        "enrolments": mark_safe(reports.bar_chart_svg(courses, "course", "enrolled", title=_("Enrolments"))),
        "completion": mark_safe(
            reports.bar_chart_svg(courses, "course", "rate", 100, "%", title=_("Completion rate (%)"))
        ),
        "drop_off": mark_safe(reports.bar_chart_svg(lessons, "lesson", "drop_off", title=_("Drop-off"))),
        "missed": mark_safe(reports.bar_chart_svg(missed, "question", "wrong", title=_("Answered wrong"))),
    }
    return render(
        request,
        "lessons/admin/report.html",
        {
            "form": form,
            "courses": courses,
            "lessons": lessons,
            "missed": missed,
            "course": course,
            "charts": charts,
            "query": query.urlencode(),
            "page_title": _("Learning report"),
            "header_title": _("Learning report"),
        },
    )
