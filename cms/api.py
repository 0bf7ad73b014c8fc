"""Assembles /api/v1/ from the apps' routers; it defines no endpoint itself.

Each app declares its ninja router (``ProjectAppConfig.api_router``). The sync
router is built last because its payload is the union of every page type the
apps registered (``content.api.pages.PageType``). Every 4xx is JSON
``{"code", "message"}`` (``content.api.errors.install_error_handlers``).
"""

import re
from functools import wraps

from django.http import Http404
from django.urls import path
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _
from ninja import NinjaAPI, Router

from content.api.errors import ApiError, install_error_handlers
from content.api.responses import CompactJSONRenderer
from content.api.sync import build_sync_router
from content.project import project_apps

api = NinjaAPI(
    title="Nhà Rông API",
    version="1",
    description=(
        "Heritage, lessons and learner progress for the Nhà Rông mobile app. "
        "Lists take locale, limit/offset (max 100) and ordering; every page says which "
        "locale it was served in. Public GETs send ETag/Last-Modified and answer 304. "
        "Errors are JSON {code, message} in the requested language. Learner endpoints "
        "need the header `Authorization: Bearer TOKEN` with a TOKEN from `POST /api/v1/auth/token`."
    ),
    urls_namespace="api-v1",
    renderer=CompactJSONRenderer(),
)
install_error_handlers(api)

# A NUL character, raw or as a JSON escape (not an escaped backslash followed by "u0000").
NUL_IN_BODY = re.compile(rb"\x00|(?<!\\)(?:\\\\)*\\u0000")

NUL_MESSAGE = _("Some parameters are missing or have the wrong type.")  # already translated
MAX_ID = 2**31 - 1  # every {id} is a page id (32-bit); a larger one overflows SQLite's driver


def _has_nul(request):
    if "\x00" in request.path:
        return True
    if any("\x00" in key or "\x00" in value for key, values in request.GET.lists() for value in values):
        return True
    return request.method in ("POST", "PUT", "PATCH") and bool(NUL_IN_BODY.search(request.body))


def _id_out_of_range(kwargs):
    value = str(kwargs.get("id", "")).strip()
    return value.isascii() and value.isdigit() and int(value) > MAX_ID


def reject_unstorable(run):
    """Input no database can take is answered before it reaches a query (else a 500):
    NUL characters (PostgreSQL can neither store nor compare them) are a 400, an ``{id}``
    beyond 32 bits names no page (404)."""

    @wraps(run)
    def checked(request, *args, **kwargs):
        if _has_nul(request):
            return api.on_exception(request, ApiError(400, "invalid_characters", NUL_MESSAGE))
        if _id_out_of_range(kwargs):
            return api.on_exception(request, Http404())
        return run(request, *args, **kwargs)

    return checked


api.add_decorator(reject_unstorable, mode="view")

# Each project app's router (``ProjectAppConfig.api_router``); then the sync feed,
# whose payload is the union of every page type those routers registered.
for config in project_apps():
    if config.api_router:
        api.add_router("", import_string(config.api_router))
api.add_router("", build_sync_router())

fallback_router = Router()


@fallback_router.api_operation(["GET", "POST", "PUT", "PATCH", "DELETE"], "/{path:rest}", include_in_schema=False)
def unknown_endpoint(request, rest: str):
    """Unknown /api/v1/ paths answer a JSON 404, not the site's HTML page (added last)."""
    raise Http404


api.add_router("", fallback_router)


# Used as request.urlconf on API 404s, so LocaleMiddleware does not redirect them.
urlpatterns = [path("api/v1/", api.urls)]
