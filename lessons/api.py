"""/api/v1/ endpoints of the lessons app: courses and lessons (content), the
course bundle, and the learner's own data (``lessons/api_learning.py``).

Quiz blocks are sent without correct answers or feedback (``lessons.blocks.public_quiz``);
answers are graded on the server.
"""

from typing import Literal

from ninja import Router, Schema

from content.api.blocks import register_block
from content.api.images import document_data
from content.api.pages import (
    ApiContext,
    PageType,
    add_page_endpoints,
    get_public_translation,
    latest_change,
    list_item,
)
from content.api.schemas import (
    BODY_BLOCK_SCHEMAS,
    DocumentOut,
    ErrorOut,
    ImageOut,
    block_union,
    list_of,
)
from content.api.errors import invalid_filter
from content.api.params import check_params, request_locale
from content.api.responses import conditional
from content.locales import fallback_chain
from content.public import public_pages

from .blocks import public_quiz
from .pages import LEVELS, TOPICS, CoursePage, LessonPage

router = Router(tags=["lessons"])


# ---------------------------------------------------------------------------
# Lesson blocks
# ---------------------------------------------------------------------------


class HowToStepOut(Schema):
    text: str
    image: ImageOut | None


class HowToBlockOut(Schema):
    type: Literal["how_to"]
    id: str
    title: str
    steps: list[HowToStepOut]


class AudioRef(Schema):
    id: int
    url: str


class QuizOptionOut(Schema):
    index: int
    text: str
    image: ImageOut | None
    audio: AudioRef | None


class QuizQuestionOut(Schema):
    id: str
    kind: str
    prompt: str
    multiple: bool
    image: ImageOut | None
    audio: AudioRef | None
    options: list[QuizOptionOut]


class QuizBlockOut(Schema):
    """A quiz as a learner sees it before answering: no correct flags, no feedback."""

    type: Literal["quiz"]
    id: str
    title: str
    pass_mark: int | None
    questions: list[QuizQuestionOut]


LessonBlock = block_union(*BODY_BLOCK_SCHEMAS, HowToBlockOut, QuizBlockOut)


@register_block("how_to")
def _how_to(value, ctx):
    return {
        "title": value.get("title") or "",
        "steps": [
            {"text": s.get("text") or "", "image": ctx.images.serialize(s.get("image"))}
            for s in value.get("steps") or []
        ],
    }


def _media(ctx, item):
    image = item.get("image")
    audio = item.get("audio")
    return {
        "image": ctx.images.serialize(image["id"]) if image else None,
        "audio": {"id": audio["id"], "url": ctx.request.build_absolute_uri(audio["url"])}
        if audio
        else None,
    }


@register_block("quiz")
def _quiz(value, ctx):
    quiz = public_quiz("", value)  # the block id is added by serialize_stream
    return {
        "title": quiz["title"],
        "pass_mark": quiz["pass_mark"],
        "questions": [
            {
                "id": q["id"],
                "kind": q["kind"],
                "prompt": q["prompt"],
                "multiple": q["multiple"],
                **_media(ctx, q),
                "options": [
                    {"index": o["index"], "text": o["text"] or "", **_media(ctx, o)}
                    for o in q["options"]
                ],
            }
            for q in quiz["questions"]
        ],
    }


# ---------------------------------------------------------------------------
# Courses and lessons
# ---------------------------------------------------------------------------


class CourseFields(Schema):
    audience: str
    level: str
    level_label: str
    topic: str
    topic_label: str
    estimated_minutes: int
    outcomes: list[str]
    pass_mark: int
    issues_certificate: bool
    sensitive: bool


class LessonRef(Schema):
    id: int
    title: str
    summary: str
    estimated_minutes: int
    api_url: str


class CourseDetailFields(CourseFields):
    prerequisites: list[int]
    lessons: list[LessonRef]
    bundle_url: str


class LessonFields(Schema):
    estimated_minutes: int


class LessonDetailFields(LessonFields):
    course_id: int
    audio: DocumentOut | None
    audio_transcript: str


def course_data(page, ctx):
    return {
        "audience": page.audience,
        "level": page.level,
        "level_label": str(page.get_level_display()),
        "topic": page.topic,
        "topic_label": str(page.get_topic_display()),
        "estimated_minutes": page.estimated_minutes,
        "outcomes": page.outcome_list,
        "pass_mark": page.pass_mark,
        "issues_certificate": page.issues_certificate,
        "sensitive": page.sensitive,
    }


def course_lessons(course):
    return list(public_pages(LessonPage.objects.child_of(course)).order_by("path"))


def course_detail(page, ctx):
    return {
        "prerequisites": [p.pk for p in page.prerequisites.all()],
        "lessons": [
            {
                "id": lesson.pk,
                "title": lesson.title,
                "summary": lesson.summary,
                "estimated_minutes": lesson.estimated_minutes,
                "api_url": ctx.api_url(lesson),
            }
            for lesson in course_lessons(page)
        ],
        "bundle_url": ctx.request.build_absolute_uri(
            f"/api/v1/courses/{page.pk}/bundle?locale={ctx.locale}"
        ),
    }


def lesson_data(page, ctx):
    return {"estimated_minutes": page.estimated_minutes}


def lesson_detail(page, ctx):
    return {
        "course_id": page.get_parent().pk,
        "audio": document_data(ctx.request, page.audio),
        "audio_transcript": page.audio_transcript,
    }


def _choice(field, choices):
    values = [c for c, _label in choices]

    def apply(qs, value):
        if value not in values:
            raise invalid_filter(field, value, values)
        return qs.filter(**{field: value})

    return apply


COURSES = PageType(
    model=CoursePage,
    path="courses",
    tag="lessons",
    name="Course",
    list_fields=CourseFields,
    list_data=course_data,
    detail_fields=CourseDetailFields,
    detail_data=course_detail,
    filters={"topic": _choice("topic", TOPICS), "level": _choice("level", LEVELS)},
    filter_docs={
        "topic": ", ".join(c for c, _l in TOPICS),
        "level": ", ".join(c for c, _l in LEVELS),
    },
    body_field=None,
    sources_field=None,
)
LESSONS = PageType(
    model=LessonPage,
    path="lessons",
    tag="lessons",
    name="Lesson",
    list_fields=LessonFields,
    list_data=lesson_data,
    detail_fields=LessonDetailFields,
    detail_data=lesson_detail,
    body_schema=LessonBlock,
    sources_field=None,
    default_ordering="published",
)
add_page_endpoints(router, COURSES)

LessonList = list_of(LESSONS.list_schema, "CourseLessonList")


@router.get(
    "/courses/{id}/lessons",
    response={200: LessonList, 304: None, 400: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="The lessons of a course, in order, in the best available translation",
)
def lessons_of_course(request, id: int, locale: str | None = None):
    check_params(request, {"locale"})
    code = request_locale(locale)
    course = get_public_translation(COURSES, id, code)
    lessons = course_lessons(course)
    ctx = ApiContext(request, code)
    ctx.images.load(lesson.hero_image_id for lesson in lessons)
    for lesson in lessons:
        lesson.locale = course.locale  # children share the course's locale
    data = {
        "count": len(lessons),
        "limit": len(lessons),
        "offset": 0,
        "next": None,
        "previous": None,
        "requested_locale": code,
        "results": [list_item(LESSONS, lesson, ctx) for lesson in lessons],
    }
    return conditional(request, LessonList, data, last_modified=latest_change(fallback_chain(code)))


add_page_endpoints(router, LESSONS)

from . import api_learning  # noqa: E402,F401  (registers the learner endpoints)
from .api_auth import router as auth_router  # noqa: E402
from .bundles import router as bundle_router  # noqa: E402

router.add_router("", auth_router)
router.add_router("", bundle_router)
router.add_router("", api_learning.router)

__all__ = ["router", "COURSES", "LESSONS"]
