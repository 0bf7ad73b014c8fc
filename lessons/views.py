"""Learner views: sign up, log in, dashboard, enrol, complete a lesson, take a quiz.

Every personal response is ``Cache-Control: private, no-store``; every view
that takes an id only ever looks it up among the requesting learner's rows.
"""

import functools
import uuid

from django.contrib import messages
from django.contrib.auth import login, logout
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from content.locales import translations_for
from content.public import public_pages

from .blocks import public_quiz
from .forms import LoginForm, SignupForm
from .learners.events import record_site_event
from .learners.progress import (
    LearningError,
    attempt_feedback,
    derive_state,
    derive_states,
    enroll,
    find_quiz,
    grade_quiz,
)
from .learners.records import Certificate, Enrollment, ProgressEvent, QuizAttempt
from .pages import CoursePage, LessonPage


def private(view):
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response["Cache-Control"] = "private, no-store"
        return response

    return wrapper


def _login_url():
    return f"/{translation.get_language()}/learn/login/"


def learner_required(view):
    """Like login_required, but to the learner log-in page of the current language."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect(f"{_login_url()}?next={request.path}")
        return view(request, *args, **kwargs)

    return wrapper


def _safe_next(request, default):
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return default


def localized(pages):
    """``{canonical page id: the page shown}``: the reader's public translation of each
    of ``pages`` (``content.locales``'s rule), or the page itself if none is public."""
    shown = {
        page.translation_key: page for page in translations_for(pages, translation.get_language(), public_pages)
    }
    return {page.pk: shown.get(page.translation_key, page) for page in pages}


# -- accounts ---------------------------------------------------------------


@private
@require_http_methods(["GET", "POST"])
def signup(request):
    form = SignupForm(
        request.POST or None, request=request, initial={"preferred_language": translation.get_language()}
    )
    user = form.save() if request.method == "POST" and form.is_valid() else None
    if user is not None:
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        return redirect(_safe_next(request, f"/{form.cleaned_data['preferred_language']}/learn/"))
    return render(request, "lessons/signup.html", {"form": form, "next": request.GET.get("next", "")})


@private
@require_http_methods(["GET", "POST"])
def login_view(request):
    form = LoginForm(request, request.POST or None)
    if request.method == "POST" and form.is_valid():
        login(request, form.user, backend="django.contrib.auth.backends.ModelBackend")
        return redirect(_safe_next(request, f"/{translation.get_language()}/learn/"))
    return render(request, "lessons/login.html", {"form": form, "next": request.GET.get("next", "")})


@private
@require_POST
def logout_view(request):
    logout(request)
    return redirect(f"/{translation.get_language()}/")


# -- dashboard ----------------------------------------------------------------


@private
@learner_required
def dashboard(request):
    learner = request.user
    enrollments = list(
        Enrollment.objects.filter(learner=learner).select_related("course").order_by("-enrolled_at")
    )
    courses = [e.course for e in enrollments]
    states = derive_states(learner, courses)
    shown = localized(courses)
    resume_ids = {s.resume_lesson_id for s in states.values() if s.resume_lesson_id}
    resume_pages = list(LessonPage.objects.filter(pk__in=resume_ids))
    shown_lessons = localized(resume_pages)
    rows = []
    for enrollment in enrollments:
        state = states[enrollment.course_id]
        rows.append(
            {
                "course": shown[enrollment.course_id],
                "state": state,
                "enrollment": enrollment,
                "resume": shown_lessons.get(state.resume_lesson_id),
            }
        )
    last = (
        ProgressEvent.objects.filter(learner=learner)
        .order_by("-client_timestamp", "-id")
        .values_list("course_id", flat=True)
        .first()
    )
    continue_row = next((r for r in rows if r["enrollment"].course_id == last and not r["state"].completed), None)
    certificates = list(Certificate.objects.filter(learner=learner).order_by("-issued_at"))
    return render(
        request,
        "lessons/dashboard.html",
        {
            "rows": rows,
            "continue_row": continue_row,
            "certificates": certificates,
            "profile": getattr(learner, "learner_profile", None),
        },
    )


# -- learning -----------------------------------------------------------------


def _public_or_404(model, pk):
    page = public_pages(model.objects.filter(pk=pk)).first()
    if page is None:
        raise Http404
    return page


@private
@require_POST
@learner_required
def enrol(request, course_id):
    course = _public_or_404(CoursePage, course_id)
    try:
        enroll(request.user, course)
    except LearningError as exc:
        if exc.code == "prerequisites_missing":
            messages.error(request, _("Finish the courses this one builds on first."))
        else:
            raise Http404 from None
        return redirect(course.get_url(request))
    first = course.public_lessons().first()
    return redirect((first or course).get_url(request))


@private
@require_POST
@learner_required
def complete_lesson(request, lesson_id):
    lesson = _public_or_404(LessonPage, lesson_id)
    try:
        event_uuid = uuid.UUID(request.POST.get("uuid", ""))
    except ValueError:
        event_uuid = uuid.uuid4()
    result = record_site_event(request.user, lesson, ProgressEvent.Kind.LESSON_COMPLETED, event_uuid=event_uuid)
    if result["rejected"]:
        messages.error(request, _("Enrol in the course first."))
    parent = lesson.get_parent()
    nxt = lesson.get_next_siblings().live().public().first()
    return redirect((nxt or parent).get_url(request))


def _answers_from_post(post, quiz_questions):
    return {q["id"]: post.getlist(f"q-{q['id']}") for q in quiz_questions}


@private
@require_POST
@learner_required
def submit_quiz(request, lesson_id, quiz_id):
    lesson = _public_or_404(LessonPage, lesson_id)
    try:
        quiz = public_quiz(quiz_id, find_quiz(lesson, quiz_id))
        answers = _answers_from_post(request.POST, quiz["questions"])
        attempt = grade_quiz(request.user, lesson, quiz_id, answers)
    except LearningError as exc:
        if exc.code in ("quiz_not_found", "lesson_not_found", "course_not_found"):
            raise Http404 from None
        messages.error(request, _("Finish the courses this one builds on first."))
        return redirect(lesson.get_url(request))
    if attempt.passed:
        # Passing every quiz of a lesson on the site also completes that lesson.
        state = derive_state(request.user, attempt.course)
        lesson_quizzes = {q for (lid, q) in state.quizzes if lid == attempt.lesson_id}
        passed = {q for (lid, q) in state.passed_quizzes if lid == attempt.lesson_id}
        if lesson_quizzes <= passed:
            record_site_event(request.user, attempt.lesson, ProgressEvent.Kind.LESSON_COMPLETED)
    return redirect("lessons:attempt", attempt_id=attempt.pk)


@private
@learner_required
def attempt_result(request, attempt_id):
    attempt = get_object_or_404(
        QuizAttempt.objects.select_related("lesson", "course"), pk=attempt_id, learner=request.user
    )
    lesson = attempt.lesson
    shown = localized([lesson])[lesson.pk]
    certificate = Certificate.objects.filter(learner=request.user, course=attempt.course).first()
    return render(
        request,
        "lessons/attempt.html",
        {
            "attempt": attempt,
            "lesson": shown,
            "feedback": attempt_feedback(attempt, lesson),
            "certificate": certificate,
            "sensitive": attempt.course.sensitive,
        },
    )
