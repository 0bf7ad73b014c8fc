"""Data entry in the admin: one form per data set, commune and period.

The indicators of the data set are the rows; an indicator with disaggregations gets a
column per option of each of its categories besides the total, the others one value
column. "Save draft" keeps the values as drafts, "Submit" sends them for approval. A
reporter sees and writes only the communes assigned to them (``stats.roles``); an
approved value is read-only for a reporter and, changed by an officer, goes back through
approval (its history stays in ``DataValue.history``).
"""

from decimal import Decimal

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from content.models import AdministrativeUnit

from . import periods, roles
from .models import DataSet, DataValue, DisaggregationOption

SAVE_DRAFT, SUBMIT = "draft", "submit"


def require_stats_user(user):
    if not (roles.is_officer(user) or roles.is_reporter(user)):
        raise PermissionDenied


def communes_for(user):
    """The communes ``user`` may enter values for: their assigned ones, or all for officers."""
    units = AdministrativeUnit.objects.communes().order_by("name", "valid_from")
    if roles.is_officer(user):
        return units
    return units.filter(pk__in=roles.assigned_unit_ids(user))


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, unit):
        until = unit.valid_to.strftime(" (→ %d/%m/%Y)") if unit.valid_to else ""
        return f"{unit.name} [{unit.code}]{until}"


class SelectionForm(forms.Form):
    """Which form to open: data set, commune, period (a GET form)."""

    dataset = forms.ModelChoiceField(DataSet.objects.all(), label=gettext_lazy("data set"))
    unit = UnitChoiceField(AdministrativeUnit.objects.none(), label=gettext_lazy("commune"))
    period = forms.CharField(
        label=gettext_lazy("period"), max_length=8, help_text=gettext_lazy("2024, 2024S1, 2024Q3 or 202407")
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = communes_for(user)

    def clean_period(self):
        try:
            return periods.parse(self.cleaned_data["period"])
        except periods.PeriodError:
            raise forms.ValidationError(_("Not a period: use 2024, 2024S1, 2024Q3 or 202407."))

    def clean(self):
        data = super().clean()
        dataset, unit, period = data.get("dataset"), data.get("unit"), data.get("period")
        if dataset and period and period.kind != dataset.period_kind:
            self.add_error(
                "period", _("This data set is entered per %(kind)s.") % {"kind": dataset.get_period_kind_display()}
            )
        if unit and period and not (unit.is_valid_on(period.end) or unit.is_valid_on(period.start)):
            self.add_error("unit", _("This unit was not in force during the period."))
        return data


def columns_for(indicator, options):
    """``[(key, label)]``: the total, then one column per option of each category it takes."""
    columns = [("", _("Total"))]
    for category in indicator.disaggregations or ():
        columns += [(o.key, o.label) for o in options if o.category == category]
    return columns


def field_name(indicator, key):
    return f"v-{indicator.pk}-{key}"


class ValuesForm(forms.Form):
    """One decimal field per indicator and column; checked with ``Indicator.check_value``."""

    def __init__(self, *args, rows, existing, officer, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = rows
        self.existing = existing
        for indicator, columns in rows:
            for key, label in columns:
                name = field_name(indicator, key)
                current = existing.get((indicator.pk, key))
                locked = current is not None and current.status == DataValue.Status.APPROVED and not officer
                self.fields[name] = forms.DecimalField(
                    label=f"{indicator.label} · {label}",
                    required=False,
                    max_digits=18,
                    decimal_places=4,
                    disabled=locked,
                    initial=current.value.normalize() if current is not None else None,
                )
                self.fields[name].widget.attrs["inputmode"] = "decimal"
        self.fields["comment"] = forms.CharField(
            label=_("comment"), required=False, widget=forms.Textarea(attrs={"rows": 2})
        )

    def clean(self):
        data = super().clean()
        for indicator, columns in self.rows:
            for key, _label in columns:
                name = field_name(indicator, key)
                value = data.get(name)
                if value is not None and not self.fields[name].disabled:
                    reason = indicator.check_value(Decimal(value))
                    if reason:
                        self.add_error(name, reason)
        return data

    def table(self):
        """Rows for the template: (indicator, [(column label, bound field, status)])."""
        out = []
        for indicator, columns in self.rows:
            cells = []
            for key, label in columns:
                current = self.existing.get((indicator.pk, key))
                cells.append((label, self[field_name(indicator, key)], current))
            out.append((indicator, cells))
        return out


def save_values(form, *, user, unit, period, action):
    """Store the form's values; returns how many values changed."""
    status = DataValue.Status.SUBMITTED if action == SUBMIT else DataValue.Status.DRAFT
    now = timezone.now()
    comment = form.cleaned_data.get("comment") or ""
    changed = 0
    with transaction.atomic():
        for indicator, columns in form.rows:
            for key, _label in columns:
                name = field_name(indicator, key)
                if form.fields[name].disabled:
                    continue
                value = form.cleaned_data.get(name)
                current = form.existing.get((indicator.pk, key))
                if value is None:
                    if current is not None and current.status != DataValue.Status.APPROVED:
                        current.delete()
                        changed += 1
                    continue
                if current is None:
                    current = DataValue(
                        indicator=indicator, unit=unit, period=period.code, disaggregation=key, entered_by=user
                    )
                elif current.value == value and current.status == status:
                    continue
                elif current.status == DataValue.Status.APPROVED and current.value == value:
                    continue  # an officer left an approved value alone
                current.value = value
                current.status = status
                current.approved_by = current.approved_at = None
                current.submitted_at = now if action == SUBMIT else None
                if comment:
                    current.comment = comment
                current.save()
                changed += 1
    return changed


def entry(request):
    """GET: choose the form, then show it; POST: save as draft or submit."""
    require_stats_user(request.user)
    officer = roles.is_officer(request.user)
    unit_id = request.GET.get("unit")
    if (
        unit_id
        and not officer
        and (not str(unit_id).isdigit() or int(unit_id) not in roles.assigned_unit_ids(request.user))
    ):
        raise Http404  # another commune's values: neither read nor written, nor said to exist
    selection = SelectionForm(request.GET or None, user=request.user)
    context = {"selection": selection, "header_title": _("Data entry"), "form": None}
    if selection.is_bound and selection.is_valid():
        dataset, unit, period = (selection.cleaned_data[k] for k in ("dataset", "unit", "period"))
        options = list(DisaggregationOption.objects.all())
        indicators = list(dataset.indicators.all())
        rows = [(indicator, columns_for(indicator, options)) for indicator in indicators]
        existing = {
            (v.indicator_id, v.disaggregation): v
            for v in DataValue.objects.for_user(request.user).filter(
                unit=unit, period=period.code, indicator__in=indicators
            )
        }
        form = ValuesForm(request.POST or None, rows=rows, existing=existing, officer=officer)
        if request.method == "POST" and form.is_valid():
            action = SUBMIT if request.POST.get("action") == SUBMIT else SAVE_DRAFT
            changed = save_values(form, user=request.user, unit=unit, period=period, action=action)
            if action == SUBMIT:
                messages.success(request, _("%(n)d values saved and submitted for approval.") % {"n": changed})
            else:
                messages.success(request, _("%(n)d values saved as drafts.") % {"n": changed})
            return redirect(f"{reverse('stats_entry')}?{request.GET.urlencode()}")
        context.update(form=form, dataset=dataset, unit=unit, period=period)
    return render(request, "stats/admin/entry.html", context)
