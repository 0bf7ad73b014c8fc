"""``IndicatorFigureBlock``: an indicator's chart and table inside any page's body (a report's
narrative page, a heritage or community page), given to the shared body through the seam
``content.seams.BODY_BLOCKS`` (``stats/wagtail_hooks.py``), so the kernel and the other apps
never import this app.

It renders what the indicator page shows (``stats.figures``: the same SVG charts and numbers
table, approved values only, SAMPLE labelled, the rule of derived totals), in a bounded number
of queries (the indicator, its values, a rate's denominator). Its ``deconstruct`` names only
Wagtail's classes: the migrations of the apps whose bodies carry it stay free of ``stats``."""

from django import forms
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from content.api.blocks import register_block
from content.api.schemas import Schema

from . import periods

KINDS = [("bar", _("Bar chart by commune")), ("line", _("Line chart over time")), ("table", _("Table only"))]


def indicator_choices():
    from .models import Indicator

    return [(i.code, i.label) for i in Indicator.objects.filter(restricted=False).only("code", "name", "name_en")]


class IndicatorChoiceBlock(blocks.ChoiceBlock):
    """The public indicators, read when the editor's form is drawn."""

    def __init__(self, **kwargs):
        super().__init__(choices=indicator_choices, search_index=False, **kwargs)

    def deconstruct(self):
        # A plain CharBlock in migrations: the choices are data, not schema.
        return ("wagtail.blocks.CharBlock", [], {"label": self.meta.label})


def commune_choices():
    """The communes and wards in force today, by name (with the official code: names repeat
    across provinces, and codes are reused across the 2025 reorganisation)."""
    from django.utils import timezone

    from content.models import AdministrativeUnit

    units = AdministrativeUnit.objects.communes().valid_on(timezone.localdate()).order_by("name", "code")
    return [(u.code, f"{u.name} ({u.code})") for u in units.only("code", "name")]


class CommuneChoiceBlock(blocks.MultipleChoiceBlock):
    """Communes picked from the units in force today, not typed as codes: a typed code could
    name a unit that ended in 2025 or a code reused since. Stored as the codes joined by
    commas, as the field always was (pages saved before the chooser read the same), so its
    migration form stays a ``CharBlock``."""

    MIGRATION_KWARGS = {
        "label": "Communes",
        "help_text": "Official codes separated by commas, e.g. 21609, 21610; empty: every commune.",
        "max_length": 255,
        "required": False,
    }

    def __init__(self, **kwargs):
        super().__init__(
            choices=commune_choices,
            required=False,
            search_index=False,
            widget=forms.SelectMultiple(attrs={"size": 8}),
            **kwargs,
        )

    @staticmethod
    def codes(value):
        if not value:
            return []
        if isinstance(value, str):
            value = value.split(",")
        return [str(code).strip() for code in value if str(code).strip()]

    def to_python(self, value):
        return self.codes(value)

    def get_prep_value(self, value):
        return ", ".join(self.codes(value))

    def normalize(self, value):
        return self.codes(value)

    def value_for_form(self, value):
        return self.codes(value)

    def deconstruct(self):
        return ("wagtail.blocks.CharBlock", [], self.MIGRATION_KWARGS)


class IndicatorFigureBlock(blocks.StructBlock):
    indicator = IndicatorChoiceBlock(label=_("Indicator"))
    kind = blocks.ChoiceBlock(choices=KINDS, default="bar", label=_("Chart"))
    period = blocks.CharBlock(
        required=False,
        max_length=8,
        label=_("Period"),
        help_text=_("For the bar chart, e.g. 2024 or 2025Q3; empty: the latest period with figures."),
    )
    units = CommuneChoiceBlock(
        label=_("Communes"),
        help_text=_("Pick one or more communes in force today (Ctrl or ⌘ to pick several); none: every commune."),
    )
    show_table = blocks.BooleanBlock(required=False, default=True, label=_("Show the figures as a table"))
    caption = blocks.CharBlock(required=False, max_length=255, label=_("Caption"))

    class Meta:
        icon = "table"
        label = _("Indicator figure")
        template = "stats/blocks/indicator_figure.html"

    def clean(self, value):
        value = super().clean(value)
        if value.get("period") and not periods.is_valid(value["period"]):
            raise blocks.StructBlockValidationError(
                {"period": ValidationError(_("Not a period: use 2024, 2024S1, 2024Q3 or 202407."))}
            )
        return value

    @staticmethod
    def unit_codes(value):
        return CommuneChoiceBlock.codes(value.get("units"))[:50]

    def render(self, value, context=None):
        from .figures import indicator_figures
        from .queries import public_indicators

        indicator = public_indicators().filter(code=value.get("indicator")).first()
        figures = None
        if indicator is not None:
            period = (value.get("period") or "").strip().upper() or None
            figures = indicator_figures(indicator, period=period, unit_codes=self.unit_codes(value) or None)
        return render_to_string(
            self.meta.template,
            {"value": value, "figures": figures, "kind": value.get("kind") or "bar"},
            request=(context or {}).get("request"),
        )


# /api/v1/: the block as a reference to the indicator (its figures are at the stats API)


class IndicatorFigureOut(Schema):
    indicator: str
    kind: str
    period: str
    units: list[str]
    caption: str
    values_url: str


@register_block(IndicatorFigureBlock, IndicatorFigureOut)
def _indicator_figure(value, ctx):
    code = value.get("indicator") or ""
    return {
        "indicator": code,
        "kind": value.get("kind") or "bar",
        "period": value.get("period") or "",
        "units": IndicatorFigureBlock.unit_codes(value),
        "caption": value.get("caption") or "",
        "values_url": ctx.absolute(f"/api/v1/stats/values?indicator={code}"),
    }
