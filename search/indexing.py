"""Keep ``PageSearchData`` in step with what is published.

Wagtail's own signal handlers (re)index a page in the search backend on every
save and remove it on delete; what the public may see is decided at query
time by ``content.public.public_pages``. This module adds each page's facets
and snippet text on publish and drops them on unpublish. What search keeps
(vocabulary, synonyms, popular topics) is kept per content generation
(``content.cache``), like everything else: a publish or a synonym edit makes it
stale in every worker at once.
"""

from modelsearch import index
from wagtail.signals import page_published, page_unpublished

from content import cachetags

from .backends.folded import to_text
from .models import FACET_NAMES, PageSearchData

TEXT_LIMIT = 4000


def page_text(page):
    """Plain text of the page's searchable fields other than the title."""
    parts = []
    for field in page.get_search_fields():
        if isinstance(field, index.SearchField) and field.field_name != "title":
            try:
                parts.append(to_text(field.get_value(page)))
            except Exception:  # a broken field must not stop publishing
                continue
    text = " ".join(p.strip() for p in parts if p and p.strip())
    return " ".join(text.split())[:TEXT_LIMIT]


def page_facets(page):
    """The page's ``search_facets()`` limited to known names and string values."""
    method = getattr(page, "search_facets", None)
    if not callable(method):
        return {}
    try:
        raw = method() or {}
    except Exception:
        return {}
    facets = {}
    for name in FACET_NAMES:
        values = raw.get(name) or []
        if isinstance(values, str):
            values = [values]
        clean = sorted({str(v).strip() for v in values if v is not None and str(v).strip()})
        if clean:
            facets[name] = clean
    return facets


def update_page(page):
    page = page.specific
    PageSearchData.objects.update_or_create(
        page_id=page.pk, defaults={"facets": page_facets(page), "text": page_text(page)}
    )
    cachetags.bump("search")  # search results only: pages were invalidated by the publish


def on_published(sender, instance, **kwargs):
    update_page(instance)


def on_unpublished(sender, instance, **kwargs):
    PageSearchData.objects.filter(page_id=instance.pk).delete()
    cachetags.bump("search")


def connect():
    page_published.connect(on_published, dispatch_uid="search-page-published")
    page_unpublished.connect(on_unpublished, dispatch_uid="search-page-unpublished")
