"""The anonymous page and API response cache, invalidated per page.

Keys carry ``content.cache.generation()`` (site-wide changes: snippets,
settings, images); each entry records the cache tags its response read
(``content.cachetags``) and is served only while they are unchanged, so a
publish makes stale only the responses that show the page. Conditional GET
on hits and misses is ``content.api.conditional`` (the API uses the same).
"""

import hashlib

from django.conf import settings
from django.http import HttpResponse
from django.utils.regex_helper import _lazy_re_compile

from content import cache as content_cache
from content import cachetags
from content.api.conditional import is_not_modified, not_modified_from

from .compression import brotli_available

NEVER_CACHE_PREFIXES = ("/admin/", "/django-admin/", "/documents/", "/i18n/", "/static/", "/media/")
# "no-cache" only tells browsers to revalidate; this cache is invalidated on
# every publish, so it may keep such responses (the sync feed says no-cache).
_no_store_re = _lazy_re_compile(r"\b(private|no-store)\b", flags=0)


def _encoding_class(request):
    accept = request.META.get("HTTP_ACCEPT_ENCODING", "")
    if "br" in accept and brotli_available():
        return "br"
    if "gzip" in accept:
        return "gzip"
    return "id"


def _personal_cookie_names():
    return {
        getattr(settings, "SESSION_COOKIE_NAME", "sessionid"),
        getattr(settings, "CSRF_COOKIE_NAME", "csrftoken"),
        "messages",
    }


class PageCacheMiddleware:
    """Caches 200 GET responses that are the same for every anonymous visitor.

    A response is stored only when it sets no cookie and does not say
    private or no-store. Requests with an Authorization header skip the
    cache; requests carrying a session/CSRF/messages cookie are served from it
    only when the stored page did not vary on Cookie (so a learner's personal
    page is always rendered fresh, but public pages stay fast for them too).
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.timeout = getattr(settings, "PAGE_CACHE_SECONDS", 600)
        self.enabled = getattr(settings, "PAGE_CACHE_ENABLED", True)
        self._models_connected = False

    def _key(self, request, encoding):
        lang = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        accept_lang = request.META.get("HTTP_ACCEPT_LANGUAGE", "")[:40]
        raw = "|".join([request.get_host(), request.get_full_path(), encoding, lang, accept_lang])
        digest = hashlib.md5(raw.encode(), usedforsecurity=False).hexdigest()
        return f"pagecache:{content_cache.generation()}:{digest}"

    def __call__(self, request):
        if not self._models_connected:
            content_cache.connect_models()
            self._models_connected = True
        if (
            not self.enabled
            or request.method not in ("GET", "HEAD")
            or "HTTP_AUTHORIZATION" in request.META
            or request.path.startswith(NEVER_CACHE_PREFIXES)
        ):
            return self.get_response(request)

        personal = any(name in request.COOKIES for name in _personal_cookie_names())
        key = self._key(request, _encoding_class(request))
        entry = content_cache.cache.get(key)
        if (
            entry is not None
            and not (personal and entry["vary_cookie"])
            and cachetags.fresh(entry.get("tags", {cachetags.ANY_PAGE: None}))
        ):
            return self._from_entry(request, entry)

        with cachetags.collecting() as collector:
            response = self.get_response(request)
        if self._storable(response):
            vary_cookie = "cookie" in response.get("Vary", "").lower()
            etag = response.get("ETag") or (
                '"' + hashlib.md5(response.content, usedforsecurity=False).hexdigest() + '"'
            )
            response["ETag"] = etag
            if "Cache-Control" not in response:
                response["Cache-Control"] = "public, max-age=60" if not vary_cookie else "max-age=0"
            if not (personal and vary_cookie) and request.method == "GET":
                entry = {
                    "status": response.status_code,
                    "headers": [(k, v) for k, v in response.items() if k.lower() not in ("date",)],
                    "content": response.content,
                    "vary_cookie": vary_cookie,
                    "tags": cachetags.generations(collector.final_tags()),
                }
                content_cache.cache.set(key, entry, self.timeout)
                cachetags.remember_scope(request, entry["tags"], self.timeout)
            response["X-Cache"] = "MISS"
            if is_not_modified(request, etag, response.get("Last-Modified") or None):
                return not_modified_from(response)
        return response

    @staticmethod
    def _storable(response):
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not _no_store_re.search(response.get("Cache-Control", ""))
        )

    def _from_entry(self, request, entry):
        response = HttpResponse(entry["content"], status=entry["status"])
        for k, v in entry["headers"]:
            response[k] = v
        response["X-Cache"] = "HIT"
        etag = response.get("ETag", "")
        if etag and is_not_modified(request, etag, response.get("Last-Modified") or None):
            return not_modified_from(response)
        return response
