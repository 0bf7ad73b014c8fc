"""Models of the search app: the name-synonym snippet and per-page search data.

``PageSearchData`` keeps, for each public page, its facets (from the page's
``search_facets()``) and a plain-text excerpt for highlighted snippets, so a
results page costs a constant number of queries whatever the page types.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet

from .folding import fold_query

FACET_NAMES = ("group", "topic", "commune", "kind")


class NameSynonym(models.Model):
    """Spellings of one name (a people, a place, a festival) that mean the same.

    A query containing any spelling also searches for all the others.
    """

    name = models.CharField(
        _("name"), max_length=120, unique=True, help_text=_("The usual Vietnamese spelling, e.g. 'Ba Na'.")
    )
    variants = models.TextField(
        _("other spellings"),
        help_text=_("One spelling per line, e.g. 'Bana', 'Bahnar'. Diacritics and case do not matter."),
    )
    note = models.CharField(_("note"), max_length=255, blank=True)

    panels = [FieldPanel("name"), FieldPanel("variants"), FieldPanel("note")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("name synonym")
        verbose_name_plural = _("name synonyms")

    def __str__(self):
        return self.name

    def spellings(self):
        """Every folded spelling of the name, itself included, without duplicates."""
        raw = [self.name, *self.variants.replace(",", "\n").splitlines()]
        seen = []
        for spelling in raw:
            folded = fold_query(spelling)
            if folded and folded not in seen:
                seen.append(folded)
        return seen


register_snippet(NameSynonym)


class PageSearchData(models.Model):
    """What the result list needs about a page, written when the page is published."""

    page = models.OneToOneField(
        "wagtailcore.Page", on_delete=models.CASCADE, primary_key=True, related_name="search_data"
    )
    facets = models.JSONField(default=dict, blank=True)
    text = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("page search data")
        verbose_name_plural = _("page search data")

    def __str__(self):
        return f"search data of page {self.page_id}"
