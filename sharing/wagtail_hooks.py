"""Wagtail hooks of the sharing app: the agency-client screens and the access-log report
(both under Settings, for users with the models' permissions)."""

from wagtail import hooks

from .admin_views import AccessLogViewSet, ApiClientViewSet


@hooks.register("register_admin_viewset")
def register_viewsets():
    return [ApiClientViewSet(), AccessLogViewSet()]
