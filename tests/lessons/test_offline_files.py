"""The list of a course's files for "Save for offline" (lessons/offline_files.py and
/<lang>/learn/offline/courses/<id>/files.json): sizes match the files, only public
lessons, sensitive courses only when asked, queries bounded."""

import pytest
from django.core.files.storage import default_storage
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from lessons.learners.records import ProgressEvent
from tests.factories import AudioDocumentFactory, HeritageImageFactory, LessonPageFactory, UserFactory

from .conftest import QUIZ_ID, RIGHT, make_course

pytestmark = pytest.mark.django_db


def _url(course, query=""):
    return f"/vi/learn/offline/courses/{course.pk}/files.json{query}"


def _with_media(index, lessons=3, sensitive=False, title="Khoá có ảnh"):
    course, pages = make_course(index, title=title, lessons=lessons, sensitive=sensitive)
    for lesson in pages:
        image = HeritageImageFactory()
        lesson.body.append(("image", {"image": image, "caption": "", "alt": ""}))
        lesson.audio = AudioDocumentFactory()
        lesson.save_revision().publish()
    return course, pages


def test_lists_pages_pictures_and_audio_with_their_real_size(client, course_index):
    course, lessons = _with_media(course_index)
    data = client.get(_url(course)).json()
    urls = {f["url"] for f in data["files"]}
    assert course.url in urls and all(lesson.url in urls for lesson in lessons)
    images = [f for f in data["files"] if f["kind"] == "image"]
    audio = [f for f in data["files"] if f["kind"] == "audio"]
    assert len(images) == 3 * 3 and len(audio) == 3  # three picture sizes of each lesson's image
    media_root = default_storage.location
    for item in images:
        path = item["url"].removeprefix("/media/")
        assert item["bytes"] == default_storage.size(path) > 0, media_root
    for item, lesson in zip(audio, lessons, strict=True):
        assert item["bytes"] == lesson.audio.file.size == 2048
    assert data["total_bytes"] == sum(f["bytes"] for f in data["files"])
    quiz = data["lessons"][-1]["quizzes"][0]
    assert quiz["id"] == QUIZ_ID and [q["id"] for q in quiz["questions"]] == list(RIGHT)
    assert "correct" not in str(quiz) and "feedback" not in str(quiz)  # answers never leave
    assert data["strings"]["queued"] == "Đã lưu trên điện thoại này, sẽ gửi khi có mạng."


def test_light_lists_one_picture_per_image(client, course_index):
    course, _lessons = _with_media(course_index, lessons=1)
    light = client.get(_url(course, "?light=1")).json()
    assert [f["url"] for f in light["files"] if f["kind"] == "image"][0].count("fill-360x203")
    assert len([f for f in light["files"] if f["kind"] == "image"]) == 1
    response = client.get(_url(course), HTTP_SAVE_DATA="on")
    assert len([f for f in response.json()["files"] if f["kind"] == "image"]) == 1
    assert response["Cache-Control"] == "private, no-store"  # the page cache's key has no Save-Data
    assert len([f for f in client.get(_url(course)).json()["files"] if f["kind"] == "image"]) == 3


def test_draft_private_and_expired_lessons_are_never_listed(client, course_index):
    course, lessons = make_course(course_index, lessons=2)
    draft = LessonPageFactory(parent=course, title="Bản nháp", live=False)
    private = LessonPageFactory(parent=course, title="Riêng tư")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    data = client.get(_url(course)).json()
    ids = [lesson["id"] for lesson in data["lessons"]]
    assert ids == [lesson.pk for lesson in lessons]
    urls = {f["url"] for f in data["files"]}
    assert draft.url not in urls and private.url not in urls
    course.unpublish()
    assert client.get(_url(course)).status_code == 404
    assert client.get("/vi/learn/offline/courses/999999/files.json").status_code == 404


def test_sensitive_course_lists_nothing_unless_asked(client, course_index):
    course, lessons = make_course(course_index, lessons=2, sensitive=True)
    response = client.get(_url(course))
    assert response["Cache-Control"] == "private, no-store"
    data = response.json()
    assert data["withheld"] is True and data["files"] == [] and data["lessons"] == []
    asked = client.get(_url(course, "?sensitive=1")).json()
    assert asked["withheld"] is False and len(asked["lessons"]) == 2
    assert asked["course"]["sensitive"] is True


def test_queries_do_not_grow_with_lessons(client, course_index):
    small, _ = _with_media(course_index, lessons=1, title="Nhỏ")
    big, _ = _with_media(course_index, lessons=5, title="Lớn")
    client.get(_url(small))
    client.get(_url(big))  # renditions made once
    counts = []
    for course in (small, big):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(_url(course, "?x=1")).status_code == 200
        counts.append(len(queries))
    assert counts[1] <= counts[0] + 2, counts
    assert counts[1] <= 20, counts


def test_learner_json_is_private_and_names_only_the_signed_in_learner(client):
    anonymous = client.get("/vi/learn/offline/me.json")
    assert anonymous.json() == {"learner": None, "csrf": None}
    user = UserFactory(username="hoa-offline")
    client.force_login(user)
    response = client.get("/vi/learn/offline/me.json")
    assert response["Cache-Control"] == "private, no-store"
    assert response.json()["learner"] == user.pk and response.json()["csrf"]


def test_site_session_sends_progress_events_with_csrf_only(course_index):
    from django.test import Client

    course, lessons = make_course(course_index, lessons=1)
    user = UserFactory(username="hoa-session")
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(user)
    event = {
        "uuid": "6f1c1c7e-1111-4aaa-8bbb-000000000001",
        "kind": "lesson_completed",
        "lesson": lessons[0].pk,
        "timestamp": "2026-12-03T08:00:00+07:00",
    }
    refused = browser.post("/api/v1/me/progress-events", {"events": [event]}, content_type="application/json")
    assert refused.status_code == 403 and ProgressEvent.objects.count() == 0
    token = browser.get("/vi/learn/offline/me.json").json()["csrf"]
    for _ in range(2):  # a retry after a lost reply stores nothing twice
        sent = browser.post(
            "/api/v1/me/progress-events",
            {"events": [event]},
            content_type="application/json",
            HTTP_X_CSRFTOKEN=token,
        )
        assert sent.status_code == 200
    assert ProgressEvent.objects.filter(learner=user, kind="lesson_completed").count() == 1
    progress = browser.get("/api/v1/me/progress").json()
    assert progress[0]["lessons"][0]["completed"] is True
    assert (
        Client().post("/api/v1/me/progress-events", {"events": []}, content_type="application/json").status_code
        == 401
    )


def test_the_narration_of_each_lesson_is_kept_too(client, course_index):
    """The generated or recorded narration (content.narration.PageAudio) goes with the
    lessons when a course is saved for offline use."""
    from django.core.files.base import ContentFile

    from content.narration import PageAudio

    course, lessons = _with_media(course_index)
    row = PageAudio(page=lessons[0], language="vi", kind="generated", bytes=1234, duration_seconds=3)
    row.file.save("narration-test.mp3", ContentFile(b"\xff\xfb" * 617), save=True)
    data = client.get(_url(course)).json()
    narration = [f for f in data["files"] if f["url"] == row.file.url]
    assert narration == [{"url": row.file.url, "kind": "audio", "bytes": 1234, "estimate": False}]
    assert data["total_bytes"] == sum(f["bytes"] for f in data["files"])
