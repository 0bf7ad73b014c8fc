"""Stories, products and places: the factual heritage pages (festivals live in
``festivals.py``). Each defines ``search_facets()`` and ``jsonld(request)``."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable
from wagtail.search import index

from content import jsonld
from content.api.fields import ApiField
from content.api.values import unit_ref

from ..schemas import CertificationOut, CoordinatesOut
from .base import HERITAGE_PANELS, HeritagePage


def certifications(page, ctx):
    return [
        {"kind": c.kind, "label": str(c), "stars": c.stars, "year": c.year, "detail": c.detail}
        for c in page.certifications.all()
    ]


TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class Topic(models.TextChoices):
    HISTORY = "history", _("History")
    CUSTOMS = "customs", _("Customs")
    BELIEFS = "beliefs", _("Beliefs")
    MUSIC = "music-gongs", _("Music and gongs")
    ARCHITECTURE = "architecture", _("Architecture")
    CUISINE = "cuisine", _("Cuisine")
    CRAFTS = "crafts", _("Crafts")
    LANGUAGE = "language", _("Language and literature")


class StoryPage(HeritagePage):
    """An article on history, culture, customs or beliefs (schema.org Article)."""

    topic = models.CharField(_("topic"), max_length=32, choices=Topic.choices, default=Topic.CUSTOMS)

    content_panels = HeritagePage.content_panels + [
        FieldPanel("topic"),
        *HERITAGE_PANELS,
        FieldPanel("body"),
        FieldPanel("sources"),
    ]
    search_fields = HeritagePage.search_fields + [index.FilterField("topic")]
    parent_page_types = ["heritage.HeritageIndexPage"]
    subpage_types = []
    api_fields = HeritagePage.api_fields + [ApiField("topic", label=True)]

    class Meta:
        verbose_name = _("story page")

    def search_facets(self) -> dict[str, list[str]]:
        return {**super().search_facets(), "topic": [self.topic]}

    def jsonld(self, request):
        return self.jsonld_base(
            request,
            "Article",
            headline=self.title[:110],
            publisher=jsonld.publisher(),
            articleSection=str(self.get_topic_display()),
        )


class ProductKind(models.TextChoices):
    BROCADE = "brocade", _("Brocade and weaving")
    WINE = "rice-wine", _("Rice wine and spirits")
    HONEY = "honey", _("Honey")
    TEA = "tea", _("Tea")
    FOOD = "food", _("Food and farm produce")
    CRAFT = "craft", _("Handicraft")


class ProductPage(HeritagePage):
    """A traditional product with its maker, process, certifications and where to buy it."""

    kind = models.CharField(_("kind of product"), max_length=32, choices=ProductKind.choices)
    producer = models.CharField(
        _("cooperative or artisan"),
        max_length=255,
        blank=True,
        help_text=_("Who makes it, e.g. a cooperative, a women's union or a named artisan."),
    )
    materials = RichTextField(_("materials"), blank=True, features=TEXT_FEATURES)
    process = RichTextField(_("how it is made"), blank=True, features=TEXT_FEATURES)
    where_to_buy = RichTextField(_("where and how to buy"), blank=True, features=TEXT_FEATURES)
    narration_fields = ("body", "materials", "process", "where_to_buy")
    price_min = models.PositiveIntegerField(_("lowest price (VND)"), null=True, blank=True)
    price_max = models.PositiveIntegerField(_("highest price (VND)"), null=True, blank=True)
    price_note = models.CharField(
        _("price note"),
        max_length=255,
        blank=True,
        help_text=_("e.g. 'per 500 ml bottle'."),
    )

    content_panels = HeritagePage.content_panels + [
        FieldPanel("kind"),
        *HERITAGE_PANELS,
        FieldPanel("producer"),
        FieldPanel("materials"),
        FieldPanel("process"),
        InlinePanel(
            "certifications",
            label=_("Certifications"),
            help_text=_("OCOP stars, collective trademark, craft village… each with its year."),
        ),
        MultiFieldPanel(
            [
                FieldPanel("where_to_buy"),
                FieldPanel("price_min"),
                FieldPanel("price_max"),
                FieldPanel("price_note"),
            ],
            heading=_("Buying"),
        ),
        FieldPanel("body"),
        FieldPanel("sources"),
    ]
    search_fields = HeritagePage.search_fields + [
        index.SearchField("producer"),
        index.SearchField("materials"),
        index.FilterField("kind"),
    ]
    parent_page_types = ["heritage.HeritageIndexPage"]
    subpage_types = []
    api_fields = HeritagePage.api_fields + [
        ApiField("kind", label=True),
        ApiField("producer"),
        ApiField("price_min"),
        ApiField("price_max"),
        ApiField("price_note"),
        ApiField("materials", detail=True),
        ApiField("process", detail=True),
        ApiField("where_to_buy", detail=True),
        ApiField("certifications", list[CertificationOut], value=certifications, detail=True),
    ]

    class Meta:
        verbose_name = _("product page")

    def search_facets(self) -> dict[str, list[str]]:
        return {**super().search_facets(), "kind": [self.kind]}

    def jsonld(self, request):
        data = self.jsonld_base(request, "Product")
        data["category"] = str(self.get_kind_display())
        if self.producer:
            data["manufacturer"] = {"@type": "Organization", "name": self.producer}
        awards = [str(c) for c in self.certifications.all()]
        if awards:
            data["award"] = awards
        if self.price_min:
            data["offers"] = {
                "@type": "AggregateOffer",
                "priceCurrency": "VND",
                "lowPrice": self.price_min,
                "highPrice": self.price_max or self.price_min,
            }
        return data

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["certifications"] = list(self.certifications.all())
        return context


class Certification(Orderable):
    """An OCOP rating, trademark or craft-village title with the year it was granted."""

    class Kind(models.TextChoices):
        OCOP = "ocop", _("OCOP rating")
        COLLECTIVE_TRADEMARK = "collective-trademark", _("Collective trademark")
        TRADEMARK = "trademark", _("Registered trademark")
        CRAFT_VILLAGE = "craft-village", _("Recognised craft village")
        OTHER = "other", _("Other")

    page = ParentalKey(ProductPage, on_delete=models.CASCADE, related_name="certifications")
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    stars = models.PositiveSmallIntegerField(
        _("OCOP stars"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    detail = models.CharField(
        _("detail"),
        max_length=255,
        blank=True,
        help_text=_("e.g. decision number and who holds it."),
    )

    panels = [FieldPanel("kind"), FieldPanel("stars"), FieldPanel("year"), FieldPanel("detail")]

    class Meta(Orderable.Meta):
        verbose_name = _("certification")

    def __str__(self):
        text = str(self.get_kind_display())
        if self.stars:
            text += f" {self.stars}★"
        if self.year:
            text += f" ({self.year})"
        return text


class PlaceKind(models.TextChoices):
    CHAM_TOWER = "cham-tower", _("Chăm tower")
    CITADEL = "citadel", _("Citadel")
    VILLAGE = "village", _("Village")
    CRAFT_VILLAGE = "craft-village", _("Craft village")
    COMMUNAL_HOUSE = "communal-house", _("Communal house")
    MUSEUM = "museum", _("Museum")


class Ranking(models.TextChoices):
    NONE = "", _("Not ranked")
    PROVINCIAL = "provincial", _("Provincial relic")
    NATIONAL = "national", _("National relic")
    SPECIAL = "special-national", _("Special national relic")


def approximate_note(commune_name):
    """'approximate location: centre of xã Vĩnh Sơn' (the unit's name in running text), for
    the map's popups and list, the place page and the calendar of a marker at a commune centre."""
    from django.utils.translation import gettext

    name = commune_name[:1].lower() + commune_name[1:]
    return gettext("approximate location: centre of %(commune)s") % {"commune": name}


CHAM_HROI = "cham-hroi"
CHAMPA_NOT_HROI = _(
    "A Chăm tower is a monument of the Cham of the Champa kingdom (Vijaya), not the heritage of "
    "the Chăm H'roi: leave the Chăm H'roi group unticked and say whose heritage it is in "
    "“heritage of”."
)


class PlacePage(HeritagePage):
    """A site to visit. Coordinates are optional: leave them empty unless a source gives them."""

    kind = models.CharField(_("kind of place"), max_length=32, choices=PlaceKind.choices)
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    coordinates_source = models.CharField(
        _("where the coordinates come from"),
        max_length=500,
        blank=True,
        help_text=_("Cite the page or survey that gives them; unverified places get no marker."),
    )
    address = models.CharField(_("address"), max_length=500, blank=True)
    opening_hours = models.CharField(_("opening hours"), max_length=255, blank=True)
    access_notes = models.TextField(
        _("getting there"),
        blank=True,
        help_text=_("Roads, distance from Quy Nhơn, fees, accessibility."),
    )
    ranking = models.CharField(
        _("heritage ranking"),
        max_length=32,
        choices=Ranking.choices,
        blank=True,
        default="",
    )
    ranking_year = models.PositiveSmallIntegerField(_("year ranked"), null=True, blank=True)
    heritage_of = models.CharField(
        _("heritage of"),
        max_length=255,
        blank=True,
        help_text=_(
            "The people or civilisation that made this place when it has no group page here, e.g. "
            "'the Cham of the Champa kingdom (Vijaya)'. Tick a group above only if the place is that "
            "group's own heritage."
        ),
    )

    content_panels = HeritagePage.content_panels + [
        FieldPanel("kind"),
        *HERITAGE_PANELS,
        FieldPanel("heritage_of"),
        MultiFieldPanel(
            [
                FieldPanel("latitude"),
                FieldPanel("longitude"),
                FieldPanel("coordinates_source"),
                FieldPanel("address"),
            ],
            heading=_("Location"),
        ),
        MultiFieldPanel([FieldPanel("opening_hours"), FieldPanel("access_notes")], heading=_("Visiting")),
        MultiFieldPanel([FieldPanel("ranking"), FieldPanel("ranking_year")], heading=_("Protection")),
        FieldPanel("body"),
        FieldPanel("sources"),
    ]
    search_fields = HeritagePage.search_fields + [
        index.SearchField("address"),
        index.FilterField("kind"),
    ]
    parent_page_types = ["heritage.HeritageIndexPage"]
    subpage_types = []
    api_fields = HeritagePage.api_fields + [
        ApiField("kind", label=True),
        ApiField("latitude"),
        ApiField("longitude"),
        ApiField("address"),
        ApiField("ranking"),
        ApiField("ranking_year"),
        ApiField("heritage_of"),
        ApiField("coordinates", CoordinatesOut | None, value=lambda page, ctx: page.coordinates()),
        ApiField("opening_hours", detail=True),
        ApiField("access_notes", detail=True),
        ApiField("coordinates_source", detail=True),
    ]

    class Meta:
        verbose_name = _("place page")

    @property
    def has_coordinates(self):
        return self.latitude is not None and self.longitude is not None

    def clean(self):
        super().clean()
        # Issue 18: the Champa towers are the monuments of the Cham of Champa (Vijaya), not of
        # the Chăm H'roi; the two share a name, which is how they got mixed up.
        if self.kind == PlaceKind.CHAM_TOWER and any(g.code == CHAM_HROI for g in self.groups.all()):
            raise ValidationError({"groups": CHAMPA_NOT_HROI})

    def commune_centre(self):
        """The commune in force today whose centre may stand in for this place's unknown
        coordinates: the page's unit if it is a current commune, ward or township with a
        centre, else the one current commune that took all of the old commune's territory
        (``AdministrativeUnit.current_units``, through the 2025 succession links). None for
        a district or province (too coarse to place a marker), and for a commune divided
        between several (no single centre is right)."""
        unit = self.unit
        if unit is None or unit.level not in unit.COMMUNE_LEVELS:
            return None
        current = unit.current_units()
        if len(current) != 1:
            return None
        commune = current[0]
        if commune.level not in commune.COMMUNE_LEVELS or commune.latitude is None or commune.longitude is None:
            return None
        return commune

    def coordinates(self):
        """Where the marker stands and how precisely (``CoordinatesOut``): the sourced
        coordinates, else the commune centre marked as such, else None (no marker)."""
        if self.has_coordinates:
            return {
                "lat": float(self.latitude),
                "lon": float(self.longitude),
                "precision": "exact",
                "commune": None,
            }
        commune = self.commune_centre()
        if commune is None:
            return None
        return {
            "lat": commune.latitude,
            "lon": commune.longitude,
            "precision": "commune_centre",
            "commune": unit_ref(commune),
        }

    def search_facets(self) -> dict[str, list[str]]:
        return {**super().search_facets(), "kind": [self.kind]}

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Lazy: the article fragment is usually cached and then this never queries.
        context["place_centre"] = SimpleLazyObject(lambda: None if self.has_coordinates else self.commune_centre())
        return context

    def jsonld(self, request):
        schema_type = "Museum" if self.kind == PlaceKind.MUSEUM else "TouristAttraction"
        data = self.jsonld_base(request, schema_type)
        if self.has_coordinates:
            data["geo"] = {
                "@type": "GeoCoordinates",
                "latitude": float(self.latitude),
                "longitude": float(self.longitude),
            }
        if self.address:
            data["address"] = self.address
        if self.opening_hours and schema_type == "Museum":  # a CivicStructure; an attraction has none
            data["openingHours"] = self.opening_hours
        commune = None if self.has_coordinates else self.commune_centre()
        if commune is not None:
            # No ``geo`` of the place's own: a commune centre is not where it stands. The centre
            # belongs to the commune, the place is said to lie within it.
            data["containedInPlace"] = {
                "@type": "AdministrativeArea",
                "name": commune.name,
                "geo": {
                    "@type": "GeoCoordinates",
                    "latitude": commune.latitude,
                    "longitude": commune.longitude,
                    "description": str(_("Commune centre, not the place itself")),
                },
            }
        elif self.unit_id:
            data["containedInPlace"] = {"@type": "AdministrativeArea", "name": self.unit.name}
        data["publicAccess"] = True
        return data
