"""Concurrent duplicate submissions are safe (needs PostgreSQL for real concurrency)."""

import threading
import uuid

import pytest
from django.db import connection, connections

from lessons.learners.events import record_events
from lessons.models import ProgressEvent, QuizAttempt

from .conftest import QUIZ_ID, RIGHT

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
]


def test_the_same_batch_sent_in_parallel_is_stored_once(course, learner):
    if connection.vendor != "postgresql":
        pytest.skip("real concurrent writes need PostgreSQL")
    _course, lessons = course
    batch = [
        {
            "uuid": str(uuid.uuid4()),
            "kind": "lesson_completed",
            "lesson": p.pk,
            "timestamp": "2026-01-01T00:00:00Z",
        }
        for p in lessons
    ]
    batch.append(
        {
            "uuid": str(uuid.uuid4()),
            "kind": "quiz_submitted",
            "lesson": lessons[-1].pk,
            "timestamp": "2026-01-01T00:00:00Z",
            "quiz": QUIZ_ID,
            "answers": RIGHT,
        }
    )
    errors = []
    barrier = threading.Barrier(4)

    def send():
        try:
            barrier.wait()
            record_events(learner, batch)
        except Exception as exc:  # noqa: BLE001 - the test reports any failure
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=send) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert ProgressEvent.objects.count() == len(batch)
    assert QuizAttempt.objects.count() == 1
    assert learner.certificates.count() == 1
