"""What every heritage page shares: body and sources, the unit it was written
with, the groups it concerns, related pages, search facets and JSON-LD.

Field names are part of the API contract (``heritage/api.py`` reads them):
``groups`` (EthnicGroupPage links), ``unit`` (AdministrativeUnit), ``body``
(BODY_BLOCKS), ``sources`` (SOURCE_BLOCKS).
"""

from django import forms
from django.apps import apps
from django.db import models
from django.db.models import Q, prefetch_related_objects
from django.db.models.functions import Lower
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.search import index

from content import jsonld
from content.api.fields import ApiField
from content.api.schemas import UnitOut
from content.api.values import unit_with_history
from content.blocks import BODY_BLOCKS, SOURCE_BLOCKS
from content.cachetags import depends_on, precise
from content.locales import best_per_translation, localized, translations_for
from content.models import BasePage
from content.public import public_pages

from ..schemas import GroupRef

RELATED_LIMIT = 6
# Related pages are chosen among the newest RELATED_WINDOW pages (rows, any language) of
# each type that share a group or the unit, so that a page's cost does not grow with how
# many pages share its group: in the 10,000-page corpus a festival had 1,024 candidates,
# and translating, filtering and ordering them all took 25 ms of its 100. The trade-off:
# on a large site, an old page sharing only a group may no longer be listed.
RELATED_WINDOW = 60
GROUPS_TAG = "type:heritage.ethnicgrouppage"  # any group page's change (names shown on many pages)
# The page types a page's "related pages" are drawn from, by model name (looked up
# when needed, so this module never imports its subclasses).
RELATED_TYPES = ("StoryPage", "FestivalPage", "ProductPage", "PlacePage")


def related_models():
    return [apps.get_model("heritage", name) for name in RELATED_TYPES]


def cards(queryset, language_code, order=("title",)):
    """The public pages of ``queryset`` as cards for a reader of ``language_code``:
    one translation per page (``content.locales``'s rule), hero images loaded,
    sorted by ``order``."""
    qs = public_pages(queryset).select_related("hero_image").prefetch_related("hero_image__renditions")
    pages = best_per_translation(qs.distinct(), language_code)
    return sorted(pages, key=lambda p: tuple(str(getattr(p, field)).lower() for field in order))


BY_TITLE = (Lower("title"), "pk")


def ranked_cards(queryset, language_code, order=BY_TITLE):
    """``cards`` in SQL: the public pages of ``queryset``, one translation per page
    (``content.locales.localized``, the same rule as a query), ordered by ``order``,
    hero images joined. Unevaluated, so that the caller counts and slices it in
    the database: the cost does not grow with how many pages match."""
    model = queryset.model
    base = model.objects.filter(pk__in=public_pages(queryset).values("pk"))
    qs = localized(base, language_code).select_related("locale", "hero_image")
    return qs.prefetch_related("hero_image__renditions").order_by(*order)


def unit_chain(unit):
    """The unit and its ancestors, each with the unit(s) in force today.

    Reads only prefetched relations when the caller prefetched
    ``unit__successors`` and ``unit__parent__successors`` (see ``UNIT_PREFETCH``).
    """
    chain = []
    seen = set()
    while unit is not None and unit.pk not in seen:
        seen.add(unit.pk)
        chain.append({"unit": unit, "current": [] if unit.is_current else unit.current_units()})
        unit = unit.parent
    return chain


UNIT_PREFETCH = ("unit__successors", "unit__parent__successors", "unit__parent__parent")


def unit_codes(unit):
    """Codes of the unit, its ancestors and their current successors (for facets)."""
    codes = []
    for link in unit_chain(unit):
        for u in [link["unit"], *link["current"]]:
            if u.code not in codes:
                codes.append(u.code)
    return codes


class HeritagePage(BasePage):
    """Abstract base of the factual heritage pages (stories, festivals, products, places)."""

    groups = ParentalManyToManyField(
        "heritage.EthnicGroupPage",
        verbose_name=_("ethnic groups"),
        blank=True,
        related_name="%(class)s_pages",
        help_text=_("The peoples this page is about. Leave empty when the source does not say."),
    )
    unit = models.ForeignKey(
        "content.AdministrativeUnit",
        verbose_name=_("administrative unit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "The unit as it was named when this was written (e.g. a pre-2025 commune or "
            "district). The site shows today's unit beside it."
        ),
    )
    body = StreamField(BODY_BLOCKS, blank=True, verbose_name=_("body"))
    sources = StreamField(
        SOURCE_BLOCKS,
        blank=True,
        verbose_name=_("sources"),
        help_text=_("Every factual page cites at least one source; they are listed on the page."),
    )

    search_fields = BasePage.search_fields + [
        index.SearchField("body"),
    ]
    narration_fields = ("body",)  # read aloud after the title and summary (content.speech)
    api_fields = BasePage.api_fields + [
        ApiField(
            "groups",
            list[GroupRef],
            value=lambda page, ctx: [{"code": g.code, "title": g.title} for g in page.groups.all()],
        ),
        ApiField("unit", UnitOut | None, value=lambda page, ctx: unit_with_history(page.unit)),
        ApiField("body", detail=True),
        ApiField("sources", detail=True),
    ]

    class Meta:
        abstract = True

    # -- shared helpers -------------------------------------------------------
    def group_codes(self):
        return [g.code for g in self.groups.all()]

    def search_facets(self) -> dict[str, list[str]]:
        """Facets for the search app: group slugs, unit codes (past and present), kind/topic."""
        facets = {"group": self.group_codes()}
        if self.unit_id:
            facets["commune"] = unit_codes(self.unit)
        return facets

    def cache_tags(self):
        """What a change to this page makes stale besides itself (``content.cache``):
        the pages that may list it as related (those sharing a group or the unit)."""
        tags = [f"rel:g:{code}" for code in self.group_codes()]
        if self.unit_id:
            tags.append(f"rel:u:{self.unit_id}")
        return tags

    def cache_dependencies(self):
        """Tags of what a rendering of this page shows besides the page (its page
        and API item): its groups' names, its place's title."""
        tags = [GROUPS_TAG]
        if getattr(self, "place_id", None):
            tags.append(f"page:{self.place_id}")
        return tags

    def related_pages(self):
        """Public pages sharing a group or the unit, in this page's language (with
        fallback): a fixed few, one query per page type whatever the data size, among
        the newest ``RELATED_WINDOW`` candidates of each type."""
        codes = self.group_codes()
        depends_on(*(f"rel:g:{code}" for code in codes))
        if self.unit_id:
            depends_on(f"rel:u:{self.unit_id}")
        condition = Q(groups__code__in=codes) if codes else Q(pk__in=[])
        if self.unit_id:
            condition |= Q(unit_id=self.unit_id)
        result = []
        for model in related_models():
            newest = (
                model.objects.filter(condition)
                .exclude(translation_key=self.translation_key)
                .order_by("-pk")
                .values("pk")[:RELATED_WINDOW]
            )
            qs = model.objects.filter(pk__in=newest)
            result.extend(ranked_cards(qs, self.locale.language_code)[: RELATED_LIMIT - len(result)])
            if len(result) >= RELATED_LIMIT:
                break
        depends_on(*(f"page:{page.pk}" for page in result))
        return result

    def source_list(self):
        return [block.value for block in self.sources]

    def jsonld_base(self, request, schema_type, **fields):
        """Fields every JSON-LD document of a heritage page has (``content.jsonld``), and
        its sources as citations."""
        sources = [s["url"] or s["title"] for s in self.source_list()]
        if schema_type in jsonld.CREATIVE_WORKS:
            return jsonld.page_document(self, request, schema_type, citation=sources, **fields)
        works = [{"@type": "CreativeWork", "url" if s.startswith("http") else "name": s} for s in sources]
        return jsonld.page_document(self, request, schema_type, subjectOf=works, **fields)

    def get_context(self, request, *args, **kwargs):
        """Lazy values: the template's article fragment is usually cached, and
        then none of these queries run."""

        def chain():
            if not self.unit_id:
                return []
            prefetch_related_objects([self], *UNIT_PREFETCH)
            return unit_chain(self.unit)

        precise()
        depends_on(f"page:{self.pk}", *self.cache_dependencies())
        context = super().get_context(request, *args, **kwargs)
        context["unit_chain"] = SimpleLazyObject(chain)
        context["related_pages"] = SimpleLazyObject(self.related_pages)
        context["sources"] = self.sources
        return context

    def localized_groups(self):
        return translations_for(list(self.groups.all()), self.locale.language_code, public_pages)


HERITAGE_PANELS = [FieldPanel("groups", widget=forms.CheckboxSelectMultiple), FieldPanel("unit")]
