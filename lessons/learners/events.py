"""The progress log: store client events (de-duplicated on UUID) and grade quiz
submissions found among them. The rules themselves are in ``lessons.learners.progress``."""

import datetime
import json
import uuid as uuid_lib

from django.utils import timezone
from django.utils.dateparse import parse_datetime

from content.public import is_public, public_pages

from ..pages import CoursePage, LessonPage, canonical
from .progress import (
    KINDS,
    MAX_EVENTS_PER_BATCH,
    LearningError,
    complete_if_done,
    derive_states,
    enroll,
    grade_quiz,
)
from .records import ProgressEvent

MAX_ANSWERS = 100  # answers in one quiz submission
MAX_ANSWERS_BYTES = 8192  # their JSON
MAX_PAGE_ID = 2**31 - 1  # page ids are 32-bit: a larger int overflows the database driver


def _parse_event(raw, lessons_by_id):
    if not isinstance(raw, dict):
        raise LearningError("invalid_event")
    try:
        event_uuid = uuid_lib.UUID(str(raw.get("uuid")))
    except ValueError:
        raise LearningError("invalid_uuid") from None
    kind = raw.get("kind")
    if kind not in KINDS:
        raise LearningError("invalid_kind")
    lesson = lessons_by_id.get(raw.get("lesson")) if isinstance(raw.get("lesson"), int) else None
    if lesson is None:
        raise LearningError("lesson_not_found")
    timestamp = raw.get("timestamp")
    try:
        if isinstance(timestamp, datetime.datetime):
            moment = timestamp
        else:
            moment = parse_datetime(str(timestamp)) if timestamp else None
        if moment is not None and timezone.is_naive(moment):
            moment = timezone.make_aware(moment, datetime.UTC)
        if moment is not None:
            moment.astimezone(datetime.UTC)  # it is stored in UTC: must fit in years 1–9999
    except (ValueError, OverflowError):  # 2024-02-30; 0001-01-01T00:00:00+05:00
        moment = None
    if moment is None:
        raise LearningError("invalid_timestamp")
    position = raw.get("position")
    if position is not None:
        if isinstance(position, bool) or not isinstance(position, (int, float)):
            raise LearningError("invalid_position")
        position = max(0, min(100, int(position)))
    payload = {}
    if kind == ProgressEvent.Kind.QUIZ_SUBMITTED:
        if not isinstance(raw.get("quiz"), str) or not isinstance(raw.get("answers"), dict):
            raise LearningError("invalid_quiz")
        if len(raw["answers"]) > MAX_ANSWERS or len(json.dumps(raw["answers"])) > MAX_ANSWERS_BYTES:
            raise LearningError("invalid_quiz")  # a quiz has a few questions: not a storage space
        payload = {"quiz": raw["quiz"][:64], "answers": raw["answers"]}
    if not _storable(payload):
        raise LearningError("invalid_text")
    return event_uuid, kind, lesson, moment, position, payload


def _storable(value):
    """Whether every string in ``value`` can be stored as UTF-8 text on every database.

    A lone surrogate (JSON ``"\\ud800"``) or a NUL is accepted by SQLite but refused by
    PostgreSQL at the insert, which failed the whole batch on every retry of a phone's
    queue: such an event is rejected alone, before anything is written."""
    if isinstance(value, str):
        if "\x00" in value:
            return False
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return False
        return True
    if isinstance(value, dict):
        return all(_storable(k) and _storable(v) for k, v in value.items())
    if isinstance(value, list):
        return all(_storable(v) for v in value)
    return True


def _lessons_for(ids):
    """Public lessons by id, mapped to their canonical page (with its course)."""
    found = {}
    for lesson in public_pages(LessonPage.objects.filter(pk__in=ids)).select_related("locale"):
        found[lesson.pk] = canonical(lesson)
    parents = {}
    for lesson in set(found.values()):
        parent = lesson.get_parent().specific
        if isinstance(parent, CoursePage) and is_public(parent):
            parents[lesson.pk] = canonical(parent)
    return {pk: lesson for pk, lesson in found.items() if lesson.pk in parents}, parents


def record_events(learner, events):
    """Store a batch of client events; return what happened to each and the new states.

    ``events``: dicts with ``uuid``, ``kind``, ``lesson`` (page id), ``timestamp``
    (ISO 8601), optional ``position`` (0–100), and for ``quiz_submitted`` ``quiz``
    (block id) and ``answers``. Unknown lessons or bad fields reject that event only.
    """
    if not isinstance(events, list):
        raise LearningError("invalid_batch")
    if len(events) > MAX_EVENTS_PER_BATCH:
        raise LearningError("batch_too_large")
    ids = {
        e.get("lesson")
        for e in events
        if isinstance(e, dict) and isinstance(e.get("lesson"), int) and 0 < e["lesson"] <= MAX_PAGE_ID
    }
    lessons_by_id, course_of = _lessons_for(ids)
    parsed, rejected = {}, []
    for raw in events:
        try:
            item = _parse_event(raw, lessons_by_id)
        except LearningError as exc:
            rejected.append({"uuid": str(raw.get("uuid")) if isinstance(raw, dict) else None, "error": exc.code})
            continue
        parsed.setdefault(item[0], item)
    # A UUID is the event's identity everywhere: one already stored for another learner
    # is refused (it must neither enrol this learner nor be acknowledged as theirs).
    owners = dict(ProgressEvent.objects.filter(uuid__in=list(parsed)).values_list("uuid", "learner_id"))
    for event_uuid in [u for u in parsed if owners.get(u, learner.pk) != learner.pk]:
        rejected.append({"uuid": str(event_uuid), "error": "uuid_in_use"})
        del parsed[event_uuid]
    courses = {}
    for event_uuid, _kind, lesson, *_rest in list(parsed.values()):
        course = course_of[lesson.pk]
        try:
            enroll(learner, course)
            courses[course.pk] = course
        except LearningError as exc:
            rejected.append({"uuid": str(event_uuid), "error": exc.code})
            del parsed[event_uuid]
    existing = set(owners)
    new = [
        ProgressEvent(
            uuid=event_uuid,
            learner=learner,
            course=course_of[lesson.pk],
            lesson=lesson,
            kind=kind,
            client_timestamp=moment,
            position=position,
            payload=payload,
        )
        for event_uuid, kind, lesson, moment, position, payload in parsed.values()
        if event_uuid not in existing
    ]
    ProgressEvent.objects.bulk_create(new, ignore_conflicts=True)
    # Every event of the batch that this learner owns, replays included: a request
    # that died after storing a quiz submission but before grading it is retried
    # with the same UUIDs, and the retry must grade it (once) rather than skip it.
    new_uuids = {e.uuid for e in new}
    stored = {
        e.uuid: e
        for e in ProgressEvent.objects.filter(uuid__in=list(parsed), learner=learner).select_related(
            "attempt", "lesson"
        )
    }
    accepted = {u for u in stored if u in new_uuids}
    attempts = []
    for event in stored.values():
        if event.kind != ProgressEvent.Kind.QUIZ_SUBMITTED:
            continue
        if hasattr(event, "attempt"):
            continue
        try:
            attempt = grade_quiz(
                learner, event.lesson, event.payload["quiz"], event.payload["answers"], event=event
            )
            attempts.append(
                {"uuid": str(event.uuid), "attempt": attempt.pk, "score": attempt.score, "passed": attempt.passed}
            )
        except LearningError as exc:
            rejected.append({"uuid": str(event.uuid), "error": exc.code})
    states = derive_states(learner, list(courses.values()))
    for course in courses.values():
        complete_if_done(learner, course, states[course.pk])
    return {
        "accepted": [str(u) for u in parsed if u in accepted],
        "duplicates": [str(u) for u in parsed if u not in accepted],
        "rejected": rejected,
        "attempts": attempts,
        "states": {cid: state.as_dict() for cid, state in states.items()},
    }


def record_opened(learner, course, lesson):
    """Cheap path for the website: log ``lesson_opened`` for an already-enrolled learner
    on canonical ``course``/``lesson`` pages (one query; no state to recompute)."""
    ProgressEvent.objects.bulk_create(
        [
            ProgressEvent(
                uuid=uuid_lib.uuid4(),
                learner=learner,
                course=course,
                lesson=lesson,
                kind=ProgressEvent.Kind.LESSON_OPENED,
                client_timestamp=timezone.now(),
            )
        ],
        ignore_conflicts=True,
    )


def record_site_event(learner, lesson, kind, position=None, event_uuid=None):
    """An event generated by the website (the form carries its UUID, so a double submit
    is a no-op)."""
    return record_events(
        learner,
        [
            {
                "uuid": str(event_uuid or uuid_lib.uuid4()),
                "kind": kind,
                "lesson": lesson.pk,
                "timestamp": timezone.now().isoformat(),
                "position": position,
            }
        ],
    )
