"""Community articles: health guidance, rights education and voices of village
leaders (người có uy tín), with a section index that can show help lines and
links to the lessons' courses.

Community contributors draft voices; the review workflow publishes them.
"""

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from content import jsonld
from content.api.fields import ApiField
from content.api.schemas import UnitRef
from content.api.values import unit_ref
from content.blocks import BODY_BLOCKS, SOURCE_BLOCKS
from content.locales import translations_for
from content.models import BasePage
from content.public import public_pages

ARTICLE_KINDS = [
    ("health", _("Health guidance")),
    ("rights", _("Rights education")),
    ("voice", _("Voice of a village leader")),
]


class HelplineBlock(blocks.StructBlock):
    name = blocks.CharBlock(max_length=120, label=_("Name"))
    number = blocks.CharBlock(
        max_length=20,
        label=_("Number"),
        validators=[RegexValidator(r"^[0-9 +.]{3,20}$", _("Digits only."))],
    )
    description = blocks.CharBlock(required=False, max_length=255, label=_("What it is for"))

    class Meta:
        icon = "help"


class CommunityIndexPage(BasePage):
    """A section (rights education, voices of village leaders) listing its articles."""

    kind = models.CharField(_("articles listed"), max_length=16, choices=ARTICLE_KINDS, default="rights")
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    helplines = StreamField([("helpline", HelplineBlock())], blank=True, verbose_name=_("help lines"))

    content_panels = BasePage.content_panels + [
        FieldPanel("kind"),
        FieldPanel("intro"),
        FieldPanel("helplines"),
        InlinePanel("course_links", label=_("Related courses")),
    ]
    parent_page_types = ["content.HomePage", "content.SectionPage"]
    subpage_types = ["community.CommunityArticlePage"]
    template = "community/community_index_page.html"

    class Meta:
        db_table = "content_communityindexpage"
        verbose_name = _("community section")

    def articles(self):
        return public_pages(CommunityArticlePage.objects.child_of(self)).order_by("-first_published_at")

    def jsonld(self, request):
        return jsonld.collection(self, request, [page.get_url(request) for page in self.articles()])

    def courses(self, language_code=None):
        """The linked courses readable now, in the reader's language or its fallback."""
        links = self.course_links.select_related("course")
        if not links:  # a translation without its own links uses the source page's
            links = (
                CommunityCourseLink.objects.filter(page__translation_key=self.translation_key)
                .select_related("course")
                .order_by("page_id", "sort_order")
            )
        courses = [link.course for link in links]
        return [page.specific for page in translations_for(courses, language_code, public_pages)]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["articles"] = self.articles()
        context["courses"] = self.courses()
        return context


class CommunityCourseLink(Orderable):
    """Any page (typically a lessons.CoursePage on gender or children's rights)."""

    page = ParentalKey(CommunityIndexPage, on_delete=models.CASCADE, related_name="course_links")
    course = models.ForeignKey(Page, verbose_name=_("course"), on_delete=models.CASCADE, related_name="+")

    panels = [FieldPanel("course")]

    class Meta(Orderable.Meta):
        db_table = "content_communitycourselink"


class CommunityArticlePage(BasePage):
    kind = models.CharField(_("kind"), max_length=16, choices=ARTICLE_KINDS, default="health")
    sensitive = models.BooleanField(
        _("sensitive topic"),
        default=False,
        help_text=_("Shows a content note and a quick-exit button (abuse, violence, health)."),
    )
    body = StreamField(
        BODY_BLOCKS,
        blank=True,
        verbose_name=_("body"),
        help_text=_("Text, audio messages (with transcript), images."),
    )
    contributor_name = models.CharField(_("contributor"), max_length=120, blank=True)
    contributor_village = models.CharField(_("contributor's village"), max_length=120, blank=True)
    contributor_role = models.CharField(
        _("contributor's role"),
        max_length=120,
        blank=True,
        help_text=_("E.g. village elder, village head, prestigious person (người có uy tín)."),
    )
    commune = models.ForeignKey(
        "content.AdministrativeUnit",
        verbose_name=_("commune"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    sources = StreamField(SOURCE_BLOCKS, blank=True, verbose_name=_("sources"))
    narration_fields = ("body",)

    content_panels = BasePage.content_panels + [
        FieldPanel("kind"),
        FieldPanel("sensitive"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("contributor_name"),
                FieldPanel("contributor_village"),
                FieldPanel("contributor_role"),
                FieldPanel("commune"),
            ],
            heading=_("Who speaks"),
        ),
        FieldPanel("sources"),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("body"),
        index.SearchField("contributor_village"),
        index.FilterField("kind"),
    ]
    parent_page_types = ["community.CommunityIndexPage", "community.HealthIndexPage"]
    subpage_types = []
    api_fields = BasePage.api_fields + [
        ApiField("kind", label=True),
        ApiField("sensitive"),
        ApiField("contributor_name"),
        ApiField("contributor_village"),
        ApiField("contributor_role"),
        ApiField("commune", UnitRef | None, value=lambda page, ctx: unit_ref(page.commune)),
        ApiField("body", detail=True),
        ApiField("sources", detail=True),
    ]
    template = "community/community_article_page.html"

    class Meta:
        db_table = "content_communityarticlepage"
        verbose_name = _("community article")
        verbose_name_plural = _("community articles")

    def serve(self, request, *args, **kwargs):
        """Sensitive pages are never stored by a browser, proxy or the page cache
        (the same protection as the lessons' sensitive courses)."""
        response = super().serve(request, *args, **kwargs)
        if self.sensitive:
            response["Cache-Control"] = "private, no-store"
        return response

    def jsonld(self, request):
        """An ``Article`` (a voice from a village names its contributor as author)."""
        author = None
        if self.contributor_name:
            author = {"@type": "Person", "name": self.contributor_name}
            if self.contributor_village:
                author["homeLocation"] = {"@type": "Place", "name": self.contributor_village}
        return jsonld.article(self, request, author=author)

    def search_facets(self):
        topic = {"health": "health", "rights": "rights", "voice": "culture"}.get(self.kind)
        return {"commune": self.commune.code if self.commune_id else None, "topic": topic, "kind": self.kind}
