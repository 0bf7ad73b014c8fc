"""The one rule that decides what the public may see.

A page is public when it is live, not under a view restriction (itself or an
ancestor), not past its expiry time, and not a translation still waiting for its
translators (``content.translations``: readers get the source page instead, marked
"not yet translated", through the translation rule). The site, the API, the sync feed,
bundles, search and the sitemap all ask this module, never their own filter.
"""

from django.db.models import Q
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction

from .cache import memoize
from .cachetags import depends_on
from .translations import unfinished_ids


def restricted_paths():
    """Tree paths of the pages under a view restriction (they and their
    descendants are private). Wagtail's ``.public()`` reads them with a query
    on every call; they change only when a restriction or the tree does, and
    both bump the content generation."""
    return memoize(
        "restricted_paths",
        (),
        lambda: sorted(
            set(
                # The pages whose ids are in the (small) restriction table, looked up by
                # primary key: joined instead, SQLite walked the whole page table.
                Page.objects.filter(pk__in=PageViewRestriction.objects.values("page_id"))
                .order_by()
                .values_list("path", flat=True)
            )
        ),
    )


def alias_paths():
    """Tree paths of alias pages (they take their source's restrictions).

    Read through the index on ``alias_of_id`` (a range ``> 0``, which SQLite's
    planner uses where it scans the table for ``IS NOT NULL``; unordered, since
    the page model's default order by path would walk the whole path index), so
    a cold request costs the same whatever the number of pages; kept per
    generation of the ``aliases`` tag."""

    def compute():
        depends_on("aliases")  # bumped when an alias page is saved or deleted (content.cache)
        return sorted(Page.objects.filter(alias_of__gt=0).order_by().values_list("path", flat=True))

    return memoize("alias_paths", (), compute)


def may_be_restricted(page):
    """False when no view restriction can apply to ``page``: no restricted page is
    it or an ancestor, and neither is an alias (whose source could be restricted).
    Lets the serve-time check skip its queries for the common public page."""
    path = page.path
    return any(path.startswith(p) for p in restricted_paths()) or any(path.startswith(p) for p in alias_paths())


def public_pages(queryset=None):
    """Narrow a page queryset (default: all pages) to what the public may see."""
    qs = Page.objects.all() if queryset is None else queryset
    qs = qs.live().filter(Q(expire_at__isnull=True) | Q(expire_at__gt=timezone.now()))
    private = Q()
    for path in restricted_paths():
        private |= Q(path__startswith=path)
    unfinished = unfinished_ids()
    if unfinished:
        private |= Q(pk__in=unfinished)
    return qs.exclude(private) if private else qs


def is_public(page):
    """The same rule for one page instance (no query when it is plainly not live)."""
    if not page.live:
        return False
    if page.expire_at and page.expire_at <= timezone.now():
        return False
    if page.pk in unfinished_ids():
        return False
    return not PageViewRestriction.objects.filter(page__in=page.get_ancestors(inclusive=True)).exists()


def listed_pages(queryset=None):
    """Public pages that may also appear in listings, search, API lists and sync upserts.

    A page model can hide some of its public pages from lists while keeping their
    own URL reachable (a job past its deadline) by defining a classmethod
    ``search_queryset_filter(qs)``; every such hook is applied here, at query time.
    """
    from wagtail.models import get_page_models

    qs = public_pages(queryset)
    for model in get_page_models():
        hook = model.__dict__.get("search_queryset_filter")
        if hook is not None:
            qs = model.search_queryset_filter(qs)
    return qs
