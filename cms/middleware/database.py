"""A lost database or a failing disk is a 503 with ``Retry-After``, never a stack trace.

The site gets its 503 page; ``/api/`` gets JSON ``{"code", "message"}`` like every
other API error (a phone's client parses it and retries later). Storage faults are
the ones ``content.files.is_storage_fault`` names (disk full, read-only, I/O error,
an incomplete write); any other ``OSError`` is a bug and stays a 500.
"""

import logging

from django.db import DatabaseError, InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader
from django.utils.translation import gettext_lazy as _

from content.api.errors import error_response
from content.files import is_storage_fault

logger = logging.getLogger(__name__)

RETRY_AFTER = "60"
MESSAGES = {
    "database_unavailable": _("The service is briefly unavailable. Try again in a minute."),
    "storage_unavailable": _("The service is briefly unavailable. Try again in a minute."),
}


def service_unavailable(request=None, code="database_unavailable"):
    """The 503: JSON under /api/, else the page rendered without context processors
    (they may query the DB)."""
    if request is not None and request.path.startswith("/api/"):
        response = error_response(request, 503, code, MESSAGES[code], headers={"Retry-After": RETRY_AFTER})
        return response
    html = loader.get_template("cms/503.html").render({})
    response = HttpResponse(html, status=503)
    response["Retry-After"] = RETRY_AFTER
    response["Cache-Control"] = "no-store"
    return response


def is_database_fault(exc):
    return isinstance(exc, OperationalError | InterfaceError) or type(exc) is DatabaseError


class DatabaseUnavailableMiddleware:
    """Turns a lost database connection or a storage fault in a view into a 503."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if is_database_fault(exception):
            logger.error("Database unavailable: %s", exception)
            return service_unavailable(request, "database_unavailable")
        if is_storage_fault(exception):
            logger.error("Storage fault: %s", exception)
            return service_unavailable(request, "storage_unavailable")
        return None
