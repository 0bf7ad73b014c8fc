"""Wagtail hooks of the content app: the public rule at serve time, and the
admin of community information."""

from django.http import Http404
from django.utils import timezone
from wagtail import hooks
from wagtail.permissions import register_permission_policy

from .community.admin import HealthStaffPolicy, consultation_viewset
from .community.consultation import ConsultationRequest

register_permission_policy(ConsultationRequest, HealthStaffPolicy(ConsultationRequest))


@hooks.register("register_admin_viewset")
def register_consultation_viewset():
    return consultation_viewset


@hooks.register("before_serve_page")
def refuse_expired_pages(page, request, serve_args, serve_kwargs):
    """A page past its expiry time is not public even before ``publish_scheduled``
    unpublishes it (``content.public``): the site says 404 like the API does."""
    if page.expire_at and page.expire_at <= timezone.now() and not getattr(request, "is_preview", False):
        raise Http404
