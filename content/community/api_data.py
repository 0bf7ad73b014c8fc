"""Schemas and values of the community page types in /api/v1/.

Relations between documents (replaced by, amends…) are returned as small
references to the public translation the reader should see.
"""

from datetime import date

from ninja import Schema

from ..api.blocks import rich_text
from ..api.images import document_data
from ..api.schemas import DocumentOut
from .common import split_list


class UnitRef(Schema):
    code: str
    name: str
    level: str


class PageRef(Schema):
    id: int
    title: str
    served_locale: str
    url: str
    api_url: str | None


class PolicyRef(PageRef):
    document_number: str
    status: str


class PolicyFields(Schema):
    document_number: str
    document_type: str
    document_type_label: str
    issuing_body: str
    issue_date: date | None
    effective_date: date | None
    year: int | None
    status: str
    status_label: str
    is_current: bool
    status_note: str
    topic: str
    topic_label: str
    replaced_by: PolicyRef | None


class PolicyDetailFields(PolicyFields):
    plain_summary: str
    narration: DocumentOut | None
    who_it_helps: str
    how_to_claim: str
    official_text: DocumentOut | None
    official_url: str
    replaces: list[PolicyRef]
    amended_by: list[PolicyRef]
    amends: list[PolicyRef]


class JobFields(Schema):
    employer: str
    commune: UnitRef | None
    workplace: str
    skills: list[str]
    education: str
    education_label: str
    wage_min: int | None
    wage_max: int | None
    wage_unit: str
    start_date: date | None
    deadline: date
    is_closed: bool


class JobDetailFields(JobFields):
    working_hours: str
    apply_phone: str
    apply_zalo: str
    apply_in_person: str
    description: str
    courses: list[PageRef]


class HealthServiceFields(Schema):
    kind: str
    kind_label: str
    address: str
    commune: UnitRef | None
    opening_hours: str
    phone: str
    remote_days: list[str]
    languages: list[str]


class HealthServiceDetailFields(HealthServiceFields):
    details: str


class ArticleFields(Schema):
    kind: str
    kind_label: str
    sensitive: bool
    contributor_name: str
    contributor_village: str
    contributor_role: str
    commune: UnitRef | None


def unit_ref(unit):
    return None if unit is None else {"code": unit.code, "name": unit.name, "level": unit.level}


def html(value, ctx):
    return rich_text(value, ctx)[0] if value else ""


def page_ref(page, ctx):
    return {"id": page.pk, "title": page.title, "served_locale": page.locale.language_code,
            "url": page.get_full_url(ctx.request) or "", "api_url": ctx.api_url(page)}


def policy_ref(page, ctx):
    return {**page_ref(page, ctx), "document_number": page.document_number, "status": page.status}


def policy_data(page, ctx):
    replacement = page.replacement(ctx.locale) if page.replaced_by_id else None
    return {
        "document_number": page.document_number,
        "document_type": page.document_type,
        "document_type_label": str(page.get_document_type_display()),
        "issuing_body": page.issuing_body,
        "issue_date": page.issue_date,
        "effective_date": page.effective_date,
        "year": page.year,
        "status": page.status,
        "status_label": str(page.get_status_display()),
        "is_current": page.is_current,
        "status_note": page.status_note,
        "topic": page.topic,
        "topic_label": str(page.get_topic_display()) if page.topic else "",
        "replaced_by": policy_ref(replacement, ctx) if replacement else None,
    }


def policy_detail(page, ctx):
    return {
        "plain_summary": html(page.plain_summary, ctx),
        "narration": document_data(ctx.request, page.narration),
        "who_it_helps": page.who_it_helps,
        "how_to_claim": html(page.how_to_claim, ctx),
        "official_text": document_data(ctx.request, page.official_text),
        "official_url": page.official_url,
        "replaces": [policy_ref(p, ctx) for p in page.replaced_documents(ctx.locale)],
        "amended_by": [policy_ref(p, ctx) for p in page.amending_documents(ctx.locale)],
        "amends": [policy_ref(p, ctx) for p in page.amended_documents(ctx.locale)],
    }


def job_data(page, ctx):
    return {
        "employer": page.employer,
        "commune": unit_ref(page.commune),
        "workplace": page.workplace,
        "skills": page.skill_list,
        "education": page.education,
        "education_label": str(page.get_education_display()),
        "wage_min": page.wage_min,
        "wage_max": page.wage_max,
        "wage_unit": page.wage_unit,
        "start_date": page.start_date,
        "deadline": page.deadline,
        "is_closed": page.is_closed,
    }


def job_detail(page, ctx):
    from .common import localized_public

    courses = []
    for link in page.course_links.select_related("course"):
        found = localized_public(link.course, ctx.locale)
        if found is not None:
            courses.append(page_ref(found, ctx))
    return {
        "working_hours": page.working_hours,
        "apply_phone": "" if page.is_closed else page.apply_phone,
        "apply_zalo": "" if page.is_closed else page.apply_zalo,
        "apply_in_person": "" if page.is_closed else page.apply_in_person,
        "description": html(page.description, ctx),
        "courses": courses,
    }


def health_data(page, ctx):
    return {
        "kind": page.kind,
        "kind_label": str(page.get_kind_display()),
        "address": page.address,
        "commune": unit_ref(page.commune),
        "opening_hours": page.opening_hours,
        "phone": page.phone,
        "remote_days": page.remote_day_codes,
        "languages": [c for c in split_list(page.languages)],
    }


def health_detail(page, ctx):
    return {"details": html(page.body, ctx)}


def article_data(page, ctx):
    return {
        "kind": page.kind,
        "kind_label": str(page.get_kind_display()),
        "sensitive": page.sensitive,
        "contributor_name": page.contributor_name,
        "contributor_village": page.contributor_village,
        "contributor_role": page.contributor_role,
        "commune": unit_ref(page.commune),
    }
