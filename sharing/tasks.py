"""Background work of the sharing app (django-tasks, like ``community/tasks.py``):
webhook deliveries with their retries, rebuilding the content dumps after a
publish, and pruning the access log past its retention."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from . import dumps, webhooks
from .models import AccessLogEntry, WebhookDelivery


@task()
def deliver_webhook(delivery_id):
    """One attempt; a failure queues the next at its backoff time when the queue can
    defer (``db_worker``); otherwise ``manage.py retry_webhooks`` (cron) sends what is due."""
    delivery = (
        WebhookDelivery.objects.filter(pk=delivery_id, status=WebhookDelivery.Status.PENDING)
        .select_related("subscription__client")
        .first()
    )
    if delivery is None:
        return None
    ok = webhooks.attempt(delivery)
    if (
        not ok
        and delivery.status == WebhookDelivery.Status.PENDING
        and deliver_webhook.get_backend().supports_defer
    ):
        deliver_webhook.using(run_after=delivery.next_attempt_at).enqueue(delivery.pk)
    return ok


def emit(event, data):
    """Store the event's deliveries now and send them from the worker after the commit."""
    ids = [d.pk for d in webhooks.store_deliveries(event, data)]
    if ids:
        transaction.on_commit(lambda: [deliver_webhook.enqueue(pk) for pk in ids])
    return ids


def redeliver(delivery):
    webhooks.reset_for_redelivery(delivery)
    transaction.on_commit(lambda: deliver_webhook.enqueue(delivery.pk))


def retry_due(now=None):
    """Attempt every pending delivery whose time has come; returns how many were tried."""
    tried = 0
    for delivery in webhooks.due(now).select_related("subscription__client"):
        webhooks.attempt(delivery)
        tried += 1
    return tried


@task()
def rebuild_dump(locale):
    path, cursor, count = dumps.build_dump(locale)
    return {"locale": locale, "cursor": cursor, "pages": count}


def prune_access_log(now=None):
    days = getattr(settings, "ACCESS_LOG_RETENTION_DAYS", 365)
    cutoff = (now or timezone.now()) - timedelta(days=days)
    deleted, _ = AccessLogEntry.objects.filter(at__lt=cutoff).delete()
    return deleted


@task()
def prune_access_log_task():
    return prune_access_log()
