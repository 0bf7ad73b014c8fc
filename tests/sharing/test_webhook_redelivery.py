"""Issue 15, the rest: a failed delivery sent again by hand from the admin ("Gửi lại",
queued, recorded in Wagtail's log), ``dataset.updated`` when an editor changes a dataset's
licence, and a delivery carried by the real django-tasks database worker (``db_worker``)
to a real HTTP receiver on loopback, its Standard Webhooks signature checked."""

import json
import signal

import pytest
from django.core.management import call_command
from standardwebhooks.webhooks import Webhook
from wagtail.models import ModelLogEntry

from sharing import webhooks
from sharing.datasets.registry import CC_BY_4
from sharing.models import DatasetLicence, WebhookDelivery, WebhookSubscription
from sharing.oauth import issue_client
from tests.factories import UserFactory
from tests.sharing.test_webhooks_aggregates import Receiver

CC0 = "https://creativecommons.org/publicdomain/zero/1.0/"


def subscribe(events, url="http://127.0.0.1:9/hook"):
    api_client, _secret = issue_client("so-tt", agency="Sở TT", scopes=["webhooks"])
    return WebhookSubscription.objects.create(client=api_client, url=url, events=events)


def test_a_failed_delivery_is_sent_again_from_the_admin(client, db, settings, django_capture_on_commit_callbacks):
    settings.WEBHOOK_ALLOW_PRIVATE_NETWORKS = True
    receiver = Receiver()
    try:
        subscription = subscribe(["page.published"], receiver.url)
        [failed] = webhooks.store_deliveries("page.published", {"id": 7})
        WebhookDelivery.objects.filter(pk=failed.pk).update(status="failed", attempts=8)
        [delivered] = webhooks.store_deliveries("page.published", {"id": 8})
        WebhookDelivery.objects.filter(pk=delivered.pk).update(status="delivered", attempts=1)

        reader = UserFactory(username="reader", is_staff=True)
        client.force_login(reader)
        refused = client.post(f"/admin/sharing/webhooks/deliveries/{failed.pk}/redeliver/")
        assert refused.status_code in (302, 403) and not receiver.received  # no permission: nothing sent

        boss = UserFactory(username="boss", is_superuser=True, is_staff=True)
        client.force_login(boss)
        listing = client.get("/admin/sharing/webhooks/deliveries/?status=failed").content.decode()
        assert failed.message_id in listing and delivered.message_id not in listing
        assert listing.count('action="/admin/sharing/webhooks/deliveries/') == 1
        assert client.get(f"/admin/sharing/webhooks/deliveries/{failed.pk}/redeliver/").status_code == 405

        with django_capture_on_commit_callbacks(execute=True):
            again = client.post(f"/admin/sharing/webhooks/deliveries/{failed.pk}/redeliver/")
        assert again.status_code == 302
        failed.refresh_from_db()
        assert failed.status == "delivered" and failed.attempts == 9 and len(receiver.received) == 1
        headers, body = receiver.received[0]
        assert json.loads(body)["data"] == {"id": 7}
        Webhook(subscription.secret).verify(body, {k.lower(): v for k, v in headers.items()})
        entry = ModelLogEntry.objects.get(action="sharing.webhook_redelivered")
        assert entry.user == boss and entry.object_id == str(failed.pk)
        assert entry.data["message_id"] == failed.message_id

        # a delivery that did not fail is not sent again
        with django_capture_on_commit_callbacks(execute=True):
            client.post(f"/admin/sharing/webhooks/deliveries/{delivered.pk}/redeliver/")
        assert len(receiver.received) == 1
        assert ModelLogEntry.objects.filter(action__startswith="sharing.").count() == 1
    finally:
        receiver.stop()


def test_a_licence_change_announces_dataset_updated(db, django_capture_on_commit_callbacks):
    subscribe(["dataset.updated"])

    def events():
        return [d.payload["data"] for d in WebhookDelivery.objects.order_by("pk")]

    with django_capture_on_commit_callbacks():
        licence = DatasetLicence.objects.create(slug="heritage-places", licence_url=CC0)
    assert events() == [
        {"dataset": "heritage-places", "trigger": "licence", "licence": CC0, "previous_licence": CC_BY_4}
    ]
    licence.note = "Ghi chú"
    licence.save()
    assert len(events()) == 1  # the licence did not change: nothing to announce
    licence.licence_url = CC_BY_4
    licence.save()
    licence.licence_url = CC0
    licence.save()
    licence.delete()
    assert [(e["licence"], e["previous_licence"]) for e in events()[1:]] == [
        (CC_BY_4, CC0),
        (CC0, CC_BY_4),
        (CC_BY_4, CC0),
    ]


@pytest.mark.django_db(transaction=True)
def test_the_database_worker_delivers_a_signed_webhook_to_a_real_receiver(settings):
    """The production path: the change commits, the delivery is only queued (a READY task),
    ``manage.py db_worker`` picks it up and POSTs it to an HTTP server on loopback."""
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.WEBHOOK_ALLOW_PRIVATE_NETWORKS = True
    handlers = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}
    receiver = Receiver()
    try:
        subscription = subscribe(["dataset.updated"], receiver.url)
        DatasetLicence.objects.create(slug="heritage-places", licence_url=CC0)
        queued = DBTaskResult.objects.filter(task_path__endswith="deliver_webhook")
        assert queued.filter(status="READY").count() == 1 and not receiver.received  # only queued

        call_command("db_worker", "--batch", "--no-startup-delay", "--queue-name", "*", "--no-reload")

        assert len(receiver.received) == 1 and queued.get().status == "SUCCESSFUL"
        headers, body = receiver.received[0]
        lowered = {k.lower(): v for k, v in headers.items()}
        assert lowered["webhook-signature"].startswith("v1,")
        payload = Webhook(subscription.secret).verify(body, lowered)  # raises on a bad signature
        assert payload["type"] == "dataset.updated" and payload["data"]["licence"] == CC0
        delivery = WebhookDelivery.objects.get()
        assert delivery.status == "delivered" and lowered["webhook-id"] == delivery.message_id
        assert list(delivery.attempt_log.values_list("number", "status_code")) == [(1, 204)]
    finally:
        receiver.stop()
        for number, handler in handlers.items():  # db_worker installs its own
            signal.signal(number, handler)
