"""Queries per lesson view and per dashboard view do not grow with the data."""

import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lessons.learners.events import record_events
from lessons.learners.progress import enroll

from .conftest import make_course

pytestmark = pytest.mark.django_db


def _grow(index, learner, courses, lessons_per_course):
    made = []
    for n in range(courses):
        course, lessons = make_course(index, title=f"Khoá {uuid.uuid4().hex[:6]} {n}", lessons=lessons_per_course)
        enroll(learner, course)
        record_events(
            learner,
            [
                {
                    "uuid": str(uuid.uuid4()),
                    "kind": kind,
                    "lesson": lesson.pk,
                    "timestamp": "2026-02-01T08:00:00Z",
                    "position": 50,
                }
                for lesson in lessons
                for kind in ("lesson_opened", "position", "lesson_completed")
            ],
        )
        made.append((course, lessons))
    return made


def _count(client, url):
    client.get(url)  # warm the site-root cache
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_lesson_and_dashboard_queries_are_constant(client, course_index, learner):
    client.force_login(learner)
    small = _grow(course_index, learner, 1, 3)
    lesson_small = _count(client, small[0][1][1].url)
    dash_small = _count(client, "/vi/learn/")
    big = _grow(course_index, learner, 4, 6)
    lesson_big = _count(client, big[-1][1][4].url)
    dash_big = _count(client, "/vi/learn/")
    assert lesson_big == lesson_small
    assert dash_big == dash_small
    assert lesson_small <= 35 and dash_small <= 25


def test_lesson_view_query_budget(client, course_index, learner, django_assert_max_num_queries):
    client.force_login(learner)
    ((course, lessons),) = _grow(course_index, learner, 1, 5)
    client.get(lessons[2].url)
    with django_assert_max_num_queries(35):
        assert client.get(lessons[2].url).status_code == 200
