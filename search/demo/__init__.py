"""Search demo step: runs after every other app's demo (``SearchConfig.demo_order``).

The name synonyms are seeded by migration ``0002_seed_synonyms``; this step
makes sure every public page has its facets and snippet text (pages published
before the search app existed, or loaded with signals off). Idempotent: a page
whose data is already there is not touched.
"""

from wagtail.models import Page

from content.cache import bump
from content.public import public_pages

from ..indexing import update_page
from ..models import PageSearchData


def load(loader):
    missing = public_pages(Page.objects.filter(depth__gt=1)).exclude(
        pk__in=PageSearchData.objects.values("page_id")
    )
    pages = list(missing.specific())
    for page in loader.progress(pages, "Search data") if pages else []:
        update_page(page)
    if pages:
        bump()
