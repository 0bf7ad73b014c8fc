"""Learner accounts for the app: register, sign in for a bearer token, sign out.

The rules and limits are ``lessons.learners.accounts``'s, the same as the
website's forms; a refused attempt is a JSON error with the rule's code (past
the limits a 429 with ``Retry-After``). Tokens are stored as SHA-256 hashes.
"""

import hashlib

from django.conf import settings
from ninja import Router, Schema
from ninja.security import HttpBearer, SessionAuth
from pydantic import Field

from content.api.errors import ApiError
from content.api.responses import private_json
from content.api.schemas import ErrorOut

from ..learners.accounts import (
    LOGIN_WINDOW,
    AccessToken,
    AccountError,
    LearnerProfile,
    authenticate_learner,
    check_new_account,
    check_signup_rate,
    create_learner,
)

router = Router(tags=["auth"])
LANGUAGE_PATTERN = "^(" + "|".join(code for code, _name in settings.LANGUAGES) + ")$"
STATUS = {"rate_limited": 429, "username_taken": 409, "phone_unavailable": 409, "invalid_credentials": 401}


class BearerAuth(HttpBearer):
    """``Authorization: Bearer <token>`` → the learner (``request.auth``)."""

    def authenticate(self, request, token):
        user = AccessToken.authenticate(token)
        if user is not None:
            request.api_token_hash = hashlib.sha256(token.encode()).hexdigest()
        return user


bearer = BearerAuth()


class SiteSession(SessionAuth):
    """A learner signed in on the website, for the few endpoints its offline script
    calls (``static/js/offline.js``: progress events kept on the phone). Django's CSRF
    check applies to every unsafe request (the ``X-CSRFToken`` header); a request
    without the session cookie is simply not this kind (so the app still gets 401)."""

    def __call__(self, request):
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            return None
        return super().__call__(request)


site_session = SiteSession()


def api_refusal(exc):
    """An ``AccountError`` as the API's JSON error."""
    status = STATUS.get(exc.code, 400)
    headers = {"Retry-After": str(LOGIN_WINDOW)} if status == 429 else None
    return ApiError(status, exc.code, exc.message, headers=headers)


class RegisterIn(Schema):
    username: str = Field(
        min_length=3, max_length=40, pattern=r"^[\w.\-]+$", description="Letters, digits and . _ -."
    )
    password: str = Field(min_length=1, max_length=128)
    display_name: str = Field("", max_length=100)
    phone: str | None = Field(
        None, max_length=20, pattern=r"^\+?[0-9 .()\-]{9,20}$", description="9 to 15 digits."
    )
    preferred_language: str = Field(settings.LANGUAGE_CODE, pattern=LANGUAGE_PATTERN)


class TokenIn(Schema):
    login: str = Field(min_length=1, max_length=150, description="Username or phone number.")
    password: str = Field(min_length=1, max_length=128)


class MeOut(Schema):
    id: int
    username: str
    display_name: str
    phone: str | None
    preferred_language: str


class TokenOut(Schema):
    token: str = Field(description="Send it as the header `Authorization: Bearer TOKEN`. Shown only once.")
    token_type: str = "Bearer"
    user: MeOut


def me_data(user):
    profile = LearnerProfile.objects.filter(user=user).first()
    return {
        "id": user.pk,
        "username": user.get_username(),
        "display_name": profile.display_name if profile else "",
        "phone": profile.phone if profile else None,
        "preferred_language": profile.preferred_language if profile else settings.LANGUAGE_CODE,
    }


# ---------------------------------------------------------------------------
# Endpoints
# ---------------------------------------------------------------------------

ERRORS = {400: ErrorOut, 401: ErrorOut, 409: ErrorOut, 422: ErrorOut, 429: ErrorOut}


@router.post(
    "/auth/register",
    response={201: TokenOut, **ERRORS},
    summary="Create a learner account and return a bearer token",
    description=(
        "A username already in use is `409 username_taken` (usernames are public). A phone number "
        "that cannot be used is `409 phone_unavailable`, a generic answer that does not say whether "
        "the number belongs to an account: it comes after the password checks, costs the same "
        "password hashing as a successful sign-up, and every attempt counts against the sign-up "
        "limit per client address (`429 rate_limited`, `Retry-After`), so numbers cannot be "
        "checked in bulk."
    ),
)
def register(request, payload: RegisterIn):
    try:
        check_signup_rate(request)
        username, phone = check_new_account(payload.username, payload.phone, payload.password)
        user = create_learner(
            username,
            phone,
            payload.password,
            display_name=payload.display_name,
            preferred_language=payload.preferred_language,
        )
    except AccountError as exc:
        raise api_refusal(exc) from None
    _token, raw = AccessToken.issue(user)
    return private_json(request, TokenOut, {"token": raw, "user": me_data(user)}, status=201)


@router.post(
    "/auth/token",
    response={200: TokenOut, **ERRORS},
    summary="Sign in with username or phone and password; returns a bearer token",
    description=(
        "A wrong password and an unknown login are the same `401 invalid_credentials`, and take the "
        "same time (one password hash either way). Limits: failures per account and attempts per "
        "client address (`429 rate_limited`, `Retry-After`)."
    ),
)
def token(request, payload: TokenIn):
    try:
        user = authenticate_learner(request, payload.login, payload.password)
    except AccountError as exc:
        raise api_refusal(exc) from None
    _token, raw = AccessToken.issue(user)
    return private_json(request, TokenOut, {"token": raw, "user": me_data(user)})


@router.delete(
    "/auth/token",
    auth=bearer,
    response={204: None, 401: ErrorOut},
    summary="Sign out: revoke the token of this request",
)
def revoke(request):
    for item in AccessToken.objects.filter(key_hash=request.api_token_hash, revoked_at__isnull=True):
        item.revoke()
    response = private_json(request, None, None, status=204)
    response.content = b""
    return response
