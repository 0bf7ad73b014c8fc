from django.conf import settings

from .locales import LANGUAGE_INFO


def site_context(request):
    """Values every public template needs: languages in their own names, site name."""
    return {
        "SITE_NAME": settings.WAGTAIL_SITE_NAME,
        "LANGUAGE_INFO": LANGUAGE_INFO,
    }
