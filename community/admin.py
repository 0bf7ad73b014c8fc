"""Wagtail admin for consultation requests: list, inspect and delete, Health staff only.

The permission policy ignores model permissions and superuser status on
purpose: a request is personal health data, so only members of the
*Health staff* group can see it (an administrator who needs access joins the
group, which leaves a trace in the group membership). An administrator who is not in the
group still sees the menu item: it opens an explanation of why the requests are hidden and
how to get access, instead of a silent absence.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic import IndexView
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


def is_administrator(user):
    """Someone who runs the admin (a superuser, or who may manage users or groups) and so
    could give the access: shown why the requests are hidden, not left wondering."""
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or user.has_perm("auth.change_group") or user.has_perm("auth.change_user")


def hidden_requests_hint(request):
    """The explanation an administrator outside *Health staff* reads at the list's address."""
    from django.urls import reverse

    user = request.user
    account_url = None
    may_edit_accounts = user.is_superuser or user.has_perm("auth.change_user")
    if may_edit_accounts and Group.objects.filter(name=HEALTH_STAFF).exists():
        account_url = reverse("wagtailusers_users:edit", args=[user.pk])  # its Roles tab holds the groups
    return render(
        request,
        "community/admin/consultation_hidden.html",
        {"group_name": HEALTH_STAFF, "account_url": account_url},
    )


class ConsultationIndexView(IndexView):
    def dispatch(self, request, *args, **kwargs):
        if not is_health_staff(request.user) and is_administrator(request.user):
            return hidden_requests_hint(request)
        return super().dispatch(request, *args, **kwargs)


class ConsultationMenuItem(MenuItem):
    def is_shown(self, request):
        return is_health_staff(request.user) or is_administrator(request.user)


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
    index_view_class = ConsultationIndexView
    menu_item_class = ConsultationMenuItem


consultation_viewset = ConsultationRequestViewSet("consultation_requests")
