"""Errors of /api/v1/: every 4xx is JSON ``{"code", "message"}``.

Raise ``ApiError(status, code, message)`` (or Django's ``Http404``; ninja's own
validation and authentication errors are caught too) and the client gets a
stable machine ``code`` and a ``message`` in the reader's language
(``install_error_handlers`` is called once, by ``cms/api.py``). The messages of
the learner API live here as one catalogue (``MESSAGES``), so that one
translation file (``content/locale``) holds every /api/v1/ message.
"""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja.errors import AuthenticationError, HttpError, ValidationError

from ..locales import DEFAULT_LANGUAGE, fallback_chain, normalize_language

API_URLCONF = "cms.api"  # a URLconf with only /api/v1/ (see error_response)
MESSAGE_LANGUAGES = ("vi", "en")  # API messages exist in these; others fall back along the chain


class ApiError(Exception):
    """A 4xx the client should handle: machine ``code`` + translated ``message``."""

    def __init__(self, status, code, message, detail=None, headers=None):
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.detail = detail
        self.headers = headers or {}


def message_language(request):
    """Language for human messages: ``?locale=`` first, then Accept-Language."""
    code = normalize_language(request.GET.get("locale")) if request is not None else None
    if code is None and request is not None:
        code = normalize_language(translation.get_language_from_request(request))
    for candidate in fallback_chain(code or DEFAULT_LANGUAGE):
        if candidate in MESSAGE_LANGUAGES:
            return candidate
    return DEFAULT_LANGUAGE


def error_response(request, status, code, message_fn, detail=None, headers=None):
    """A JSON error; ``message_fn`` is called inside the reader's language."""
    with translation.override(message_language(request)):
        message = str(message_fn() if callable(message_fn) else message_fn)
    body = {"code": code, "message": message}
    if detail is not None:
        body["detail"] = detail
    response = HttpResponse(
        json.dumps(body, ensure_ascii=False, cls=DjangoJSONEncoder),
        status=status,
        content_type="application/json; charset=utf-8",
    )
    response["Cache-Control"] = "no-store"
    for key, value in (headers or {}).items():
        response[key] = value
    patch_vary_headers(response, ["Accept-Language"])
    if status == 404 and request is not None:
        # LocaleMiddleware would turn an API 404 into a redirect to /vi/api/…/ (the page
        # catch-all matches it); under the API's own URLconf it has no i18n patterns to try.
        request.urlconf = API_URLCONF
    return response


def _validation_detail(errors):
    """Pydantic's error list without the offending input (it may be large or private)."""
    return [
        {
            "loc": [str(p) for p in err.get("loc", [])],
            "msg": str(err.get("msg", "")),
            "type": str(err.get("type", "")),
        }
        for err in errors
    ]


def install_error_handlers(api):
    """Make every 4xx of ``api`` a JSON ``{"code", "message"}`` in the reader's language."""

    @api.exception_handler(ApiError)
    def _api_error(request, exc):
        return error_response(request, exc.status, exc.code, exc.message, exc.detail, exc.headers)

    @api.exception_handler(Http404)
    def _not_found(request, exc):
        return error_response(request, 404, "not_found", lambda: _("Not found."))

    @api.exception_handler(AuthenticationError)
    def _unauthenticated(request, exc):
        return error_response(
            request,
            401,
            "unauthenticated",
            lambda: _("Sign in first: send 'Authorization: Bearer <token>'."),
            headers={"WWW-Authenticate": "Bearer"},
        )

    @api.exception_handler(HttpError)
    def _http_error(request, exc):
        if exc.status_code == 429:
            return error_response(request, 429, "rate_limited", lambda: _("Too many attempts. Try again later."))
        if exc.status_code == 400 and "Cannot parse request body" in str(exc):
            return error_response(request, 400, "malformed_json", lambda: _("The request body is not valid JSON."))
        return error_response(request, exc.status_code, "error", str(exc))

    @api.exception_handler(ValidationError)
    def _invalid(request, exc):
        errors = list(exc.errors)
        if any("Cannot parse request body" in str(e.get("msg", "")) for e in errors):
            return error_response(request, 400, "malformed_json", lambda: _("The request body is not valid JSON."))
        return error_response(
            request,
            422,
            "invalid_parameters",
            lambda: _("Some parameters are missing or have the wrong type."),
            detail=_validation_detail(errors),
        )


def invalid_filter(name, value, allowed=None):
    """400 for a filter value outside its choices (``allowed`` is listed in ``detail``)."""
    return ApiError(
        400,
        "invalid_filter",
        lambda: _("“%(value)s” is not a valid value for %(name)s.") % {"value": value, "name": name},
        detail={"allowed": list(allowed)} if allowed is not None else None,
    )


# ---------------------------------------------------------------------------
# Catalogued messages (the learner API's errors)
# ---------------------------------------------------------------------------

MESSAGES = {
    "rate_limited": gettext_lazy("Too many attempts. Try again later."),
    "username_taken": gettext_lazy("This username is already taken."),
    "phone_unavailable": gettext_lazy(
        "An account cannot be made with this phone number. If you already have one, sign in."
    ),
    "invalid_credentials": gettext_lazy("The username, phone number or password is wrong."),
    "course_not_found": gettext_lazy("Course not found."),
    "lesson_not_found": gettext_lazy("Lesson not found."),
    "quiz_not_found": gettext_lazy("Quiz not found in this lesson."),
    "prerequisites_missing": gettext_lazy("Finish the required courses first."),
    "batch_too_large": gettext_lazy("Too many events in one batch; send at most 500."),
    "refused": gettext_lazy("The request was refused."),
    "certificate_not_found": gettext_lazy("No valid certificate has this code."),
    "invalid_since": gettext_lazy("since must be a manifest hash."),
}


def api_error(status, code, message_key=None, **kwargs):
    """``ApiError`` with the catalogued message for ``code`` (or ``message_key``)."""
    return ApiError(status, code, MESSAGES.get(message_key or code, MESSAGES["refused"]), **kwargs)
