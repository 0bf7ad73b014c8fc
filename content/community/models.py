"""All community models in one import (see the bottom of ``content/models.py``)."""

from django.db.models.signals import post_migrate

from .articles import CommunityArticlePage, CommunityCourseLink, CommunityIndexPage
from .consultation import ConsultationRequest, ensure_health_staff
from .health import HealthIndexPage, HealthServicePage
from .jobs import JobCourseLink, JobIndexPage, JobPostingPage
from .policies import PolicyAmendment, PolicyDocumentPage, PolicyLibraryPage

post_migrate.connect(ensure_health_staff, dispatch_uid="content_ensure_health_staff")

__all__ = [
    "CommunityArticlePage", "CommunityCourseLink", "CommunityIndexPage", "ConsultationRequest",
    "HealthIndexPage", "HealthServicePage", "JobCourseLink", "JobIndexPage", "JobPostingPage",
    "PolicyAmendment", "PolicyDocumentPage", "PolicyLibraryPage",
]
