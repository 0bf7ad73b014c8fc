"""Admin of the community app (consultation requests, for Health staff only) and the seams it provides."""

from wagtail import hooks
from wagtail.permissions import register_permission_policy

from content import seams

from .admin import HealthStaffPolicy, consultation_viewset
from .models.consultation import ConsultationRequest

register_permission_policy(ConsultationRequest, HealthStaffPolicy(ConsultationRequest))


@hooks.register("register_admin_viewset")
def register_consultation_viewset():
    return consultation_viewset


@hooks.register(seams.PAGES_ABOUT_UNITS)
def community_pages_about_units(unit_ids):
    """Health services, job postings and community articles in these communes (a closed job
    leaves the list through ``listed_pages``, as everywhere)."""
    from django.db.models import Q
    from wagtail.models import Page

    from .models.articles import CommunityArticlePage
    from .models.health import HealthServicePage
    from .models.jobs import JobPostingPage

    about = Q()
    for model in (HealthServicePage, JobPostingPage, CommunityArticlePage):
        about |= Q(pk__in=model.objects.filter(commune_id__in=unit_ids).values("pk"))
    return Page.objects.filter(about).values("pk")


@hooks.register("construct_homepage_panels")
def community_dashboard_panels(request, panels):
    """Job postings closing soon and policies to review, for the editors who look after them."""
    from .dashboard import ExpiringJobsPanel, StalePoliciesPanel

    panels += [ExpiringJobsPanel(), StalePoliciesPanel()]
