"""Admin hooks of the content app (community information)."""

from wagtail import hooks
from wagtail.permissions import register_permission_policy

from .community.admin import HealthStaffPolicy, consultation_viewset
from .community.consultation import ConsultationRequest

register_permission_policy(ConsultationRequest, HealthStaffPolicy(ConsultationRequest))


@hooks.register("register_admin_viewset")
def register_consultation_viewset():
    return consultation_viewset
