"""/api/v1/ endpoints of the community information: policies, jobs, health
services and community articles, each a list + detail pair declared with
``content.api.pages.PageType`` (their fields are the models' ``api_fields``).

Closed job postings leave the job list (``list_filter``) while their own
detail stays reachable and says ``is_closed``; the list also changes at local
midnight, when postings pass their deadline. Consultation requests have no
endpoint at all, on purpose.
"""

import datetime

from django.utils import timezone
from ninja import Router

from content.api.errors import invalid_filter
from content.api.pages import PageType, add_page_endpoints, latest_change

from .models import CommunityArticlePage, HealthServicePage, JobPostingPage, PolicyDocumentPage
from .models.articles import ARTICLE_KINDS
from .models.common import TOPIC_CHOICES

router = Router(tags=["community"])


def choice(field, values):
    values = list(values)

    def apply(qs, value):
        if value not in values:
            raise invalid_filter(field.split("__")[0], value, values)
        return qs.filter(**{field: value})

    return apply


def by_year(qs, value):
    if not (value.isdigit() and len(value) == 4):
        raise invalid_filter("year", value)
    return qs.filter(issue_date__year=int(value))


def by_commune(qs, value):
    return qs.filter(commune__code=value)


def by_skill(qs, value):
    return qs.filter(skills__icontains=value[:60])


POLICIES = PageType(
    model=PolicyDocumentPage,
    path="policies",
    tag="community",
    name="Policy",
    filters={
        "status": choice("status", PolicyDocumentPage.Status.values),
        "type": choice("document_type", PolicyDocumentPage.DocumentType.values),
        "topic": choice("topic", dict(TOPIC_CHOICES)),
        "year": by_year,
    },
    filter_docs={
        "status": "in_force, amended, expired or replaced.",
        "type": "law, resolution, decree, decision, circular or plan.",
        "topic": "A topic code.",
        "year": "Year of issue, e.g. 2025.",
    },
    orderings={"title": ("title",), "-title": ("-title",), "issued": ("issue_date",), "-issued": ("-issue_date",)},
    default_ordering="-issued",
)

HEALTH_SERVICES = PageType(
    model=HealthServicePage,
    path="health-services",
    tag="community",
    name="HealthService",
    select_related=("commune",),
    filters={"commune": by_commune, "kind": choice("kind", HealthServicePage.Kind.values)},
    filter_docs={"commune": "Administrative unit code.", "kind": "station, remote or hospital."},
)

ARTICLES = PageType(
    model=CommunityArticlePage,
    path="articles",
    tag="community",
    name="CommunityArticle",
    select_related=("commune",),
    filters={"kind": choice("kind", dict(ARTICLE_KINDS)), "commune": by_commune},
    filter_docs={"kind": "health, rights or voice.", "commune": "Administrative unit code."},
    default_ordering="-published",
)


def jobs_changed_at(chain):
    """The job list also changes at local midnight, when postings pass their deadline."""
    midnight = timezone.make_aware(datetime.datetime.combine(timezone.localdate(), datetime.time()))
    changed = latest_change(chain)
    return max(changed, midnight) if changed else midnight


JOBS = PageType(
    model=JobPostingPage,
    path="jobs",
    tag="community",
    name="Job",
    select_related=("commune",),
    filters={
        "commune": by_commune,
        "skill": by_skill,
        "level": choice("education", JobPostingPage.Education.values),
    },
    filter_docs={
        "commune": "Administrative unit code.",
        "skill": "Part of a skill name.",
        "level": "Minimum education code.",
    },
    orderings={
        "deadline": ("deadline",),
        "-deadline": ("-deadline",),
        "title": ("title",),
        "-published": ("-first_published_at",),
    },
    default_ordering="deadline",
    list_filter=lambda qs: qs.open(),
    list_summary="List open jobs (past-deadline postings excluded)",
    last_modified=jobs_changed_at,
)


for spec in (POLICIES, HEALTH_SERVICES, ARTICLES, JOBS):
    add_page_endpoints(router, spec)
