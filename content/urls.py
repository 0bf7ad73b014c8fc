"""``media_urlpatterns``: the missing-rendition fallback, and the only address of
recorded narration files (``content.recordings.serve``: approved recordings of public
pages), which ``cms/urls.py`` adds without a language prefix."""

import re

from django.conf import settings
from django.urls import path, re_path

from .recordings import serve as serve_recording
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

media_urlpatterns.append(path("narration/<int:pk>.mp3", serve_recording, name="narration_recording"))
