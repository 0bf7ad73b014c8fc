"""Models of the community app, one module per kind of page (Django finds them here)."""

from .articles import CommunityArticlePage, CommunityCourseLink, CommunityIndexPage
from .consultation import ConsultationRequest
from .health import HealthIndexPage, HealthServicePage
from .jobs import JobCourseLink, JobIndexPage, JobPostingPage
from .policies import PolicyAmendment, PolicyDocumentPage, PolicyLibraryPage

__all__ = [
    "CommunityArticlePage",
    "CommunityCourseLink",
    "CommunityIndexPage",
    "ConsultationRequest",
    "HealthIndexPage",
    "HealthServicePage",
    "JobCourseLink",
    "JobIndexPage",
    "JobPostingPage",
    "PolicyAmendment",
    "PolicyDocumentPage",
    "PolicyLibraryPage",
]
