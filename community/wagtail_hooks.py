"""Admin of the community app: consultation requests, for Health staff only."""

from wagtail import hooks
from wagtail.permissions import register_permission_policy

from .admin import HealthStaffPolicy, consultation_viewset
from .models.consultation import ConsultationRequest

register_permission_policy(ConsultationRequest, HealthStaffPolicy(ConsultationRequest))


@hooks.register("register_admin_viewset")
def register_consultation_viewset():
    return consultation_viewset
