"""The community app's panels on the editors' dashboard: job postings whose deadline is
near (extend or let them close) and policies nobody has reviewed for a year (a law may
have changed). Registered in ``community/wagtail_hooks.py``; the kernel knows nothing of them."""

import datetime

from django.utils import timezone
from wagtail.admin.ui.components import Component

from .models.jobs import JobPostingPage, today
from .models.policies import PolicyDocumentPage

EXPIRING_DAYS = 14
REVIEW_AFTER_DAYS = 365
LIMIT = 10


class ExpiringJobsPanel(Component):
    name = "nharong_expiring_jobs"
    order = 40
    template_name = "community/admin/dashboard_expiring_jobs.html"

    def get_context_data(self, parent_context):
        start = today()
        jobs = (
            JobPostingPage.objects.live()
            .filter(deadline__gte=start, deadline__lte=start + datetime.timedelta(days=EXPIRING_DAYS))
            .select_related("locale")
            .order_by("deadline", "title")
        )
        shown = list(jobs[:LIMIT])
        total = len(shown) if len(shown) < LIMIT else jobs.count()
        return {"jobs": shown, "total": total, "more": total - len(shown), "days": EXPIRING_DAYS}


def stale_policies():
    """Live policies last published more than a year ago (the page has no review date of its
    own: publishing it again is the review)."""
    cutoff = timezone.now() - datetime.timedelta(days=REVIEW_AFTER_DAYS)
    return PolicyDocumentPage.objects.live().filter(last_published_at__lt=cutoff).order_by("last_published_at")


class StalePoliciesPanel(Component):
    name = "nharong_stale_policies"
    order = 50
    template_name = "community/admin/dashboard_stale_policies.html"

    def get_context_data(self, parent_context):
        policies = stale_policies().select_related("locale")
        shown = list(policies[:LIMIT])
        total = len(shown) if len(shown) < LIMIT else policies.count()
        return {"policies": shown, "total": total, "more": total - len(shown)}
