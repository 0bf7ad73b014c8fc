"""Approval in the admin, for Statistics officers: submitted values grouped by data set,
commune and period, approved (or returned to draft with a comment) a group at a time.

Approval records who and when on every value (each save is a ``DataValue.history`` row) and
announces ``stats.signals.values_approved`` only after the transaction commits, so a
listener (the sharing app's webhooks) reads the approved values, never a rolled-back state.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from content.models import AdministrativeUnit

from . import roles
from .models import DataSet, DataValue
from .signals import values_approved

APPROVE, RETURN = "approve", "return"


def may_approve(user):
    return roles.is_officer(user) or (user.is_active and user.has_perm("stats.approve_datavalue"))


class DecisionForm(forms.Form):
    dataset = forms.ModelChoiceField(DataSet.objects.all())
    unit = forms.ModelChoiceField(AdministrativeUnit.objects.all())
    period = forms.CharField(max_length=8)
    action = forms.ChoiceField(choices=[(APPROVE, APPROVE), (RETURN, RETURN)])
    comment = forms.CharField(label=gettext_lazy("comment"), required=False)

    def clean(self):
        data = super().clean()
        if data.get("action") == RETURN and not data.get("comment"):
            self.add_error("comment", _("Say why the values go back to the reporter."))
        return data


def pending_groups():
    """``[{dataset, unit, period, values}]`` of submitted values, per data set (few queries)."""
    submitted = list(
        DataValue.objects.filter(status=DataValue.Status.SUBMITTED)
        .select_related("indicator", "unit", "entered_by")
        .order_by("unit__name", "period", "indicator__sort_order", "indicator__code", "disaggregation")
    )
    groups = []
    for dataset in DataSet.objects.prefetch_related("indicators"):
        ids = {i.pk for i in dataset.indicators.all()}
        by_key = {}
        for value in submitted:
            if value.indicator_id in ids:
                by_key.setdefault((value.unit_id, value.period), []).append(value)
        for values in by_key.values():
            groups.append(
                {"dataset": dataset, "unit": values[0].unit, "period": values[0].period, "values": values}
            )
    return groups


def decide(*, user, dataset, unit, period, action, comment=""):
    """Approve or return one group; returns the number of values changed."""
    with transaction.atomic():
        values = list(
            DataValue.objects.select_for_update().filter(
                status=DataValue.Status.SUBMITTED, unit=unit, period=period, indicator__in=dataset.indicators.all()
            )
        )
        for value in values:
            if action == APPROVE:
                value.approve(user)
            else:
                value.status = DataValue.Status.DRAFT
                value.submitted_at = None
                value.comment = comment
            value.save()
        if values and action == APPROVE:
            transaction.on_commit(
                lambda: values_approved.send(sender=DataValue, dataset=dataset, period=period, units=[unit])
            )
    return len(values)


def approval(request):
    if not may_approve(request.user):
        raise PermissionDenied
    if request.method == "POST":
        form = DecisionForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            n = decide(
                user=request.user,
                dataset=data["dataset"],
                unit=data["unit"],
                period=data["period"],
                action=data["action"],
                comment=data["comment"],
            )
            if data["action"] == APPROVE:
                messages.success(request, _("%(n)d values approved.") % {"n": n})
            else:
                messages.success(request, _("%(n)d values returned to draft.") % {"n": n})
            return redirect(reverse("stats_approval"))
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    context = {"groups": pending_groups(), "header_title": _("Approve values")}
    return render(request, "stats/admin/approval.html", context)


def value_history(request, pk):
    """The saved versions of one value (officers), newest first."""
    if not may_approve(request.user):
        raise PermissionDenied
    value = get_object_or_404(DataValue.objects.select_related("indicator", "unit"), pk=pk)
    versions = value.history.select_related("history_user").order_by("-history_date")
    context = {"value": value, "versions": versions, "header_title": _("History of a value")}
    return render(request, "stats/admin/history.html", context)
