"""A lost database is a 503 page with Retry-After, never a stack trace."""

import logging

from django.db import DatabaseError, InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader

logger = logging.getLogger(__name__)


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
