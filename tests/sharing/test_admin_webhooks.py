"""Admin screens of issue 15 added later: webhook subscriptions for any client (secret shown once,
unsafe addresses refused, switched back on after being disabled, the owner's contact listed) and
dataset licences (CC BY 4.0 unless an editor sets another: the catalogue follows)."""

import pytest
from django.urls import reverse

from sharing.datasets import all_datasets
from sharing.models import DatasetLicence, WebhookSubscription
from sharing.oauth import issue_client
from stats import roles
from tests.factories import UserFactory


@pytest.fixture
def boss(client, db):
    client.force_login(UserFactory(username="boss", is_superuser=True, is_staff=True))
    return client


def test_subscriptions_from_the_admin(boss, settings):
    settings.WEBHOOK_ALLOW_PRIVATE_NETWORKS = False
    api_client, _secret = issue_client(
        "so-tt", agency="Sở TT", scopes=["webhooks"], contact_person="Chị Hoa", contact_phone="0256 000 111"
    )
    reader, _secret = issue_client("so-doc", agency="Sở Đọc", scopes=["content:read"])
    add = reverse("sharing_webhooks:add")
    refused = boss.post(
        add, {"client": api_client.pk, "url": "http://127.0.0.1:9/hook", "events": ["page.published"]}
    )
    assert refused.status_code == 200 and not WebhookSubscription.objects.exists()  # a form error, no 500
    settings.WEBHOOK_ALLOW_PRIVATE_NETWORKS = True  # a closed network (no DNS in tests)
    no_scope = boss.post(add, {"client": reader.pk, "url": "http://127.0.0.1:9/h", "events": ["page.published"]})
    assert no_scope.status_code == 200 and not WebhookSubscription.objects.exists()
    made = boss.post(
        add, {"client": api_client.pk, "url": "http://127.0.0.1:9/hook", "events": ["report.published"]}
    )
    assert made.status_code == 200 and WebhookSubscription.objects.exists(), made.context["form"].errors
    subscription = WebhookSubscription.objects.get()
    assert made.status_code == 200 and subscription.secret in made.content.decode()
    assert subscription.events == ["report.published"]
    edit_url = reverse("sharing_webhooks:edit", args=[subscription.pk])
    assert subscription.secret not in boss.get(edit_url).content.decode()

    WebhookSubscription.objects.filter(pk=subscription.pk).update(
        active=False, consecutive_failures=20, disabled_at="2026-01-01T00:00:00Z"
    )
    listing = boss.get(reverse("sharing_webhooks:index")).content.decode()
    assert "Chị Hoa" in listing and "0256 000 111" in listing
    boss.post(edit_url, {"url": "http://127.0.0.2:9/hook2", "events": ["report.published"], "active": "on"})
    subscription.refresh_from_db()
    assert subscription.active and subscription.consecutive_failures == 0 and subscription.disabled_at is None
    assert subscription.url == "http://127.0.0.2:9/hook2" and subscription.client == api_client


def test_statistics_users_cannot_reach_the_webhook_screens(client, db):
    roles.ensure_stats_roles()
    for group in (roles.REPORTERS, roles.OFFICERS):
        client.force_login(UserFactory(username=f"u-{len(group)}", groups=[group]))
        for name in ("sharing_webhooks:index", "sharing_webhooks:add", "sharing_licences:index"):
            answer = client.get(reverse(name))
            assert answer.status_code == 403 or answer["Location"] == "/admin/", (group, name)


def test_licence_set_by_an_editor_reaches_the_catalogue(boss):
    slug = all_datasets()[0].slug
    assert all(d.licence == "https://creativecommons.org/licenses/by/4.0/" for d in all_datasets())
    answer = boss.post(
        reverse("sharing_licences:add"),
        {"slug": slug, "licence_url": "https://creativecommons.org/publicdomain/zero/1.0/", "note": ""},
    )
    assert answer.status_code == 302 and DatasetLicence.objects.get().slug == slug
    licences = {d.slug: d.licence for d in all_datasets()}
    assert licences[slug] == "https://creativecommons.org/publicdomain/zero/1.0/"
    assert "https://creativecommons.org/publicdomain/zero/1.0/" in boss.get("/catalog.ttl").content.decode()
