"""Start-up checks: the public base URL is set in production (``public_base_url``),
and the site's languages need their compiled catalogues.

Django accepts a language prefix (``/bdq/``, ``/hre/``, ``/hro/``) only when a
compiled catalogue (``.mo``) of that language exists; without one those URLs
redirect to ``/vi/…`` and three of the five languages vanish. The ``.mo`` files are
built by ``manage.py compile_catalogues`` (``make`` and the README's production steps
run it), not committed; this check makes ``migrate``, ``runserver`` and ``check``
fail loudly when they are missing instead of serving a site without its languages.
"""

import gettext
from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Error, register
from django.http.request import validate_host
from django.utils.translation import to_locale
from django.utils.translation.trans_real import all_locale_paths

from content import baseurl


@register()
def public_base_url(app_configs=None, **kwargs):
    """Every absolute URL (API, sitemap, JSON-LD, ``.ics``, hreflang) is made from
    ``WAGTAILADMIN_BASE_URL`` (``content.baseurl``): in production it must be set, well
    formed and one of ``ALLOWED_HOSTS``, or the site would hand out links to nowhere."""
    value = settings.WAGTAILADMIN_BASE_URL
    found = [f"WAGTAILADMIN_BASE_URL={value!r}: {problem}." for problem in baseurl.problems(value)]
    if not settings.DEBUG and not found:
        if not getattr(settings, "PUBLIC_BASE_URL_FROM_ENV", True):
            found.append("WAGTAILADMIN_BASE_URL is not set: absolute URLs would point at http://127.0.0.1:8000.")
        elif not validate_host(urlsplit(value).hostname, settings.ALLOWED_HOSTS):
            found.append(f"The host of WAGTAILADMIN_BASE_URL={value!r} is not in DJANGO_ALLOWED_HOSTS.")
    return [
        Error(
            message,
            hint="Set WAGTAILADMIN_BASE_URL to the address readers use, e.g. https://example.org "
            "(README, Running in production), then run `manage.py set_site_address`.",
            id="nharong.E002",
        )
        for message in found
    ]


@register()
def compiled_catalogues(app_configs=None, **kwargs):
    paths = all_locale_paths()
    missing = [
        code
        for code, _name in settings.LANGUAGES
        if not any(gettext.find("django", path, [to_locale(code)]) for path in paths)
    ]
    if not missing:
        return []
    return [
        Error(
            f"No compiled catalogue for {', '.join(missing)}: their URLs would redirect to /vi/.",
            hint="Run `python manage.py compile_catalogues` (make does; see README, Running in production).",
            id="nharong.E001",
        )
    ]
