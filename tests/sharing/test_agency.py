"""Agency clients: the command issues a client, the token endpoint gives a bearer
token, scopes are enforced (401 / 403 JSON), revocation and expiry end tokens on the
next request, rate limits answer 429, every request is logged, OpenAPI says it all."""

import base64
import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from sharing.models import AccessLogEntry, ApiClient
from sharing.oauth import issue_client, rotate_secret, set_status

ENDPOINT = "/api/v1/agency/datasets/heritage-places"


def create(name, scopes, *extra):
    out = io.StringIO()
    call_command("create_api_client", name, "--scopes", scopes, *extra, stdout=out)
    lines = out.getvalue().strip().splitlines()
    assert [line.split("=", 1)[0] for line in lines] == ["client_id", "client_secret"]
    return lines[0].split("=", 1)[1], lines[1].split("=", 1)[1]


def token(client, client_id, secret, scope=None):
    basic = base64.b64encode(f"{client_id}:{secret}".encode()).decode()
    data = {"grant_type": "client_credentials"}
    if scope:
        data["scope"] = scope
    return client.post("/api/v1/oauth/token", data, HTTP_AUTHORIZATION=f"Basic {basic}")


def bearer(value):
    return {"HTTP_AUTHORIZATION": f"Bearer {value}"}


@pytest.fixture
def issued(db, client):
    client_id, secret = create("so-vhtt", "content:read,learning:aggregate", "--expires", "2099-12-31")
    answer = token(client, client_id, secret)
    assert answer.status_code == 200, answer.content
    return {"id": client_id, "secret": secret, "token": answer.json()["access_token"], "body": answer.json()}


def test_command_issues_a_hashed_secret_shown_once(issued):
    api_client = ApiClient.objects.get(name="so-vhtt")
    assert api_client.application.client_secret != issued["secret"]  # stored hashed
    assert api_client.expires_at.date() == datetime.date(2099, 12, 31)
    assert issued["body"]["token_type"] == "Bearer" and issued["body"]["expires_in"] > 0
    assert set(issued["body"]["scope"].split()) == {"content:read", "learning:aggregate"}


def test_token_flow_scopes_and_revocation(client, issued, content):
    assert client.get(ENDPOINT, **bearer(issued["token"])).status_code == 200
    rows = client.get(ENDPOINT, **bearer(issued["token"])).json()["rows"]
    assert [r["title_vi"] for r in rows] == ["Tháp Dương Long"]

    missing = client.get(ENDPOINT)
    assert missing.status_code == 401 and missing.json()["code"] == "not_authenticated"
    assert client.get(ENDPOINT, **bearer("not-a-token")).status_code == 401

    wrong = client.get("/api/v1/agency/consultations/aggregates?period=2026-03", **bearer(issued["token"]))
    assert wrong.status_code == 403 and wrong.json()["code"] == "insufficient_scope"

    out = io.StringIO()
    call_command("revoke_api_client", "so-vhtt", stdout=out)
    assert client.get(ENDPOINT, **bearer(issued["token"])).status_code == 401
    assert token(client, issued["id"], issued["secret"]).status_code == 401  # no new token either


def test_a_client_cannot_ask_for_scopes_it_was_not_given(client, issued):
    answer = token(client, issued["id"], issued["secret"], scope="consultation:aggregate")
    assert answer.status_code == 400 and answer.json()["error"] == "invalid_scope"


def test_expiry_and_suspension_end_tokens_on_the_next_request(client, issued, content):
    api_client = ApiClient.objects.get(name="so-vhtt")
    api_client.expires_at = timezone.now() - datetime.timedelta(seconds=1)
    api_client.save()
    assert client.get(ENDPOINT, **bearer(issued["token"])).status_code == 401
    api_client.expires_at = None
    api_client.save()
    assert client.get(ENDPOINT, **bearer(issued["token"])).status_code == 200
    set_status(api_client, ApiClient.Status.SUSPENDED)
    assert client.get(ENDPOINT, **bearer(issued["token"])).status_code == 401


def test_rotation_replaces_the_secret(client, issued):
    api_client = ApiClient.objects.get(name="so-vhtt")
    new = rotate_secret(api_client)
    assert token(client, issued["id"], issued["secret"]).status_code == 401
    assert token(client, issued["id"], new).status_code == 200
    assert client.get("/api/v1/agency/datasets/heritage-places", **bearer(issued["token"])).status_code == 401


def test_rate_limit_per_client(client, issued, content):
    ApiClient.objects.filter(name="so-vhtt").update(rate_limit_per_minute=2)
    codes = [client.get(ENDPOINT, **bearer(issued["token"])).status_code for _ in range(3)]
    assert codes == [200, 200, 429]


def test_every_request_is_logged(client, issued, content):
    client.get(ENDPOINT + "?limit=5", **bearer(issued["token"]))
    client.get("/api/v1/agency/consultations/aggregates?period=2026-03", **bearer(issued["token"]))
    client.get(ENDPOINT)
    log = list(AccessLogEntry.objects.order_by("at", "pk"))
    assert [(e.client_name, e.status) for e in log] == [("so-vhtt", 200), ("so-vhtt", 403), ("", 401)]
    assert log[0].rows == 1 and log[0].params == {"limit": "5"} and log[0].endpoint == ENDPOINT


def test_bad_command_input(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        create("x", "stats:everything")
    with pytest.raises(CommandError):
        create("y", "stats:read", "--expires", "2001-01-01")
    with pytest.raises(CommandError):
        call_command("revoke_api_client", "nobody", stdout=io.StringIO())


def test_openapi_declares_oauth2_and_each_scope(client, db):
    schema = client.get("/api/v1/openapi.json").json()
    scheme = schema["components"]["securitySchemes"]["AgencyOAuth2"]
    assert scheme["type"] == "oauth2"
    assert scheme["flows"]["clientCredentials"]["tokenUrl"] == "/api/v1/oauth/token"
    expected = {
        ("/api/v1/agency/datasets/{slug}", "get"): "content:read",
        ("/api/v1/agency/stats/values", "get"): "stats:read",
        ("/api/v1/agency/stats/restricted-values", "get"): "stats:restricted",
        ("/api/v1/agency/learning/aggregates", "get"): "learning:aggregate",
        ("/api/v1/agency/consultations/aggregates", "get"): "consultation:aggregate",
        ("/api/v1/webhooks", "post"): "webhooks",
        ("/api/v1/webhooks/{id}/deliveries", "get"): "webhooks",
    }
    for (path, method), scope in expected.items():
        assert schema["paths"][path][method]["security"] == [{"AgencyOAuth2": [scope]}], path


def test_issue_client_refuses_duplicates(db):
    from sharing.oauth import ClientError

    issue_client("a", agency="A", scopes=["stats:read"])
    with pytest.raises(ClientError):
        issue_client("a", agency="A", scopes=["stats:read"])
