"""Webhooks to a real receiver on loopback (signature verified with standardwebhooks),
retries after a dead receiver, URL safety; suppressed aggregates that differencing
cannot open; the content dump."""

import gzip
import http.server
import json
import threading
from datetime import timedelta

import pytest
from django.utils import timezone
from standardwebhooks.webhooks import Webhook, WebhookVerificationError

from community.models import ConsultationRequest
from lessons.models import Enrollment
from sharing import tasks
from sharing.models import WebhookDelivery, WebhookSubscription
from sharing.oauth import issue_client
from sharing.webhooks import UnsafeUrl, check_url


class Receiver:
    def __init__(self):
        self.received = []
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                outer.received.append((dict(self.headers), body))
                self.send_response(204)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


def bearer_for(client, scopes):
    import base64

    api_client, secret = issue_client("agency-" + "-".join(scopes), agency="Sở", scopes=scopes)
    basic = base64.b64encode(f"{api_client.client_id}:{secret}".encode()).decode()
    answer = client.post(
        "/api/v1/oauth/token", {"grant_type": "client_credentials"}, HTTP_AUTHORIZATION=f"Basic {basic}"
    )
    return {"HTTP_AUTHORIZATION": "Bearer " + answer.json()["access_token"]}


def test_private_addresses_refused_unless_allowed(settings):
    settings.WEBHOOK_ALLOW_PRIVATE_NETWORKS = False
    for url in (
        "http://127.0.0.1/x",
        "http://10.0.0.5/x",
        "http://169.254.169.254/",
        "http://[::1]/",
        "ftp://a.b/",
    ):
        with pytest.raises(UnsafeUrl):
            check_url(url)
    settings.WEBHOOK_ALLOW_PRIVATE_NETWORKS = True
    assert check_url("http://127.0.0.1:9/x")
    with pytest.raises(UnsafeUrl):
        check_url("file:///etc/passwd")


def test_subscription_api_and_signed_delivery_on_publish(
    client, content, settings, django_capture_on_commit_callbacks
):
    settings.WEBHOOK_ALLOW_PRIVATE_NETWORKS = False
    headers = bearer_for(client, ["webhooks"])
    receiver = Receiver()
    try:
        refused = client.post(
            "/api/v1/webhooks", {"url": receiver.url, "events": ["page.published"]}, "application/json", **headers
        )
        assert refused.status_code == 400 and refused.json()["code"] == "invalid_url"
        settings.WEBHOOK_ALLOW_PRIVATE_NETWORKS = True
        created = client.post(
            "/api/v1/webhooks", {"url": receiver.url, "events": ["page.published"]}, "application/json", **headers
        )
        assert created.status_code == 201
        secret, sub_id = created.json()["secret"], created.json()["id"]
        assert "secret" not in client.get("/api/v1/webhooks", **headers).json()[0]

        with django_capture_on_commit_callbacks(execute=True):
            content["place"].save_revision().publish()
        assert len(receiver.received) == 1
        got_headers, body = receiver.received[0]
        lowered = {k.lower(): v for k, v in got_headers.items()}
        payload = Webhook(secret).verify(body, lowered)  # raises if the signature is wrong
        assert payload["type"] == "page.published"
        assert payload["data"]["id"] == content["place"].pk and payload["data"]["type"] == "heritage.placepage"
        with pytest.raises(WebhookVerificationError):
            Webhook("whsec_" + "A" * 44).verify(body, lowered)

        deliveries = client.get(f"/api/v1/webhooks/{sub_id}/deliveries", **headers).json()
        assert deliveries[0]["status"] == "delivered" and deliveries[0]["attempt_log"][0]["status_code"] == 204
        assert client.delete(f"/api/v1/webhooks/{sub_id}", **headers).status_code == 204
        assert client.get(f"/api/v1/webhooks/{sub_id}/deliveries", **headers).status_code == 404
    finally:
        receiver.stop()


def test_dead_receiver_is_retried_and_the_log_shows_every_attempt(db, content, settings):
    settings.WEBHOOK_ALLOW_PRIVATE_NETWORKS = True
    api_client, _secret = issue_client("agency", agency="Sở", scopes=["webhooks"])
    receiver = Receiver()
    url = receiver.url
    receiver.stop()  # down
    subscription = WebhookSubscription.objects.create(client=api_client, url=url, events=["page.published"])
    [delivery_id] = [
        d.pk for d in __import__("sharing.webhooks", fromlist=["x"]).store_deliveries("page.published", {"id": 1})
    ]
    tasks.deliver_webhook.call(delivery_id)
    delivery = WebhookDelivery.objects.get(pk=delivery_id)
    assert delivery.status == "pending" and delivery.attempts == 1 and delivery.next_attempt_at > timezone.now()
    assert tasks.retry_due() == 0  # not due yet

    host, port = url.split("//")[1].split("/")[0].split(":")
    back = Receiver.__new__(Receiver)
    back.received = []
    Receiver.__init__(back)  # a new server on a new port: point the subscription at it
    subscription.url = back.url
    subscription.save()
    try:
        assert tasks.retry_due(now=timezone.now() + timedelta(minutes=2)) == 1
    finally:
        back.stop()
    delivery.refresh_from_db()
    assert delivery.status == "delivered" and delivery.attempts == 2 and len(back.received) == 1
    log = list(delivery.attempt_log.values_list("number", "status_code"))
    assert log == [(1, None), (2, 204)]


def test_twenty_failures_disable_the_subscription(db, settings):
    settings.WEBHOOK_ALLOW_PRIVATE_NETWORKS = False
    from sharing import webhooks

    api_client, _ = issue_client("agency", agency="Sở", scopes=["webhooks"])
    sub = WebhookSubscription.objects.create(
        client=api_client, url="http://127.0.0.1:9/x", events=["dataset.updated"]
    )
    for _ in range(20):
        for d in webhooks.store_deliveries("dataset.updated", {}):
            webhooks.attempt(d)
    sub.refresh_from_db()
    assert not sub.active and sub.disabled_at is not None and sub.consecutive_failures == 20


# ---------------------------------------------------------------------------
# Aggregates
# ---------------------------------------------------------------------------


@pytest.fixture
def enrolments(content, units):
    from django.contrib.auth import get_user_model

    from lessons.models import LearnerProfile

    course = content["course"]
    when = timezone.make_aware(timezone.datetime(2026, 2, 10, 10))
    made = []
    for i, (commune, n) in enumerate([(units["commune"], 7), (units["other"], 3)]):
        for j in range(n):
            user = get_user_model().objects.create_user(f"u{i}-{j}", password="x")
            LearnerProfile.objects.create(user=user, commune=commune)
            made.append(Enrollment.objects.create(learner=user, course=course))
    Enrollment.objects.filter(pk__in=[e.pk for e in made]).update(enrolled_at=when)
    return course


def test_learning_cells_under_five_are_suppressed_and_differencing_reveals_nothing(client, enrolments, units):
    headers = bearer_for(client, ["learning:aggregate"])
    url = "/api/v1/agency/learning/aggregates"
    answers = [
        client.get(url, {"period": "2026-Q1"}, **headers).json(),
        client.get(url, {"period": "2026"}, **headers).json(),
        client.get(url, {"period": "2026-Q1", "commune": "21787"}, **headers).json(),
        client.get(url, {"period": "2026-Q1", "course": enrolments.pk}, **headers).json(),
        client.get(url, {"period": "2026", "commune": "21610"}, **headers).json(),
    ]
    cells = answers[0]["cells"]
    by_commune = {c["commune_code"]: c for c in cells}
    assert by_commune["21787"]["value"] == 7
    assert by_commune["21610"]["value"] is None and by_commune["21610"]["suppressed"]
    # Differencing: every number in every answer is a cell value ≥ 5; none is a total
    # from which a suppressed cell could be subtracted out (10 − 7 = 3 never appears).
    numbers = set()

    def walk(value):
        if isinstance(value, dict):
            for k, v in value.items():
                if k not in ("course_id", "threshold"):
                    walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)
        elif isinstance(value, int) and not isinstance(value, bool):
            numbers.add(value)

    for answer in answers:
        walk(answer)
    assert numbers == {7}
    for overlapping in ("2026-01", "2026-02-01/2026-03-01", "2026-H1"):
        assert client.get(url, {"period": overlapping}, **headers).status_code == 400


def test_consultation_counts_never_carry_personal_fields(client, units):
    headers = bearer_for(client, ["consultation:aggregate"])
    when = timezone.now()  # requests past their retention are gone (the retained manager)
    month = timezone.localtime(when).strftime("%Y-%m")
    for i in range(6):
        ConsultationRequest.objects.create(
            name=f"Người {i}",
            phone="0900000000",
            description="đau bụng",
            commune=units["commune"],
            created_at=when,
        )
    body = client.get("/api/v1/agency/consultations/aggregates", {"period": month}, **headers)
    assert body.status_code == 200
    text = body.content.decode()
    assert "Người" not in text and "0900000000" not in text and "đau" not in text
    assert body.json()["cells"] == [
        {
            "period": month,
            "commune_code": "21787",
            "service": None,
            "language": "vi",
            "value": 6,
            "suppressed": False,
        }
    ]


# ---------------------------------------------------------------------------
# Dumps
# ---------------------------------------------------------------------------


def test_content_dump_carries_the_sync_cursor_and_only_public_pages(client, content):
    from content.models import SyncEvent

    response = client.get("/data/content-vi.jsonl.gz")
    assert response.status_code == 200
    lines = gzip.decompress(b"".join(response.streaming_content)).decode().splitlines()
    items = [json.loads(line) for line in lines]
    cursor = response["X-Sync-Cursor"]
    assert {i["sync_cursor"] for i in items} == {cursor}
    # The cursor is the feed's own: it continues after the newest event, with no change yet.
    delta = client.get("/api/v1/sync", {"locale": "vi", "cursor": cursor}).json()
    assert delta["snapshot"] is False and delta["items"] == [] and SyncEvent.objects.exists()
    titles = {i["title"] for i in items}
    assert "Tháp Dương Long" in titles and "Nháp địa điểm" not in titles and "Việc hết hạn" not in titles
    place = next(i for i in items if i["title"] == "Tháp Dương Long")
    assert place == {**client.get(f"/api/v1/places/{place['id']}").json(), "sync_cursor": cursor}

    content["place"].title = "Tháp mới"
    content["place"].save_revision().publish()
    again = gzip.decompress(b"".join(client.get("/data/content-vi.jsonl.gz").streaming_content)).decode()
    assert "Tháp mới" in again
    assert client.get("/data/content-xx.jsonl.gz").status_code == 404
