"""Commune health stations and remote-consultation points, and their index.

The index also lists health guidance articles (``CommunityArticlePage`` with
kind "health") and links to the consultation request form.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.search import index

from content import jsonld
from content.api.fields import ApiField
from content.api.schemas import UnitRef
from content.api.values import html, unit_ref
from content.locales import LANGUAGE_INFO
from content.models import BasePage
from content.public import public_pages

from .articles import CommunityArticlePage
from .common import split_list, unit_code

WEEKDAYS = [
    ("mon", _("Monday")),
    ("tue", _("Tuesday")),
    ("wed", _("Wednesday")),
    ("thu", _("Thursday")),
    ("fri", _("Friday")),
    ("sat", _("Saturday")),
    ("sun", _("Sunday")),
]


class HealthIndexPage(BasePage):
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    parent_page_types = ["content.HomePage", "content.SectionPage"]
    subpage_types = ["community.HealthServicePage", "community.CommunityArticlePage"]
    template = "community/health_index_page.html"

    class Meta:
        db_table = "content_healthindexpage"
        verbose_name = _("health index")

    def jsonld(self, request):
        services = public_pages(HealthServicePage.objects.child_of(self)).order_by("title")
        return jsonld.collection(self, request, [page.get_url(request) for page in services])

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        services = public_pages(HealthServicePage.objects.child_of(self)).select_related("commune")
        commune = request.GET.get("commune", "").strip()
        if commune:
            services = services.filter(commune__code=commune)
        context["services"] = services.order_by("title")
        context["articles"] = public_pages(CommunityArticlePage.objects.child_of(self)).order_by(
            "-first_published_at"
        )
        context["commune"] = commune
        return context


class HealthServicePage(BasePage):
    class Kind(models.TextChoices):
        STATION = "station", _("Commune health station")
        REMOTE = "remote", _("Remote consultation point")
        HOSPITAL = "hospital", _("Hospital or medical centre")

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.STATION)
    address = models.CharField(_("address"), max_length=255)
    commune = models.ForeignKey(
        "content.AdministrativeUnit",
        verbose_name=_("commune"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="health_services",
    )
    opening_hours = models.CharField(_("opening hours"), max_length=255, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    remote_days = models.CharField(
        _("days a doctor consults remotely"),
        max_length=40,
        blank=True,
        help_text=_("Comma-separated: mon, tue, wed, thu, fri, sat, sun."),
    )
    languages = models.CharField(
        _("languages spoken"),
        max_length=40,
        blank=True,
        help_text=_("Comma-separated language codes: vi, bdq, hre, hro, en."),
    )
    body = RichTextField(_("details"), blank=True, features=["bold", "italic", "ul", "ol", "link"])

    content_panels = BasePage.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("kind"),
                FieldPanel("address"),
                FieldPanel("commune"),
                FieldPanel("opening_hours"),
                FieldPanel("phone"),
            ],
            heading=_("Where and when"),
        ),
        MultiFieldPanel([FieldPanel("remote_days"), FieldPanel("languages")], heading=_("Remote consultation")),
        FieldPanel("body"),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("address"),
        index.SearchField("body"),
        index.FilterField("kind"),
        index.FilterField("commune"),
    ]
    parent_page_types = ["community.HealthIndexPage"]
    subpage_types = []
    api_fields = BasePage.api_fields + [
        ApiField("kind", label=True),
        ApiField("address"),
        ApiField("commune", UnitRef | None, value=lambda page, ctx: unit_ref(page.commune)),
        ApiField("opening_hours"),
        ApiField("phone"),
        ApiField("remote_days", list[str], value=lambda page, ctx: page.remote_day_codes),
        ApiField("languages", list[str], value=lambda page, ctx: split_list(page.languages)),
        ApiField("details", str, value=lambda page, ctx: html(page.body, ctx), detail=True),
    ]
    template = "community/health_service_page.html"

    class Meta:
        db_table = "content_healthservicepage"
        verbose_name = _("health service")
        verbose_name_plural = _("health services")

    def clean(self):
        from django.core.exceptions import ValidationError

        super().clean()
        days = dict(WEEKDAYS)
        bad = [d for d in split_list(self.remote_days) if d not in days]
        if bad:
            raise ValidationError({"remote_days": _("Unknown day code: %s") % ", ".join(bad)})
        codes = [c for c, _n in settings.LANGUAGES]
        bad = [c for c in split_list(self.languages) if c not in codes]
        if bad:
            raise ValidationError({"languages": _("Unknown language code: %s") % ", ".join(bad)})

    def jsonld(self, request):
        """A hospital is a ``Hospital``; a health station or remote consultation point is a
        public ``GovernmentService`` provided at a ``MedicalClinic``."""
        address = {"@type": "PostalAddress", "streetAddress": self.address, "addressCountry": "VN"}
        if self.commune_id:
            address["addressLocality"] = self.commune.name
        clinic = {
            "@type": "Hospital" if self.kind == self.Kind.HOSPITAL else "MedicalClinic",
            "name": self.title,
            "address": address,
        }
        if self.phone:
            clinic["telephone"] = self.phone
        if self.opening_hours:
            clinic["openingHours"] = self.opening_hours
        if self.kind == self.Kind.HOSPITAL:
            return jsonld.page_document(
                self, request, "Hospital", **{k: v for k, v in clinic.items() if k != "@type"}
            )
        return jsonld.page_document(
            self,
            request,
            "GovernmentService",
            serviceType=str(self.get_kind_display()),
            provider=clinic,
            areaServed=self.commune.name if self.commune_id else None,
            availableChannel={
                "@type": "ServiceChannel",
                "serviceLocation": {"@type": "Place", "name": self.title, "address": address},
                "availableLanguage": [str(name) for name in self.language_names],
            }
            if self.language_codes
            else None,
        )

    @property
    def remote_day_codes(self):
        return [d for d in split_list(self.remote_days) if d in dict(WEEKDAYS)]

    @property
    def remote_day_names(self):
        days = dict(WEEKDAYS)
        return [days[d] for d in self.remote_day_codes]

    @property
    def language_codes(self):
        return [c for c in split_list(self.languages) if c in LANGUAGE_INFO]

    @property
    def language_names(self):
        return [LANGUAGE_INFO[c]["name_local"] for c in self.language_codes]

    def search_facets(self):
        return {"commune": unit_code(self.commune), "topic": "health", "kind": "health_service"}
