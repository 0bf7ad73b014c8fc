"""The editors' dashboard panels the kernel knows about: what waits for the user's review
(pages in a workflow, and recorded narration for those who may review it), and which pages
are not yet translated into each language (with a list per language).

Feature apps register their own panels in their ``wagtail_hooks.py`` (community: expiring
job postings, policies not reviewed for a year); the kernel never imports them.
"""

from zoneinfo import ZoneInfo

from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.ui.components import Component
from wagtail.models import Page, TaskState

from .locales import DEFAULT_LANGUAGE, LANGUAGE_INFO, language_codes
from .public import public_pages
from .recording_review import language_name, person_name, review_url, waiting

REVIEW_LIMIT = 10
LOCAL_TIME = ZoneInfo("Asia/Ho_Chi_Minh")


def first_and_total(queryset, limit=REVIEW_LIMIT):
    """The first ``limit`` rows of ``queryset`` and how many there are: one query when
    they all fit, a count only when there may be more."""
    shown = list(queryset[:limit])
    return shown, len(shown) if len(shown) < limit else queryset.count()


class ListPanel(Component):
    """A dashboard panel listing a few things to act on (``content/admin/dashboard_list.html``:
    a sentence with the count, the first rows, "and N more", or a sentence when there is
    nothing). Subclasses give ``panel_id``, ``heading`` and ``rows_and_total()``; their
    template extends the list and fills its blocks."""

    panel_id = heading = None

    def rows_and_total(self, parent_context):
        raise NotImplementedError

    def extra_context(self):
        return {}

    def get_context_data(self, parent_context):
        rows, total = self.rows_and_total(parent_context)
        return {
            "panel_id": self.panel_id,
            "heading": self.heading,
            "rows": rows,
            "total": total,
            "more": max(total - len(rows), 0),
            **self.extra_context(),
        }


class ReviewPanel(ListPanel):
    """Pages (and snippets) in a workflow task the user can approve or reject now. It
    replaces Wagtail's own "Awaiting your review" panel, so the list is shown once."""

    name = "nharong_review"
    order = 20
    template_name = "content/admin/dashboard_review.html"
    panel_id = "nharong-review"
    heading = _("Pages waiting for your review")

    def rows_and_total(self, parent_context):
        request = parent_context["request"]
        states = (
            TaskState.objects.reviewable_by(request.user)
            .select_related("revision__user", "task", "workflow_state__workflow")
            .prefetch_related("revision__content_object")
            .order_by("-started_at")
        )
        finder = AdminURLFinder(request.user)
        items = []
        total = states.count()
        for state in states[:REVIEW_LIMIT]:
            obj = state.revision.content_object
            if obj is None:
                continue
            items.append(
                {
                    "title": getattr(obj, "get_admin_display_title", obj.__str__)(),
                    "url": finder.get_edit_url(obj),
                    "task": state.task.name,
                    "requested_by": state.revision.user,
                    "started_at": state.started_at,
                }
            )
        return items, total


def local_day(moment):
    """``dd/mm/yyyy`` of ``moment`` in Vietnam (empty for none)."""
    return timezone.localtime(moment, LOCAL_TIME).strftime("%d/%m/%Y") if moment else ""


class RecordingsPanel(ListPanel):
    """The panel "Bản ghi âm chờ duyệt": recorded narration waiting for review, oldest first (the first
    ``REVIEW_LIMIT`` and a count), for users who may review it (the hook checks
    ``content.recording_review.can_review``). The date is the day it was recorded in Vietnam
    (dd/mm/yyyy, Asia/Ho_Chi_Minh), whatever the user's own time zone. One query (two with
    more than ``REVIEW_LIMIT`` waiting), however many are shown."""

    name = "nharong_recordings"
    order = 25
    template_name = "content/admin/dashboard_recordings.html"
    panel_id = "nharong-recordings"
    heading = _("Recordings waiting for review")

    def rows_and_total(self, parent_context):
        shown, total = first_and_total(waiting())
        items = [
            {
                "title": row.page.get_admin_display_title(),
                "page_url": reverse("wagtailadmin_pages:edit", args=[row.page_id]),
                "review_url": review_url(row),
                "language": language_name(row.language),
                "submitted_by": person_name(row.submitted_by),
                "date": local_day(row.created_at),
            }
            for row in shown
        ]
        return items, total

    def extra_context(self):
        return {"list_url": reverse("content_recordings")}


def source_pages():
    """Public pages in the source language (Vietnamese), the home pages included."""
    return public_pages(Page.objects.filter(depth__gt=1, locale__language_code=DEFAULT_LANGUAGE))


def translated_in(code):
    """A condition on a page: it has a public translation in ``code`` (one that counts as
    translated: ``content.translations``)."""
    return Exists(
        public_pages(Page.objects.filter(locale__language_code=code)).filter(
            translation_key=OuterRef("translation_key")
        )
    )


def target_languages():
    return [code for code in language_codes() if code != DEFAULT_LANGUAGE]


def untranslated_counts():
    """``{language: number of source pages without a translation readers get}`` in one query."""
    aggregates = {code: Count("pk", filter=~Q(translated_in(code))) for code in target_languages()}
    return source_pages().aggregate(**aggregates)


def unfinished_counts():
    """``{language: translations begun but not yet done}``."""
    from .models import UnfinishedTranslation

    rows = UnfinishedTranslation.objects.values_list("page__locale__language_code").annotate(n=Count("pk"))
    return dict(rows)


def untranslated_pages(code):
    return source_pages().exclude(translated_in(code)).order_by("path")


class TranslationsPanel(Component):
    """Per language, how many pages readers still get in Vietnamese, linked to their list."""

    name = "nharong_translations"
    order = 30
    template_name = "content/admin/dashboard_translations.html"

    def get_context_data(self, parent_context):
        counts = untranslated_counts()
        unfinished = unfinished_counts()
        rows = [
            {
                "code": code,
                "name": LANGUAGE_INFO.get(code, {}).get("name_vi", code),
                "missing": counts[code],
                "unfinished": unfinished.get(code, 0),
                "url": reverse("content_untranslated_pages", args=[code]),
            }
            for code in target_languages()
        ]
        return {"rows": rows, "total": source_pages().count()}
