"""Content-Security-Policy and the security headers Django does not set itself."""

from django.conf import settings

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
    "media-src 'self' blob:; "  # the narration recorder plays back what was just recorded
    "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
    "frame-ancestors 'self'"
)
PERMISSIONS_POLICY = "camera=(), microphone=(), payment=(), usb=(), interest-cohort=()"
# The admin may use the microphone of its own pages: narration is recorded in the browser
# (content.admin_recordings); the public site never asks for it.
ADMIN_PERMISSIONS_POLICY = PERMISSIONS_POLICY.replace("microphone=()", "microphone=(self)")
ADMIN_PREFIXES = ("/admin/", "/django-admin/")


class SecurityHeadersMiddleware:
    """Content-Security-Policy and the headers Django does not set itself."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        admin = request.path.startswith(ADMIN_PREFIXES)
        response.headers.setdefault("Content-Security-Policy", ADMIN_CSP if admin else PUBLIC_CSP)
        response.headers.setdefault(
            "Permissions-Policy", ADMIN_PERMISSIONS_POLICY if admin else PERMISSIONS_POLICY
        )
        response.headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", settings.SECURE_REFERRER_POLICY)
        return response
