"""Wagtail hooks of the lessons app: the learning report under Reports, and the
seams through which other apps learn what a learner completed and where they live."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from content import seams

from .admin_views import can_view_reports, learning_report
from .learners.accounts import LearnerProfile
from .learners.context import course_context, lesson_context
from .learners.records import Enrollment
from .pages import LEARNER_CONTEXT_HOOK, CoursePage, LessonPage


@hooks.register("register_admin_urls")
def register_report_urls():
    return [path("reports/learning/", learning_report, name="lessons_learning_report")]


class LearningReportMenuItem(MenuItem):
    def is_shown(self, request):
        return can_view_reports(request.user)


@hooks.register("register_reports_menu_item")
def register_learning_report_menu_item():
    return LearningReportMenuItem(
        _("Learning"),
        reverse("lessons_learning_report"),
        name="learning",
        icon_name="tasks",
        order=900,
    )


# ---------------------------------------------------------------------------
# Seams other apps ask through (content.seams); they never import lessons.
# ---------------------------------------------------------------------------


@hooks.register(seams.COMPLETED_COURSE_KEYS)
def completed_course_keys(user):
    """Translation keys of the courses ``user`` completed (one query)."""
    if not getattr(user, "is_authenticated", False):
        return set()
    rows = Enrollment.objects.filter(learner=user, completed_at__isnull=False)
    return set(rows.values_list("course__translation_key", flat=True))


@hooks.register(seams.HOME_COMMUNE)
def home_commune(user):
    """The commune on the learner's profile, if any."""
    if not getattr(user, "is_authenticated", False):
        return None
    return LearnerProfile.objects.filter(user=user).values_list("commune_id", flat=True).first()


@hooks.register(LEARNER_CONTEXT_HOOK)
def learner_context(request, page):
    """The learner's own state on course and lesson pages (``lessons.learners.context``)."""
    if isinstance(page, CoursePage):
        return course_context(request, page)
    if isinstance(page, LessonPage):
        return lesson_context(request, page)
    return {}


@hooks.register(seams.PAGES_ABOUT_UNITS)
def courses_about_units(unit_ids):
    """Courses made for these communes (``CoursePage.units``); sensitive courses never."""
    return CoursePage.objects.filter(units__in=unit_ids, sensitive=False).values("pk")
