from django.conf import settings
from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from content.baseurl import base_url
from content.cache import fragment_cache_alias, generation
from content.cachetags import fragment_token
from content.locales import LANGUAGE_INFO


def site_context(request):
    """Values every public template needs: languages in their own names, site
    name, and what a ``{% cache %}`` fragment of public content is keyed on."""
    return {
        "SITE_NAME": settings.WAGTAIL_SITE_NAME,
        "PUBLIC_BASE_URL": base_url(),  # absolute links (hreflang) use it, never the request's host
        "LANGUAGE_INFO": LANGUAGE_INFO,
        "FRAGMENT_CACHE": fragment_cache_alias(request),
        "FRAGMENT_SECONDS": settings.PAGE_CACHE_SECONDS,
        # Site-wide generation and this URL's cache tags (content.cachetags), read
        # only by a template that keys a fragment on them.
        "CONTENT_GENERATION": SimpleLazyObject(lambda: f"{generation()}-{fragment_token(request)}"),
        "CACHE_DAY": timezone.localdate().isoformat(),  # dates like "next festival" change daily
    }
