"""Learner accounts for the app: register, sign in for a bearer token, sign out.

Tokens are stored as SHA-256 hashes (``lessons.models.AccessToken``). Guessing
is slowed by cache counters (``cms`` cache: local memory or Redis) per client IP
and per account: past the limit a 429 JSON with ``Retry-After``. Passwords are
checked with ``check_password`` directly, so the API's limits apply and the
admin's lockout (django-axes) is not involved.
"""

import hashlib

from django.conf import settings
from django.contrib.auth import get_user_model, password_validation
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from ninja import Router, Schema
from ninja.security import HttpBearer
from pydantic import Field

from content.api.errors import api_error
from content.api.schemas import ErrorOut
from content.api.errors import ApiError
from content.api.responses import private_json

from .models import AccessToken, LearnerProfile

router = Router(tags=["auth"])

IP_LIMIT = getattr(settings, "API_AUTH_IP_LIMIT", 30)  # attempts per window per IP
ACCOUNT_LIMIT = getattr(settings, "API_AUTH_ACCOUNT_LIMIT", 5)  # failures per window per account
REGISTER_LIMIT = getattr(settings, "API_REGISTER_IP_LIMIT", 10)
WINDOW = getattr(settings, "API_AUTH_WINDOW_SECONDS", 15 * 60)


class BearerAuth(HttpBearer):
    """``Authorization: Bearer <token>`` → the learner (``request.auth``)."""

    def authenticate(self, request, token):
        user = AccessToken.authenticate(token)
        if user is not None:
            request.api_token_hash = hashlib.sha256(token.encode()).hexdigest()
        return user


bearer = BearerAuth()


# ---------------------------------------------------------------------------
# Rate limiting
# ---------------------------------------------------------------------------


def client_ip(request):
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def _count(key):
    """Increment a windowed counter; returns the new value."""
    cache.add(key, 0, WINDOW)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, WINDOW)
        return 1


def _too_many():
    return api_error(429, "rate_limited", headers={"Retry-After": str(WINDOW)})


def _account_key(login):
    digest = hashlib.sha256(login.strip().lower().encode()).hexdigest()[:32]
    return f"api:auth:account:{digest}"


# ---------------------------------------------------------------------------
# Schemas
# ---------------------------------------------------------------------------


class RegisterIn(Schema):
    username: str = Field(min_length=3, max_length=150, pattern=r"^[\w.@+-]+$")
    password: str = Field(min_length=1, max_length=128)
    display_name: str = Field("", max_length=100)
    phone: str | None = Field(None, max_length=20, pattern=r"^\+?[0-9 ]{6,20}$")
    preferred_language: str = Field("vi", pattern=r"^(vi|en|bdq|hre|hro)$")


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
    token: str = Field(description="Send as 'Authorization: Bearer <token>'. Shown only once.")
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
)
def register(request, payload: RegisterIn):
    if _count(f"api:auth:register:{client_ip(request)}") > REGISTER_LIMIT:
        raise _too_many()
    User = get_user_model()
    phone = payload.phone.replace(" ", "") if payload.phone else None
    if User.objects.filter(username__iexact=payload.username).exists():
        raise api_error(409, "username_taken")
    if phone and LearnerProfile.objects.filter(phone=phone).exists():
        raise api_error(409, "phone_taken")
    candidate = User(username=payload.username)
    try:
        password_validation.validate_password(payload.password, candidate)
    except ValidationError as exc:
        messages = list(exc.messages)
        raise ApiError(400, "weak_password", lambda: " ".join(messages)) from None
    try:
        with transaction.atomic():
            user = User.objects.create_user(username=payload.username, password=payload.password)
            LearnerProfile.objects.create(
                user=user,
                display_name=payload.display_name,
                phone=phone,
                preferred_language=payload.preferred_language,
            )
    except IntegrityError:
        raise api_error(409, "username_taken") from None
    _token, raw = AccessToken.issue(user)
    return private_json(request, TokenOut, {"token": raw, "user": me_data(user)}, status=201)


@router.post(
    "/auth/token",
    response={200: TokenOut, **ERRORS},
    summary="Sign in with username or phone and password; returns a bearer token",
)
def token(request, payload: TokenIn):
    if _count(f"api:auth:ip:{client_ip(request)}") > IP_LIMIT:
        raise _too_many()
    account_key = _account_key(payload.login)
    if (cache.get(account_key) or 0) >= ACCOUNT_LIMIT:
        raise _too_many()
    User = get_user_model()
    login = payload.login.strip()
    user = (
        User.objects.filter(
            Q(username__iexact=login) | Q(learner_profile__phone=login.replace(" ", ""))
        )
        .order_by("pk")
        .first()
    )
    if user is None or not user.is_active or not user.check_password(payload.password):
        _count(account_key)
        raise api_error(401, "invalid_credentials")
    cache.delete(account_key)
    _token, raw = AccessToken.issue(user)
    return private_json(request, TokenOut, {"token": raw, "user": me_data(user)})


@router.delete(
    "/auth/token",
    auth=bearer,
    response={204: None, 401: ErrorOut},
    summary="Sign out: revoke the token of this request",
)
def revoke(request):
    for item in AccessToken.objects.filter(
        key_hash=request.api_token_hash, revoked_at__isnull=True
    ):
        item.revoke()
    response = private_json(request, None, None, status=204)
    response.content = b""
    return response
