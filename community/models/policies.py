"""Laws and policies in plain words: a library index and one page per document.

The official text stays attached as it was issued; what readers get first is
a plain-language summary (with audio narration) and "what this means for you".
Status is explicit and shown on every listing, so an expired or replaced
document is never presented as current.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable
from wagtail.search import index

from content import jsonld
from content.api.fields import ApiField
from content.api.values import page_ref
from content.blocks import SOURCE_BLOCKS
from content.locales import best_translation, translations_for
from content.models import BasePage
from content.public import public_pages

from ..schemas import PolicyRef
from .common import TOPIC_CHOICES


def policy_ref(page, ctx):
    """``PolicyRef`` of a related document (None stays None)."""
    if page is None:
        return None
    return {**page_ref(page, ctx), "document_number": page.document_number, "status": page.status}


def policy_refs(pages, ctx):
    return [policy_ref(page, ctx) for page in pages]


class PolicyLibraryPage(BasePage):
    """Lists policy documents, filtered by status, type, topic and year."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    parent_page_types = ["content.HomePage", "content.SectionPage"]
    subpage_types = ["community.PolicyDocumentPage"]
    template = "community/policy_library_page.html"

    class Meta:
        db_table = "content_policylibrarypage"
        verbose_name = _("policy library")

    def documents(self, filters=None):
        """Public documents below this library, narrowed by the known filters."""
        qs = public_pages(PolicyDocumentPage.objects.child_of(self))
        filters = filters or {}
        if filters.get("status") in PolicyDocumentPage.Status.values:
            qs = qs.filter(status=filters["status"])
        if filters.get("type") in PolicyDocumentPage.DocumentType.values:
            qs = qs.filter(document_type=filters["type"])
        if filters.get("topic") in dict(TOPIC_CHOICES):
            qs = qs.filter(topic=filters["topic"])
        year = str(filters.get("year") or "")
        if year.isdigit() and len(year) == 4:
            qs = qs.filter(issue_date__year=int(year))
        return qs.order_by("-issue_date", "title")

    def jsonld(self, request):
        return jsonld.collection(self, request, [page.get_url(request) for page in self.documents()])

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        filters = {k: request.GET.get(k, "") for k in ("status", "type", "topic", "year")}
        context["filters"] = filters
        context["documents"] = self.documents(filters).select_related("locale")
        context["status_choices"] = PolicyDocumentPage.Status.choices
        context["type_choices"] = PolicyDocumentPage.DocumentType.choices
        context["topic_choices"] = TOPIC_CHOICES
        years = public_pages(PolicyDocumentPage.objects.child_of(self)).dates("issue_date", "year")
        context["years"] = sorted({d.year for d in years}, reverse=True)
        return context


class PolicyDocumentPage(BasePage):
    """One law, decree, decision, circular, resolution or plan."""

    class DocumentType(models.TextChoices):
        LAW = "law", _("Law")
        RESOLUTION = "resolution", _("Resolution")
        DECREE = "decree", _("Decree")
        DECISION = "decision", _("Decision")
        CIRCULAR = "circular", _("Circular")
        PLAN = "plan", _("Plan")

    class Status(models.TextChoices):
        IN_FORCE = "in_force", _("In force")
        AMENDED = "amended", _("In force, amended")
        EXPIRED = "expired", _("Expired")
        REPLACED = "replaced", _("Replaced")

    document_number = models.CharField(
        _("document number"), max_length=64, help_text=_("As printed, e.g. 414/QĐ-TTg.")
    )
    document_type = models.CharField(_("type"), max_length=16, choices=DocumentType.choices)
    issuing_body = models.CharField(_("issuing body"), max_length=255)
    issue_date = models.DateField(
        _("issue date"), null=True, blank=True, help_text=_("Leave empty when the source does not say.")
    )
    effective_date = models.DateField(_("effective date"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.IN_FORCE)
    status_note = models.CharField(
        _("status note"),
        max_length=255,
        blank=True,
        help_text=_("Why it expired or what changed, in plain words."),
    )
    replaced_by = models.ForeignKey(
        "community.PolicyDocumentPage",
        verbose_name=_("replaced by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="replaces",
    )
    topic = models.CharField(_("topic"), max_length=32, choices=TOPIC_CHOICES, blank=True)
    official_text = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("official text"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    official_url = models.URLField(_("official text online"), blank=True, max_length=500)
    plain_summary = RichTextField(
        _("plain-language summary"),
        blank=True,
        features=["bold", "italic", "ul", "ol", "link"],
    )
    narration = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("audio narration"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The plain-language summary read aloud (MP3, OGG or M4A)."),
    )
    who_it_helps = models.TextField(_("who it helps"), blank=True)
    how_to_claim = RichTextField(
        _("what this means for you"),
        blank=True,
        features=["bold", "italic", "ul", "ol", "link"],
        help_text=_("Who to ask, which papers to bring, deadlines."),
    )
    sources = StreamField(SOURCE_BLOCKS, blank=True, verbose_name=_("sources"))
    narration_fields = ("plain_summary", "who_it_helps", "how_to_claim")

    content_panels = BasePage.content_panels + [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("document_number"), FieldPanel("document_type")]),
                FieldPanel("issuing_body"),
                FieldRowPanel([FieldPanel("issue_date"), FieldPanel("effective_date")]),
                FieldPanel("topic"),
            ],
            heading=_("The document"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("status"),
                FieldPanel("status_note"),
                FieldPanel("replaced_by"),
                InlinePanel("amendments", label=_("Amended by")),
            ],
            heading=_("Status"),
        ),
        FieldPanel("plain_summary"),
        FieldPanel("narration"),
        FieldPanel("who_it_helps"),
        FieldPanel("how_to_claim"),
        MultiFieldPanel([FieldPanel("official_text"), FieldPanel("official_url")], heading=_("Official text")),
        FieldPanel("sources"),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("document_number", boost=3),
        index.AutocompleteField("document_number"),
        index.SearchField("plain_summary"),
        index.SearchField("who_it_helps"),
        index.SearchField("issuing_body"),
        index.FilterField("status"),
        index.FilterField("document_type"),
        index.FilterField("topic"),
        index.FilterField("issue_date"),
    ]
    parent_page_types = ["community.PolicyLibraryPage"]
    subpage_types = []
    api_fields = BasePage.api_fields + [
        ApiField("document_number"),
        ApiField("document_type", label=True),
        ApiField("issuing_body"),
        ApiField("issue_date"),
        ApiField("effective_date"),
        ApiField("year", int | None),
        ApiField("status", label=True),
        ApiField("is_current", bool),
        ApiField("status_note"),
        ApiField("topic", label=True),
        ApiField(
            "replaced_by", PolicyRef | None, value=lambda page, ctx: policy_ref(page.replacement(ctx.locale), ctx)
        ),
        ApiField("plain_summary", detail=True),
        ApiField("narration", detail=True),
        ApiField("who_it_helps", detail=True),
        ApiField("how_to_claim", detail=True),
        ApiField("official_text", detail=True),
        ApiField("official_url", detail=True),
        ApiField(
            "replaces",
            list[PolicyRef],
            value=lambda page, ctx: policy_refs(page.replaced_documents(ctx.locale), ctx),
            detail=True,
        ),
        ApiField(
            "amended_by",
            list[PolicyRef],
            value=lambda page, ctx: policy_refs(page.amending_documents(ctx.locale), ctx),
            detail=True,
        ),
        ApiField(
            "amends",
            list[PolicyRef],
            value=lambda page, ctx: policy_refs(page.amended_documents(ctx.locale), ctx),
            detail=True,
        ),
        ApiField("sources", detail=True),
    ]
    template = "community/policy_document_page.html"

    class Meta:
        db_table = "content_policydocumentpage"
        verbose_name = _("policy document")
        verbose_name_plural = _("policy documents")

    def narration_recordings(self):
        """The plain-language summary read aloud is this page's recording."""
        if self.narration is None:
            return []
        from content.narration import document_item

        return [document_item(self.narration, self.locale.language_code)]

    @property
    def is_current(self):
        return self.status in (self.Status.IN_FORCE, self.Status.AMENDED)

    @property
    def year(self):
        return self.issue_date.year if self.issue_date else None

    def search_facets(self):
        return {"commune": None, "topic": self.topic or None, "kind": "policy"}

    # Relations are stored between the source-language pages; readers get the
    # public translation in their own language (or its fallback).
    def jsonld(self, request):
        """``Legislation``: number, type, issuing body, dates, whether still in force."""
        data = jsonld.page_document(
            self,
            request,
            "Legislation",
            legislationIdentifier=self.document_number or None,
            legislationType=str(self.get_document_type_display()),
            legislationPassedBy={"@type": "GovernmentOrganization", "name": self.issuing_body},
            legislationDate=self.issue_date.isoformat() if self.issue_date else None,
            legislationDateVersion=self.effective_date.isoformat() if self.effective_date else None,
            legislationLegalForce=(
                "https://schema.org/InForce" if self.is_current else "https://schema.org/NotInForce"
            ),
            legislationJurisdiction="VN",
            sameAs=self.official_url or None,
            publisher=jsonld.publisher(),
        )
        return data

    def replacement(self, language_code=None):
        if self.replaced_by is None:
            return None
        return best_translation(self.replaced_by, language_code, public_pages)[0]

    def replaced_documents(self, language_code=None):
        sources = PolicyDocumentPage.objects.filter(replaced_by__translation_key=self.translation_key)
        return _unique_public(sources, language_code)

    def amending_documents(self, language_code=None):
        pages = [a.amending_document for a in self.amendments.select_related("amending_document")]
        return _unique_public(pages, language_code)

    def amended_documents(self, language_code=None):
        sources = PolicyDocumentPage.objects.filter(
            amendments__amending_document__translation_key=self.translation_key
        ).distinct()
        return _unique_public(sources, language_code)


def _unique_public(pages, language_code):
    """The reader's public translation of each document, once each, in order."""
    return [
        page.specific
        for page in translations_for([p for p in pages if p is not None], language_code, public_pages)
    ]


class PolicyAmendment(Orderable):
    """``page`` was amended by ``amending_document``."""

    page = ParentalKey(PolicyDocumentPage, on_delete=models.CASCADE, related_name="amendments")
    amending_document = models.ForeignKey(
        PolicyDocumentPage,
        verbose_name=_("amending document"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [FieldPanel("amending_document")]

    class Meta(Orderable.Meta):
        db_table = "content_policyamendment"
        verbose_name = _("amendment")
