"""The one rule that decides what the public may see.

A page is public when it is live, not under a view restriction (itself or an
ancestor), and not past its expiry time. The site, the API, the sync feed,
bundles, search and the sitemap all ask this module, never their own filter.
"""

from django.db.models import Q
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction


def public_pages(queryset=None):
    """Narrow a page queryset (default: all pages) to what the public may see."""
    qs = Page.objects.all() if queryset is None else queryset
    return qs.live().public().filter(Q(expire_at__isnull=True) | Q(expire_at__gt=timezone.now()))


def is_public(page):
    """The same rule for one page instance (no query when it is plainly not live)."""
    if not page.live:
        return False
    if page.expire_at and page.expire_at <= timezone.now():
        return False
    return not PageViewRestriction.objects.filter(
        page__in=page.get_ancestors(inclusive=True)
    ).exists()
