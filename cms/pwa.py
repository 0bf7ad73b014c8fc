"""The public site as an installable web app: the manifest, the service worker and the
two pages it keeps for offline use (the offline page and "Saved for offline").

The service worker is a template (``templates/cms/sw.js``) so it can name the current
static files (hashed by the manifest storage); its version is the hash of what it
says, so a deploy that changes a static file changes the worker and its shell cache.
It is served from the site root with ``Service-Worker-Allowed: /`` and ``no-cache``
(browsers check it again on every visit). What the worker does is described in it.
"""

import hashlib
import json

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from lessons.offline_files import offline_strings

SHELL_STATIC = (
    "css/site.css",
    "fonts/be-vietnam-pro-400.woff2",
    "fonts/be-vietnam-pro-700.woff2",
    "js/offline.js",
    "lessons/learning.js",
    "img/nharong.svg",
    "img/favicon.svg",
    "img/icon-192.png",
)
THEME_COLOUR = "#1f2a44"  # --indigo of site.css, the header
BACKGROUND = "#faf6ee"  # --paper


def _languages():
    return [code for code, _name in settings.LANGUAGES]


@require_GET
def manifest(request):
    """``/manifest.webmanifest?lang=<code>``: name, start page and text in that language."""
    language = request.GET.get("lang", settings.LANGUAGE_CODE)
    if language not in _languages():
        language = settings.LANGUAGE_CODE
    with translation.override(language):
        data = {
            "id": "/",
            "name": settings.WAGTAIL_SITE_NAME,
            "short_name": settings.WAGTAIL_SITE_NAME,
            "description": _("Heritage and learning of the Bana, Chăm H'roi and H'rê peoples"),
            "lang": language,
            "dir": "ltr",
            "start_url": f"/{language}/",
            "scope": "/",
            "display": "standalone",
            "background_color": BACKGROUND,
            "theme_color": THEME_COLOUR,
            "icons": [
                {"src": static("img/icon-192.png"), "sizes": "192x192", "type": "image/png", "purpose": "any"},
                {"src": static("img/icon-512.png"), "sizes": "512x512", "type": "image/png", "purpose": "any"},
                {
                    "src": static("img/icon-maskable-512.png"),
                    "sizes": "512x512",
                    "type": "image/png",
                    "purpose": "maskable",
                },
            ],
            "shortcuts": [{"name": _("Saved for offline"), "url": f"/{language}/saved/"}],
        }
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False})
    response["Content-Type"] = "application/manifest+json"
    response["Cache-Control"] = "public, max-age=86400"
    return response


def service_worker_source():
    """The worker's JavaScript, with the current static URLs and its version."""
    languages = _languages()
    shell = [static(name) for name in SHELL_STATIC]
    shell += [f"/{code}/offline/" for code in languages] + [f"/{code}/saved/" for code in languages]
    context = {
        "shell_urls": json.dumps(shell),
        "offline_pages": json.dumps({code: f"/{code}/offline/" for code in languages}),
        "default_language": settings.LANGUAGE_CODE,
        "version": "",
    }
    draft = render_to_string("cms/sw.js", context)
    context["version"] = hashlib.sha256(draft.encode()).hexdigest()[:12]
    return render_to_string("cms/sw.js", context)


@require_GET
def service_worker(request):
    response = HttpResponse(service_worker_source(), content_type="text/javascript; charset=utf-8")
    response["Service-Worker-Allowed"] = "/"
    response["Cache-Control"] = "no-cache"
    return response


@require_GET
def offline_page(request):
    """What the worker shows for a page it has not kept (in the visitor's language)."""
    response = render(request, "cms/offline.html")
    response["Cache-Control"] = "public, max-age=3600"
    return response


@require_GET
def saved_page(request):
    """The courses kept on this phone; filled from IndexedDB by ``static/js/offline.js``
    (the page itself is the same for everyone, so the worker keeps it)."""
    strings = json.dumps(offline_strings(), ensure_ascii=False).replace("<", "\\u003c")
    response = render(request, "cms/saved.html", {"strings_json": strings})
    response["Cache-Control"] = "public, max-age=3600"
    return response
