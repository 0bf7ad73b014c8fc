"""Project middleware: security headers, the anonymous page/API cache, Brotli,
and a 503 page when the database is down.

Order in settings.MIDDLEWARE matters: SecurityHeadersMiddleware sits outside
the cache so cached responses get fresh headers; PageCacheMiddleware sits
outside compression, so it stores each encoding's final bytes and a hit skips
sessions, CSRF, auth, the view and compression altogether.
"""

import hashlib
import logging

from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseNotModified
from django.template import loader
from django.utils.cache import patch_vary_headers
from django.utils.http import parse_http_date_safe
from django.utils.regex_helper import _lazy_re_compile

from content import cache as content_cache

logger = logging.getLogger(__name__)

# ---------------------------------------------------------------------------
# Security headers
# ---------------------------------------------------------------------------

# Public pages run no inline script (base.html has none; keep it so).
PUBLIC_CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: https:",
        "font-src 'self'",
        "connect-src 'self'",
        "media-src 'self' https:",
        "frame-src 'self' https://www.youtube-nocookie.com https://www.openstreetmap.org",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'self'",
    ]
)
# Wagtail's admin needs inline scripts and eval for some widgets; it is only
# reachable by staff, and it still may not be framed or post elsewhere.
ADMIN_CSP = (
    "default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval'; "
    "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob: https:; "
    "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
    "frame-ancestors 'self'"
)
PERMISSIONS_POLICY = "camera=(), microphone=(), payment=(), usb=(), interest-cohort=()"
ADMIN_PREFIXES = ("/admin/", "/django-admin/")


class SecurityHeadersMiddleware:
    """Content-Security-Policy and the headers Django does not set itself."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        admin = request.path.startswith(ADMIN_PREFIXES)
        response.headers.setdefault("Content-Security-Policy", ADMIN_CSP if admin else PUBLIC_CSP)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        response.headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", settings.SECURE_REFERRER_POLICY)
        return response


# ---------------------------------------------------------------------------
# Database down: 503, never a stack trace
# ---------------------------------------------------------------------------


def service_unavailable(request=None):
    """The 503 page, rendered without context processors (they may query the DB)."""
    html = loader.get_template("cms/503.html").render({})
    response = HttpResponse(html, status=503)
    response["Retry-After"] = "60"
    response["Cache-Control"] = "no-store"
    return response


class DatabaseUnavailableMiddleware:
    """Turns a lost database connection in a view into a 503 page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, OperationalError | InterfaceError) or (type(exception) is DatabaseError):
            logger.error("Database unavailable: %s", exception)
            return service_unavailable(request)
        return None


# ---------------------------------------------------------------------------
# Anonymous page and API cache
# ---------------------------------------------------------------------------

NEVER_CACHE_PREFIXES = ("/admin/", "/django-admin/", "/documents/", "/i18n/", "/static/", "/media/")
# "no-cache" only tells browsers to revalidate; this cache is invalidated on
# every publish, so it may keep such responses (the sync feed says no-cache).
_no_store_re = _lazy_re_compile(r"\b(private|no-store)\b", flags=0)


def _encoding_class(request):
    accept = request.META.get("HTTP_ACCEPT_ENCODING", "")
    if "br" in accept and _brotli_available():
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
        if entry is not None and not (personal and entry["vary_cookie"]):
            return self._from_entry(request, entry)

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
                }
                content_cache.cache.set(key, entry, self.timeout)
            response["X-Cache"] = "MISS"
            if self._not_modified(request, etag, response.get("Last-Modified", "")):
                return self._not_modified_response(response)
        return response

    @staticmethod
    def _storable(response):
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not _no_store_re.search(response.get("Cache-Control", ""))
        )

    @staticmethod
    def _not_modified(request, etag, last_modified=""):
        """If-None-Match wins; without it, If-Modified-Since against Last-Modified."""
        header = request.META.get("HTTP_IF_NONE_MATCH", "")
        if header:
            candidates = [t.strip().removeprefix("W/") for t in header.split(",")]
            return "*" in candidates or etag.removeprefix("W/") in candidates
        since = parse_http_date_safe(request.META.get("HTTP_IF_MODIFIED_SINCE", ""))
        modified = parse_http_date_safe(last_modified) if last_modified else None
        return since is not None and modified is not None and modified <= since

    @staticmethod
    def _not_modified_response(source):
        response = HttpResponseNotModified()
        for header in ("ETag", "Last-Modified", "Cache-Control", "Vary", "Content-Language", "X-Cache"):
            if header in source:
                response[header] = source[header]
        return response

    def _from_entry(self, request, entry):
        response = HttpResponse(entry["content"], status=entry["status"])
        for k, v in entry["headers"]:
            response[k] = v
        response["X-Cache"] = "HIT"
        etag = response.get("ETag", "")
        if etag and self._not_modified(request, etag, response.get("Last-Modified", "")):
            return self._not_modified_response(response)
        return response


# ---------------------------------------------------------------------------
# Site lookup
# ---------------------------------------------------------------------------


class CachedSiteMiddleware:
    """Wagtail finds the request's Site with a query on every request; the
    answer changes only when a Site does, which bumps the content generation."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from wagtail.models import Site

        host, port = request._get_raw_host(), request.get_port()
        try:
            request._wagtail_site = content_cache.memoize(
                "site", (host, port), lambda: Site._find_for_request(request)
            )
        except (OperationalError, InterfaceError) as exc:  # outside the view: answer here
            logger.error("Database unavailable: %s", exc)
            return service_unavailable(request)
        return self.get_response(request)


# ---------------------------------------------------------------------------
# Brotli (gzip stays as the fallback: GZipMiddleware skips encoded responses)
# ---------------------------------------------------------------------------


def _brotli_available():
    try:
        import brotli  # noqa: F401
    except ImportError:
        return False
    return True


_accepts_br_re = _lazy_re_compile(r"\bbr\b")


class BrotliMiddleware:
    """Brotli-compresses text responses for clients that accept it.

    Placed after (inside) GZipMiddleware: a response it encodes is left alone
    by gzip; clients without ``br`` still get gzip."""

    min_length = 200
    types = (
        "text/",
        "application/json",
        "application/javascript",
        "application/xml",
        "image/svg+xml",
        "application/manifest+json",
    )

    def __init__(self, get_response):
        self.get_response = get_response
        self.available = _brotli_available()
        self.quality = getattr(settings, "BROTLI_QUALITY", 5)

    def __call__(self, request):
        response = self.get_response(request)
        if not self.available:
            return response
        patch_vary_headers(response, ("Accept-Encoding",))
        if (
            response.streaming
            or response.has_header("Content-Encoding")
            or len(response.content) < self.min_length
            or not response.get("Content-Type", "").startswith(self.types)
            or not _accepts_br_re.search(request.META.get("HTTP_ACCEPT_ENCODING", ""))
        ):
            return response
        import brotli

        compressed = brotli.compress(response.content, quality=self.quality)
        if len(compressed) >= len(response.content):
            return response
        response.content = compressed
        response["Content-Length"] = str(len(compressed))
        if response.has_header("ETag"):  # as GZipMiddleware does: same entity, weak tag
            response["ETag"] = "W/" + response["ETag"].removeprefix("W/")
        response["Content-Encoding"] = "br"
        return response
