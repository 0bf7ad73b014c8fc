"""Admin screens for what statistics officers define: indicators, data sets and the communes
assigned to each commune reporter (Wagtail ``ModelViewSet``s in the "Statistics" menu).

Access follows the models' permissions, which only the *Statistics officers* group holds
(``stats.roles``): a commune reporter is refused every one of these screens. Indicators and
data sets are never deleted here (values and reports point at them)."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.model import ModelViewSet

from .models import DataSet, DisaggregationOption, Indicator, ReporterCommune


class FormViewSet(ModelViewSet):
    """A model's screens with the form class of this module (labels from the models' verbose names)."""

    add_to_admin_menu = False
    copy_view_enabled = False

    def get_form_class(self, for_update=False):
        return self.form_class


class IndicatorForm(forms.ModelForm):
    disaggregations = forms.MultipleChoiceField(
        label=_("disaggregations"),
        required=False,
        choices=DisaggregationOption.Category.choices,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Indicator
        fields = [
            "code",
            "name",
            "name_en",
            "definition",
            "definition_en",
            "unit",
            "value_type",
            "aggregation",
            "denominator",
            "disaggregations",
            "source_programme",
            "source_url",
            "frequency",
            "target_value",
            "target_year",
            "target_note",
            "restricted",
            "sort_order",
        ]


class IndicatorViewSet(FormViewSet):
    model = Indicator
    form_class = IndicatorForm
    icon = "table"
    menu_label = _("Indicators")
    name = "stats_indicators"
    url_prefix = "stats/indicators"
    list_display = ["code", "name", "unit", "aggregation", "frequency", "restricted"]
    list_filter = ["unit", "aggregation", "restricted"]
    search_fields = ["code", "name", "name_en"]

    def get_urlpatterns(self):
        return [p for p in super().get_urlpatterns() if p.name != "delete"]


class DataSetForm(forms.ModelForm):
    indicators = forms.ModelMultipleChoiceField(
        Indicator.objects.all(), label=_("indicators"), widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = DataSet
        fields = ["code", "name", "name_en", "period_kind", "indicators"]


class DataSetViewSet(FormViewSet):
    model = DataSet
    form_class = DataSetForm
    icon = "folder-open-inverse"
    menu_label = _("Data sets")
    name = "stats_datasets"
    url_prefix = "stats/datasets"
    list_display = ["code", "name", "period_kind"]
    search_fields = ["code", "name", "name_en"]

    def get_urlpatterns(self):
        return [p for p in super().get_urlpatterns() if p.name != "delete"]


class ReporterCommuneForm(forms.ModelForm):
    class Meta:
        model = ReporterCommune
        fields = ["user", "unit"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from django.contrib.auth import get_user_model

        from content.models import AdministrativeUnit

        from .roles import REPORTERS

        self.fields["user"].queryset = get_user_model().objects.filter(groups__name=REPORTERS).order_by("username")
        self.fields["unit"].queryset = AdministrativeUnit.objects.communes().order_by("name", "valid_from")


class ReporterCommuneViewSet(FormViewSet):
    model = ReporterCommune
    form_class = ReporterCommuneForm
    icon = "user"
    menu_label = _("Reporters' communes")
    name = "stats_reporter_communes"
    url_prefix = "stats/reporter-communes"
    list_display = ["user", "unit"]
    search_fields = ["user__username", "unit__name", "unit__code"]


VIEWSETS = (IndicatorViewSet, DataSetViewSet, ReporterCommuneViewSet)
