"""The statistics menu of the admin ("Số liệu thống kê"): data entry, approval, import, periodic reports."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem

from content import seams

from . import admin_approval, admin_entry, admin_import, admin_models, admin_reports, roles


@hooks.register("register_admin_urls")
def register_stats_urls():
    return [
        path("stats/entry/", admin_entry.entry, name="stats_entry"),
        path("stats/approval/", admin_approval.approval, name="stats_approval"),
        path("stats/values/<int:pk>/history/", admin_approval.value_history, name="stats_value_history"),
        path("stats/import/", admin_import.import_view, name="stats_import"),
        path("stats/reports/", admin_reports.reports, name="stats_reports"),
        path("stats/reports/<int:pk>.<str:kind>", admin_reports.report_file, name="stats_report_file"),
        path("stats/templates/<slug:code>.csv", admin_import.template_csv, name="stats_template_csv"),
        path("stats/templates/<slug:code>.xlsx", admin_import.template_xlsx, name="stats_template_xlsx"),
    ]


class StatsUserItem(MenuItem):
    def is_shown(self, request):
        return roles.is_officer(request.user) or roles.is_reporter(request.user)


class ApproverItem(MenuItem):
    def is_shown(self, request):
        return admin_approval.may_approve(request.user)


class OfficerItem(MenuItem):
    def is_shown(self, request):
        return roles.is_officer(request.user)


class PermissionItem(MenuItem):
    """Shown to whoever may see the model's screen (officers: ``stats.roles``)."""

    def __init__(self, *args, model, **kwargs):
        super().__init__(*args, **kwargs)
        self.codename = f"{model._meta.app_label}.view_{model._meta.model_name}"
        self.add_codename = f"{model._meta.app_label}.add_{model._meta.model_name}"

    def is_shown(self, request):
        return request.user.has_perm(self.codename) or request.user.has_perm(self.add_codename)


class StatsMenu(SubmenuMenuItem):
    def is_shown(self, request):
        return roles.is_officer(request.user) or roles.is_reporter(request.user)


def _items():
    return [
        StatsUserItem(_("Data entry"), reverse("stats_entry"), name="stats-entry", icon_name="edit", order=100),
        ApproverItem(
            _("Approve values"), reverse("stats_approval"), name="stats-approval", icon_name="tick", order=200
        ),
        StatsUserItem(
            _("Import values"), reverse("stats_import"), name="stats-import", icon_name="upload", order=300
        ),
        OfficerItem(
            _("Periodic reports"), reverse("stats_reports"), name="stats-reports", icon_name="doc-full", order=400
        ),
        *[
            PermissionItem(
                viewset.menu_label,
                reverse(f"{viewset.name}:index"),
                name=viewset.name.replace("_", "-"),
                icon_name=viewset.icon,
                order=500 + 10 * n,
                model=viewset.model,
            )
            for n, viewset in enumerate(admin_models.VIEWSETS)
        ],
    ]


@hooks.register("register_admin_viewset")
def register_stats_viewsets():
    return [viewset() for viewset in admin_models.VIEWSETS]


@hooks.register("register_admin_menu_item")
def register_stats_menu():
    return StatsMenu(_("Statistics"), Menu(items=_items()), name="stats", icon_name="table", order=450)


@hooks.register(seams.BODY_BLOCKS)
def indicator_figure_block():
    """The indicator figure joins the shared body of every page type (``content.blocks.BODY_BLOCKS``)."""
    from .blocks import IndicatorFigureBlock

    return [("indicator_figure", IndicatorFigureBlock())]
