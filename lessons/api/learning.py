"""The learner's own data over the API: profile, enrolments, progress, quizzes,
certificates. Every endpoint here needs a bearer token and answers
``Cache-Control: private, no-store``; each reads only ``request.auth``'s rows.
``/me/progress-events`` and ``/me/progress`` also take the website's session (with
Django's CSRF check on POST): the site's offline script sends what a learner did
without a connection (``static/js/offline.js``).

The rules live in ``lessons/learners/`` (shared with the website); this module
only translates HTTP to those calls and their ``LearningError`` codes to 4xx.
"""

from datetime import datetime
from uuid import UUID

from django.urls import reverse
from ninja import Router, Schema
from pydantic import Field

from content.api.errors import MESSAGES, api_error
from content.api.params import check_params
from content.api.responses import conditional, private_json
from content.api.schemas import ErrorOut
from content.baseurl import absolute

from ..learners import events, progress
from ..learners.records import Certificate, Enrollment
from ..pages import CoursePage, LessonPage
from .auth import MeOut, bearer, me_data, site_session

router = Router(tags=["learning"], auth=bearer)

ERRORS = {400: ErrorOut, 401: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}
STATUS_OF = {
    "course_not_found": 404,
    "lesson_not_found": 404,
    "quiz_not_found": 404,
    "prerequisites_missing": 409,
}


def learning_error(exc):
    return api_error(STATUS_OF.get(exc.code, 400), exc.code, exc.code if exc.code in MESSAGES else "refused")


# ---------------------------------------------------------------------------
# Schemas
# ---------------------------------------------------------------------------


class LessonStateOut(Schema):
    lesson: int
    opened: bool
    position: int
    completed: bool


class QuizStateOut(Schema):
    lesson: int
    quiz: str
    passed: bool
    best_score: int | None


class CourseStateOut(Schema):
    course: int
    percent: int
    completed: bool
    last_lesson: int | None
    resume_lesson: int | None
    lessons: list[LessonStateOut]
    quizzes: list[QuizStateOut]


class EnrollmentOut(Schema):
    course: int
    course_title: str
    enrolled_at: datetime
    completed_at: datetime | None
    state: CourseStateOut


class EventIn(Schema):
    uuid: UUID = Field(description="Made by the app; sending it again is a no-op.")
    kind: str = Field(description="lesson_opened, position, lesson_completed or quiz_submitted")
    lesson: int
    timestamp: str = Field(description="ISO 8601, when it happened on the phone.")
    position: int | None = Field(None, ge=0, le=100)
    quiz: str | None = None
    answers: dict[str, list[int]] | None = None


class EventBatchIn(Schema):
    events: list[EventIn] = Field(max_length=progress.MAX_EVENTS_PER_BATCH)


class RejectedOut(Schema):
    uuid: str | None
    error: str


class GradedOut(Schema):
    uuid: str
    attempt: int
    score: int
    passed: bool


class ProgressOut(Schema):
    accepted: list[str]
    duplicates: list[str]
    rejected: list[RejectedOut]
    attempts: list[GradedOut]
    states: list[CourseStateOut]


class AttemptIn(Schema):
    quiz_id: str = Field(max_length=64)
    answers: dict[str, list[int]] = Field(description="question id → chosen option indexes")


class FeedbackOut(Schema):
    id: str
    prompt: str
    right: bool
    chosen: list[str]
    correct: list[str]
    feedback: str


class AttemptOut(Schema):
    id: int
    quiz_id: str
    score: int
    passed: bool
    feedback: list[FeedbackOut]
    certificate: str | None = Field(None, description="Code of a certificate it completed.")


class CertificateOut(Schema):
    code: str
    course_id: int | None
    course_title: str
    learner_name: str
    issued_at: datetime
    verify_url: str
    pdf_url: str


class PublicCertificateOut(Schema):
    code: str
    course_title: str
    learner_name: str
    issued_at: datetime
    valid: bool


# ---------------------------------------------------------------------------
# Endpoints
# ---------------------------------------------------------------------------


def _states(user, courses):
    states = progress.derive_states(user, courses)
    return [states[c.pk].as_dict() for c in courses if c.pk in states]


@router.get("/me", response={200: MeOut, 401: ErrorOut}, summary="The signed-in learner")
def me(request):
    return private_json(request, MeOut, me_data(request.auth))


@router.post(
    "/courses/{id}/enroll",
    response={200: EnrollmentOut, **ERRORS},
    summary="Enrol in a course (idempotent)",
)
def enroll(request, id: int):
    course = CoursePage.objects.filter(pk=id).first()
    if course is None:
        raise api_error(404, "course_not_found")
    try:
        enrollment = progress.enroll(request.auth, course)
    except progress.LearningError as exc:
        raise learning_error(exc) from None
    return private_json(request, EnrollmentOut, _enrollment_data(request.auth, enrollment))


def _enrollment_data(user, enrollment, state=None):
    course = enrollment.course
    if state is None:
        state = progress.derive_state(user, course).as_dict()
    return {
        "course": course.pk,
        "course_title": course.title,
        "enrolled_at": enrollment.enrolled_at if hasattr(enrollment, "enrolled_at") else enrollment.created_at,
        "completed_at": enrollment.completed_at,
        "state": state,
    }


@router.get(
    "/me/enrollments",
    response={200: list[EnrollmentOut], 401: ErrorOut},
    summary="The learner's courses with their progress",
)
def enrollments(request):
    rows = list(Enrollment.objects.filter(learner=request.auth).select_related("course"))
    states = progress.derive_states(request.auth, [e.course for e in rows])
    data = [_enrollment_data(request.auth, e, states[e.course.pk].as_dict()) for e in rows]
    return private_json(request, list[EnrollmentOut], data)


@router.post(
    "/me/progress-events",
    response={200: ProgressOut, 403: ErrorOut, **ERRORS},  # 403: the site session without its CSRF token
    summary="Upload events queued offline (idempotent on their UUIDs)",
    auth=[bearer, site_session],
)
def progress_events(request, payload: EventBatchIn):
    batch = [e.model_dump(mode="json", exclude_none=True) for e in payload.events]
    for event in batch:
        if "quiz" in event or "answers" in event:
            event.setdefault("answers", {})
    try:
        result = events.record_events(request.auth, batch)
    except progress.LearningError as exc:
        raise learning_error(exc) from None
    result["states"] = list(result["states"].values())
    return private_json(request, ProgressOut, result)


@router.get(
    "/me/progress",
    response={200: list[CourseStateOut], 401: ErrorOut},
    summary="Derived progress in every enrolled course",
    auth=[bearer, site_session],
)
def my_progress(request):
    courses = [e.course for e in Enrollment.objects.filter(learner=request.auth).select_related("course")]
    return private_json(request, list[CourseStateOut], _states(request.auth, courses))


@router.post(
    "/lessons/{id}/quiz-attempts",
    response={200: AttemptOut, **ERRORS},
    summary="Submit quiz answers; graded on the server, with feedback",
)
def quiz_attempt(request, id: int, payload: AttemptIn):
    lesson = LessonPage.objects.filter(pk=id).first()
    if lesson is None:
        raise api_error(404, "lesson_not_found")
    try:
        attempt = progress.grade_quiz(request.auth, lesson, payload.quiz_id, payload.answers)
        feedback = progress.attempt_feedback(attempt, lesson)
    except progress.LearningError as exc:
        raise learning_error(exc) from None
    certificate = Certificate.objects.filter(learner=request.auth, course=attempt.course).first()
    data = {
        "id": attempt.pk,
        "quiz_id": attempt.quiz_id,
        "score": attempt.score,
        "passed": attempt.passed,
        "feedback": feedback,
        "certificate": certificate.code if certificate else None,
    }
    return private_json(request, AttemptOut, data)


def _certificate_urls(request, certificate):
    return {
        "verify_url": absolute(reverse("lessons:certificate", args=[certificate.code])),
        "pdf_url": absolute(reverse("lessons:certificate_pdf", args=[certificate.code])),
    }


@router.get(
    "/me/certificates",
    response={200: list[CertificateOut], 401: ErrorOut},
    summary="Certificates the learner earned",
)
def my_certificates(request):
    rows = Certificate.objects.filter(learner=request.auth, revoked_at__isnull=True)
    data = [
        {
            "code": c.code,
            "course_id": c.course_id,
            "course_title": c.course_title,
            "learner_name": c.learner_name,
            "issued_at": c.issued_at,
            **_certificate_urls(request, c),
        }
        for c in rows.order_by("issued_at")
    ]
    return private_json(request, list[CertificateOut], data)


@router.get(
    "/certificates/{code}",
    auth=None,
    response={200: PublicCertificateOut, 304: None, 400: ErrorOut, 404: ErrorOut},
    summary="Check a certificate by its code (public)",
)
def certificate(request, code: str):
    check_params(request, {"locale"})
    certificate = Certificate.objects.filter(code=code.upper()[:20], revoked_at__isnull=True).first()
    if certificate is None:
        raise api_error(404, "not_found", "certificate_not_found")
    data = {
        "code": certificate.code,
        "course_title": certificate.public_course_title,
        "learner_name": certificate.learner_name,
        "issued_at": certificate.issued_at,
        "valid": True,
    }
    return conditional(request, PublicCertificateOut, data, cache_control="public, max-age=300")


__all__ = ["router"]
