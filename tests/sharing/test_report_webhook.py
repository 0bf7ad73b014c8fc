"""``report.published``: publishing a periodic report (``stats.tasks.publish``) delivers one
signed webhook to a real receiver on loopback, verifiable with the subscription's secret."""

import json

from standardwebhooks.webhooks import Webhook

from sharing.models import WebhookDelivery, WebhookSubscription
from sharing.oauth import issue_client
from stats import tasks as stats_tasks
from tests import factories as f
from tests.sharing.test_webhooks_aggregates import Receiver


def test_publishing_a_report_delivers_report_published_once(
    db, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.WEBHOOK_ALLOW_PRIVATE_NETWORKS = True
    settings.MEDIA_ROOT = str(tmp_path / "media")
    receiver = Receiver()
    try:
        client, _secret = issue_client("so-dan-toc", agency="Sở Dân tộc", scopes=["webhooks"])
        subscription = WebhookSubscription.objects.create(
            client=client, url=receiver.url, events=["report.published"]
        )
        other = WebhookSubscription.objects.create(client=client, url=receiver.url, events=["page.published"])
        dataset = f.DataSetFactory(code="commune-annual", name="Báo cáo hằng năm")
        report = f.PeriodicReportFactory(dataset=dataset, period="2025")
        with django_capture_on_commit_callbacks(execute=True):
            stats_tasks.generate(report)  # building delivers nothing
        assert receiver.received == []
        with django_capture_on_commit_callbacks(execute=True):
            stats_tasks.publish(report)
        assert len(receiver.received) == 1
        headers, body = receiver.received[0]
        payload = Webhook(subscription.secret).verify(body, {k.lower(): v for k, v in headers.items()})
        assert payload["type"] == "report.published"
        data = payload["data"]
        assert data["id"] == report.pk and data["dataset"] == "commune-annual" and data["period"] == "2025"
        assert data["url"].endswith(f"/vi/statistics/reports/{report.pk}.pdf")
        assert json.loads(body)["data"]["xlsx_url"].endswith(".xlsx")
        assert WebhookDelivery.objects.filter(subscription=subscription, status="delivered").count() == 1
        assert not WebhookDelivery.objects.filter(subscription=other).exists()
    finally:
        receiver.stop()
