"""Import from a file in the admin, and the template per data set (CSV and XLSX).

Upload → ``stats.importer`` in dry-run → a preview listing every error by row and column →
confirm. Between the two steps the file waits in the session (small files only), and the
confirmation validates it again: nothing is stored unless the whole file is valid.
"""

import base64
import io

from django import forms
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook

from . import importer, roles
from .admin_entry import communes_for, require_stats_user
from .models import DataSet

MAX_BYTES = 2 * 1024 * 1024
SESSION_KEY = "stats_import"


class UploadForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("file (CSV or XLSX)"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".csv", ".txt", ".xlsx", ".xlsm")):
            raise forms.ValidationError(_("Upload a CSV or XLSX file."))
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 2 MB: use manage.py import_indicator_values."))
        return upload


def import_view(request):
    require_stats_user(request.user)
    context = {"header_title": _("Import values"), "datasets": DataSet.objects.all(), "result": None}
    if request.method == "POST" and request.POST.get("confirm"):
        pending = request.session.pop(SESSION_KEY, None)
        if not pending:
            messages.error(request, _("Nothing to import: upload the file again."))
            return redirect(reverse("stats_import"))
        result = importer.import_file(base64.b64decode(pending["data"]), pending["name"], user=request.user)
        if result.stored:
            messages.success(
                request,
                _(
                    "Imported: %(created)d new, %(updated)d changed, %(unchanged)d unchanged; submitted for approval."  # noqa: E501
                )
                % {"created": result.created, "updated": result.updated, "unchanged": result.unchanged},
            )
            return redirect(reverse("stats_import"))
        context.update(result=result, name=pending["name"], form=UploadForm())
        return render(request, "stats/admin/import.html", context, status=400)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read()
        result = importer.import_file(data, upload.name, user=request.user, dry_run=True)
        if not result.errors:
            request.session[SESSION_KEY] = {"name": upload.name, "data": base64.b64encode(data).decode("ascii")}
        context.update(result=result, name=upload.name)
    context["form"] = form
    return render(request, "stats/admin/import.html", context)


def _template_units(request):
    """A reporter's template lists their communes in force; an officer's leaves the unit blank."""
    if roles.is_officer(request.user):
        return []
    return list(communes_for(request.user).filter(valid_to__isnull=True))


def template_csv(request, code):
    require_stats_user(request.user)
    dataset = get_object_or_404(DataSet, code=code)
    body = importer.template_csv(dataset, _template_units(request))
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{dataset.code}-template.csv"'
    return response


def template_xlsx(request, code):
    """The CSV template's rows in a workbook (read back by ``importer.read_rows``)."""
    require_stats_user(request.user)
    dataset = get_object_or_404(DataSet, code=code)
    text = importer.template_csv(dataset, _template_units(request)).decode("utf-8-sig")
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = dataset.code[:31]
    for line in text.splitlines():
        sheet.append(line.split(";"))
    for column in ("A", "B", "C", "D"):
        for cell in sheet[column][1:]:
            cell.number_format = "@"  # codes such as 01 keep their leading zero
    out = io.BytesIO()
    workbook.save(out)
    response = HttpResponse(
        out.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{dataset.code}-template.xlsx"'
    return response
