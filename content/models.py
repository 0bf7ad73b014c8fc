"""The shared kernel's models: images with rights, administrative units, the
sync log, and the generic page types (home and section pages).

Feature apps (heritage, lessons, community) build their page types on ``BasePage``.
"""

import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.images.api.fields import ImageRenditionField
from wagtail.images.models import AbstractImage, AbstractRendition, Image
from wagtail.models import Page, PageViewRestriction
from wagtail.search import index

from .api.fields import ApiField
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


class AdministrativeUnit(index.Indexed, models.Model):
    """A unit as it was legally defined, kept after it ends so old pages stay right.

    ``successors`` link an ended unit to the unit(s) that took its territory,
    so a page written with "Vĩnh Thạnh district" can show what it is now.
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

    code = models.CharField(_("code"), max_length=32, unique=True)
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
    )
    note = models.TextField(_("note"), blank=True)
    source = models.TextField(_("source"), blank=True)

    panels = [
        FieldPanel("code"),
        FieldPanel("name"),
        FieldPanel("level"),
        FieldPanel("parent"),
        MultiFieldPanel([FieldPanel("valid_from"), FieldPanel("valid_to")], heading=_("Validity")),
        FieldPanel("successors"),
        FieldPanel("note"),
        FieldPanel("source"),
    ]
    search_fields = [index.SearchField("name"), index.FilterField("level")]

    class Meta:
        ordering = ["level", "name"]
        verbose_name = _("administrative unit")
        verbose_name_plural = _("administrative units")

    def __str__(self):
        return self.name

    @property
    def is_current(self):
        return self.valid_to is None

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
        indexes = [models.Index(fields=["locale", "id"])]

    def __str__(self):
        return f"{self.action} {self.content_type}#{self.page_id} ({self.locale})"


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
    # Wagtail's /api/v2/ only: /api/v1/ has these in every item's summary. Subclasses
    # add their own ``ApiField``s, the one declaration of their fields in both APIs.
    api_fields = [
        APIField("summary"),
        APIField("hero_image"),
        APIField("hero_thumbnail", serializer=ImageRenditionField("width-320|format-webp", source="hero_image")),
    ]

    class Meta:
        abstract = True

    def get_view_restrictions(self):
        """Wagtail asks on every serve (two queries); answered from the kept
        restricted and alias paths (``content.public``) when none can apply."""
        if not may_be_restricted(self):
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()


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


class SectionPage(BasePage):
    """A plain page of text (about, contact, a section introduction)."""

    body = StreamField(BODY_BLOCKS, blank=True, verbose_name=_("body"))
    sources = StreamField(SOURCE_BLOCKS, blank=True, verbose_name=_("sources"))

    content_panels = BasePage.content_panels + [FieldPanel("body"), FieldPanel("sources")]
    search_fields = BasePage.search_fields + [index.SearchField("body")]
    api_fields = BasePage.api_fields + [ApiField("body", detail=True), ApiField("sources", detail=True)]

    class Meta:
        verbose_name = _("section page")
