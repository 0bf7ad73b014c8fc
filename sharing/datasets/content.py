"""The datasets made of public pages (heritage places, festivals, policies and laws,
open job postings, health services, courses) and the administrative units they
point at. One row per Vietnamese page (the source language), with its English
title when a public English translation exists. Only ``content.public``'s pages:
never a draft, a private or expired page, a sensitive course or a closed posting.
"""

from django.db.models import Max, Min

from community.models import HealthServicePage, JobPostingPage, PolicyDocumentPage
from content.api.context import ApiContext
from content.models import AdministrativeUnit, SyncEvent
from content.public import listed_pages, public_pages
from heritage.models import FestivalPage, PlacePage
from lessons.models import CoursePage, LessonPage

from .registry import UNITS_SLUG, Column, Dataset, register

SOURCE_LANGUAGE = "vi"


def _id():
    return Column("id", "integer", "Page id", "Mã trang", required=True)


def _titles():
    return (
        Column("title_vi", "string", "Title (Vietnamese)", "Tên (tiếng Việt)", required=True),
        Column("title_en", "string", "Title (English)", "Tên (tiếng Anh)"),
    )


def _unit(name="unit_code"):
    return Column(name, "string", "Administrative unit code", "Mã đơn vị hành chính", unit_code=True)


def _url():
    return Column("url", "string", "Page address", "Địa chỉ trang")


def source_pages(model, queryset=None):
    qs = model.objects.all() if queryset is None else queryset
    return listed_pages(qs.filter(locale__language_code=SOURCE_LANGUAGE)).order_by("pk")


def english_titles(model, pages):
    keys = [p.translation_key for p in pages]
    qs = public_pages(model.objects.filter(translation_key__in=keys, locale__language_code="en"))
    return dict(qs.values_list("translation_key", "title"))


def page_rows(model, build, queryset=None, select_related=()):
    """Rows of ``model``'s listed Vietnamese pages; ``build(page)`` gives the type's columns."""
    pages = list(source_pages(model, queryset).select_related("locale", *select_related))
    titles = english_titles(model, pages)
    ctx = ApiContext.for_site(SOURCE_LANGUAGE)
    for page in pages:
        yield {
            "id": page.pk,
            "title_vi": page.title,
            "title_en": titles.get(page.translation_key, ""),
            **build(page),
            "url": ctx.page_url(page),
        }


def modified_for(*models):
    """When the public pages of these types last changed (publish, unpublish, move…)."""

    def modified():
        labels = [m._meta.label_lower for m in models]
        latest = SyncEvent.objects.filter(content_type__in=labels).aggregate(m=Max("created_at"))["m"]
        published = [public_pages(m.objects.all()).aggregate(m=Max("last_published_at"))["m"] for m in models]
        candidates = [d for d in [latest, *published] if d is not None]
        return max(candidates) if candidates else None

    return modified


def spatial_of(model, field):
    def spatial():
        codes = source_pages(model).exclude(**{f"{field}__isnull": True}).values_list(f"{field}__code", flat=True)
        return sorted(set(codes))

    return spatial


def code(unit):
    return unit.code if unit is not None else ""


# ---------------------------------------------------------------------------
# Administrative units (the code list every other dataset points at)
# ---------------------------------------------------------------------------


def unit_rows():
    parents = dict(AdministrativeUnit.objects.values_list("pk", "code"))
    for unit in AdministrativeUnit.objects.order_by("code"):
        yield {
            "code": unit.code,
            "name": unit.name,
            "level": unit.level,
            "parent_code": parents.get(unit.parent_id, ""),
            "valid_from": unit.valid_from,
            "valid_to": unit.valid_to,
        }


def units_temporal():
    span = AdministrativeUnit.objects.aggregate(start=Min("valid_from"), end=Max("valid_to"))
    return span["start"], None


def units_modified():
    # The unit list changes with a new reorganisation (a migration or the admin); content's
    # generation is not a date, so the newest validity date is the honest "modified".
    span = AdministrativeUnit.objects.aggregate(a=Max("valid_from"), b=Max("valid_to"))
    from datetime import datetime, time

    from django.utils import timezone

    days = [d for d in span.values() if d is not None]
    return timezone.make_aware(datetime.combine(max(days), time())) if days else None


register(
    Dataset(
        slug=UNITS_SLUG,
        title_vi="Đơn vị hành chính",
        title_en="Administrative units",
        description_vi=(
            "Mã và tên các đơn vị hành chính (tỉnh, xã, phường) trước và sau sắp xếp ngày 1/7/2025, "
            "với ngày hiệu lực. Mã được dùng lại qua năm 2025 nên mỗi đơn vị được xác định bằng mã và thời gian "
            "hiệu lực. Các bộ dữ liệu khác dẫn chiếu mã đơn vị về đây."
        ),
        description_en=(
            "Codes and names of the administrative units (province, communes, wards) before and after "
            "the reorganisation of 1 July 2025, with their validity dates. Codes were reused in 2025, so a "
            "unit is identified by its code and its validity. Other datasets refer to these codes."
        ),
        columns=(
            Column("code", "string", "Official unit code", "Mã đơn vị chính thức", required=True),
            Column("name", "string", "Name", "Tên", required=True),
            Column("level", "string", "Level", "Cấp"),
            Column("parent_code", "string", "Parent unit code", "Mã đơn vị cấp trên"),
            Column("valid_from", "date", "Valid from", "Hiệu lực từ"),
            Column("valid_to", "date", "Valid to", "Hiệu lực đến"),
        ),
        # NSO codes were reused across 2025 (52 was Bình Định, is Gia Lai): a unit is its code
        # and its validity. Other datasets point at a code; each row says when it applies.
        primary_key=("code", "valid_from"),
        rows=unit_rows,
        modified=units_modified,
        spatial=lambda: sorted(
            AdministrativeUnit.objects.filter(level="province", valid_to__isnull=True).values_list(
                "code", flat=True
            )
        ),
        temporal=units_temporal,
        keywords=("đơn vị hành chính", "administrative units"),
        theme="GOVE",
    )
)

# ---------------------------------------------------------------------------
# Heritage
# ---------------------------------------------------------------------------


def place_row(page):
    return {
        "kind": page.kind,
        "unit_code": code(page.unit),
        "latitude": page.latitude,
        "longitude": page.longitude,
        "coordinates_source": page.coordinates_source,
        "address": page.address,
        "ranking": page.ranking,
        "ranking_year": page.ranking_year,
    }


register(
    Dataset(
        slug="heritage-places",
        title_vi="Di tích và địa điểm di sản",
        title_en="Heritage places",
        description_vi=(
            "Di tích, bảo tàng, làng nghề và địa điểm văn hóa của người Bana, Chăm H'roi và H'rê: loại, "
            "đơn vị hành chính, xếp hạng và tọa độ khi có nguồn xác nhận."
        ),
        description_en=(
            "Relics, museums, craft villages and cultural sites of the Bana, Chăm H'roi and H'rê peoples: "
            "kind, administrative unit, ranking, and coordinates where a source gives them."
        ),
        columns=(
            _id(),
            *_titles(),
            Column("kind", "string", "Kind of place", "Loại địa điểm"),
            _unit(),
            Column("latitude", "number", "Latitude (WGS 84)", "Vĩ độ (WGS 84)"),
            Column("longitude", "number", "Longitude (WGS 84)", "Kinh độ (WGS 84)"),
            Column("coordinates_source", "string", "Source of the coordinates", "Nguồn tọa độ"),
            Column("address", "string", "Address", "Địa chỉ"),
            Column("ranking", "string", "Heritage ranking", "Xếp hạng di tích"),
            Column("ranking_year", "integer", "Year ranked", "Năm xếp hạng"),
            _url(),
        ),
        rows=lambda: page_rows(PlacePage, place_row, select_related=("unit",)),
        modified=modified_for(PlacePage),
        page_models=(PlacePage,),
        spatial=spatial_of(PlacePage, "unit"),
        keywords=("di sản", "di tích", "heritage", "places"),
        theme="EDUC",
    )
)


def festival_row(page):
    return {
        "ethnic_name": page.ethnic_name,
        "calendar": page.calendar,
        "start_month": page.start_month,
        "start_day": page.start_day,
        "end_month": page.end_month,
        "end_day": page.end_day,
        "only_year": page.only_year,
        "season_text": page.season_text,
        "duration_days": page.duration_days,
        "unit_code": code(page.unit),
        "place_id": page.place_id if page.place_id and page.place.live else None,
    }


register(
    Dataset(
        slug="festivals",
        title_vi="Lịch lễ hội",
        title_en="Festival calendar",
        description_vi=(
            "Lễ hội và nghi lễ truyền thống: tên trong tiếng dân tộc, lịch (âm lịch, dương lịch hoặc theo mùa), "
            "tháng và ngày bắt đầu, kết thúc, thời gian và nơi tổ chức."
        ),
        description_en=(
            "Traditional festivals and rites: name in the community's language, calendar (lunar, solar or "
            "seasonal), start and end month and day, duration and place."
        ),
        columns=(
            _id(),
            *_titles(),
            Column("ethnic_name", "string", "Name in the community's language", "Tên trong tiếng dân tộc"),
            Column(
                "calendar",
                "string",
                "Calendar",
                "Loại lịch",
                required=True,
                enum=("lunar", "solar", "variable"),
            ),
            Column("start_month", "integer", "From month", "Từ tháng"),
            Column("start_day", "integer", "From day", "Từ ngày"),
            Column("end_month", "integer", "To month", "Đến tháng"),
            Column("end_day", "integer", "To day", "Đến ngày"),
            Column("only_year", "integer", "Only in year", "Chỉ trong năm"),
            Column("season_text", "string", "When, in words", "Thời gian (mô tả)"),
            Column("duration_days", "integer", "Duration (days)", "Số ngày"),
            _unit(),
            Column("place_id", "integer", "Place (id in heritage-places)", "Địa điểm (mã trong heritage-places)"),
            _url(),
        ),
        rows=lambda: page_rows(FestivalPage, festival_row, select_related=("unit", "place")),
        modified=modified_for(FestivalPage),
        page_models=(FestivalPage,),
        spatial=spatial_of(FestivalPage, "unit"),
        keywords=("lễ hội", "festivals", "calendar"),
        theme="EDUC",
    )
)

# ---------------------------------------------------------------------------
# Community
# ---------------------------------------------------------------------------


def policy_row(page):
    return {
        "document_number": page.document_number,
        "document_type": page.document_type,
        "issuing_body": page.issuing_body,
        "issue_date": page.issue_date,
        "effective_date": page.effective_date,
        "status": page.status,
        "topic": page.topic,
    }


def policy_temporal():
    span = source_pages(PolicyDocumentPage).aggregate(start=Min("issue_date"), end=Max("issue_date"))
    return span["start"], span["end"]


register(
    Dataset(
        slug="policies",
        title_vi="Thư viện chính sách và pháp luật",
        title_en="Policy and law library",
        description_vi=(
            "Văn bản chính sách, pháp luật được giải thích bằng lời dễ hiểu: số hiệu, loại văn bản, "
            "cơ quan ban hành, ngày ban hành, ngày hiệu lực và tình trạng hiệu lực."
        ),
        description_en=(
            "Policies and laws explained in plain words: document number, type, issuing body, issue date, "
            "effective date and whether it is in force."
        ),
        columns=(
            _id(),
            *_titles(),
            Column("document_number", "string", "Document number", "Số hiệu"),
            Column("document_type", "string", "Document type", "Loại văn bản"),
            Column("issuing_body", "string", "Issuing body", "Cơ quan ban hành"),
            Column("issue_date", "date", "Issue date", "Ngày ban hành"),
            Column("effective_date", "date", "Effective date", "Ngày hiệu lực"),
            Column("status", "string", "Status", "Tình trạng"),
            Column("topic", "string", "Topic", "Chủ đề"),
            _url(),
        ),
        rows=lambda: page_rows(PolicyDocumentPage, policy_row),
        modified=modified_for(PolicyDocumentPage),
        page_models=(PolicyDocumentPage,),
        temporal=policy_temporal,
        keywords=("chính sách", "pháp luật", "policy", "law"),
        theme="JUST",
    )
)


def job_row(page):
    return {
        "employer": page.employer,
        "unit_code": code(page.commune),
        "workplace": page.workplace,
        "education": page.education,
        "wage_min": page.wage_min,
        "wage_max": page.wage_max,
        "wage_unit": page.wage_unit,
        "start_date": page.start_date,
        "deadline": page.deadline,
    }


def job_temporal():
    span = source_pages(JobPostingPage).aggregate(start=Min("first_published_at"), end=Max("deadline"))
    start = span["start"].date() if span["start"] else None
    return start, span["end"]


register(
    Dataset(
        slug="jobs",
        title_vi="Tin tuyển dụng đang mở",
        title_en="Open job postings",
        description_vi=(
            "Tin tuyển dụng còn hạn nộp hồ sơ: đơn vị tuyển dụng, xã, trình độ, mức lương, ngày bắt đầu "
            "và hạn nộp. Không có thông tin cá nhân."
        ),
        description_en=(
            "Job postings still open for applications: employer, commune, education level, wages, start date "
            "and deadline. No personal data."
        ),
        columns=(
            _id(),
            *_titles(),
            Column("employer", "string", "Employer", "Đơn vị tuyển dụng"),
            _unit(),
            Column("workplace", "string", "Workplace", "Nơi làm việc"),
            Column("education", "string", "Education required", "Trình độ"),
            Column("wage_min", "integer", "Lowest wage (VND)", "Lương thấp nhất (đồng)"),
            Column("wage_max", "integer", "Highest wage (VND)", "Lương cao nhất (đồng)"),
            Column("wage_unit", "string", "Wage per", "Lương tính theo"),
            Column("start_date", "date", "Start date", "Ngày bắt đầu"),
            Column("deadline", "date", "Deadline to apply", "Hạn nộp hồ sơ", required=True),
            _url(),
        ),
        rows=lambda: page_rows(JobPostingPage, job_row, select_related=("commune",)),
        modified=modified_for(JobPostingPage),
        page_models=(JobPostingPage,),
        spatial=spatial_of(JobPostingPage, "commune"),
        temporal=job_temporal,
        keywords=("việc làm", "tuyển dụng", "jobs"),
        theme="ECON",
    )
)


def health_row(page):
    return {
        "kind": page.kind,
        "address": page.address,
        "unit_code": code(page.commune),
        "opening_hours": page.opening_hours,
        "phone": page.phone,
        "remote_days": page.remote_days,
        "languages": page.languages,
    }


register(
    Dataset(
        slug="health-services",
        title_vi="Cơ sở y tế và điểm tư vấn",
        title_en="Health services",
        description_vi=(
            "Trạm y tế và điểm tư vấn sức khỏe: loại, địa chỉ, xã, giờ làm việc, số điện thoại của cơ sở, "
            "ngày tư vấn từ xa và ngôn ngữ phục vụ."
        ),
        description_en=(
            "Health stations and consultation points: kind, address, commune, opening hours, the service's "
            "phone, remote consultation days and languages spoken."
        ),
        columns=(
            _id(),
            *_titles(),
            Column("kind", "string", "Kind", "Loại"),
            Column("address", "string", "Address", "Địa chỉ"),
            _unit(),
            Column("opening_hours", "string", "Opening hours", "Giờ làm việc"),
            Column("phone", "string", "Phone of the service", "Điện thoại của cơ sở"),
            Column("remote_days", "string", "Remote consultation days", "Ngày tư vấn từ xa"),
            Column("languages", "string", "Languages spoken", "Ngôn ngữ phục vụ"),
            _url(),
        ),
        rows=lambda: page_rows(HealthServicePage, health_row, select_related=("commune",)),
        modified=modified_for(HealthServicePage),
        page_models=(HealthServicePage,),
        spatial=spatial_of(HealthServicePage, "commune"),
        keywords=("y tế", "health"),
        theme="HEAL",
    )
)

# ---------------------------------------------------------------------------
# Courses
# ---------------------------------------------------------------------------


def public_courses():
    """Public, non-sensitive courses (a sensitive course is never shown publicly)."""
    return CoursePage.objects.filter(sensitive=False)


def course_rows():
    lessons = list(public_pages(LessonPage.objects.all()).values_list("path", flat=True))

    def row(page):
        count = sum(1 for path in lessons if path.startswith(page.path))
        return {
            "topic": page.topic,
            "level": page.level,
            "audience": page.audience,
            "estimated_minutes": page.estimated_minutes,
            "issues_certificate": page.issues_certificate,
            "lesson_count": count,
        }

    return page_rows(CoursePage, row, queryset=public_courses())


register(
    Dataset(
        slug="courses",
        title_vi="Danh mục khóa học",
        title_en="Course catalogue",
        description_vi=(
            "Các khóa học công khai: chủ đề, trình độ, đối tượng, thời lượng ước tính, số bài học và "
            "có cấp chứng nhận hay không. Không có dữ liệu người học."
        ),
        description_en=(
            "Public courses: topic, level, audience, estimated time, number of lessons and whether a "
            "certificate is issued. No learner data."
        ),
        columns=(
            _id(),
            *_titles(),
            Column("topic", "string", "Topic", "Chủ đề"),
            Column("level", "string", "Level", "Trình độ"),
            Column("audience", "string", "Audience", "Đối tượng"),
            Column("estimated_minutes", "integer", "Estimated minutes", "Số phút ước tính"),
            Column("issues_certificate", "boolean", "Issues a certificate", "Cấp chứng nhận"),
            Column("lesson_count", "integer", "Public lessons", "Số bài học công khai"),
            _url(),
        ),
        rows=course_rows,
        modified=modified_for(CoursePage, LessonPage),
        page_models=(CoursePage, LessonPage),
        keywords=("khóa học", "courses", "learning"),
        theme="EDUC",
    )
)
