"""``ApiContext``: what serializing one response needs, without a request.

The requested locale, the base URL that absolute links are made from, and the
images loaded so far. Views build it from the request (``for_request``); tasks
and dumps from the site's public address (``for_site``), so background work
never fabricates an ``HttpRequest``.
"""

from types import SimpleNamespace

from ..baseurl import base_url
from .images import ImageSet, absolute

TYPES = {}  # model label ("heritage.storypage") → its PageType (content.api.pages)


class ApiContext:
    def __init__(self, base_url, locale):
        self.base_url = base_url.rstrip("/") + "/"
        self.locale = locale
        self.images = ImageSet(self.base_url)
        # Wagtail keeps the site root paths on whatever object it is given as
        # ``request``: one lookup per response, not one per page URL.
        self.url_cache = SimpleNamespace()

    @classmethod
    def for_request(cls, request, locale):
        # The public base URL, not the request's host (content.baseurl).
        return cls(base_url(), locale)

    @classmethod
    def for_site(cls, locale):
        return cls(base_url(), locale)

    def absolute(self, url):
        """An absolute URL for a path (``/api/v1/…``, a media URL)."""
        return absolute(self.base_url, url)

    def page_url(self, page):
        """The page's full URL on the public site ("" when it is not routable)."""
        return page.get_full_url(self.url_cache) or ""

    def api_url(self, page):
        """The absolute ``/api/v1/`` URL of a page whose type has endpoints, else None."""
        spec = TYPES.get(type(page)._meta.label_lower) or TYPES.get(
            getattr(page, "specific_class", type(page))._meta.label_lower
        )
        if spec is None:
            return None
        return self.absolute(f"/api/v1/{spec.path}/{page.pk}")
