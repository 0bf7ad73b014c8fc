"""Generated learners and their progress events (``bench/corpus.py`` calls these):
bulk inserts, additive, each batch of events drawn from its own seeded random."""

import random
import uuid
from datetime import timedelta

from django.apps import apps
from django.contrib.auth.hashers import make_password
from django.utils import timezone
from wagtail.models import Page

from .progress import Progress


def add_learners(count, out):
    User = apps.get_model("auth", "User")
    password = make_password("bench-password-42")
    start = bench_learners()
    progress = Progress(out, "Learners", count)
    batch = 2000
    for offset in range(0, count, batch):
        size = min(batch, count - offset)
        User.objects.bulk_create(
            [User(username=f"bench-learner-{start + offset + i}", password=password) for i in range(size)],
            batch_size=batch,
        )
        progress.update(offset + size)
    return list(
        User.objects.filter(username__startswith="bench-learner-").order_by("pk").values_list("pk", flat=True)
    )


def bench_courses():
    """Every generated course with its lessons' ids: ``[(course_id, [lesson_id, ...])]``."""
    courses = {
        path: (pk, [])
        for path, pk in Page.objects.filter(slug__startswith="bench-course-").values_list("path", "pk")
    }
    if not courses:
        return []
    depth = len(next(iter(courses))) // Page.steplen
    lessons = Page.objects.filter(depth=depth + 1, url_path__contains="/bench-course-").order_by("path")
    for path, pk in lessons.values_list("path", "pk"):
        if path[: depth * Page.steplen] in courses:
            courses[path[: depth * Page.steplen]][1].append(pk)
    return [courses[path] for path in sorted(courses)]


def add_events(count, learners, out, seed):
    """``count`` more progress events (additive: numbered on from the events of the
    generated learners), each batch drawn from its own seeded random."""
    try:
        ProgressEvent = apps.get_model("lessons", "ProgressEvent")
    except LookupError:
        return 0
    courses = [c for c in bench_courses() if c[1]]
    if not courses or not learners or count <= 0:
        return 0
    start = ProgressEvent.objects.filter(learner__username__startswith="bench-learner-").count()
    kinds = ["lesson_opened", "position", "position", "lesson_completed"]
    now = timezone.now()
    progress = Progress(out, "Progress events", count)
    batch = 10_000
    for offset in range(0, count, batch):
        rng = random.Random(f"{seed}:events:{start + offset}")
        rows = []
        for _ in range(min(batch, count - offset)):
            course_id, lesson_ids = rng.choice(courses)
            kind = rng.choice(kinds)
            rows.append(
                ProgressEvent(
                    uuid=uuid.UUID(int=rng.getrandbits(128), version=4),
                    learner_id=rng.choice(learners),
                    course_id=course_id,
                    lesson_id=rng.choice(lesson_ids),
                    kind=kind,
                    position=rng.randint(0, 100) if kind == "position" else None,
                    client_timestamp=now - timedelta(minutes=rng.randint(0, 500_000)),
                )
            )
        ProgressEvent.objects.bulk_create(rows, batch_size=batch)
        progress.update(offset + len(rows))
    return count


def bench_events():
    try:
        ProgressEvent = apps.get_model("lessons", "ProgressEvent")
    except LookupError:
        return 0
    return ProgressEvent.objects.filter(learner__username__startswith="bench-learner-").count()


def bench_learners():
    return apps.get_model("auth", "User").objects.filter(username__startswith="bench-learner-").count()
