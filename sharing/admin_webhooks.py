"""Admin screens for webhook subscriptions (any client's; issue 15: "the admin can do the same
for any client") and for the open datasets' licences.

Subscriptions: create one for a client that has the ``webhooks`` scope (the signing secret is
shown once), change its address and events, switch it back on after it was disabled (the
failure count starts again), delete it; the listing shows who to call when one fails (the
client's contact). Addresses pass the same check as the API (``webhooks.check_url``).
Deliveries: the latest ones with their attempts; a failed one can be sent again by hand
("Gửi lại": queued for the worker, the action recorded in Wagtail's log with who did it).
Licences: an editor sets another licence than CC BY 4.0 for a dataset (``DatasetLicence``)."""

import logging

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.log_actions import log

from . import tasks, webhooks
from .datasets import all_datasets
from .models import EVENTS, ApiClient, DatasetLicence, WebhookAttempt, WebhookDelivery, WebhookSubscription

logger = logging.getLogger(__name__)
REDELIVER_ACTION = "sharing.webhook_redelivered"
DELIVERIES_SHOWN = 100


class SubscriptionForm(forms.ModelForm):
    events = forms.MultipleChoiceField(
        label=_("events"),
        choices=lambda: [(k, f"{k}: {v}") for k, v in EVENTS.items()],
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = WebhookSubscription
        fields = ["client", "url", "events", "active"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["client"].queryset = ApiClient.objects.order_by("name")  # the scope is checked below
        if self.instance.pk:
            self.fields["client"].disabled = True

    def clean_url(self):
        url = self.cleaned_data["url"]
        try:
            webhooks.check_url(url)
        except webhooks.UnsafeUrl as error:
            raise forms.ValidationError(str(error))
        return url

    def clean_client(self):
        client = self.cleaned_data["client"]
        if client is not None and "webhooks" not in (client.scopes or []):
            raise forms.ValidationError(_("This client does not have the webhooks scope."))
        return client

    def save(self, commit=True):
        subscription = super().save(commit=False)
        if subscription.active and (subscription.disabled_at or subscription.consecutive_failures):
            subscription.disabled_at = None  # switched back on: the count starts again
            subscription.consecutive_failures = 0
        if commit:
            subscription.save()
        return subscription


class CreateSubscriptionView(generic.CreateView):
    """Shows the signing secret once, like the API's ``POST /api/v1/webhooks``."""

    def form_valid(self, form):
        subscription = form.save()
        heading = _("Subscription created")
        return TemplateResponse(
            self.request,
            "sharing/admin/webhook_secret.html",
            {"subscription": subscription, "page_title": heading, "header_title": heading},
        )


class ContactColumn(Column):
    def get_value(self, instance):
        client = instance.client
        return " · ".join(v for v in (client.contact_person, client.contact_email, client.contact_phone) if v)


class WebhookSubscriptionViewSet(ModelViewSet):
    model = WebhookSubscription
    icon = "link"
    menu_label = _("webhook subscriptions")
    add_to_settings_menu = True
    name = "sharing_webhooks"
    url_prefix = "sharing/webhooks"
    add_view_class = CreateSubscriptionView
    copy_view_enabled = False
    list_filter = ["active", "client"]
    search_fields = ["url", "client__name"]

    @property
    def list_display(self):
        return [
            "client",
            "url",
            "events",
            "active",
            "consecutive_failures",
            "disabled_at",
            ContactColumn("contact", label=_("contact")),
        ]

    def get_form_class(self, for_update=False):
        return SubscriptionForm

    def get_queryset(self, request):
        return WebhookSubscription.objects.select_related("client")

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("deliveries/", deliveries, name="deliveries"),
            path("deliveries/<int:pk>/redeliver/", redeliver, name="redeliver"),
        ]


def _require_change(user):
    if not user.has_perm("sharing.change_webhooksubscription"):
        raise PermissionDenied


def deliveries(request):
    """The latest deliveries (``?status=failed`` for the failed ones), each with its attempts."""
    _require_change(request.user)
    shown = WebhookDelivery.objects.select_related("subscription__client").prefetch_related(
        Prefetch("attempt_log", queryset=WebhookAttempt.objects.order_by("number"))
    )
    status = request.GET.get("status", "")
    if status in WebhookDelivery.Status.values:
        shown = shown.filter(status=status)
    shown = list(shown.order_by("-created_at", "-pk")[:DELIVERIES_SHOWN])
    for delivery in shown:
        attempts = list(delivery.attempt_log.all())
        delivery.last_attempt = attempts[-1] if attempts else None
    heading = gettext("Webhook deliveries")
    return TemplateResponse(
        request,
        "sharing/admin/webhook_deliveries.html",
        {
            "deliveries": shown,
            "statuses": WebhookDelivery.Status.choices,
            "status": status,
            "failed": WebhookDelivery.Status.FAILED,
            "page_title": heading,
            "header_title": heading,
        },
    )


@require_POST
def redeliver(request, pk):
    """Send a failed delivery again: pending and due now, queued for the worker after the
    commit (``tasks.redeliver``, as the API's redeliver does); recorded in Wagtail's log."""
    _require_change(request.user)
    delivery = get_object_or_404(WebhookDelivery.objects.select_related("subscription__client"), pk=pk)
    if delivery.status != WebhookDelivery.Status.FAILED:
        messages.error(request, gettext("Only a failed delivery can be sent again."))
        return redirect("sharing_webhooks:deliveries")
    tasks.redeliver(delivery)
    log(
        instance=delivery,
        action=REDELIVER_ACTION,
        user=request.user,
        data={"message_id": delivery.message_id, "event": delivery.event, "url": delivery.subscription.url},
    )
    logger.info("webhook delivery %s queued again by %s", delivery.message_id, request.user)
    messages.success(request, gettext("Delivery %(id)s queued to be sent again.") % {"id": delivery.message_id})
    return redirect("sharing_webhooks:deliveries")


class LicenceForm(forms.ModelForm):
    slug = forms.ChoiceField(label=_("dataset"), choices=lambda: [(d.slug, d.title_vi) for d in all_datasets()])

    class Meta:
        model = DatasetLicence
        fields = ["slug", "licence_url", "note"]


class DatasetLicenceViewSet(ModelViewSet):
    model = DatasetLicence
    icon = "doc-full"
    menu_label = _("dataset licences")
    add_to_settings_menu = True
    name = "sharing_licences"
    url_prefix = "sharing/licences"
    copy_view_enabled = False
    list_display = ["slug", "licence_url", "note"]

    def get_form_class(self, for_update=False):
        return LicenceForm
