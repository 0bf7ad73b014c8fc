"""Progress is kept on the Vietnamese pages: learning in English counts the same."""

import io

import pytest

from content.demo_loader import DemoLoader
from lessons import demo
from lessons.models import Certificate, CoursePage, Enrollment, QuizAttempt

pytestmark = pytest.mark.django_db


def test_a_learner_can_finish_a_course_in_english(client, home, learner):
    demo.load(DemoLoader(io.StringIO()))
    course_en = CoursePage.objects.get(locale__language_code="en", slug="ban-hang-tren-mang-an-toan")
    course_vi = CoursePage.objects.get(locale__language_code="vi", slug="ban-hang-tren-mang-an-toan")
    client.force_login(learner)
    assert client.post(f"/en/learn/courses/{course_en.pk}/enrol/").status_code == 302
    assert Enrollment.objects.get(learner=learner).course_id == course_vi.pk
    lessons = list(course_en.public_lessons())
    for lesson in lessons:
        page = client.get(f"/en{lesson.url[3:]}" if lesson.url.startswith("/vi") else lesson.url)
        assert page.status_code == 200
        client.post(f"/en/learn/lessons/{lesson.pk}/complete/", {"uuid": ""})
    quiz = lessons[-1].quiz_blocks()[0]
    data = {}
    for question in quiz.value["questions"].bound_blocks:
        right = [str(i) for i, o in enumerate(question.value["options"]) if o["correct"]]
        data[f"q-{question.id}"] = right
    r = client.post(f"/en/learn/lessons/{lessons[-1].pk}/quiz/{quiz.id}/", data)
    assert r.status_code == 302
    assert QuizAttempt.objects.get().score == 100
    certificate = Certificate.objects.get(learner=learner)
    assert certificate.course_id == course_vi.pk
    dashboard = client.get("/en/learn/").content.decode()
    assert course_en.title in dashboard
