"""The lessons demo: four courses in vi and en, idempotent, with a quiz each."""

import io

import pytest
from django.core.management import call_command

from content.demo_loader import DemoLoader
from lessons import demo
from lessons.models import CourseIndexPage, CoursePage, LessonPage

pytestmark = pytest.mark.django_db


def _counts():
    return (CourseIndexPage.objects.count(), CoursePage.objects.count(), LessonPage.objects.count())


def test_demo_courses_load_twice_without_changes(home, client):
    loader = DemoLoader(io.StringIO())
    demo.load(loader)
    first = _counts()
    assert first[1] == 8  # 4 courses × (vi, en)
    again = DemoLoader(io.StringIO())
    demo.load(again)
    assert _counts() == first
    assert (again.created, again.updated) == (0, 0)
    for language in ("vi", "en"):
        courses = CoursePage.objects.filter(locale__language_code=language).live()
        assert courses.count() == 4
        for course in courses:
            lessons = course.public_lessons()
            assert 3 <= lessons.count() <= 6
            assert sum(len(lesson.quiz_blocks()) for lesson in lessons) >= 1
            assert course.sources
    sensitive = CoursePage.objects.get(locale__language_code="vi", sensitive=True)
    html = client.get(sensitive.url).content.decode()
    assert sensitive.title not in html.split("</title>")[0]
    vi_quiz = LessonPage.objects.filter(locale__language_code="vi").last().quiz_blocks()[0]
    en_lesson = LessonPage.objects.get(
        translation_key=LessonPage.objects.filter(locale__language_code="vi").last().translation_key,
        locale__language_code="en",
    )
    assert en_lesson.quiz_blocks()[0].id == vi_quiz.id
    index = CourseIndexPage.objects.get(locale__language_code="vi")
    assert index.show_in_menus and client.get(index.url).status_code == 200


def test_the_whole_demo_command_includes_courses(locales):
    call_command("load_demo_content", stdout=io.StringIO())
    assert CoursePage.objects.filter(locale__language_code="vi").count() == 4
