"""What a learner sees of their own progress on course and lesson pages, with a
constant number of queries. Course pages do not import this (content stays apart
from learner records): ``lessons/wagtail_hooks.py`` registers these functions
for the pages' ``LEARNER_CONTEXT_HOOK``."""

import uuid

from django.utils import translation

from ..blocks import public_quiz
from ..pages import CoursePage, canonical
from .events import record_opened
from .progress import derive_state
from .records import Certificate, Enrollment


def _learner(request):
    user = getattr(request, "user", None)
    return user if user is not None and user.is_authenticated else None


def _canonical_lesson_ids(lessons, course, source_course):
    """Map displayed lesson ids to canonical (Vietnamese) ids by translation key."""
    if course.pk == source_course.pk:
        return {lesson.pk: lesson.pk for lesson in lessons}
    source = {key: pk for pk, key in source_course.public_lessons().values_list("pk", "translation_key")}
    return {lesson.pk: source.get(lesson.translation_key, lesson.pk) for lesson in lessons}


def course_context(request, page):
    learner = _learner(request)
    lessons = list(page.public_lessons())
    context = {
        "lessons": lessons,
        "course": page,
        "enrollment": None,
        "state": None,
        "certificate": None,
        "lesson_states": [],
    }
    source = canonical(page)
    context["prerequisites"] = list(source.prerequisites.all())
    if learner is None:
        context["lesson_states"] = [(lesson, None) for lesson in lessons]
        return context
    context["enrollment"] = Enrollment.objects.filter(learner=learner, course=source).first()
    ids = _canonical_lesson_ids(lessons, page, source)
    if context["enrollment"]:
        state = derive_state(learner, source)
        context["state"] = state
        context["lesson_states"] = [(lesson, state.lessons.get(ids[lesson.pk])) for lesson in lessons]
        resume = state.resume_lesson_id
        context["resume"] = next((lesson for lesson in lessons if ids[lesson.pk] == resume), None)
        context["certificate"] = Certificate.objects.filter(learner=learner, course=source).first()
    else:
        context["lesson_states"] = [(lesson, None) for lesson in lessons]
    return context


def lesson_context(request, page):
    learner = _learner(request)
    course = CoursePage.objects.filter(path=page.path[: -page.steplen]).first()
    lessons = list(course.public_lessons()) if course else []
    index = next((i for i, lesson in enumerate(lessons) if lesson.pk == page.pk), None)
    has_next = index is not None and index + 1 < len(lessons)
    context = {
        "course": course,
        "lessons": lessons,
        "previous_lesson": lessons[index - 1] if index else None,
        "next_lesson": lessons[index + 1] if has_next else None,
        "lesson_number": (index or 0) + 1,
        "quizzes": {block.id: public_quiz(block.id, block.value, objects=True) for block in page.quiz_blocks()},
        "enrollment": None,
        "lesson_state": None,
        "completion_uuid": uuid.uuid4(),
        "LANGUAGE_CODE": translation.get_language(),
    }
    if learner is None or course is None:
        return context
    source_course = canonical(course)
    enrollment = Enrollment.objects.filter(learner=learner, course=source_course).first()
    context["enrollment"] = enrollment
    if enrollment is None:
        return context
    source_lesson = canonical(page)
    record_opened(learner, source_course, source_lesson)
    state = derive_state(learner, source_course)
    context["state"] = state
    context["lesson_state"] = state.lessons.get(source_lesson.pk)
    context["passed_quizzes"] = {q for (lid, q) in state.passed_quizzes if lid == source_lesson.pk}
    return context
