"""Wagtail hooks of the sharing app: the agency-client screens, the access-log report, webhook
subscriptions and dataset licences (all under Settings, for users with the models' permissions)."""

from wagtail import hooks

from .admin_views import AccessLogViewSet, ApiClientViewSet
from .admin_webhooks import DatasetLicenceViewSet, WebhookSubscriptionViewSet


@hooks.register("register_admin_viewset")
def register_viewsets():
    return [ApiClientViewSet(), AccessLogViewSet(), WebhookSubscriptionViewSet(), DatasetLicenceViewSet()]
