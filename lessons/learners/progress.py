"""The rules of learning, in plain Python: the website and the API both call these.

Rules (documented in ARCHITECTURE-style prose here because they are the contract):

* Progress is an append-only log of events, de-duplicated on the client's UUID.
  A replayed event is a no-op. State is *derived*: a lesson is completed once
  any ``lesson_completed`` event exists for it, its position is the furthest
  reported (100 when completed), and "continue" points at the lesson of the
  latest client timestamp. These are max/or folds, so replaying or reordering
  the same events always gives the same state.
* Quiz scores are computed here from the answers; any score a client sends is
  ignored. A quiz counts as passed once any attempt reached its pass mark (the
  quiz block's own, else the course's).
* A course is completed when **every** public lesson has a ``lesson_completed``
  event **and every** quiz in it has a passed attempt. Skipping a lesson or
  passing the quizzes alone therefore never completes a course.
* Progress is recorded against the Vietnamese (source) pages, so switching
  language keeps it.
"""

from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.db.models import Count, Max, Q
from django.utils import timezone

from content.public import is_public, public_pages

from ..blocks import correct_options, iter_questions
from ..pages import CoursePage, LessonPage, canonical
from .records import Certificate, Enrollment, ProgressEvent, QuizAttempt

KINDS = {choice for choice, _label in ProgressEvent.Kind.choices}
MAX_EVENTS_PER_BATCH = 500


class LearningError(ValueError):
    """A request the rules refuse; ``code`` is stable for the API."""

    def __init__(self, code, message=""):
        super().__init__(message or code)
        self.code = code


# ---------------------------------------------------------------------------
# Enrolment
# ---------------------------------------------------------------------------


def completed_course_ids(learner):
    return set(
        Enrollment.objects.filter(learner=learner, completed_at__isnull=False).values_list("course_id", flat=True)
    )


def enroll(learner, course):
    """Enrol ``learner`` in ``course`` (idempotent). Refuses drafts and missing prerequisites."""
    course = canonical(course)
    if not is_public(course):
        raise LearningError("course_not_found")
    existing = Enrollment.objects.filter(learner=learner, course=course).first()
    if existing:
        return existing
    required = set(course.prerequisites.values_list("pk", flat=True))
    if required - completed_course_ids(learner):
        raise LearningError("prerequisites_missing")
    try:
        with transaction.atomic():
            return Enrollment.objects.create(learner=learner, course=course)
    except IntegrityError:  # a concurrent request enrolled first
        return Enrollment.objects.get(learner=learner, course=course)


# ---------------------------------------------------------------------------
# Derived state
# ---------------------------------------------------------------------------


@dataclass
class LessonState:
    lesson_id: int
    opened: bool = False
    position: int = 0
    completed: bool = False


@dataclass
class CourseState:
    course_id: int
    lessons: dict = field(default_factory=dict)  # lesson id → LessonState
    quizzes: list = field(default_factory=list)  # [(lesson id, quiz id)]
    passed_quizzes: set = field(default_factory=set)
    best_scores: dict = field(default_factory=dict)  # (lesson id, quiz id) → score
    last_lesson_id: int | None = None

    @property
    def steps(self):
        return len(self.lessons) + len(self.quizzes)

    @property
    def done_steps(self):
        done = sum(1 for s in self.lessons.values() if s.completed)
        return done + len(self.passed_quizzes & set(self.quizzes))

    @property
    def percent(self):
        return round(100 * self.done_steps / self.steps) if self.steps else 0

    @property
    def completed(self):
        return bool(self.lessons) and self.done_steps == self.steps

    @property
    def resume_lesson_id(self):
        """Where to continue: the last lesson touched, or the first not yet completed."""
        last = self.lessons.get(self.last_lesson_id)
        if last and not last.completed:
            return last.lesson_id
        for state in self.lessons.values():
            if not state.completed:
                return state.lesson_id
        return self.last_lesson_id

    def as_dict(self):
        return {
            "course": self.course_id,
            "percent": self.percent,
            "completed": self.completed,
            "last_lesson": self.last_lesson_id,
            "resume_lesson": self.resume_lesson_id,
            "lessons": [
                {"lesson": s.lesson_id, "opened": s.opened, "position": s.position, "completed": s.completed}
                for s in self.lessons.values()
            ],
            "quizzes": [
                {
                    "lesson": lesson_id,
                    "quiz": quiz_id,
                    "passed": (lesson_id, quiz_id) in self.passed_quizzes,
                    "best_score": self.best_scores.get((lesson_id, quiz_id)),
                }
                for lesson_id, quiz_id in self.quizzes
            ],
        }


def fold_events(events):
    """Pure fold of event dicts (``lesson``, ``kind``, ``position``, ``timestamp``, ``uuid``)
    into ``{lesson: LessonState}`` plus the last lesson. Order-independent by design."""
    lessons, last_key, seen = {}, None, set()
    for event in events:
        if event["uuid"] in seen:
            continue
        seen.add(event["uuid"])
        state = lessons.setdefault(event["lesson"], LessonState(event["lesson"]))
        state.opened = True
        state.position = max(state.position, event.get("position") or 0)
        if event["kind"] == "lesson_completed":
            state.completed = True
            state.position = 100
        key = (event["timestamp"], event["lesson"])
        last_key = key if last_key is None or key > last_key else last_key
    return lessons, (last_key[1] if last_key else None)


def _course_structure(course_ids):
    """``{course id: [(lesson id, [quiz ids])]}`` in tree order; two queries."""
    structure = {cid: [] for cid in course_ids}
    courses = list(CoursePage.objects.filter(pk__in=course_ids).only("path", "depth"))
    if not courses:
        return structure
    by_path = {c.path: c.pk for c in courses}
    q = Q()
    for path in by_path:
        q |= Q(path__startswith=path)
    lessons = public_pages(LessonPage.objects.filter(q, depth__in={c.depth + 1 for c in courses}))
    for lesson in lessons.order_by("path"):
        course_id = by_path.get(lesson.path[: -LessonPage.steplen])
        if course_id is not None:
            quiz_ids = [block.id for block in lesson.body if block.block_type == "quiz"]
            structure[course_id].append((lesson.pk, quiz_ids))
    return structure


def derive_states(learner, courses):
    """``{course id: CourseState}`` for canonical ``courses``; a constant number of queries."""
    course_ids = [c.pk if hasattr(c, "pk") else c for c in courses]
    structure = _course_structure(course_ids)
    states = {}
    for cid, lessons in structure.items():
        state = CourseState(cid)
        for lesson_id, quiz_ids in lessons:
            state.lessons[lesson_id] = LessonState(lesson_id)
            state.quizzes.extend((lesson_id, q) for q in quiz_ids)
        states[cid] = state
    if not course_ids or learner is None or not learner.is_authenticated:
        return states
    rows = (
        ProgressEvent.objects.filter(learner=learner, course_id__in=course_ids)
        .values("course_id", "lesson_id")
        .annotate(
            max_position=Max("position"),
            last=Max("client_timestamp"),
            completions=Count("id", filter=Q(kind=ProgressEvent.Kind.LESSON_COMPLETED)),
        )
    )
    last = {}
    for row in rows:
        state = states[row["course_id"]]
        lesson = state.lessons.get(row["lesson_id"])
        if lesson is None:  # a lesson since unpublished: its events no longer count
            continue
        lesson.opened = True
        lesson.completed = row["completions"] > 0
        lesson.position = 100 if lesson.completed else min(row["max_position"] or 0, 100)
        key = (row["last"], row["lesson_id"])
        if row["course_id"] not in last or key > last[row["course_id"]]:
            last[row["course_id"]] = key
    for cid, key in last.items():
        states[cid].last_lesson_id = key[1]
    attempts = (
        QuizAttempt.objects.filter(learner=learner, course_id__in=course_ids)
        .values("course_id", "lesson_id", "quiz_id")
        .annotate(best=Max("score"), passes=Count("id", filter=Q(passed=True)))
    )
    for row in attempts:
        state = states[row["course_id"]]
        key = (row["lesson_id"], row["quiz_id"])
        state.best_scores[key] = row["best"]
        if row["passes"]:
            state.passed_quizzes.add(key)
    return states


def derive_state(learner, course):
    course = canonical(course)
    return derive_states(learner, [course])[course.pk]


# ---------------------------------------------------------------------------
# Quizzes
# ---------------------------------------------------------------------------


def find_quiz(lesson, quiz_id):
    for block in lesson.body:
        if block.block_type == "quiz" and block.id == quiz_id:
            return block.value
    raise LearningError("quiz_not_found")


def _selected(value):
    """Normalize one question's answer to a set of option indexes; junk gives an empty set."""
    if isinstance(value, (int, str)):
        value = [value]
    if not isinstance(value, (list, tuple)):
        return set()
    chosen = set()
    for item in value[:20]:
        try:
            chosen.add(int(item))
        except (TypeError, ValueError):
            continue
    return chosen


def score_answers(quiz, answers):
    """``(results, score)``: question id → right/wrong, and the percentage right."""
    answers = answers if isinstance(answers, dict) else {}
    results = {}
    for qid, question in iter_questions(quiz):
        results[qid] = _selected(answers.get(qid)) == correct_options(question)
    total = len(results)
    score = round(100 * sum(results.values()) / total) if total else 0
    return results, score


def grade_quiz(learner, lesson, quiz_id, answers, event=None):
    """Grade ``answers`` ({question id: [option index, …]}) for the quiz block ``quiz_id``."""
    lesson = canonical(lesson if isinstance(lesson, LessonPage) else lesson.specific)
    if not is_public(lesson):
        raise LearningError("lesson_not_found")
    course = canonical(lesson.get_parent().specific)
    quiz = find_quiz(lesson, quiz_id)
    enroll(learner, course)
    results, score = score_answers(quiz, answers)
    pass_mark = quiz["pass_mark"] if quiz["pass_mark"] is not None else course.pass_mark
    clean = {qid: sorted(_selected(answers.get(qid))) for qid in results} if isinstance(answers, dict) else {}
    attempt = QuizAttempt(
        learner=learner,
        course=course,
        lesson=lesson,
        quiz_id=quiz_id,
        event=event,
        answers=clean,
        results=results,
        score=score,
        passed=score >= pass_mark,
    )
    try:
        with transaction.atomic():
            attempt.save()
    except IntegrityError:  # the same event graded concurrently
        return QuizAttempt.objects.get(event=event)
    maybe_issue_certificate(learner, course)
    return attempt


def attempt_feedback(attempt, lesson):
    """Per question: prompt, right or wrong, the learner's choice, the right answer, feedback.
    Only ever shown after submitting."""
    quiz = find_quiz(lesson, attempt.quiz_id)
    feedback = []
    for qid, question in iter_questions(quiz):
        right = attempt.results.get(qid, False)
        feedback.append(
            {
                "id": qid,
                "prompt": question["prompt"],
                "right": right,
                "chosen": [
                    question["options"][i]["text"]
                    for i in attempt.answers.get(qid, [])
                    if 0 <= i < len(question["options"])
                ],
                "correct": [question["options"][i]["text"] for i in sorted(correct_options(question))],
                "feedback": question["feedback_correct"] if right else question["feedback_wrong"],
            }
        )
    return feedback


# ---------------------------------------------------------------------------
# Completion and certificates
# ---------------------------------------------------------------------------


def _learner_name(learner):
    profile = getattr(learner, "learner_profile", None)
    return profile.display_name if profile and profile.display_name else learner.get_username()


def complete_if_done(learner, course, state):
    if not state.completed:
        return None
    Enrollment.objects.filter(learner=learner, course=course, completed_at__isnull=True).update(
        completed_at=timezone.now()
    )
    if not course.issues_certificate:
        return None
    certificate = Certificate.objects.filter(learner=learner, course=course).first()
    if certificate:
        return certificate
    for _attempt in range(5):  # a code collision is astronomically rare; retry anyway
        try:
            with transaction.atomic():
                return Certificate.objects.create(
                    learner=learner,
                    course=course,
                    learner_name=_learner_name(learner)[:100],
                    course_title=course.title[:255],
                )
        except IntegrityError:
            existing = Certificate.objects.filter(learner=learner, course=course).first()
            if existing:
                return existing
    raise LearningError("certificate_failed")


def maybe_issue_certificate(learner, course):
    """Mark the enrolment completed and issue the certificate when the rules are met."""
    course = canonical(course)
    return complete_if_done(learner, course, derive_state(learner, course))
