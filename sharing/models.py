"""Agency clients, their access log and their webhook subscriptions.

An ``ApiClient`` is a named agency system. Its OAuth2 application (django-oauth-
toolkit, client-credentials grant, secret stored hashed) issues short-lived bearer
tokens; the client's status, expiry and scopes are checked on every request, so a
suspended, revoked or expired client's tokens fail on the next one.
"""

import base64
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

SCOPES = {
    "content:read": _("Read public content and datasets"),
    "stats:read": _("Read approved statistics"),
    "stats:restricted": _("Read statistics disaggregations too fine to publish"),
    "learning:aggregate": _("Course enrolments and completions, aggregated and suppressed"),
    "consultation:aggregate": _("Consultation request counts, aggregated and suppressed"),
    "webhooks": _("Manage its own webhook subscriptions"),
}

EVENTS = {
    "page.published": _("A public page was published"),
    "page.unpublished": _("A public page was unpublished"),
    "stats.values.approved": _("Statistical values were approved"),
    "report.published": _("A statistical report was published"),
    "dataset.updated": _("An open dataset changed"),
}


class ApiClient(models.Model):
    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        SUSPENDED = "suspended", _("Suspended")
        REVOKED = "revoked", _("Revoked")

    name = models.CharField(_("name"), max_length=100, unique=True)
    agency = models.CharField(_("agency"), max_length=255)
    contact_person = models.CharField(_("contact person"), max_length=255, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=30, blank=True)
    scopes = models.JSONField(_("scopes"), default=list)
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.ACTIVE)
    rate_limit_per_minute = models.PositiveIntegerField(_("requests per minute"), default=120)
    application = models.OneToOneField(
        settings.OAUTH2_PROVIDER_APPLICATION_MODEL,
        verbose_name=_("OAuth2 application"),
        on_delete=models.PROTECT,
        related_name="api_client",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("API client")
        verbose_name_plural = _("API clients")

    def __str__(self):
        return f"{self.name} ({self.agency})"

    @property
    def client_id(self):
        return self.application.client_id

    def is_usable(self, now=None):
        now = now or timezone.now()
        return self.status == self.Status.ACTIVE and (self.expires_at is None or self.expires_at > now)

    def has_scope(self, scope):
        return scope in (self.scopes or [])


class AccessLogEntry(models.Model):
    """One request of a client (or of an unknown token) to an agency endpoint."""

    client = models.ForeignKey(
        ApiClient, verbose_name=_("client"), null=True, blank=True, on_delete=models.SET_NULL, related_name="log"
    )
    client_name = models.CharField(_("client name"), max_length=100, blank=True)
    endpoint = models.CharField(_("endpoint"), max_length=255)
    method = models.CharField(_("method"), max_length=8, default="GET")
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    rows = models.PositiveIntegerField(_("rows returned"), default=0)
    status = models.PositiveSmallIntegerField(_("status"))
    duration_ms = models.PositiveIntegerField(_("duration (ms)"), default=0)
    at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-at"]
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log")

    def __str__(self):
        return f"{self.at:%d/%m/%Y %H:%M} {self.client_name or '-'} {self.endpoint} {self.status}"


def new_webhook_secret():
    return "whsec_" + base64.b64encode(secrets.token_bytes(32)).decode()


class WebhookSubscription(models.Model):
    client = models.ForeignKey(
        ApiClient, verbose_name=_("client"), on_delete=models.CASCADE, related_name="webhooks"
    )
    url = models.URLField(_("URL"), max_length=500)
    events = models.JSONField(_("events"), default=list)
    secret = models.CharField(_("signing secret"), max_length=100, default=new_webhook_secret, editable=False)
    active = models.BooleanField(_("active"), default=True)
    consecutive_failures = models.PositiveIntegerField(_("failures in a row"), default=0)
    disabled_at = models.DateTimeField(_("disabled at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("webhook subscription")
        verbose_name_plural = _("webhook subscriptions")

    def __str__(self):
        return f"{self.client.name} → {self.url}"


class WebhookDelivery(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        DELIVERED = "delivered", _("Delivered")
        FAILED = "failed", _("Failed")

    subscription = models.ForeignKey(
        WebhookSubscription, verbose_name=_("subscription"), on_delete=models.CASCADE, related_name="deliveries"
    )
    message_id = models.CharField(_("message id"), max_length=64, unique=True)
    event = models.CharField(_("event"), max_length=40)
    payload = models.JSONField(_("payload"))
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt at"), null=True, blank=True, db_index=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")

    def __str__(self):
        return f"{self.event} {self.message_id}"


class WebhookAttempt(models.Model):
    delivery = models.ForeignKey(
        WebhookDelivery, verbose_name=_("delivery"), on_delete=models.CASCADE, related_name="attempt_log"
    )
    number = models.PositiveSmallIntegerField(_("attempt"))
    at = models.DateTimeField(_("time"), default=timezone.now)
    status_code = models.PositiveSmallIntegerField(_("HTTP status"), null=True, blank=True)
    duration_ms = models.PositiveIntegerField(_("response time (ms)"), default=0)
    response_head = models.CharField(_("start of the answer"), max_length=500, blank=True)
    error = models.CharField(_("error"), max_length=500, blank=True)

    class Meta:
        ordering = ["number"]
        verbose_name = _("webhook attempt")
        verbose_name_plural = _("webhook attempts")

    def __str__(self):
        return f"{self.delivery_id} #{self.number}"


class DatasetLicence(models.Model):
    """The licence an editor set for one open dataset (``sharing.datasets``); a dataset
    without one is published under CC BY 4.0."""

    slug = models.SlugField(_("dataset"), max_length=120, unique=True)
    licence_url = models.URLField(
        _("licence address"), max_length=300, help_text=_("E.g. https://creativecommons.org/licenses/by/4.0/")
    )
    note = models.CharField(_("note"), max_length=255, blank=True)

    class Meta:
        ordering = ["slug"]
        verbose_name = _("dataset licence")
        verbose_name_plural = _("dataset licences")

    def __str__(self):
        return f"{self.slug}: {self.licence_url}"
