"""The editors' learning report matches figures computed independently from the rows."""

import datetime
import uuid

import pytest
from django.utils import timezone

from content.models import AdministrativeUnit
from lessons import reports
from lessons.learners.events import record_events
from lessons.learners.progress import enroll, grade_quiz
from lessons.models import Enrollment, LearnerProfile, ProgressEvent, QuizAttempt
from tests.factories import UserFactory

from .conftest import HALF, QUIZ_ID, RIGHT, make_course

pytestmark = pytest.mark.django_db


@pytest.fixture
def data(course, course_index):
    course_a, lessons_a = course
    course_b, lessons_b = make_course(
        course_index, title="Dùng điện thoại xem giá", quiz_id="00000000-0000-4000-8000-00000000b001"
    )
    c1 = AdministrativeUnit.objects.create(code="T1", name="Vĩnh Thạnh", level="commune")
    c2 = AdministrativeUnit.objects.create(code="T2", name="An Lão", level="commune")
    plan = [  # (commune, course, lessons completed, quiz answers)
        (c1, course_a, 3, RIGHT),
        (c1, course_a, 1, HALF),
        (c2, course_a, 2, None),
        (c2, course_b, 3, None),
        (c1, course_b, 0, None),
        (c2, course_a, 3, HALF),
    ]
    for n, (commune, course_page, done, answers) in enumerate(plan):
        user = UserFactory(username=f"learner{n}")
        LearnerProfile.objects.create(user=user, commune=commune)
        enroll(user, course_page)
        lessons = lessons_a if course_page == course_a else lessons_b
        now = timezone.now().isoformat()
        events = [
            {"uuid": str(uuid.uuid4()), "kind": "lesson_opened", "lesson": p.pk, "timestamp": now}
            for p in lessons[: done + 1]
        ]
        events += [
            {"uuid": str(uuid.uuid4()), "kind": "lesson_completed", "lesson": p.pk, "timestamp": now}
            for p in lessons[:done]
        ]
        record_events(user, events)
        if answers:
            grade_quiz(user, lessons[-1], QUIZ_ID, answers)
    old = Enrollment.objects.order_by("pk").last()
    Enrollment.objects.filter(pk=old.pk).update(enrolled_at=timezone.now() - datetime.timedelta(days=400))
    return {"a": course_a, "b": course_b, "c1": c1, "c2": c2, "lessons_a": lessons_a}


def _expected_courses(enrolments):
    out = {}
    for e in enrolments:
        row = out.setdefault(e.course_id, [0, 0])
        row[0] += 1
        row[1] += e.completed_at is not None
    return {cid: (n, c, round(100 * c / n)) for cid, (n, c) in out.items()}


@pytest.mark.parametrize("which", ["all", "c1", "period"])
def test_course_figures_match_the_rows(data, which):
    filters = reports.Filters()
    enrolments = list(Enrollment.objects.select_related("learner__learner_profile"))
    if which == "c1":
        filters = reports.Filters(commune=data["c1"].pk)
        c1 = data["c1"].pk
        enrolments = [e for e in enrolments if e.learner.learner_profile.commune_id == c1]
    if which == "period":
        start = timezone.now().date() - datetime.timedelta(days=30)
        filters = reports.Filters(start=start)
        enrolments = [e for e in enrolments if e.enrolled_at.date() >= start]
    got = {f["course_id"]: (f["enrolled"], f["completed"], f["rate"]) for f in reports.course_figures(filters)}
    assert got == _expected_courses(enrolments)
    assert sum(v[0] for v in got.values()) == len(enrolments) > 0


def test_drop_off_matches_the_events(data):
    figures = reports.lesson_figures(reports.Filters(), data["a"])
    for row, lesson in zip(figures, data["lessons_a"], strict=True):
        events = ProgressEvent.objects.filter(lesson=lesson)
        reached = {e.learner_id for e in events}
        completed = {e.learner_id for e in events if e.kind == "lesson_completed"}
        assert (row["reached"], row["completed"], row["drop_off"]) == (
            len(reached),
            len(completed),
            len(reached) - len(completed),
        )
    assert figures[0]["reached"] == 4


def test_missed_questions_match_the_attempts(data):
    wrong = {}
    for attempt in QuizAttempt.objects.all():
        for qid, right in attempt.results.items():
            wrong[qid] = wrong.get(qid, 0) + (not right)
    figures = reports.missed_questions(reports.Filters())
    assert {f["question_id"]: f["wrong"] for f in figures} == {q: n for q, n in wrong.items() if n}
    assert figures[0]["question"] == "Chọn các cách trả tiền an toàn"


def test_the_admin_report_renders_charts_and_csv(client, data):
    admin = UserFactory(username="admin", is_superuser=True, is_staff=True)
    client.force_login(admin)
    r = client.get("/admin/reports/learning/")
    assert r.status_code == 200
    html = r.content.decode()
    assert "<svg" in html and data["a"].title in html and '<script src="http' not in html
    r = client.get("/admin/reports/learning/", {"export": "courses", "commune": data["c2"].pk})
    assert r["Content-Type"].startswith("text/csv")
    text = r.content.decode("utf-8-sig")
    assert data["a"].title in text
    r = client.get("/admin/reports/learning/", {"start": "not-a-date"})
    assert r.status_code == 200


def test_learners_cannot_see_the_report(client, learner):
    from django.contrib.auth.models import Permission

    learner.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(learner)
    assert client.get("/admin/reports/learning/").status_code in (302, 403)
