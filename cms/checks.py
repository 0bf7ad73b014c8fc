"""Start-up checks: the site's languages need their compiled catalogues.

Django accepts a language prefix (``/bdq/``, ``/hre/``, ``/hro/``) only when a
compiled catalogue (``.mo``) of that language exists; without one those URLs
redirect to ``/vi/…`` and three of the five languages vanish. The ``.mo`` files are
built by ``manage.py compile_catalogues`` (``make`` and the README's production steps
run it), not committed; this check makes ``migrate``, ``runserver`` and ``check``
fail loudly when they are missing instead of serving a site without its languages.
"""

import gettext

from django.conf import settings
from django.core.checks import Error, register
from django.utils.translation import to_locale
from django.utils.translation.trans_real import all_locale_paths


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
