"""The anonymous page and API response cache, invalidated per page.

Keys carry ``content.cache.generation()`` (site-wide changes: snippets,
settings, images); each entry records the cache tags its response read
(``content.cachetags``) and is served only while they are unchanged, so a
publish makes stale only the responses that show the page. Conditional GET
on hits and misses is ``content.api.conditional`` (the API uses the same).
A hit reads the site and ``WRITES`` generations (with Redis held in the process while
Redis says they are unchanged: ``content.tagwatch``) and gives this process's copy of
the entry when it has a fresh one (``content.localcopy``).
"""

import hashlib
import time
from http import HTTPStatus

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.core.handlers.wsgi import WSGIRequest
from django.http import HttpResponse
from django.utils.regex_helper import _lazy_re_compile

from content import cache as content_cache
from content import cachetags, localcopy
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


def _size(key, entry):
    """About the bytes a kept entry holds in memory (body, headers, key)."""
    return len(entry["content"]) + len(key) + sum(len(k) + len(v) + 100 for k, v in entry["headers"]) + 500


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

    def _key(self, request, encoding, generation=None):
        lang = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        accept_lang = request.META.get("HTTP_ACCEPT_LANGUAGE", "")[:40]
        # The scheme too: the security middleware (inside this one) redirects plain HTTP
        # and sends HSTS on HTTPS, and a kept response carries what it sent.
        raw = "|".join([request.scheme, request.get_host(), request.get_full_path(), encoding, lang, accept_lang])
        digest = hashlib.md5(raw.encode(), usedforsecurity=False).hexdigest()
        return f"pagecache:{content_cache.generation() if generation is None else generation}:{digest}"

    @staticmethod
    def _public_read(request):
        """A GET or HEAD without credentials, outside the paths never kept."""
        return (
            request.method in ("GET", "HEAD")
            and "HTTP_AUTHORIZATION" not in request.META
            and not request.path.startswith(NEVER_CACHE_PREFIXES)
        )

    def _cacheable(self, request):
        return self.enabled and self._public_read(request)

    def kept_entry(self, request, key=None, now=None):
        """The kept entry for ``request`` if there is a fresh one it may be given, else None.

        ``now``: ``content_cache.generation_and_writes()`` read for this request (``key``
        was made with its generation), so a hit reads the generations once."""
        if now is None:
            now = content_cache.generation_and_writes()
        if key is None:
            key = self._key(request, _encoding_class(request), now[0])
        entry = self._fresh_entry(key, now[1])
        personal = any(name in request.COOKIES for name in _personal_cookie_names())
        if entry is not None and not (personal and entry["vary_cookie"]):
            return entry
        return None

    @staticmethod
    def _fresh_entry(key, writes):
        """The entry kept under ``key`` if its tags are unchanged (``writes``: the
        ``WRITES`` generation read for this request), from this process's copy when it
        has one (``content.localcopy``: no fetch from Redis and no unpickling)."""
        copies = localcopy.usable(writes)
        if copies is not None:
            entry = copies.get(key, writes)
            if entry is not None:
                # In process, a copy lives only as long as its entry (cleared, culled):
                # a look at the key, no unpickling. Redis's own clearing changes the keys.
                if cachetags.shared() or content_cache.cache.has_key(key):
                    return entry
                copies.discard(key)
        entry = content_cache.cache.get(key)
        if entry is None:
            return None
        recorded = entry.get("tags", {cachetags.ANY_PAGE: None})
        if not cachetags.fresh(recorded, since=entry.get("since"), writes=writes):
            return None
        if copies is not None:
            copies.put(key, entry, recorded, writes, _size(key, entry), entry.get("expires"))
        return entry

    def kept(self, request):
        """The kept response for ``request`` if there is a fresh one, else None."""
        entry = self.kept_entry(request)
        return None if entry is None else self._from_entry(request, entry)

    def __call__(self, request):
        if not self._models_connected:
            content_cache.connect_models()
            self._models_connected = True
        if not self._cacheable(request):
            if self._scoped(request):
                return self._remembering_scope(request)
            return self.get_response(request)

        personal = any(name in request.COOKIES for name in _personal_cookie_names())
        now = content_cache.generation_and_writes()
        key = self._key(request, _encoding_class(request), now[0])
        entry = self.kept_entry(request, key, now)
        if entry is not None:
            return self._from_entry(request, entry)

        since = now[1]  # read before anything the response shows
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
                    "since": since,
                    "expires": time.time() + self.timeout,  # for copies (content.localcopy)
                }
                content_cache.cache.set(key, entry, self.timeout)
                copies = localcopy.usable(since)
                if copies is not None:  # its tags were read after ``since``: valid at it
                    copies.put(key, entry, entry["tags"], since, _size(key, entry), entry["expires"])
                cachetags.remember_scope(request, entry["tags"], self.timeout)
            response["X-Cache"] = "MISS"
            if is_not_modified(request, etag, response.get("Last-Modified") or None):
                return not_modified_from(response)
        return response

    def _scoped(self, request):
        """A GET that would be kept but for the page cache being off: its fragments can
        still be reused (``cachetags.fragment_token`` needs the tags its URL's response
        read, which a kept response records)."""
        return (
            not self.enabled
            and request.method == "GET"
            and content_cache.fragments_enabled()
            and self._public_read(request)
        )

    def _remembering_scope(self, request):
        """Render without keeping the response, and remember which tags it read, so the
        next render of this URL reuses its fragments (the same check as with the page
        cache on: the generations of those tags are in each fragment's key)."""
        with cachetags.collecting() as collector:
            response = self.get_response(request)
        if self._storable(response) and not getattr(request, "is_preview", False):
            cachetags.remember_scope(request, collector.final_tags(), self.timeout)
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


class KeptResponses:
    """WSGI: answer from the page cache before Django's request cycle runs.

    Why: a kept page is bytes in memory, yet through the handler a hit paid for the
    request signals, the middleware chain and the response's header checks: several
    times what the lookup costs (``make bench`` compares it with nginx serving the same
    bytes). Only what ``PageCacheMiddleware`` would itself answer from the cache is
    answered here, with the same response (the middleware sits outside everything but
    static files and CORS, so a kept response carries every header it was sent with).
    Anything else (a miss, a cross-origin request, a host Django refuses, a personal
    request for a page that varies on cookies) goes to Django unchanged.
    """

    def __init__(self, app):
        self.app = app
        self.pagecache = PageCacheMiddleware(get_response=None)

    def __call__(self, environ, start_response):
        if "HTTP_ORIGIN" in environ:  # CORS headers depend on it (corsheaders, outside the cache)
            return self.app(environ, start_response)
        try:
            # a copy: WSGIRequest writes the decoded PATH_INFO back into the environ it
            # is given, and Django, reading it again for a miss, could not re-encode it
            request = WSGIRequest(environ.copy())
            entry = self.pagecache.kept_entry(request) if self.pagecache._cacheable(request) else None
        except (DisallowedHost, UnicodeError):  # a refused host, a path not in WSGI's latin-1:
            entry = None  # Django answers them as without this shortcut
        if entry is None:
            return self.app(environ, start_response)
        if "HTTP_IF_NONE_MATCH" in environ or "HTTP_IF_MODIFIED_SINCE" in environ:
            response = self.pagecache._from_entry(request, entry)  # 304 or 200, as the middleware
            headers, status, body = list(response.items()), response.status_code, response.content
        else:
            headers, status, body = [*entry["headers"], ("X-Cache", "HIT")], entry["status"], entry["content"]
        start_response(f"{status} {HTTPStatus(status).phrase}", headers)
        return [body]
