"""Wagtail admin screens of the sharing app: agency clients (issue with the secret shown
once, edit contact details, rotate the secret, suspend, reactivate, revoke) and the access
log report (filter by client and period, CSV/XLSX export by Wagtail's own listing).

The work is done by ``sharing.oauth``, the same functions the management commands call;
these screens only collect the input and show the result."""

import django_filters
from django import forms
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin import messages
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button

from . import oauth
from .models import SCOPES, AccessLogEntry, ApiClient


class IssueClientForm(forms.ModelForm):
    scopes = forms.MultipleChoiceField(
        label=_("scopes"), choices=lambda: [(k, f"{k}: {v}") for k, v in SCOPES.items()]
    )

    class Meta:
        model = ApiClient
        fields = ["name", "agency", "contact_person", "contact_email", "contact_phone", "scopes", "expires_at"]


def _secret_page(request, client, secret, heading):
    return TemplateResponse(
        request,
        "sharing/admin/secret.html",
        {"client": client, "secret": secret, "page_title": heading, "header_title": heading},
    )


class IssueClientView(generic.CreateView):
    """Creates the client through ``oauth.issue_client`` and shows its secret once."""

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            client, secret = oauth.issue_client(
                data["name"],
                agency=data["agency"],
                scopes=data["scopes"],
                expires_at=data["expires_at"],
                contact_person=data["contact_person"],
                contact_email=data["contact_email"],
                contact_phone=data["contact_phone"],
            )
        except oauth.ClientError as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        return _secret_page(self.request, client, secret, _("Client issued"))


class ClientEditView(generic.EditView):
    @property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        for action, label, icon in CLIENT_ACTIONS:
            buttons.append(
                Button(label, url=reverse(f"sharing_clients:{action}", args=[self.object.pk]), icon_name=icon)
            )
        return buttons


CLIENT_ACTIONS = (
    ("rotate", _("Rotate the secret"), "key"),
    ("suspend", _("Suspend"), "pick"),
    ("activate", _("Reactivate"), "success"),
    ("revoke", _("Revoke"), "bin"),
)


def client_action(request, pk, action):
    """GET: a confirmation page; POST: do it (only with the change permission)."""
    if not request.user.has_perm("sharing.change_apiclient"):
        raise PermissionDenied
    client = get_object_or_404(ApiClient, pk=pk)
    label = dict((a, label) for a, label, _icon in CLIENT_ACTIONS)[action]
    if request.method != "POST":
        return TemplateResponse(
            request,
            "sharing/admin/confirm.html",
            {"client": client, "action_label": label, "page_title": label, "header_title": f"{label}: {client}"},
        )
    if action == "rotate":
        return _secret_page(request, client, oauth.rotate_secret(client), _("New secret"))
    if action == "suspend":
        oauth.set_status(client, ApiClient.Status.SUSPENDED)
    elif action == "activate":
        oauth.set_status(client, ApiClient.Status.ACTIVE)
    elif action == "revoke":
        oauth.revoke_client(client)
    messages.success(request, _("“%(client)s”: %(action)s.") % {"client": client, "action": label})
    return redirect("sharing_clients:edit", client.pk)


def _gone_if(pattern, condition, redirect_to=None):
    """Keep the URL name (Wagtail's listings reverse it) but not the screen."""
    if not condition:
        return pattern

    def gone(request, *args, pk=None, **kwargs):
        if redirect_to and pk is not None:
            return redirect(redirect_to, pk)
        raise Http404

    return path(str(pattern.pattern), gone, name=pattern.name)


class ApiClientViewSet(ModelViewSet):
    model = ApiClient
    icon = "key"
    menu_label = _("API clients")
    add_to_settings_menu = True
    name = "sharing_clients"
    url_prefix = "sharing/clients"
    add_view_class = IssueClientView
    edit_view_class = ClientEditView
    copy_view_enabled = False
    list_display = ["name", "agency", "status", "expires_at", "created_at"]
    list_filter = ["status"]
    search_fields = ["name", "agency", "contact_person"]
    # Name, scopes, status and the secret change only through the actions above.
    form_fields = [
        "agency",
        "contact_person",
        "contact_email",
        "contact_phone",
        "expires_at",
        "rate_limit_per_minute",
        "note",
    ]

    def get_form_class(self, for_update=False):
        return super().get_form_class(for_update) if for_update else IssueClientForm

    def get_urlpatterns(self):
        # A client is revoked, never deleted (its log and tokens keep pointing at it).
        patterns = [_gone_if(p, p.name == "delete", "sharing_clients:revoke") for p in super().get_urlpatterns()]
        for action, _label, _icon in CLIENT_ACTIONS:
            patterns.append(path(f"{action}/<int:pk>/", client_action, {"action": action}, name=action))
        return patterns


class AccessLogFilterSet(WagtailFilterSet):
    at = django_filters.DateFromToRangeFilter(label=_("period"), widget=DateRangePickerWidget)

    class Meta:
        model = AccessLogEntry
        fields = ["client", "status"]


class AccessLogViewSet(ModelViewSet):
    """Read-only: the log is written by requests, never by hand."""

    model = AccessLogEntry
    icon = "list-ul"
    menu_label = _("access log")
    add_to_settings_menu = True
    name = "sharing_access_log"
    url_prefix = "sharing/access-log"
    filterset_class = AccessLogFilterSet
    list_display = ["at", "client_name", "method", "endpoint", "status", "rows", "duration_ms"]
    list_export = ["at", "client_name", "method", "endpoint", "params", "status", "rows", "duration_ms"]
    export_filename = "access-log"
    copy_view_enabled = False
    inspect_view_enabled = True
    form_fields = ["client_name"]

    def get_urlpatterns(self):
        keep = {"index", "index_results", "inspect"}
        return [_gone_if(p, p.name not in keep) for p in super().get_urlpatterns()]
