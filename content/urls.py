"""``media_urlpatterns``: the missing-rendition fallback, which ``cms/urls.py``
adds without a language prefix."""

import re

from django.conf import settings
from django.urls import re_path

from .renditions import FOLDER, rendition_fallback

# /media/images/<name>: reached only when the media server has no such file
# (nginx ``try_files … @django``), or for every rendition when Django serves media.
media_urlpatterns = (
    [
        re_path(
            rf"^{re.escape(settings.MEDIA_URL.lstrip('/'))}{FOLDER}/(?P<name>[^/\x00]+)$",
            rendition_fallback,
            name="rendition_fallback",
        )
    ]
    if settings.MEDIA_URL.startswith("/")
    else []  # media on another host (S3): use manage.py regenerate_missing_renditions
)
