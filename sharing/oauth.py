"""Agency clients on django-oauth-toolkit: issuing, rotating, suspending and
revoking them (the admin and the commands call these, never their own), the
validator that confines each client to its own scopes, and the ninja auth that
checks a bearer token, the client's status and expiry, its scope and its rate
limit on every request (401 / 403 / 429 JSON), and logs it.
"""

import secrets
import time
from functools import wraps

from django.db import transaction
from django.utils.translation import gettext_lazy as _
from ninja.security.base import AuthBase
from oauth2_provider.models import AccessToken, Application, RefreshToken
from oauth2_provider.oauth2_backends import get_oauthlib_core
from oauth2_provider.oauth2_validators import OAuth2Validator

from content import clients
from content.api.errors import ApiError

from .models import SCOPES, AccessLogEntry, ApiClient

TOKEN_PATH = "/api/v1/oauth/token"


class ClientError(ValueError):
    """A client cannot be issued as asked (unknown scope, name taken)."""


def check_scopes(scopes):
    unknown = sorted(set(scopes) - set(SCOPES))
    if unknown:
        raise ClientError(f"Unknown scope(s): {', '.join(unknown)}. Known: {', '.join(SCOPES)}")
    if not scopes:
        raise ClientError("Give at least one scope.")
    return sorted(set(scopes))


def new_secret():
    return secrets.token_urlsafe(36)


@transaction.atomic
def issue_client(name, *, agency, scopes, expires_at=None, contact_person="", contact_email="", **extra):
    """Create a client; returns (client, plaintext secret). The secret is stored hashed
    and never shown again."""
    scopes = check_scopes(scopes)
    if ApiClient.objects.filter(name=name).exists():
        raise ClientError(f"A client named {name!r} exists already.")
    secret = new_secret()
    application = Application.objects.create(
        name=name,
        client_type=Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=Application.GRANT_CLIENT_CREDENTIALS,
        client_secret=secret,
        hash_client_secret=True,
    )
    client = ApiClient.objects.create(
        name=name,
        agency=agency,
        scopes=scopes,
        expires_at=expires_at,
        contact_person=contact_person,
        contact_email=contact_email,
        application=application,
        **extra,
    )
    return client, secret


def end_tokens(client):
    """Every token of the client stops working now."""
    AccessToken.objects.filter(application=client.application).delete()
    RefreshToken.objects.filter(application=client.application).delete()


@transaction.atomic
def rotate_secret(client):
    """A new secret (returned once); the old one and its tokens stop working."""
    secret = new_secret()
    client.application.client_secret = secret
    client.application.save()
    end_tokens(client)
    return secret


def set_status(client, status):
    client.status = status
    client.save(update_fields=["status"])
    if status != ApiClient.Status.ACTIVE:
        end_tokens(client)


def revoke_client(client):
    set_status(client, ApiClient.Status.REVOKED)
    client.webhooks.update(active=False)


def client_of_application(application):
    try:
        return application.api_client
    except ApiClient.DoesNotExist:
        return None


class ClientScopeValidator(OAuth2Validator):
    """A client gets only its own scopes, and only while it is active and unexpired."""

    def _client(self, request):
        application = getattr(request, "client", None)
        return client_of_application(application) if application is not None else None

    def authenticate_client(self, request, *args, **kwargs):
        if not super().authenticate_client(request, *args, **kwargs):
            return False
        client = self._client(request)
        return client is not None and client.is_usable()

    def validate_scopes(self, client_id, scopes, client, request, *args, **kwargs):
        api_client = client_of_application(client)
        return api_client is not None and set(scopes) <= set(api_client.scopes)

    def get_default_scopes(self, client_id, request, *args, **kwargs):
        api_client = self._client(request)
        return list(api_client.scopes) if api_client else []

    def validate_bearer_token(self, token, scopes, request):
        if not super().validate_bearer_token(token, scopes, request):
            return False
        api_client = client_of_application(request.access_token.application)
        return api_client is not None and api_client.is_usable()


# ---------------------------------------------------------------------------
# The API side: bearer token → client, scope, rate limit, access log
# ---------------------------------------------------------------------------

NOT_AUTHENTICATED = _("A valid access token is required (OAuth 2.0 client credentials: POST /api/v1/oauth/token).")
WRONG_SCOPE = _("This client's token does not have the scope this endpoint needs.")
TOO_MANY = _("Too many requests from this client; wait a minute.")


def _params(request):
    return {key: values if len(values) > 1 else values[0] for key, values in request.GET.lists()}


def log_request(request, client, status, rows=0, started=None):
    AccessLogEntry.objects.create(
        client=client,
        client_name=client.name if client else "",
        endpoint=request.path[:255],
        method=request.method,
        params=_params(request),
        rows=rows,
        status=status,
        duration_ms=int((time.monotonic() - started) * 1000) if started else 0,
    )


def count_request(client):
    """Requests of this minute, counted in the project's shared limits cache
    (``content.clients``: Redis with REDIS_URL, else a database table), so every worker
    sees one count."""
    return clients.count(f"sharing:rate:{client.pk}:{int(time.time() // 60)}", 120)


class AgencyOAuth2(AuthBase):
    """Bearer token of an agency client holding ``scope``. Declared in the OpenAPI
    document as the OAuth2 client-credentials scheme; each operation names its scope."""

    openapi_type = "oauth2"
    openapi_flows = {
        "clientCredentials": {"tokenUrl": TOKEN_PATH, "scopes": {k: str(v) for k, v in SCOPES.items()}}
    }
    openapi_description = "OAuth 2.0 client credentials (RFC 6749 §4.4) for agency systems."

    def __init__(self, scope):
        self.scope = scope
        super().__init__()

    def __call__(self, request):
        started = time.monotonic()
        request.sharing_started = started
        header = request.headers.get("Authorization", "")
        client = None
        if header.lower().startswith("bearer "):
            valid, oauth_request = get_oauthlib_core().verify_request(request, scopes=[])
            access_token = getattr(oauth_request, "access_token", None) if oauth_request else None
            if access_token is not None:
                client = client_of_application(access_token.application)
            if not valid:
                log_request(request, client, 401, started=started)
                raise ApiError(401, "not_authenticated", NOT_AUTHENTICATED, headers={"WWW-Authenticate": "Bearer"})
            if not access_token.allow_scopes([self.scope]) or not client.has_scope(self.scope):
                log_request(request, client, 403, started=started)
                raise ApiError(403, "insufficient_scope", WRONG_SCOPE, detail={"required_scope": self.scope})
            if count_request(client) > client.rate_limit_per_minute:
                log_request(request, client, 429, started=started)
                raise ApiError(429, "rate_limited", TOO_MANY, headers={"Retry-After": "60"})
            request.api_client = client
            return client
        log_request(request, None, 401, started=started)
        raise ApiError(401, "not_authenticated", NOT_AUTHENTICATED, headers={"WWW-Authenticate": "Bearer"})


def security(scope):
    """``auth`` and ``openapi_extra`` of an operation that needs ``scope``. ninja lists an
    auth scheme without scopes and extends lists in ``openapi_extra``; a tuple replaces it,
    so the operation's requirement names exactly its scope."""
    return {"auth": AgencyOAuth2(scope), "openapi_extra": {"security": ({"AgencyOAuth2": [scope]},)}}


def logged(view):
    """Logs a scoped view's answer (status, rows: ``request.sharing_rows``, time)."""

    @wraps(view)
    def run(request, *args, **kwargs):
        try:
            response = view(request, *args, **kwargs)
        except ApiError as error:
            log_request(
                request, getattr(request, "api_client", None), error.status, started=request.sharing_started
            )
            raise
        status = getattr(response, "status_code", 200)
        log_request(
            request,
            getattr(request, "api_client", None),
            status,
            rows=getattr(request, "sharing_rows", 0),
            started=getattr(request, "sharing_started", None),
        )
        return response

    return run
