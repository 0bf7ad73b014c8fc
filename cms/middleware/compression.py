"""Brotli for clients that accept it; gzip (Django's GZipMiddleware) stays the fallback.

Both encode text only: a zip (course bundle), a picture, a PDF or an MP3 is already
compressed, and gzipping it again gains nothing and makes its length depend on the
request (``HEAD``'s ``Content-Length`` and the body's differed, so the app's download
size was wrong).
"""

from django.conf import settings
from django.middleware.gzip import GZipMiddleware
from django.utils.cache import patch_vary_headers
from django.utils.regex_helper import _lazy_re_compile

TEXT_TYPES = (
    "text/",
    "application/json",
    "application/ld+json",
    "application/javascript",
    "application/xml",
    "application/rss+xml",
    "application/atom+xml",
    "application/geo+json",
    "application/manifest+json",
    "application/x-ndjson",
    "image/svg+xml",
    "text/turtle",
)


def is_text(response):
    return response.get("Content-Type", "").startswith(TEXT_TYPES)


class GZipTextMiddleware(GZipMiddleware):
    """Django's gzip, for text responses only (see the module's docstring)."""

    def process_response(self, request, response):
        if not is_text(response):
            return response
        return super().process_response(request, response)


def brotli_available():
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

    def __init__(self, get_response):
        self.get_response = get_response
        self.available = brotli_available()
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
            or not is_text(response)
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
