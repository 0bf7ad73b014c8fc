"""The public base URL: one source for every absolute URL the site hands out.

``WAGTAILADMIN_BASE_URL`` (the environment; ``make setup`` copies it into the default
``Site`` record with ``manage.py set_site_address``) is the address readers use. The
API's ``url``/``api_url``/image URLs and paging links, ``/api/v2/`` ``detail_url``
(``WAGTAILAPI_BASE_URL`` follows it), the sitemap, JSON-LD, hreflang links, ``robots.txt``
and the ``.ics`` all make their absolute URLs here, never from the request's ``Host``
(a proxy's or a port-forward's address) nor from a Site record that may disagree.
``cms.checks`` refuses to start in production when it is missing or malformed.
"""

from urllib.parse import urlsplit

from django.conf import settings


def base_url():
    """``scheme://host[:port]`` without a trailing slash."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def absolute(url):
    """``url`` (a path such as ``/vi/…`` or a media URL) made absolute on the public address."""
    if not url or "://" in url or url.startswith("//"):
        return url
    return base_url() + (url if url.startswith("/") else "/" + url)


def problems(value):
    """What is wrong with ``value`` as a public base URL (empty list: nothing)."""
    parts = urlsplit(value or "")
    found = []
    if parts.scheme not in ("http", "https") or not parts.hostname:
        found.append("it must be an absolute http(s) URL such as https://example.org")
    if parts.path.strip("/") or parts.query or parts.fragment:
        found.append("it must have no path, query or fragment")
    return found
