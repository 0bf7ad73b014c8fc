"""/api/v1/ endpoints of the community information: policies, jobs, health
services and community articles, each a list + detail pair.

Policies, health services and articles are declared with
``content.api.pages.PageType``. Jobs get their own list view (same envelope,
same helpers) because closed postings must leave the list: the filter is
``JobPostingPage.search_queryset_filter``, applied at query time.
Consultation requests have no endpoint at all, on purpose.
"""

from django.utils.translation import gettext as _
from ninja import Query, Router

from .api.pages import (
    ApiContext,
    PageType,
    add_page_endpoints,
    detail_item,
    get_public_translation,
    latest_change,
    list_item,
    list_query_schema,
    localized,
)
from .api.schemas import ErrorOut, list_of
from .api.errors import ApiError, invalid_filter
from .api.params import check_limit, check_params, page_links, request_locale
from .api.responses import conditional
from .community import api_data as d
from .community.articles import ARTICLE_KINDS
from .community.common import TOPIC_CHOICES
from .locales import fallback_chain
from .models import CommunityArticlePage, HealthServicePage, JobPostingPage, PolicyDocumentPage

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
    model=PolicyDocumentPage, path="policies", tag="community", name="Policy",
    list_fields=d.PolicyFields, list_data=d.policy_data,
    detail_fields=d.PolicyDetailFields, detail_data=d.policy_detail,
    body_field=None, sources_field="sources",
    filters={
        "status": choice("status", PolicyDocumentPage.Status.values),
        "type": choice("document_type", PolicyDocumentPage.DocumentType.values),
        "topic": choice("topic", dict(TOPIC_CHOICES)),
        "year": by_year,
    },
    filter_docs={"status": "in_force, amended, expired or replaced.",
                 "type": "law, resolution, decree, decision, circular or plan.",
                 "topic": "A topic code.", "year": "Year of issue, e.g. 2025."},
    orderings={"title": ("title",), "-title": ("-title",), "issued": ("issue_date",),
               "-issued": ("-issue_date",)},
    default_ordering="-issued",
)

HEALTH_SERVICES = PageType(
    model=HealthServicePage, path="health-services", tag="community", name="HealthService",
    list_fields=d.HealthServiceFields, list_data=d.health_data,
    detail_fields=d.HealthServiceDetailFields, detail_data=d.health_detail,
    body_field=None, sources_field=None, select_related=("commune",),
    filters={"commune": by_commune, "kind": choice("kind", HealthServicePage.Kind.values)},
    filter_docs={"commune": "Administrative unit code.",
                 "kind": "station, remote or hospital."},
)

ARTICLES = PageType(
    model=CommunityArticlePage, path="articles", tag="community", name="CommunityArticle",
    list_fields=d.ArticleFields, list_data=d.article_data, select_related=("commune",),
    filters={"kind": choice("kind", dict(ARTICLE_KINDS)), "commune": by_commune},
    filter_docs={"kind": "health, rights or voice.", "commune": "Administrative unit code."},
    default_ordering="-published",
)

JOBS = PageType(
    model=JobPostingPage, path="jobs", tag="community", name="Job",
    list_fields=d.JobFields, list_data=d.job_data,
    detail_fields=d.JobDetailFields, detail_data=d.job_detail,
    body_field=None, sources_field="sources", select_related=("commune",),
    filters={"commune": by_commune, "skill": by_skill,
             "level": choice("education", JobPostingPage.Education.values)},
    filter_docs={"commune": "Administrative unit code.", "skill": "Part of a skill name.",
                 "level": "Minimum education code."},
    orderings={"deadline": ("deadline",), "-deadline": ("-deadline",), "title": ("title",),
               "-published": ("-first_published_at",)},
    default_ordering="deadline",
)

for spec in (POLICIES, HEALTH_SERVICES, ARTICLES):
    add_page_endpoints(router, spec)

_JOB_LIST = list_of(JOBS.list_schema, "JobList")
_JOB_QUERY = list_query_schema(JOBS)
_ERRORS = {304: None, 400: ErrorOut, 404: ErrorOut, 422: ErrorOut}


@router.get("/jobs", response={200: _JOB_LIST, **_ERRORS}, tags=["community"],
            operation_id="list_jobs", summary="List open jobs (past-deadline postings excluded)")
def list_jobs(request, params: Query[_JOB_QUERY]):
    check_params(request, set(_JOB_QUERY.model_fields))
    locale = request_locale(params.locale)
    limit, offset = check_limit(params.limit, params.offset)
    ordering = params.ordering or JOBS.default_ordering
    if ordering not in JOBS.orderings:
        raise ApiError(400, "unknown_ordering",
                       lambda: _("Unknown ordering “%(value)s”.") % {"value": ordering},
                       detail={"allowed": list(JOBS.orderings)})
    chain = fallback_chain(locale)
    qs = JobPostingPage.search_queryset_filter(localized(JobPostingPage, chain))
    for name, apply in JOBS.filters.items():
        value = getattr(params, name)
        if value not in (None, ""):
            qs = apply(qs, value)
    qs = qs.select_related("locale", "commune").order_by(*JOBS.orderings[ordering], "pk")
    count = qs.count()
    pages = list(qs[offset: offset + limit])
    ctx = ApiContext(request, locale)
    ctx.images.load(p.hero_image_id for p in pages)
    following, previous = page_links(request, count, limit, offset)
    data = {"count": count, "limit": limit, "offset": offset, "next": following,
            "previous": previous, "requested_locale": locale,
            "results": [list_item(JOBS, p, ctx) for p in pages]}
    return conditional(request, _JOB_LIST, data, last_modified=_jobs_last_modified(chain))


def _jobs_last_modified(chain):
    """The list also changes at local midnight, when postings pass their deadline."""
    import datetime

    from django.utils import timezone

    midnight = timezone.make_aware(datetime.datetime.combine(timezone.localdate(), datetime.time()))
    changed = latest_change(chain)
    return max(changed, midnight) if changed else midnight


@router.get("/jobs/{id}", response={200: JOBS.detail_schema, **_ERRORS}, tags=["community"],
            operation_id="get_jobs", summary="One job posting (closed ones say is_closed)")
def get_job(request, id: int, locale: str | None = None):
    check_params(request, {"locale"})
    code = request_locale(locale)
    page = get_public_translation(JOBS, id, code)
    ctx = ApiContext(request, code)
    ctx.images.load([page.hero_image_id])
    return conditional(request, JOBS.detail_schema, detail_item(JOBS, page, ctx),
                       last_modified=page.last_published_at)
