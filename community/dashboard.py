"""The community app's panels on the editors' dashboard: job postings whose deadline is
near (extend or let them close) and policies nobody has reviewed for a year (a law may
have changed). Registered in ``community/wagtail_hooks.py``; the kernel knows nothing of them."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from content.dashboard import ListPanel, first_and_total

from .models.jobs import JobPostingPage, today
from .models.policies import PolicyDocumentPage

EXPIRING_DAYS = 14
REVIEW_AFTER_DAYS = 365
LIMIT = 10


class PagesPanel(ListPanel):
    """A panel listing the first ``LIMIT`` pages of ``pages()`` with their language and one
    date (``content/admin/dashboard_list.html``; each panel's template fills its words)."""

    def pages(self):
        raise NotImplementedError

    def rows_and_total(self, parent_context):
        return first_and_total(self.pages().select_related("locale"), LIMIT)


class ExpiringJobsPanel(PagesPanel):
    name = "nharong_expiring_jobs"
    order = 40
    template_name = "community/admin/dashboard_expiring_jobs.html"
    panel_id = "nharong-expiring-jobs"
    heading = _("Job postings closing soon")

    def pages(self):
        start = today()
        return (
            JobPostingPage.objects.live()
            .filter(deadline__gte=start, deadline__lte=start + datetime.timedelta(days=EXPIRING_DAYS))
            .order_by("deadline", "title")
        )

    def extra_context(self):
        return {"days": EXPIRING_DAYS}


def stale_policies():
    """Live policies last published more than a year ago (the page has no review date of its
    own: publishing it again is the review)."""
    cutoff = timezone.now() - datetime.timedelta(days=REVIEW_AFTER_DAYS)
    return PolicyDocumentPage.objects.live().filter(last_published_at__lt=cutoff).order_by("last_published_at")


class StalePoliciesPanel(PagesPanel):
    name = "nharong_stale_policies"
    order = 50
    template_name = "community/admin/dashboard_stale_policies.html"
    panel_id = "nharong-stale-policies"
    heading = _("Policies to review")

    def pages(self):
        return stale_policies()
