"""The Wagtail admin screens of the sharing app: issuing a client shows its secret once
(stored hashed), the actions rotate / suspend / revoke do what the commands do, and the
access-log report filters by client and period and exports CSV."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from sharing.models import AccessLogEntry, ApiClient
from sharing.oauth import issue_client
from tests.factories import UserFactory


@pytest.fixture
def boss(client, db):
    client.force_login(UserFactory(username="boss", is_superuser=True, is_staff=True))
    return client


def test_issue_rotate_suspend_revoke_from_the_admin(boss):
    answer = boss.post(
        reverse("sharing_clients:add"),
        {"name": "so-noi-vu", "agency": "Sở Nội vụ", "scopes": ["stats:read", "content:read"]},
    )
    assert answer.status_code == 200, answer.content[:2000]
    api_client = ApiClient.objects.get(name="so-noi-vu")
    secret = answer.context["secret"]
    assert secret in answer.content.decode() and api_client.application.client_secret != secret
    assert sorted(api_client.scopes) == ["content:read", "stats:read"]
    assert boss.get(reverse("sharing_clients:index")).status_code == 200
    edit = boss.get(reverse("sharing_clients:edit", args=[api_client.pk]))
    assert edit.status_code == 200 and secret not in edit.content.decode()
    assert reverse("sharing_clients:revoke", args=[api_client.pk]) in edit.content.decode()

    assert boss.get(reverse("sharing_clients:rotate", args=[api_client.pk])).status_code == 200  # confirm page
    rotated = boss.post(reverse("sharing_clients:rotate", args=[api_client.pk]))
    assert rotated.status_code == 200 and rotated.context["secret"] != secret
    boss.post(reverse("sharing_clients:suspend", args=[api_client.pk]))
    assert ApiClient.objects.get(pk=api_client.pk).status == ApiClient.Status.SUSPENDED
    boss.post(reverse("sharing_clients:revoke", args=[api_client.pk]))
    assert ApiClient.objects.get(pk=api_client.pk).status == ApiClient.Status.REVOKED

    duplicate = boss.post(
        reverse("sharing_clients:add"), {"name": "so-noi-vu", "agency": "Sở Nội vụ", "scopes": ["stats:read"]}
    )
    assert duplicate.status_code == 200 and ApiClient.objects.filter(name="so-noi-vu").count() == 1


def test_actions_need_the_change_permission(client, db):
    api_client, _secret = issue_client("so-y-te", agency="Sở Y tế", scopes=["content:read"])
    client.force_login(UserFactory(username="editor", is_staff=True))
    assert client.post(reverse("sharing_clients:revoke", args=[api_client.pk])).status_code in (302, 403)
    assert ApiClient.objects.get(pk=api_client.pk).status == ApiClient.Status.ACTIVE


def test_access_log_report_filters_and_exports_csv(boss):
    first, _ = issue_client("so-a", agency="A", scopes=["content:read"])
    second, _ = issue_client("so-b", agency="B", scopes=["content:read"])
    old = timezone.now() - datetime.timedelta(days=40)
    AccessLogEntry.objects.create(
        client=first, client_name="so-a", endpoint="/api/v1/agency/x", status=200, at=old
    )
    AccessLogEntry.objects.create(client=first, client_name="so-a", endpoint="/api/v1/agency/y", status=200)
    AccessLogEntry.objects.create(client=second, client_name="so-b", endpoint="/api/v1/agency/z", status=403)
    url = reverse("sharing_access_log:index")
    assert boss.get(url).status_code == 200
    start = (timezone.localdate() - datetime.timedelta(days=7)).isoformat()
    export = boss.get(url, {"client": first.pk, "at_from": start, "export": "csv"})
    assert export.status_code == 200 and export["Content-Type"].startswith("text/csv")
    body = b"".join(export.streaming_content).decode() if export.streaming else export.content.decode()
    assert "/api/v1/agency/y" in body
    assert "/api/v1/agency/x" not in body and "/api/v1/agency/z" not in body
    assert boss.get(reverse("sharing_access_log:add"), follow=True).status_code == 404  # read-only
