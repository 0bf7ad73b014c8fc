"""The peoples: one page per ethnic group, with names, language and population."""

from django.db import models
from django.db.models import prefetch_related_objects
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from content import jsonld
from content.api.fields import ApiField
from content.api.schemas import UnitRef
from content.api.values import unit_ref
from content.blocks import BODY_BLOCKS, SOURCE_BLOCKS
from content.cachetags import depends_on, precise
from content.models import BasePage

from ..schemas import PopulationOut
from .base import RELATED_LIMIT, ranked_cards, related_models, unit_chain

TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul"]


def population_figures(page, ctx):
    return [
        {
            "figure": p.figure,
            "year": p.year,
            "scope": p.scope or "",
            "note": p.note,
            "source_title": p.source_title,
            "source_url": p.source_url,
        }
        for p in page.population_figures.all()
    ]


class EthnicGroupPage(BasePage):
    """A people (Bana, Chăm H'roi, H'rê). ``code`` is the stable slug other pages,
    search facets and the API use (``ba-na``, ``cham-hroi``, ``hre``, ``cham``)."""

    code = models.SlugField(
        _("group code"),
        max_length=32,
        help_text=_("Stable identifier shared by all translations, e.g. 'ba-na', 'cham-hroi', 'hre'."),
    )
    endonym = models.CharField(
        _("own name (endonym)"),
        max_length=255,
        blank=True,
        help_text=_("What the people call themselves, e.g. 'Bahnar'."),
    )
    other_names = models.TextField(
        _("other names"),
        blank=True,
        help_text=_(
            "One name per line: spellings and older names (e.g. Bana, Ba Na, Bahnar). They are searchable."
        ),
    )
    language_name = models.CharField(_("language"), max_length=120, blank=True)
    language_code = models.CharField(
        _("language code (ISO 639-3)"),
        max_length=3,
        blank=True,
        help_text=_("Three letters, e.g. bdq (Bahnar), hre (Hre), hro (Haroi)."),
    )
    language_family = models.CharField(
        _("language family"),
        max_length=255,
        blank=True,
        help_text=_("e.g. Austroasiatic › Mon–Khmer › Bahnaric"),
    )
    areas = ParentalManyToManyField(
        "content.AdministrativeUnit",
        verbose_name=_("areas where the group lives"),
        blank=True,
        related_name="+",
    )
    introduction = RichTextField(_("introduction"), blank=True, features=TEXT_FEATURES)
    history = RichTextField(_("history"), blank=True, features=TEXT_FEATURES + ["h2", "h3"])
    body = StreamField(BODY_BLOCKS, blank=True, verbose_name=_("body"))
    sources = StreamField(SOURCE_BLOCKS, blank=True, verbose_name=_("sources"))
    narration_fields = ("introduction", "history", "body")

    content_panels = BasePage.content_panels + [
        MultiFieldPanel(
            [FieldPanel("code"), FieldPanel("endonym"), FieldPanel("other_names")],
            heading=_("Names"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("language_name"),
                FieldPanel("language_code"),
                FieldPanel("language_family"),
            ],
            heading=_("Language"),
        ),
        InlinePanel(
            "population_figures",
            label=_("Population figures"),
            help_text=_("Each figure with its year and source."),
        ),
        FieldPanel("areas"),
        FieldPanel("introduction"),
        FieldPanel("history"),
        FieldPanel("body"),
        FieldPanel("sources"),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("other_names", boost=2),
        index.SearchField("endonym", boost=2),
        index.SearchField("introduction"),
        index.SearchField("history"),
        index.SearchField("body"),
        index.FilterField("code"),
    ]
    parent_page_types = ["heritage.HeritageIndexPage"]
    subpage_types = []
    # The code and ISO code identify the group in every language: not for translators.
    override_translatable_fields = [
        SynchronizedField("code"),
        SynchronizedField("language_code"),
    ]
    api_fields = BasePage.api_fields + [
        ApiField("code"),
        ApiField("endonym"),
        ApiField("other_names", list[str], value=lambda page, ctx: page.other_name_list()),
        ApiField("language_name"),
        ApiField("language_code"),
        ApiField("language_family"),
        ApiField("introduction", detail=True),
        ApiField("history", detail=True),
        ApiField("population_figures", list[PopulationOut], value=population_figures, detail=True),
        ApiField(
            "areas", list[UnitRef], value=lambda page, ctx: [unit_ref(u) for u in page.areas.all()], detail=True
        ),
        ApiField("body", detail=True),
        ApiField("sources", detail=True),
    ]

    class Meta:
        verbose_name = _("ethnic group page")

    def other_name_list(self):
        return [line.strip() for line in self.other_names.splitlines() if line.strip()]

    def search_facets(self) -> dict[str, list[str]]:
        return {"group": [self.code], "commune": [u.code for u in self.areas.all()]}

    def jsonld(self, request):
        """An ``Article`` about the people (schema.org has no type for an ethnic group)."""
        citations = [b.value["url"] or b.value["title"] for b in self.sources]
        return jsonld.article(
            self,
            request,
            about={"@type": "Thing", "name": self.title, "alternateName": [self.endonym, *self.other_name_list()]},
            citation=citations,
        )

    def get_context(self, request, *args, **kwargs):
        precise()
        depends_on(f"page:{self.pk}")
        context = super().get_context(request, *args, **kwargs)
        prefetch_related_objects([self], "population_figures", "areas__successors", "areas__parent__successors")
        context["area_chains"] = [unit_chain(u) for u in self.areas.all()]
        context["related_pages"] = self.related_pages()
        return context

    def related_pages(self):
        """Public pages about this group in this page's language (with fallback)."""
        depends_on(f"rel:g:{self.code}")
        result = []
        for model in related_models():
            qs = model.objects.filter(groups__code=self.code)
            result.extend(ranked_cards(qs, self.locale.language_code)[:RELATED_LIMIT])
        depends_on(*(f"page:{page.pk}" for page in result))
        return result


class PopulationFigure(Orderable):
    """A population count with its year and where it comes from."""

    page = ParentalKey(EthnicGroupPage, on_delete=models.CASCADE, related_name="population_figures")
    figure = models.PositiveIntegerField(_("population"))
    year = models.PositiveSmallIntegerField(_("year"))
    scope = models.CharField(
        _("area counted"),
        max_length=255,
        help_text=_("e.g. 'Việt Nam (census)' or 'Bình Định province'."),
    )
    note = models.CharField(_("note"), max_length=255, blank=True)
    source_title = models.CharField(_("source"), max_length=500)
    source_url = models.URLField(_("source address (URL)"), blank=True, max_length=500)

    panels = [
        FieldPanel("figure"),
        FieldPanel("year"),
        FieldPanel("scope"),
        FieldPanel("note"),
        FieldPanel("source_title"),
        FieldPanel("source_url"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("population figure")
