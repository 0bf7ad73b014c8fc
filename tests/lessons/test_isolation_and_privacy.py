"""Learners never see each other's data; sensitive courses stay discreet."""

import pytest

from lessons.learners.events import record_site_event
from lessons.learners.progress import grade_quiz
from lessons.models import Certificate

from .conftest import QUIZ_ID, RIGHT, make_course

pytestmark = pytest.mark.django_db


def test_an_attempt_is_visible_only_to_its_learner(client, course, learner, other_learner):
    _course, lessons = course
    attempt = grade_quiz(learner, lessons[-1], QUIZ_ID, RIGHT)
    client.force_login(other_learner)
    assert client.get(f"/vi/learn/attempts/{attempt.pk}/").status_code == 404
    client.force_login(learner)
    assert client.get(f"/vi/learn/attempts/{attempt.pk}/").status_code == 200


def test_the_dashboard_shows_only_my_courses(client, course, course_index, learner, other_learner):
    course_page, lessons = course
    other_course, _ = make_course(course_index, title="Khoá của người khác")
    client.force_login(other_learner)
    client.post(f"/vi/learn/courses/{other_course.pk}/enrol/")
    client.force_login(learner)
    client.post(f"/vi/learn/courses/{course_page.pk}/enrol/")
    html = client.get("/vi/learn/").content.decode()
    assert course_page.title in html and "Khoá của người khác" not in html


def test_completing_a_lesson_records_only_my_progress(client, course, learner, other_learner):
    course_page, lessons = course
    client.force_login(learner)
    client.post(f"/vi/learn/courses/{course_page.pk}/enrol/")
    client.post(f"/vi/learn/lessons/{lessons[0].pk}/complete/", {"uuid": "bad"})
    from lessons.learners.progress import derive_state

    assert derive_state(learner, course_page).lessons[lessons[0].pk].completed
    assert not derive_state(other_learner, course_page).lessons[lessons[0].pk].completed


def test_a_sensitive_course_has_a_neutral_title_and_a_quick_exit(client, course_index, learner):
    course_page, lessons = make_course(course_index, title="Bình đẳng giới trong gia đình", sensitive=True)
    for url in (course_page.url, lessons[0].url):
        html = client.get(url).content.decode()
        title = html.split("<title>")[1].split("</title>")[0]
        assert "Bình đẳng" not in title and "Bài học" in title
        assert "data-quick-exit" in html and "lessons/learning.js" in html
        assert "<script>" not in html
    client.force_login(learner)
    r = client.get(lessons[0].url)
    assert r["Cache-Control"] == "private, no-store"


def test_unknown_or_revoked_certificates_are_404(client, course, learner):
    from django.utils import timezone

    course_page, lessons = course
    assert client.get("/vi/certificates/NR-AAAA-AAAA/").status_code == 404
    assert client.get("/vi/certificates/%3Cscript%3E/").status_code == 404
    for lesson in lessons:
        record_site_event(learner, lesson, "lesson_completed")
    grade_quiz(learner, lessons[-1], QUIZ_ID, RIGHT)
    certificate = Certificate.objects.get()
    assert client.get(f"/vi/certificates/{certificate.code}/").status_code == 200
    certificate.revoked_at = timezone.now()
    certificate.save()
    assert client.get(f"/vi/certificates/{certificate.code}/").status_code == 404
