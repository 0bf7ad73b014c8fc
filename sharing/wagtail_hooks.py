"""Wagtail hooks of the sharing app: the agency-client screens, the access-log report, webhook
subscriptions and dataset licences (all under Settings, for users with the models' permissions)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .admin_views import AccessLogViewSet, ApiClientViewSet
from .admin_webhooks import REDELIVER_ACTION, DatasetLicenceViewSet, WebhookSubscriptionViewSet


@hooks.register("register_admin_viewset")
def register_viewsets():
    return [ApiClientViewSet(), AccessLogViewSet(), WebhookSubscriptionViewSet(), DatasetLicenceViewSet()]


class DeliveriesMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("sharing.change_webhooksubscription")


@hooks.register("register_settings_menu_item")
def deliveries_menu_item():
    return DeliveriesMenuItem(
        _("Webhook deliveries"), reverse("sharing_webhooks:deliveries"), icon_name="history", order=910
    )


@hooks.register("register_log_actions")
def register_log_actions(actions):
    actions.register_action(
        REDELIVER_ACTION, _("Webhook sent again"), _("Webhook delivery queued to be sent again")
    )
