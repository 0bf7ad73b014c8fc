"""Webhook events and their delivery.

``store_deliveries(event, data)`` stores one ``WebhookDelivery`` per active subscription
to the event; ``tasks.emit`` queues them after the transaction commits (a slow or dead
receiver never slows publishing). ``attempt(delivery)`` is one try: the URL is
checked again (scheme, and every address the name resolves to: private, loopback
and link-local networks are refused unless WEBHOOK_ALLOW_PRIVATE_NETWORKS, since DNS
can change after subscribing), the body is signed per Standard Webhooks
(``standardwebhooks``), the answer is logged; failures are retried with
exponential backoff and 20 failures in a row disable the subscription.
"""

import ipaddress
import json
import socket
import time
import uuid
from datetime import timedelta
from urllib.parse import urlsplit

import requests
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone
from django.utils.translation import gettext as _
from standardwebhooks.webhooks import Webhook

from .models import WebhookAttempt, WebhookDelivery, WebhookSubscription

# Seconds after each failed attempt: 1 min, 5 min, 15 min, 30 min, 1 h, 2 h, 4 h
# (8 attempts over about eight hours; the first five span 51 minutes).
BACKOFF = (60, 300, 900, 1800, 3600, 7200, 14400)
MAX_ATTEMPTS = len(BACKOFF) + 1
DISABLE_AFTER = 20
HEAD_BYTES = 500


class UnsafeUrl(ValueError):
    pass


def _private(address):
    ip = ipaddress.ip_address(address)
    return (
        ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
        or (ip.version == 6 and ip.ipv4_mapped is not None and _private(str(ip.ipv4_mapped)))
    )


def check_url(url):
    """Refuse what a receiver URL may not be; returns the URL. Resolves the host now."""
    parts = urlsplit(url or "")
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise UnsafeUrl(_("Only http and https URLs with a host name are accepted."))
    if parts.username or parts.password:
        raise UnsafeUrl(_("A webhook URL may not carry a user name or password."))
    if getattr(settings, "WEBHOOK_ALLOW_PRIVATE_NETWORKS", False):
        return url
    try:
        infos = socket.getaddrinfo(parts.hostname, parts.port or (443 if parts.scheme == "https" else 80))
    except (socket.gaierror, UnicodeError):
        raise UnsafeUrl(_("The host name of this URL does not resolve."))
    for info in infos:
        if _private(info[4][0]):
            raise UnsafeUrl(_("Addresses in private, loopback and link-local networks are not accepted."))
    return url


def subscribers(event):
    return [
        s for s in WebhookSubscription.objects.filter(active=True).select_related("client") if event in s.events
    ]


def store_deliveries(event, data):
    """A pending delivery of ``event`` for each active subscriber (``tasks.emit`` queues them)."""
    created = []
    for subscription in subscribers(event):
        if not subscription.client.is_usable():
            continue
        message_id = "msg_" + uuid.uuid4().hex
        payload = {"type": event, "timestamp": timezone.now().isoformat(), "data": data}
        payload = json.loads(json.dumps(payload, cls=DjangoJSONEncoder))
        created.append(
            WebhookDelivery.objects.create(
                subscription=subscription, message_id=message_id, event=event, payload=payload
            )
        )
    return created


def signed_request(delivery, when=None):
    """(body bytes, headers) signed with the subscription's secret."""
    body = json.dumps(delivery.payload, ensure_ascii=False, separators=(",", ":"))
    when = when or timezone.now()
    signature = Webhook(delivery.subscription.secret).sign(delivery.message_id, when, body)
    headers = {
        "Content-Type": "application/json",
        "User-Agent": "NhaRong-Webhooks/1",
        "webhook-id": delivery.message_id,
        "webhook-timestamp": str(int(when.timestamp())),
        "webhook-signature": signature,
    }
    return body.encode(), headers


def _finish(delivery, ok):
    subscription = delivery.subscription
    if ok:
        delivery.status = WebhookDelivery.Status.DELIVERED
        delivery.next_attempt_at = None
        subscription.consecutive_failures = 0
    else:
        subscription.consecutive_failures += 1
        if subscription.consecutive_failures >= DISABLE_AFTER:
            subscription.active = False
            subscription.disabled_at = timezone.now()
        if delivery.attempts >= MAX_ATTEMPTS or not subscription.active:
            delivery.status = WebhookDelivery.Status.FAILED
            delivery.next_attempt_at = None
        else:
            delivery.next_attempt_at = timezone.now() + timedelta(seconds=BACKOFF[delivery.attempts - 1])
    delivery.save(update_fields=["status", "next_attempt_at", "attempts"])
    subscription.save(update_fields=["consecutive_failures", "active", "disabled_at"])


def attempt(delivery):
    """One try at delivering; logs it; returns True when the receiver answered 2xx."""
    delivery.attempts += 1
    log = WebhookAttempt(delivery=delivery, number=delivery.attempts)
    started = time.monotonic()
    ok = False
    try:
        check_url(delivery.subscription.url)
        body, headers = signed_request(delivery)
        timeout = getattr(settings, "WEBHOOK_TIMEOUT_SECONDS", 10)
        with requests.post(
            delivery.subscription.url,
            data=body,
            headers=headers,
            timeout=timeout,
            allow_redirects=False,
            stream=True,
        ) as response:
            log.status_code = response.status_code
            head = next(response.iter_content(HEAD_BYTES), b"")
            log.response_head = head[:HEAD_BYTES].decode("utf-8", "replace")
            ok = 200 <= response.status_code < 300
    except UnsafeUrl as error:
        log.error = str(error)[:500]
    except requests.RequestException as error:
        log.error = f"{type(error).__name__}: {error}"[:500]
    log.duration_ms = int((time.monotonic() - started) * 1000)
    log.save()
    _finish(delivery, ok)
    return ok


def reset_for_redelivery(delivery):
    """By hand (admin or API): the delivery is pending again and due now."""
    delivery.status = WebhookDelivery.Status.PENDING
    delivery.next_attempt_at = timezone.now()
    delivery.save(update_fields=["status", "next_attempt_at"])


def due(now=None):
    """Pending deliveries whose retry time has come (for queues that cannot defer)."""
    now = now or timezone.now()
    return WebhookDelivery.objects.filter(status=WebhookDelivery.Status.PENDING, next_attempt_at__lte=now)
