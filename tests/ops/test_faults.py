"""Progress uploads survive interrupted requests: nothing lost, nothing duplicated.

A real gunicorn process on loopback (``tests.live_site.LiveSite``, one sync worker so
requests are handled in the order they arrive) and raw sockets play a phone whose
connection dies: mid-body, and after sending everything but before the reply. The
app then retries the same batch (same client UUIDs)."""

import http.client
import json
import socket
import struct
import urllib.request
import uuid

import pytest

from bench.load import UPLOAD_PATH, create_learners
from tests.lessons.conftest import QUIZ_ID, RIGHT, CourseIndexPageFactory, make_course
from tests.live_site import LiveSite

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def setup(home, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    index = CourseIndexPageFactory(parent=home, title="Khoá học")
    course, lessons = make_course(index)
    [token] = create_learners(1, prefix="faults")
    batch = [
        {
            "uuid": str(uuid.uuid4()),
            "kind": "lesson_completed",
            "lesson": lesson.pk,
            "timestamp": "2026-03-01T08:00:00Z",
        }
        for lesson in lessons
    ]
    batch.append(
        {
            "uuid": str(uuid.uuid4()),
            "kind": "quiz_submitted",
            "lesson": lessons[-1].pk,
            "timestamp": "2026-03-01T08:05:00Z",
            "quiz": QUIZ_ID,
            "answers": RIGHT,
        }
    )
    return {"course": course, "token": token, "batch": batch}


def stored(batch):
    from lessons.models import Certificate, ProgressEvent, QuizAttempt

    uuids = [e["uuid"] for e in batch]
    return {
        "events": ProgressEvent.objects.filter(uuid__in=uuids).count(),
        "all_events": ProgressEvent.objects.count(),
        "attempts": QuizAttempt.objects.count(),
        "certificates": Certificate.objects.count(),
    }


def raw_upload(site, token, body, send=None, rst=False):
    """Send the request head (full Content-Length) and ``send`` bytes of ``body``, then
    drop the connection without reading the reply (``rst``: abortive close, as a
    killed process or a lost radio link looks to the server)."""
    head = (
        f"POST {UPLOAD_PATH} HTTP/1.1\r\nHost: 127.0.0.1:{site.port}\r\n"
        f"Authorization: Bearer {token}\r\nContent-Type: application/json\r\n"
        f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n"
    ).encode()
    sock = socket.create_connection(("127.0.0.1", site.port), timeout=10)
    if rst:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    sock.sendall(head + body[: len(body) if send is None else send])
    sock.close()


def upload(site, token, body):
    conn = http.client.HTTPConnection("127.0.0.1", site.port, timeout=30)
    conn.request(
        "POST",
        UPLOAD_PATH,
        body=body,
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
    )
    response = conn.getresponse()
    data = response.read()
    conn.close()
    assert response.status == 200, data[:500]
    return json.loads(data)


def settle(site):
    """One sync worker handles connections in order: once this request is answered,
    every earlier one has been handled completely. Then read what the server wrote."""
    urllib.request.urlopen(site.url("/robots.txt"), timeout=30).read()
    site.refresh()


@pytest.mark.parametrize("rst", [False, True], ids=["close", "reset"])
def test_upload_cut_mid_body_stores_nothing_and_the_retry_stores_once(setup, tmp_path, rst):
    token, batch = setup["token"], setup["batch"]
    body = json.dumps({"events": batch}).encode()
    with LiveSite(tmp_path) as site:
        for cut in (len(body) // 2, len(body) - 1):  # half the body; all but the last byte
            raw_upload(site, token, body, send=cut, rst=rst)
            settle(site)
            assert stored(batch) == {"events": 0, "all_events": 0, "attempts": 0, "certificates": 0}, site.output()

        first = upload(site, token, body)
        second = upload(site, token, body)
        settle(site)
    uuids = sorted(e["uuid"] for e in batch)
    assert sorted(first["accepted"]) == uuids and first["rejected"] == []
    assert len(first["attempts"]) == 1 and first["attempts"][0]["passed"]
    assert second["accepted"] == [] and sorted(second["duplicates"]) == uuids
    assert second["states"] == first["states"] and first["states"][0]["completed"]
    assert stored(batch) == {"events": 4, "all_events": 4, "attempts": 1, "certificates": 1}


@pytest.mark.parametrize("rst", [False, True], ids=["close", "reset"])
def test_reply_lost_after_the_server_stored_it_then_retried_is_stored_once(setup, tmp_path, rst):
    token, batch = setup["token"], setup["batch"]
    body = json.dumps({"events": batch}).encode()
    with LiveSite(tmp_path) as site:
        raw_upload(site, token, body, rst=rst)  # everything sent, the reply never read
        settle(site)
        assert stored(batch) == {"events": 4, "all_events": 4, "attempts": 1, "certificates": 1}

        retries = [upload(site, token, body) for _ in range(2)]
        settle(site)
    uuids = sorted(e["uuid"] for e in batch)
    for retry in retries:
        assert retry["accepted"] == [] and sorted(retry["duplicates"]) == uuids
        assert retry["rejected"] == [] and retry["states"][0]["completed"]
    assert stored(batch) == {"events": 4, "all_events": 4, "attempts": 1, "certificates": 1}


def test_server_failing_mid_batch_then_retried_grades_the_quiz_once(setup, monkeypatch):
    """The server dies (here: a database error) after storing the events but before
    grading the quiz among them. The retry must grade it, once, not call it a duplicate."""
    from django.db import OperationalError
    from django.test import Client

    from lessons.learners import events as events_module

    token, batch = setup["token"], setup["batch"]
    real = events_module.grade_quiz
    calls = []

    def flaky(*args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise OperationalError("database is locked")
        return real(*args, **kwargs)

    monkeypatch.setattr(events_module, "grade_quiz", flaky)
    client = Client(raise_request_exception=False)
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    body = json.dumps({"events": batch})
    failed = client.post(UPLOAD_PATH, body, content_type="application/json", **auth)
    assert failed.status_code == 503  # the database-unavailable page
    retries = [client.post(UPLOAD_PATH, body, content_type="application/json", **auth) for _ in range(2)]
    assert [r.status_code for r in retries] == [200, 200]
    first, second = (r.json() for r in retries)
    assert len(first["attempts"]) == 1 and first["attempts"][0]["passed"]
    assert second["attempts"] == [] and second["rejected"] == []
    assert first["states"][0]["completed"] and second["states"] == first["states"]
    assert stored(batch) == {"events": 4, "all_events": 4, "attempts": 1, "certificates": 1}
