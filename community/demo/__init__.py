"""Demo community information: 8 policy documents, 6 job postings, 4 health
services, 3 voices of village leaders, plus a rights article with the 111
help line and a health guidance article, in Vietnamese and English.

Job deadlines are stored as offsets from the load date, so the "closed"
demo postings stay in the past and the open ones stay open.
"""

import datetime
from pathlib import Path

from django.utils import timezone

from content.demo_loader import read_json
from content.models import AdministrativeUnit

from ..models import (
    CommunityArticlePage,
    CommunityCourseLink,
    CommunityIndexPage,
    HealthIndexPage,
    HealthServicePage,
    JobIndexPage,
    JobPostingPage,
    PolicyDocumentPage,
    PolicyLibraryPage,
)

DATA = Path(__file__).parent / "community.json"
INDEX_MODELS = {
    "policies": PolicyLibraryPage,
    "jobs": JobIndexPage,
    "health": HealthIndexPage,
    "rights": CommunityIndexPage,
    "voices": CommunityIndexPage,
}


def sources(urls):
    return [
        {"type": "source", "value": {"title": url.split("/")[2], "url": url, "publisher": "", "accessed": None}}
        for url in urls
    ]


def paragraph(text):
    return [{"type": "paragraph", "value": f"<p>{text}</p>"}]


def _date(value):
    return datetime.date.fromisoformat(value) if value else None


def load(loader):
    data = read_json(DATA)
    home = loader.home("vi")
    # codes were reused in 2025: the demo names pre-2025 units, which win (as in heritage's demo)
    units = {u.code: u for u in sorted(AdministrativeUnit.objects.all(), key=lambda u: u.valid_to is not None)}
    indexes = {}
    for key, section in loader.progress(data["sections"].items(), "Community sections"):
        extra = {"show_in_menus": True}
        if "kind" in section:
            extra["kind"] = section["kind"]
        lines = section.get("helplines", [])
        vi_extra = dict(extra)
        en_extra = dict(extra)
        if lines:
            vi_extra["helplines"] = _helplines(lines, "vi")
            en_extra["helplines"] = _helplines(lines, "en")
        page = loader.page(home, INDEX_MODELS[key], section["slug"], **vi_extra, **section["vi"])
        loader.translate(page, "en", slug=section["en_slug"], **en_extra, **section["en"])
        indexes[key] = page

    link_rights_courses(indexes["rights"])

    for row in loader.progress(data["policies"], "Policy documents"):
        common = {
            "document_number": row["document_number"],
            "document_type": row["document_type"],
            "issue_date": _date(row["issue_date"]),
            "effective_date": _date(row["effective_date"]),
            "status": row["status"],
            "topic": row["topic"],
            "official_url": row["official_url"],
            "sources": sources(row["sources"]),
        }
        page = loader.page(
            indexes["policies"],
            PolicyDocumentPage,
            row["slug"],
            issuing_body=row["issuing_body_vi"],
            **common,
            **row["vi"],
        )
        loader.translate(page, "en", issuing_body=row["issuing_body_en"], **common, **row["en"])

    today = timezone.localdate()
    for row in loader.progress(data["jobs"], "Job postings"):
        common = {
            "commune": units.get(row["commune"]),
            "education": row["education"],
            "wage_min": row["wage_min"],
            "wage_max": row["wage_max"],
            "wage_unit": row["wage_unit"],
            "deadline": today + datetime.timedelta(days=row["deadline_days"]),
            "start_date": today + datetime.timedelta(days=row["start_days"]),
            "sources": sources(row["sources"]),
        }
        page = loader.page(indexes["jobs"], JobPostingPage, row["slug"], **common, **row["vi"])
        loader.translate(page, "en", **common, **row["en"])

    for row in loader.progress(data["health_services"], "Health services"):
        common = {
            "commune": units.get(row["commune"]),
            "kind": row["kind"],
            "remote_days": row["remote_days"],
            "languages": row["languages"],
        }
        page = loader.page(indexes["health"], HealthServicePage, row["slug"], **common, **row["vi"])
        loader.translate(page, "en", **common, **row["en"])

    for row in loader.progress(data["articles"], "Community articles"):
        common = {
            "kind": row["kind"],
            "sensitive": row["sensitive"],
            "commune": units.get(row["commune"]) if row["commune"] else None,
            "sources": sources(row["sources"]),
        }
        fields = {lang: {k: v for k, v in row[lang].items() if k != "text"} for lang in ("vi", "en")}
        page = loader.page(
            indexes[row["parent"]],
            CommunityArticlePage,
            row["slug"],
            body=paragraph(row["vi"]["text"]),
            **common,
            **fields["vi"],
        )
        loader.translate(page, "en", body=paragraph(row["en"]["text"]), **common, **fields["en"])


def _helplines(lines, lang):
    return [{"type": "helpline", "value": {"number": line["number"], **line[lang]}} for line in lines]


RIGHTS_TOPICS = ("gender-equality", "womens-rights", "childrens-rights")


def link_rights_courses(index):
    """Link the rights section to the lessons' courses on gender and rights.

    Looked up at load time so that this demo still loads without the lessons
    app's model (or its ``topic`` field); links are created once, never removed.
    """
    from django.apps import apps

    try:
        course_model = apps.get_model("lessons", "CoursePage")
        courses = list(course_model.objects.filter(locale=index.locale, topic__in=RIGHTS_TOPICS).order_by("path"))
    except Exception:  # lessons not installed or not migrated yet
        return
    linked = set(index.course_links.values_list("course_id", flat=True))
    for order, course in enumerate(courses):
        if course.pk not in linked:
            CommunityCourseLink.objects.create(page=index, course=course, sort_order=order)
