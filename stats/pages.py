"""The narrative part of a periodic report: a page under a section (the statistics section of
the site) that editors write with the shared body blocks, the indicator figure among them
(``stats.blocks``), and that links the report's published files."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.search import index

from content import jsonld
from content.blocks import BODY_BLOCKS, SOURCE_BLOCKS
from content.models import BasePage


class ReportNarrativePage(BasePage):
    report = models.ForeignKey(
        "stats.PeriodicReport",
        verbose_name=_("periodic report"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Its PDF and XLSX are linked from the page once the report is published."),
    )
    body = StreamField(BODY_BLOCKS, blank=True, verbose_name=_("body"))
    sources = StreamField(SOURCE_BLOCKS, blank=True, verbose_name=_("sources"))

    content_panels = BasePage.content_panels + [FieldPanel("report"), FieldPanel("body"), FieldPanel("sources")]
    search_fields = BasePage.search_fields + [index.SearchField("body")]
    parent_page_types = ["content.SectionPage"]
    subpage_types = []
    template = "stats/report_narrative_page.html"

    class Meta:
        verbose_name = _("report narrative page")
        verbose_name_plural = _("report narrative pages")

    @property
    def published_report(self):
        report = self.report
        return report if report is not None and report.is_published else None

    def jsonld(self, request):
        return jsonld.article(self, request, "Report")
