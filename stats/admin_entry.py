"""Data entry in the admin: one form per data set, commune and period.

The indicators of the data set are the rows; an indicator with disaggregations gets a
column per option of each of its categories besides the total, the others one value
column. An indicator that declares two categories (e.g. sex and age band) also gets their
combined cells (DHIS2's category option combos: "Nữ × 15–59 tuổi"), drawn as a grid whose
margins are the single-category cells; for a count, filled cells must add up to their
filled margin and the margins to the total. "Save draft" keeps the values as drafts,
"Submit" sends them for approval. A reporter sees and writes only the communes assigned
to them (``stats.roles``); an approved value is read-only for a reporter and, changed by
an officer, goes back through approval (its history stays in ``DataValue.history``).
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
from .models import DataSet, DataValue, DisaggregationOption, disaggregation_key

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
    """``[(key, label)]``: the total, one column per option of each category it takes and,
    for two categories, one per pair of their options (the combined cells)."""
    columns = [("", _("Total"))]
    by_category = {c: [o for o in options if o.category == c] for c in indicator.disaggregations or ()}
    for category_options in by_category.values():
        columns += [(o.key, o.label) for o in category_options]
    for first, second in combined_options(indicator, options):
        columns.append((combined_key(first, second), f"{first.label} × {second.label}"))
    return columns


def combined_options(indicator, options):
    """The pairs of options of an indicator's two categories (none for fewer or more)."""
    categories = list(indicator.disaggregations or ())
    if len(categories) != 2:
        return []
    rows = [o for o in options if o.category == categories[0]]
    cols = [o for o in options if o.category == categories[1]]
    return [(r, c) for r in rows for c in cols]


def combined_key(first, second):
    return disaggregation_key({first.category: first.code, second.category: second.code})


def field_name(indicator, key):
    return f"v-{indicator.pk}-{key}"


class ValuesForm(forms.Form):
    """One decimal field per indicator and column; checked with ``Indicator.check_value``."""

    def __init__(self, *args, rows, existing, officer, options=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = rows
        self.existing = existing
        self.options = list(options)
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
            if indicator.aggregation == indicator.Aggregation.SUM:
                self._check_sums(indicator, data)
        return data

    def _check_sums(self, indicator, data):
        """Parts that are all filled add up to their filled whole: a category's options to the
        total, and each row and column of the combined grid to its margin."""

        def value(key):
            return data.get(field_name(indicator, key))

        groups = []  # (whole key, [part keys])
        for category in indicator.disaggregations or ():
            groups.append(("", [o.key for o in self.options if o.category == category]))
        pairs = combined_options(indicator, self.options)
        for margin in {o for pair in pairs for o in pair}:
            groups.append((margin.key, [combined_key(a, b) for a, b in pairs if margin in (a, b)]))
        for whole, parts in groups:
            found = [value(k) for k in parts]
            if not parts or value(whole) is None or any(v is None for v in found):
                continue
            total = sum(found)
            if total != value(whole) and field_name(indicator, whole) not in self.errors:
                self.add_error(
                    field_name(indicator, whole),
                    _("Its parts add up to %(sum)s, not %(total)s.")
                    % {"sum": total.normalize(), "total": value(whole).normalize()},
                )

    def table(self):
        """Rows for the template: (indicator, [(column label, bound field, status)], grid);
        ``grid`` (two categories) is ``{"columns": [labels], "rows": [(label, margin cell,
        [cells])], "margins": [cells]}``, its cells those of ``cells``' kind."""
        out = []
        for indicator, columns in self.rows:
            cell = {}
            for key, label in columns:
                current = self.existing.get((indicator.pk, key))
                cell[key] = (label, self[field_name(indicator, key)], current)
            pairs = combined_options(indicator, self.options)
            grid = None
            if pairs:
                first = list(dict.fromkeys(a for a, _b in pairs))
                second = list(dict.fromkeys(b for _a, b in pairs))
                grid = {
                    "columns": [o.label for o in second],
                    "margins": [cell[o.key] for o in second],
                    "rows": [(o.label, cell[o.key], [cell[combined_key(o, c)] for c in second]) for o in first],
                }
                flat = [cell[""]]
            else:
                flat = list(cell.values())
            out.append((indicator, flat, grid))
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
        form = ValuesForm(request.POST or None, rows=rows, existing=existing, officer=officer, options=options)
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
