"""Wagtail admin for consultation requests: list, inspect and delete, Health staff only.

The permission policy ignores model permissions and superuser status on
purpose: a request is personal health data, so only members of the
*Health staff* group can see it (an administrator who needs access joins the
group, which leaves a trace in the group membership).
"""

from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import BasePermissionPolicy

from .models.consultation import HEALTH_STAFF, ConsultationRequest, is_health_staff

ALLOWED_ACTIONS = {"view", "delete"}


class HealthStaffPolicy(BasePermissionPolicy):
    def user_has_permission(self, user, action):
        return action in ALLOWED_ACTIONS and is_health_staff(user)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, a) for a in actions)

    def users_with_any_permission(self, actions):
        if not ALLOWED_ACTIONS & set(actions):
            return get_user_model().objects.none()
        return get_user_model().objects.filter(is_active=True, groups__name=HEALTH_STAFF).distinct()

    def users_with_permission(self, action):
        return self.users_with_any_permission([action])


class ConsultationRequestViewSet(ModelViewSet):
    model = ConsultationRequest
    icon = "user"
    menu_label = _("Consultation requests")
    add_to_admin_menu = True
    menu_order = 900
    inspect_view_enabled = True
    list_display = ["__str__", "commune", "preferred_language", "created_at"]
    list_filter = ["preferred_language"]
    inspect_view_fields = ["name", "phone", "commune", "preferred_language", "description", "created_at"]
    form_fields = []  # never added or edited by hand: only created by the public form
    add_to_reference_index = False
    copy_view_enabled = False


consultation_viewset = ConsultationRequestViewSet("consultation_requests")
