"""Learner auth and learning over the API: tokens, rate limits, progress, quizzes,
certificates, and that a learner never sees another's data."""

import json
import uuid

import pytest

from .conftest import QUIZ_ID


def post(api, url, data, **headers):
    return api.post(url, json.dumps(data), content_type="application/json", **headers)


def test_register_sign_in_and_out(api, db):
    response = post(
        api,
        "/api/v1/auth/register",
        {
            "username": "ybon",
            "password": "rong-xanh-2026",
            "display_name": "Y Bon",
            "phone": "0905 123 456",
            "preferred_language": "bdq",
        },
    )
    assert response.status_code == 201, response.content
    assert response["Cache-Control"] == "private, no-store"
    first = response.json()["token"]
    by_phone = post(api, "/api/v1/auth/token", {"login": "0905123456", "password": "rong-xanh-2026"})
    assert by_phone.status_code == 200
    token = by_phone.json()["token"]
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    me = api.get("/api/v1/me", **auth).json()
    assert me == {
        "id": me["id"],
        "username": "ybon",
        "display_name": "Y Bon",
        "phone": "0905123456",
        "preferred_language": "bdq",
    }
    assert api.delete("/api/v1/auth/token", **auth).status_code == 204
    gone = api.get("/api/v1/me", **auth)
    assert gone.status_code == 401 and gone.json()["code"] == "unauthenticated"
    # The other token still works: sign-out revokes only the token used.
    assert api.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {first}").status_code == 200


def test_tokens_are_stored_hashed(api, learner):
    from lessons.models import AccessToken

    raw = learner["auth"]["HTTP_AUTHORIZATION"].split()[1]
    stored = AccessToken.objects.get(user=learner["user"]).key_hash
    assert raw not in stored and len(stored) == 64


@pytest.mark.parametrize(
    ("payload", "status", "code"),
    [
        ({"username": "hoc-vien", "password": "rong-xanh-2026"}, 409, "username_taken"),
        (
            {"username": "moi", "password": "rong-xanh-2026", "phone": "0905000111"},
            409,
            "phone_unavailable",
        ),
        ({"username": "moi", "password": "123"}, 400, "weak_password"),
        ({"username": "moi"}, 422, "invalid_parameters"),
        ({"username": "a b", "password": "rong-xanh-2026"}, 422, "invalid_parameters"),
        ({"username": 5, "password": ["x"]}, 422, "invalid_parameters"),
    ],
)
def test_register_refuses_bad_input(api, learner, payload, status, code):
    response = post(api, "/api/v1/auth/register", payload)
    assert response.status_code == status, response.content
    assert response.json()["code"] == code


def test_malformed_json_is_400(api, db):
    response = api.post("/api/v1/auth/token", "{not json", content_type="application/json")
    assert response.status_code == 400
    assert response.json()["code"] == "malformed_json"


def test_guessing_is_rate_limited_per_account_and_ip(api, learner, settings):
    for _ in range(5):
        wrong = post(api, "/api/v1/auth/token", {"login": "hoc-vien", "password": "sai"})
        assert wrong.status_code == 401 and wrong.json()["code"] == "invalid_credentials"
    blocked = post(api, "/api/v1/auth/token", {"login": "hoc-vien", "password": "correct-horse-42"})
    assert blocked.status_code == 429 and blocked.json()["code"] == "rate_limited"
    assert int(blocked["Retry-After"]) > 0
    # Per IP: many accounts from one address are cut off too.
    for n in range(40):
        last = post(
            api,
            "/api/v1/auth/token",
            {"login": f"khac{n}", "password": "x"},
            REMOTE_ADDR="10.0.0.9",
        )
    assert last.status_code == 429


def test_learner_endpoints_need_a_token(api, course):
    for method, url in [
        ("get", "/api/v1/me"),
        ("get", "/api/v1/me/enrollments"),
        ("get", "/api/v1/me/progress"),
        ("get", "/api/v1/me/certificates"),
        ("post", f"/api/v1/courses/{course['course'].pk}/enroll"),
    ]:
        response = getattr(api, method)(url)
        assert response.status_code == 401, url
        assert response.json()["code"] == "unauthenticated"
    bad = api.get("/api/v1/me", HTTP_AUTHORIZATION="Bearer not-a-token")
    assert bad.status_code == 401


def test_lesson_detail_never_reveals_quiz_answers(api, course):
    second = course["lessons"][1]
    body = api.get(f"/api/v1/lessons/{second.pk}").content.decode()
    assert "correct" not in body and "Không bao giờ" not in body
    quiz = api.get(f"/api/v1/lessons/{second.pk}").json()["body"][0]
    assert quiz["type"] == "quiz" and quiz["id"] == QUIZ_ID
    assert [o["text"] for o in quiz["questions"][0]["options"]] == ["Có", "Không"]
    first = api.get(f"/api/v1/lessons/{course['lessons'][0].pk}").json()
    assert first["body"][1]["type"] == "how_to"
    assert first["body"][1]["steps"][0]["image"]["renditions"]


def test_course_and_lessons_lists(api, course):
    courses = api.get("/api/v1/courses?locale=hre").json()["results"]
    assert [c["title"] for c in courses] == ["Bán hàng trên mạng"]
    assert courses[0]["is_fallback"] is True
    detail = api.get(f"/api/v1/courses/{course['course'].pk}").json()
    assert [lesson["title"] for lesson in detail["lessons"]] == ["Bài 1", "Bài 2"]
    lessons = api.get(f"/api/v1/courses/{course['course'].pk}/lessons?locale=en").json()
    assert [lesson["title"] for lesson in lessons["results"]] == ["Bài 1", "Bài 2"]
    assert all(lesson["served_locale"] == "vi" for lesson in lessons["results"])
    assert api.get(f"/api/v1/lessons/{course['draft'].pk}").status_code == 404


def _batch(lessons):
    first, second = lessons
    stamp = "2026-11-20T08:00:00+07:00"
    return {
        "events": [
            {
                "uuid": "11111111-1111-4111-8111-111111111111",
                "kind": "lesson_opened",
                "lesson": first.pk,
                "timestamp": stamp,
            },
            {
                "uuid": "22222222-2222-4222-8222-222222222222",
                "kind": "lesson_completed",
                "lesson": first.pk,
                "timestamp": stamp,
            },
            {
                "uuid": "33333333-3333-4333-8333-333333333333",
                "kind": "position",
                "lesson": second.pk,
                "timestamp": stamp,
                "position": 40,
            },
            {
                "uuid": "44444444-4444-4444-8444-444444444444",
                "kind": "lesson_opened",
                "lesson": 999999,
                "timestamp": stamp,
            },
        ]
    }


def test_progress_upload_is_idempotent(api, course, learner):
    batch = _batch(course["lessons"])
    results = [post(api, "/api/v1/me/progress-events", batch, **learner["auth"]) for _ in range(3)]
    assert all(r.status_code == 200 for r in results)
    first, second, third = (r.json() for r in results)
    assert len(first["accepted"]) == 3 and first["duplicates"] == []
    assert first["rejected"] == [{"uuid": "44444444-4444-4444-8444-444444444444", "error": "lesson_not_found"}]
    assert sorted(second["duplicates"]) == sorted(first["accepted"]) and not second["accepted"]
    assert first["states"] == second["states"] == third["states"]
    state = first["states"][0]
    assert state["course"] == course["course"].pk and 0 < state["percent"] < 100
    progress = api.get("/api/v1/me/progress", **learner["auth"])
    assert progress["Cache-Control"] == "private, no-store"
    assert progress.json() == first["states"]


def test_quiz_enrol_certificate_and_isolation(api, course, learner):
    from lessons.models import AccessToken
    from tests.factories import UserFactory

    course_id = course["course"].pk
    enrolled = post(api, f"/api/v1/courses/{course_id}/enroll", {}, **learner["auth"])
    assert enrolled.status_code == 200 and enrolled.json()["course"] == course_id
    wrong = post(
        api,
        f"/api/v1/lessons/{course['lessons'][1].pk}/quiz-attempts",
        {"quiz_id": QUIZ_ID, "answers": {f"{QUIZ_ID[:-4]}0001": [0]}},
        **learner["auth"],
    ).json()
    assert wrong["passed"] is False and wrong["feedback"][0]["correct"] == ["Không"]
    missing = post(
        api,
        f"/api/v1/lessons/{course['lessons'][1].pk}/quiz-attempts",
        {"quiz_id": "nope", "answers": {}},
        **learner["auth"],
    )
    assert missing.status_code == 404 and missing.json()["code"] == "quiz_not_found"
    post(
        api,
        "/api/v1/me/progress-events",
        {
            "events": [
                {
                    "uuid": str(uuid.uuid4()),
                    "kind": "lesson_completed",
                    "lesson": lesson.pk,
                    "timestamp": "2026-11-21T08:00:00Z",
                }
                for lesson in course["lessons"]
            ]
        },
        **learner["auth"],
    )
    right = post(
        api,
        f"/api/v1/lessons/{course['lessons'][1].pk}/quiz-attempts",
        {"quiz_id": QUIZ_ID, "answers": {f"{QUIZ_ID[:-4]}0001": [1]}},
        **learner["auth"],
    ).json()
    assert right["passed"] is True and right["certificate"]
    certificates = api.get("/api/v1/me/certificates", **learner["auth"]).json()
    assert [c["code"] for c in certificates] == [right["certificate"]]
    public = api.get(f"/api/v1/certificates/{right['certificate']}")
    assert public.status_code == 200 and public.json()["valid"] is True
    assert api.get("/api/v1/certificates/NOPE").status_code == 404

    other = UserFactory(username="nguoi-khac")
    _t, raw = AccessToken.issue(other)
    auth = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    assert api.get("/api/v1/me/enrollments", **auth).json() == []
    assert api.get("/api/v1/me/progress", **auth).json() == []
    assert api.get("/api/v1/me/certificates", **auth).json() == []
    assert api.get("/api/v1/me", **auth).json()["username"] == "nguoi-khac"


def test_enrol_in_missing_or_draft_course_is_404(api, course, learner):
    assert post(api, "/api/v1/courses/999999/enroll", {}, **learner["auth"]).status_code == 404
    draft = post(api, f"/api/v1/courses/{course['draft'].pk}/enroll", {}, **learner["auth"])
    assert draft.status_code == 404
