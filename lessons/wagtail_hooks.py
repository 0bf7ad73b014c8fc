"""Admin hooks: the learning report under Reports."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .admin_views import can_view_reports, learning_report


@hooks.register("register_admin_urls")
def register_report_urls():
    return [path("reports/learning/", learning_report, name="lessons_learning_report")]


class LearningReportMenuItem(MenuItem):
    def is_shown(self, request):
        return can_view_reports(request.user)


@hooks.register("register_reports_menu_item")
def register_learning_report_menu_item():
    return LearningReportMenuItem(
        _("Learning"), reverse("lessons_learning_report"), name="learning", icon_name="tasks",
        order=900,
    )
