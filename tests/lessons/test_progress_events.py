"""The progress log: de-duplication, monotonic derived state, property tests."""

import datetime
import random
import uuid

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lessons.learners.events import record_events
from lessons.learners.progress import LearningError, derive_state, fold_events
from lessons.models import ProgressEvent
from tests.factories import UserFactory

from .conftest import QUIZ_ID, RIGHT

pytestmark = pytest.mark.django_db

BASE = datetime.datetime(2026, 3, 1, tzinfo=datetime.UTC)


def _event(lesson, kind, minutes, position=None, **extra):
    return {
        "uuid": str(uuid.uuid4()),
        "kind": kind,
        "lesson": lesson.pk,
        "timestamp": (BASE + datetime.timedelta(minutes=minutes)).isoformat(),
        "position": position,
        **extra,
    }


def test_replaying_a_batch_is_a_no_op(course, learner):
    _course, lessons = course
    batch = [_event(lessons[0], "lesson_opened", 1), _event(lessons[0], "position", 2, 40)]
    first = record_events(learner, batch)
    assert len(first["accepted"]) == 2
    again = record_events(learner, batch)
    assert again["accepted"] == [] and sorted(again["duplicates"]) == sorted(first["accepted"])
    assert ProgressEvent.objects.count() == 2


def test_a_duplicate_inside_one_batch_is_stored_once(course, learner):
    _course, lessons = course
    event = _event(lessons[0], "lesson_opened", 1)
    record_events(learner, [event, dict(event)])
    assert ProgressEvent.objects.count() == 1


def test_another_learners_uuid_is_not_taken_over(course, learner, other_learner):
    course_page, lessons = course
    event = _event(lessons[0], "lesson_completed", 1)
    record_events(other_learner, [event])
    result = record_events(learner, [event])
    assert result["accepted"] == []
    assert not derive_state(learner, course_page).lessons[lessons[0].pk].completed
    assert ProgressEvent.objects.get().learner == other_learner
    # issue 16 case 15: refused, never acknowledged as this learner's duplicate, and no enrolment
    assert result["duplicates"] == [] and result["rejected"] == [{"uuid": event["uuid"], "error": "uuid_in_use"}]
    from lessons.models import Enrollment

    assert not Enrollment.objects.filter(learner=learner).exists()


def test_a_lone_surrogate_or_a_nul_rejects_that_event_only(course, learner):
    """Issue 16 case 12: PostgreSQL refused the whole batch at the insert, on every retry."""
    _course, lessons = course
    good = _event(lessons[0], "lesson_opened", 1)
    surrogate = _event(lessons[0], "quiz_submitted", 2, quiz=QUIZ_ID, answers={"q1": "\ud800"})
    nul = _event(lessons[0], "quiz_submitted", 3, quiz="a\x00b", answers={})
    huge = _event(lessons[0], "quiz_submitted", 4, quiz=QUIZ_ID, answers={f"q{i}": "x" for i in range(1000)})
    result = record_events(learner, [good, surrogate, nul, huge])
    assert result["accepted"] == [good["uuid"]]
    assert {r["uuid"]: r["error"] for r in result["rejected"]} == {
        surrogate["uuid"]: "invalid_text",
        nul["uuid"]: "invalid_text",
        huge["uuid"]: "invalid_quiz",
    }
    assert ProgressEvent.objects.count() == 1


def test_a_replayed_quiz_submission_is_graded_once(course, learner):
    _course, lessons = course
    event = _event(lessons[-1], "quiz_submitted", 1, quiz=QUIZ_ID, answers=RIGHT)
    record_events(learner, [event])
    record_events(learner, [event])
    assert learner.quiz_attempts.count() == 1


@pytest.mark.parametrize(
    "bad",
    [
        {"uuid": "nope", "kind": "lesson_opened", "lesson": 1, "timestamp": "2026-01-01T00:00:00Z"},
        {"uuid": str(uuid.uuid4()), "kind": "hack", "lesson": 1, "timestamp": "2026-01-01T00:00:00Z"},
        {"uuid": str(uuid.uuid4()), "kind": "position", "lesson": "1", "timestamp": "x"},
        "not a dict",
    ],
)
def test_bad_events_are_rejected_one_by_one(course, learner, bad):
    _course, lessons = course
    good = _event(lessons[0], "lesson_opened", 1)
    if isinstance(bad, dict) and bad.get("lesson") == 1:
        bad = {**bad, "lesson": lessons[0].pk}
    result = record_events(learner, [bad, good])
    assert len(result["rejected"]) == 1 and result["accepted"] == [good["uuid"]]


def test_a_batch_that_is_not_a_list_raises_a_learning_error(learner):
    with pytest.raises(LearningError):
        record_events(learner, {"uuid": 1})


def test_completion_never_reverts_and_furthest_position_wins(course, learner):
    course_page, lessons = course
    record_events(learner, [_event(lessons[0], "position", 1, 80), _event(lessons[0], "lesson_completed", 2)])
    record_events(
        learner,
        [
            _event(lessons[0], "position", 3, 10),
            _event(lessons[1], "position", 4, 60),
            _event(lessons[1], "position", 5, 20),
        ],
    )
    state = derive_state(learner, course_page)
    assert state.lessons[lessons[0].pk].completed
    assert state.lessons[lessons[0].pk].position == 100
    assert state.lessons[lessons[1].pk].position == 60
    assert state.last_lesson_id == lessons[1].pk
    assert state.resume_lesson_id == lessons[1].pk


EVENT = st.tuples(
    st.integers(0, 2),  # lesson index
    st.sampled_from(["lesson_opened", "position", "lesson_completed", "quiz_submitted"]),
    st.integers(0, 600),  # minutes
    st.one_of(st.none(), st.integers(0, 100)),
    st.booleans(),  # quiz answered right
)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(spec=st.lists(EVENT, max_size=12), seed=st.randoms(use_true_random=False))
def test_replaying_three_times_or_shuffled_gives_identical_state(course, spec, seed):
    course_page, lessons = course
    events = []
    for lesson_index, kind, minutes, position, right in spec:
        extra = {}
        if kind == "quiz_submitted":
            lesson_index = 2
            extra = {"quiz": QUIZ_ID, "answers": RIGHT if right else {}}
        events.append(_event(lessons[lesson_index], kind, minutes, position, **extra))
    once, thrice, shuffled = (UserFactory() for _ in range(3))
    record_events(once, events)
    rekeyed = _rekey(events, "3")
    for _ in range(3):
        record_events(thrice, rekeyed)
    mixed = _rekey(events, "s")
    seed.shuffle(mixed)
    half = len(mixed) // 2
    record_events(shuffled, mixed[half:])
    record_events(shuffled, mixed[:half])
    record_events(shuffled, mixed)
    expected = derive_state(once, course_page).as_dict()
    assert derive_state(thrice, course_page).as_dict() == expected
    assert derive_state(shuffled, course_page).as_dict() == expected


def _rekey(events, tag):
    """The same events under fresh UUIDs (UUIDs are globally unique across learners)."""
    return [dict(e, uuid=str(uuid.uuid5(uuid.NAMESPACE_URL, e["uuid"] + tag))) for e in events]


@given(
    st.lists(
        st.tuples(
            st.integers(1, 3),
            st.sampled_from(["lesson_opened", "position", "lesson_completed"]),
            st.integers(0, 50),
            st.one_of(st.none(), st.integers(0, 100)),
        ),
        max_size=30,
    ),
    st.randoms(use_true_random=False),
)
def test_the_pure_fold_is_order_and_replay_independent(spec, rnd):
    events = [
        {"uuid": f"u{i}", "lesson": lesson, "kind": kind, "timestamp": ts, "position": pos}
        for i, (lesson, kind, ts, pos) in enumerate(spec)
    ]
    expected = fold_events(events)
    shuffled = events * 3
    rnd.shuffle(shuffled)
    assert fold_events(shuffled) == expected
    random.Random(0).shuffle(events)
    assert fold_events(events) == expected
