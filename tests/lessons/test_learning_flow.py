"""The learner's whole path on the website, and the rules that stop shortcuts."""

import uuid

import pytest

from lessons.learners.events import record_events
from lessons.learners.progress import derive_state, grade_quiz
from lessons.models import Certificate, Enrollment, LearnerProfile, QuizAttempt

from .conftest import HALF, QUIZ_ID, RIGHT

pytestmark = pytest.mark.django_db


def _post_quiz(client, lesson, answers):
    data = {f"q-{qid}": [str(i) for i in idx] for qid, idx in answers.items()}
    return client.post(f"/vi/learn/lessons/{lesson.pk}/quiz/{QUIZ_ID}/", data)


def test_signup_with_phone_enrol_read_pass_and_get_certificate(client, course):
    course_page, lessons = course
    r = client.post(
        "/vi/learn/signup/",
        {
            "display_name": "Đinh Văn Nam",
            "phone": "0912 345 678",
            "password": "rừng-xanh-2025",
            "preferred_language": "vi",
        },
    )
    assert r.status_code == 302, r.content
    profile = LearnerProfile.objects.get(phone="0912345678")
    assert profile.user.email == ""
    client.post("/vi/learn/logout/")
    r = client.post("/vi/learn/login/", {"identifier": "0912345678", "password": "rừng-xanh-2025"})
    assert r.status_code == 302
    r = client.post(f"/vi/learn/courses/{course_page.pk}/enrol/")
    assert r.status_code == 302
    for lesson in lessons:
        page = client.get(lesson.url)
        assert page.status_code == 200
        assert page["Cache-Control"] == "private, no-store"
        uid = str(uuid.uuid4())
        r = client.post(f"/vi/learn/lessons/{lesson.pk}/complete/", {"uuid": uid})
        assert r.status_code == 302
        # a double submit of the same form is a no-op
        client.post(f"/vi/learn/lessons/{lesson.pk}/complete/", {"uuid": uid})
    assert not Certificate.objects.exists()  # the quiz is not passed yet
    r = _post_quiz(client, lessons[-1], HALF)
    attempt = QuizAttempt.objects.get()
    assert (attempt.score, attempt.passed) == (50, False)
    r = _post_quiz(client, lessons[-1], RIGHT)
    assert r.status_code == 302
    result = client.get(r["Location"])
    assert result.status_code == 200 and "100%" in result.content.decode()
    certificate = Certificate.objects.get(learner=profile.user)
    assert certificate.learner_name == "Đinh Văn Nam"
    assert Enrollment.objects.get(learner=profile.user).completed_at is not None
    dashboard = client.get("/vi/learn/")
    assert dashboard["Cache-Control"] == "private, no-store"
    assert certificate.code in dashboard.content.decode()
    verify = client.get(f"/vi/certificates/{certificate.code}/")
    assert verify.status_code == 200 and "Đinh Văn Nam" in verify.content.decode()


def test_correct_answers_are_not_in_the_lesson_html(client, course, learner):
    course_page, lessons = course
    client.force_login(learner)
    client.post(f"/vi/learn/courses/{course_page.pk}/enrol/")
    html = client.get(lessons[-1].url).content.decode()
    assert "Mật khẩu có nên chia sẻ không?" in html
    assert "correct" not in html.lower().replace("incorrect", "")
    assert "Không bao giờ chia sẻ" not in html  # feedback only after submitting


def test_passing_the_quiz_without_the_lessons_does_not_complete(course, learner):
    course_page, lessons = course
    attempt = grade_quiz(learner, lessons[-1], QUIZ_ID, RIGHT)
    assert attempt.passed
    state = derive_state(learner, course_page)
    assert not state.completed and state.percent < 100
    assert not Certificate.objects.exists()


def test_a_score_sent_by_the_client_is_ignored(course, learner):
    course_page, lessons = course
    now = "2026-01-01T10:00:00+07:00"
    events = [
        {"uuid": str(uuid.uuid4()), "kind": "lesson_completed", "lesson": p.pk, "timestamp": now}
        for p in lessons[:-1]
    ]  # lesson 3 skipped
    events.append(
        {
            "uuid": str(uuid.uuid4()),
            "kind": "quiz_submitted",
            "lesson": lessons[-1].pk,
            "timestamp": now,
            "quiz": QUIZ_ID,
            "answers": {},
            "score": 100,
            "passed": True,
        }
    )
    result = record_events(learner, events)
    assert result["attempts"][0]["score"] == 0 and not result["attempts"][0]["passed"]
    assert not Certificate.objects.exists()
    state = derive_state(learner, course_page)
    assert not state.completed


def test_skipping_a_lesson_never_completes(course, learner):
    course_page, lessons = course
    now = "2026-01-01T10:00:00Z"
    events = [
        {"uuid": str(uuid.uuid4()), "kind": "lesson_completed", "lesson": p.pk, "timestamp": now}
        for p in (lessons[0], lessons[2])
    ]
    events.append(
        {
            "uuid": str(uuid.uuid4()),
            "kind": "quiz_submitted",
            "lesson": lessons[-1].pk,
            "timestamp": now,
            "quiz": QUIZ_ID,
            "answers": RIGHT,
        }
    )
    record_events(learner, events)
    assert not derive_state(learner, course_page).completed
    record_events(
        learner,
        [{"uuid": str(uuid.uuid4()), "kind": "lesson_completed", "lesson": lessons[1].pk, "timestamp": now}],
    )
    assert derive_state(learner, course_page).completed
    assert Certificate.objects.filter(learner=learner).count() == 1


def test_bad_quiz_input_is_a_4xx_or_a_zero_never_a_500(client, course, learner):
    course_page, lessons = course
    client.force_login(learner)
    r = client.post(f"/vi/learn/lessons/{lessons[-1].pk}/quiz/not-a-quiz/", {"q-x": "1"})
    assert r.status_code == 404
    r = client.post(
        f"/vi/learn/lessons/{lessons[-1].pk}/quiz/{QUIZ_ID}/", {f"q-{QUIZ_ID[:-4]}0001": ["abc", "999"]}
    )
    assert r.status_code == 302
    assert QuizAttempt.objects.get().score == 0
    r = client.post("/vi/learn/lessons/999999/complete/", {"uuid": "x"})
    assert r.status_code == 404


def test_drafts_cannot_be_enrolled_or_answered(client, course_index, learner):
    from .conftest import CoursePageFactory, LessonPageFactory, quiz_block

    draft = CoursePageFactory(parent=course_index, title="Nháp", live=False)
    lesson = LessonPageFactory(parent=draft, title="Bài nháp", body=[quiz_block()], live=False)
    client.force_login(learner)
    assert client.post(f"/vi/learn/courses/{draft.pk}/enrol/").status_code == 404
    r = client.post(f"/vi/learn/lessons/{lesson.pk}/quiz/{QUIZ_ID}/", {})
    assert r.status_code == 404
    result = record_events(
        learner,
        [
            {
                "uuid": str(uuid.uuid4()),
                "kind": "lesson_opened",
                "lesson": lesson.pk,
                "timestamp": "2026-01-01T00:00:00Z",
            }
        ],
    )
    assert result["rejected"][0]["error"] == "lesson_not_found"
    assert not Enrollment.objects.exists()


def test_prerequisites_are_enforced(client, course, course_index, learner):
    from .conftest import make_course

    first, _lessons = course
    second, _ = make_course(course_index, title="Khoá nâng cao")
    second.prerequisites.set([first])
    second.save_revision().publish()
    client.force_login(learner)
    client.post(f"/vi/learn/courses/{second.pk}/enrol/")
    assert not Enrollment.objects.filter(course=second).exists()


def test_anonymous_visitors_are_sent_to_the_learner_login(client, course):
    r = client.get("/vi/learn/")
    assert r.status_code == 302 and r["Location"].startswith("/vi/learn/login/")


def test_login_rejects_wrong_password_with_a_form_error(client, learner):
    r = client.post("/vi/learn/login/", {"identifier": "hoa", "password": "wrong"})
    assert r.status_code == 200
    assert "_auth_user_id" not in client.session


def test_signup_needs_username_or_phone(client, db):
    r = client.post(
        "/vi/learn/signup/", {"display_name": "A", "password": "rừng-xanh-2025", "preferred_language": "vi"}
    )
    assert r.status_code == 200
    from django.contrib.auth.models import User

    assert not User.objects.exists()


def test_login_is_throttled_after_repeated_failures(client, learner):
    for _ in range(10):
        client.post("/vi/learn/login/", {"identifier": "hoa", "password": "wrong"})
    r = client.post("/vi/learn/login/", {"identifier": "hoa", "password": "correct-horse-42"})
    assert r.status_code == 200 and "_auth_user_id" not in client.session
    assert "Thử quá nhiều lần" in r.content.decode()
