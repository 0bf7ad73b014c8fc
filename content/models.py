"""The shared kernel's models: images with rights, administrative units, the
sync log, and the generic page types (home and section pages).

Feature apps (heritage, lessons, community) build their page types on ``BasePage``.
"""

import datetime
import secrets

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.images.api.fields import ImageRenditionField
from wagtail.images.models import AbstractImage, AbstractRendition, Image
from wagtail.models import Page, PageViewRestriction
from wagtail.search import index

from . import jsonld
from .api.fields import ApiField
from .api.schemas import NarrationOut
from .baseurl import base_url
from .blocks import BODY_BLOCKS, SOURCE_BLOCKS
from .public import may_be_restricted

# ---------------------------------------------------------------------------
# Images with rights metadata
# ---------------------------------------------------------------------------

LICENCE_CHOICES = [
    ("CC-BY-4.0", "Creative Commons BY 4.0"),
    ("CC-BY-SA-4.0", "Creative Commons BY-SA 4.0"),
    ("CC-BY-NC-4.0", "Creative Commons BY-NC 4.0"),
    ("CC0-1.0", "Creative Commons CC0 1.0"),
    ("PDM-1.0", "Public Domain Mark 1.0"),
    ("InC", "In Copyright (rightsstatements.org)"),
    ("InC-EDU", "In Copyright – Educational Use Permitted (rightsstatements.org)"),
    ("NoC-US", "No Copyright – United States (rightsstatements.org)"),
    ("CNE", "Copyright Not Evaluated (rightsstatements.org)"),
]
LICENCE_URLS = {
    "CC-BY-4.0": "https://creativecommons.org/licenses/by/4.0/",
    "CC-BY-SA-4.0": "https://creativecommons.org/licenses/by-sa/4.0/",
    "CC-BY-NC-4.0": "https://creativecommons.org/licenses/by-nc/4.0/",
    "CC0-1.0": "https://creativecommons.org/publicdomain/zero/1.0/",
    "PDM-1.0": "https://creativecommons.org/publicdomain/mark/1.0/",
    "InC": "http://rightsstatements.org/vocab/InC/1.0/",
    "InC-EDU": "http://rightsstatements.org/vocab/InC-EDU/1.0/",
    "NoC-US": "http://rightsstatements.org/vocab/NoC-US/1.0/",
    "CNE": "http://rightsstatements.org/vocab/CNE/1.0/",
}


class HeritageImage(AbstractImage):
    """Wagtail image plus who made it and under which licence it may be shown."""

    alt_text = models.CharField(
        _("alt text"),
        max_length=255,
        blank=True,
        help_text=_("What the image shows, for screen readers. Required on public pages."),
    )
    credit = models.CharField(
        _("credit"),
        max_length=255,
        blank=True,
        help_text=_("Photographer or source, e.g. 'Ảnh: Nguyễn Văn A' or 'Generated with Pillow'."),
    )
    licence = models.CharField(
        _("licence"),
        max_length=16,
        choices=LICENCE_CHOICES,
        default="CNE",
        help_text=_("A Creative Commons or rightsstatements.org value."),
    )

    admin_form_fields = Image.admin_form_fields + ("alt_text", "credit", "licence")

    @property
    def default_alt_text(self):
        return self.alt_text or self.title

    @property
    def licence_url(self):
        return LICENCE_URLS.get(self.licence, "")


class HeritageRendition(AbstractRendition):
    image = models.ForeignKey(HeritageImage, on_delete=models.CASCADE, related_name="renditions")

    def get_upload_to(self, filename):
        """``images/<random>.<original name>.<spec>.<ext>``: Wagtail's name alone is the
        original's name plus a spec from a short public list, so a front server serving
        ``/media/images/`` would hand out renditions of unpublished images to anyone who
        guesses. The row records the name, so the random part costs nothing later."""
        return super().get_upload_to(f"{secrets.token_urlsafe(9)}.{filename}")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)


# ---------------------------------------------------------------------------
# Administrative units (province, district, commune…), with their history
# ---------------------------------------------------------------------------


class AdministrativeUnitQuerySet(models.QuerySet):
    def valid_on(self, day):
        """The units in force on ``day`` (a ``date``): within one day a code names at most one unit."""
        return self.filter(
            models.Q(valid_from__isnull=True) | models.Q(valid_from__lte=day),
            models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=day),
        )

    def current(self):
        return self.filter(valid_to__isnull=True)

    def communes(self):
        return self.filter(level__in=AdministrativeUnit.COMMUNE_LEVELS)

    def by_code(self, code, at=None):
        """The one unit with ``code`` in force on ``at`` (today when None); DoesNotExist otherwise.

        NSO codes are reused across the 2025 reorganisation, so a code alone is not a key."""
        from django.utils import timezone

        return self.valid_on(at or timezone.localdate()).get(code=code)


class AdministrativeUnit(index.Indexed, models.Model):
    """A unit as it was legally defined, kept after it ends so old pages stay right.

    ``code`` is the official NSO (GSO) code. NSO codes are reused across the 2025
    reorganisation (52 is Bình Định until 2025-06-30 and Gia Lai from 2025-07-01),
    so a unit is identified by its code **and** its validity: two units may share a
    code when their validities do not overlap (``clean`` checks it; the database
    keeps (code, valid_from) unique).

    ``successors`` link an ended unit to the unit(s) that took its territory, through
    ``UnitSuccession`` (whole or part), so a page written with "Vĩnh Thạnh district"
    can show what it is now, and statistics can tell a merged commune from a split one.
    """

    class Level(models.TextChoices):
        PROVINCE = "province", _("Province")
        DISTRICT = "district", _("District")
        TOWN = "town", _("Town (district level)")
        CITY = "city", _("City")
        COMMUNE = "commune", _("Commune")
        WARD = "ward", _("Ward")
        TOWNSHIP = "township", _("Township (thị trấn)")
        VILLAGE = "village", _("Village")

    # The three tiers statistics speak of (``tier``): the legal types within each.
    DISTRICT_LEVELS = ("district", "town", "city")
    COMMUNE_LEVELS = ("commune", "ward", "township")

    code = models.CharField(
        _("code"), max_length=32, db_index=True, help_text=_("Official NSO code (reused across 2025).")
    )
    name = models.CharField(_("name"), max_length=255)
    level = models.CharField(_("level"), max_length=16, choices=Level.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    successors = models.ManyToManyField(
        "self",
        verbose_name=_("successor units"),
        symmetrical=False,
        blank=True,
        related_name="predecessors",
        through="UnitSuccession",
        through_fields=("predecessor", "successor"),
    )
    latitude = models.FloatField(_("latitude"), null=True, blank=True, help_text=_("Commune centre."))
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    source = models.TextField(_("source"), blank=True)

    objects = AdministrativeUnitQuerySet.as_manager()

    panels = [
        FieldPanel("code"),
        FieldPanel("name"),
        FieldPanel("level"),
        FieldPanel("parent"),
        MultiFieldPanel([FieldPanel("valid_from"), FieldPanel("valid_to")], heading=_("Validity")),
        MultiFieldPanel([FieldPanel("latitude"), FieldPanel("longitude")], heading=_("Commune centre")),
        FieldPanel("note"),
        FieldPanel("source"),
    ]
    search_fields = [index.SearchField("name"), index.FilterField("level")]

    class Meta:
        ordering = ["level", "name", "code"]
        verbose_name = _("administrative unit")
        verbose_name_plural = _("administrative units")
        constraints = [
            models.UniqueConstraint(
                models.F("code"),
                Coalesce("valid_from", models.Value(datetime.date(1, 1, 1))),
                name="content_adminunit_code_validity",
                violation_error_message=_("A unit with this code already starts on this date."),
            ),
            models.CheckConstraint(
                condition=models.Q(valid_from__isnull=True)
                | models.Q(valid_to__isnull=True)
                | models.Q(valid_from__lte=models.F("valid_to")),
                name="content_adminunit_validity_order",
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        others = AdministrativeUnit.objects.filter(code=self.code).exclude(pk=self.pk)
        if self.valid_to:
            others = others.filter(models.Q(valid_from__isnull=True) | models.Q(valid_from__lte=self.valid_to))
        if self.valid_from:
            others = others.filter(models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=self.valid_from))
        if others.exists():
            raise ValidationError({"valid_from": _("Another unit has this code during this validity.")})

    @property
    def is_current(self):
        return self.valid_to is None

    @property
    def tier(self):
        """ "province", "district" or "commune": the level statistics aggregate at."""
        if self.level in self.COMMUNE_LEVELS:
            return "commune"
        if self.level in self.DISTRICT_LEVELS:
            return "district"
        return self.level

    def is_valid_on(self, day):
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )

    def current_units(self, _seen=None):
        """The unit(s) in force today that cover this one (itself if still valid)."""
        if self.is_current:
            return [self]
        seen = _seen or set()
        seen.add(self.pk)
        result = []
        for successor in self.successors.all():
            if successor.pk in seen:
                continue
            for unit in successor.current_units(seen):
                if unit not in result:
                    result.append(unit)
        return result


class UnitSuccession(models.Model):
    """An ended unit's territory going to a new one: all of it ("whole") or a share ("part").

    A commune split between two successors has two "part" rows; statistics refuse to
    carry its values forward (``stats.rules``)."""

    class Relation(models.TextChoices):
        WHOLE = "whole", _("whole")
        PART = "part", _("part")

    predecessor = models.ForeignKey(
        AdministrativeUnit, verbose_name=_("predecessor"), on_delete=models.CASCADE, related_name="succession_to"
    )
    successor = models.ForeignKey(
        AdministrativeUnit, verbose_name=_("successor"), on_delete=models.CASCADE, related_name="succession_from"
    )
    relation = models.CharField(_("relation"), max_length=8, choices=Relation.choices, default=Relation.WHOLE)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("unit succession")
        verbose_name_plural = _("unit successions")
        constraints = [
            models.UniqueConstraint(fields=["predecessor", "successor"], name="content_unitsuccession_unique")
        ]

    def __str__(self):
        return f"{self.predecessor} → {self.successor} ({self.relation})"


# ---------------------------------------------------------------------------
# Sync log: what changed in the public content, for the app's delta sync
# ---------------------------------------------------------------------------


class SyncEvent(models.Model):
    """One change to public content. The auto id is the sync cursor.

    ``page_id`` is a plain integer, not a foreign key, so that a tombstone
    outlives the page it speaks of.
    """

    class Action(models.TextChoices):
        UPSERT = "upsert", _("created or changed")
        DELETE = "delete", _("removed from the public")

    page_id = models.PositiveIntegerField(db_index=True)
    content_type = models.CharField(max_length=100)
    locale = models.CharField(max_length=8, db_index=True)
    action = models.CharField(max_length=8, choices=Action.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        indexes = [
            models.Index(fields=["locale", "id"]),
            # The API lists' Last-Modified (newest change per language): read from the
            # index, not from every row of the language (content.api.pages.latest_change).
            models.Index(fields=["locale", "created_at"], name="content_syncevent_changed"),
        ]

    def __str__(self):
        return f"{self.action} {self.content_type}#{self.page_id} ({self.locale})"


class SyncEpoch(models.Model):
    """The sync log's epoch: a random value every sync cursor carries.

    A restore (``scripts/backup.py restore``, ``make restore``) rolls the sync
    log back, so event ids taken after the backup are handed out again; it
    writes a new epoch, and a cursor of the old one is answered "start again"
    (410 ``cursor_expired``) instead of an empty delta forever. The newest row
    is the current epoch (``content.sync.current_epoch``).
    """

    value = models.CharField(max_length=32, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-id"]

    def __str__(self):
        return self.value


# ---------------------------------------------------------------------------
# Translations not yet done (content.translations keeps these rows)
# ---------------------------------------------------------------------------


class UnfinishedTranslation(models.Model):
    """A live translated page whose text is not yet (mostly) translated.

    wagtail-localize publishes a translation as soon as it is created, holding the
    source's text; readers must keep getting the honest fallback (the source page with
    the "not yet translated" mark) until the translators are (mostly) done. The row is
    written and removed when the page is published (``content.translations``), so
    ``content.public`` reads a small table instead of counting segments per request.
    """

    page = models.OneToOneField(
        "wagtailcore.Page", on_delete=models.CASCADE, primary_key=True, related_name="+", verbose_name=_("page")
    )
    translated_segments = models.PositiveIntegerField(_("translated segments"), default=0)
    total_segments = models.PositiveIntegerField(_("segments"), default=0)
    # segments filled with the source's text unchanged: not translated (content.translations)
    copied_segments = models.PositiveIntegerField(_("segments copied from the source"), default=0)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("unfinished translation")
        verbose_name_plural = _("unfinished translations")

    def __str__(self):
        return f"{self.page_id}: {self.translated_segments}/{self.total_segments}"


# ---------------------------------------------------------------------------
# Generic page types
# ---------------------------------------------------------------------------


class BasePage(Page):
    """Fields every public page has: a summary for lists and cards, a hero image."""

    summary = models.TextField(
        _("summary"),
        blank=True,
        max_length=600,
        help_text=_("One or two sentences shown in lists, search results and link previews."),
    )
    hero_image = models.ForeignKey(
        "content.HeritageImage",
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = Page.content_panels + [FieldPanel("summary"), FieldPanel("hero_image")]
    search_fields = Page.search_fields + [index.SearchField("summary")]

    def get_url_parts(self, request=None):
        """Wagtail's URL parts, on the public base URL (``content.baseurl``) when the
        installation has one site: page URLs in the API, the sitemap, JSON-LD and the
        ``.ics`` agree with every other absolute URL whatever the Site record says."""
        parts = super().get_url_parts(request)
        if parts is None or parts[1] is None:
            return parts
        if len({root.site_id for root in self._get_site_root_paths(request)}) > 1:
            return parts  # several sites: each keeps its own address
        return parts[0], base_url(), parts[2]

    # Wagtail's /api/v2/ only: /api/v1/ has these in every item's summary. Subclasses
    # add their own ``ApiField``s, the one declaration of their fields in both APIs.
    api_fields = [
        APIField("summary"),
        APIField("hero_image"),
        APIField("hero_thumbnail", serializer=ImageRenditionField("width-320|format-webp", source="hero_image")),
        # Every page type's detail carries its narration, declared once here.
        ApiField("narrations", list[NarrationOut], value=lambda page, ctx: _narration(page, ctx), detail=True),
    ]
    # Fields read aloud by the generated narration after the title and summary, in
    # reading order (``content.speech.text``); empty: the type is not narrated.
    narration_fields = ()

    class Meta:
        abstract = True

    def get_view_restrictions(self):
        """Wagtail asks on every serve (two queries); answered from the kept
        restricted and alias paths (``content.public``) when none can apply."""
        if not may_be_restricted(self):
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()

    def narration_recordings(self):
        """Recordings a page type keeps in fields of its own (a document chooser), as
        ``content.narration.PageAudio.as_item`` dicts; the kernel's recorded rows are
        added by ``content.narration.items``."""
        return []

    def jsonld(self, request):
        """This page's schema.org JSON-LD (``content.jsonld``); page types say what they are
        by overriding it."""
        return jsonld.page_document(self, request, "WebPage", publisher=jsonld.publisher())


class HomePage(BasePage):
    """The root of each language's site."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    body = StreamField(BODY_BLOCKS, blank=True, verbose_name=_("body"))

    content_panels = BasePage.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = BasePage.search_fields + [index.SearchField("intro")]
    api_fields = BasePage.api_fields + [ApiField("intro"), ApiField("body", detail=True)]
    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")

    def jsonld(self, request):
        return jsonld.website(self, request)


ABOUT_PAGE_HELP = _("For the About page: show the publisher (Settings); until checked it says “being completed”.")


class SectionPage(BasePage):
    """A plain page of text (about, contact, a section introduction)."""

    body = StreamField(BODY_BLOCKS, blank=True, verbose_name=_("body"))
    sources = StreamField(SOURCE_BLOCKS, blank=True, verbose_name=_("sources"))
    shows_publisher = models.BooleanField(
        _("says who publishes the site"),
        default=False,
        help_text=ABOUT_PAGE_HELP,
    )

    content_panels = BasePage.content_panels + [FieldPanel("body"), FieldPanel("sources")]
    settings_panels = BasePage.settings_panels + [FieldPanel("shows_publisher")]
    search_fields = BasePage.search_fields + [index.SearchField("body")]
    api_fields = BasePage.api_fields + [ApiField("body", detail=True), ApiField("sources", detail=True)]

    class Meta:
        verbose_name = _("section page")


# Narration files of pages (recorded and generated): content.narration.
from .narration import PageAudio  # noqa: E402, F401


def _narration(page, ctx):
    from .narration import api_items

    return api_items(page, ctx)
