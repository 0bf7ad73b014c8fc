"""Background work of the community app: closed job postings leave the sync feed.

A posting closes at its deadline without anyone publishing anything, so no page
signal tells the sync log. ``close_expired_jobs`` writes a tombstone for every
live posting past its deadline (once), then schedules itself for the next local
midnight on a queue that can defer (the database queue run by ``db_worker``).
Cron can run the same with ``manage.py close_expired_jobs``. Reading the sync
feed never writes.
"""

import datetime

from django.db.models import Max
from django.utils import timezone
from django_tasks import task

from content.cache import bump
from content.models import SyncEvent

from .models.jobs import JobPostingPage


def emit_closed_job_tombstones(on=None):
    """Write a sync tombstone for each live posting that closed and has none yet.

    Idempotent; returns how many tombstones were written."""
    label = JobPostingPage._meta.label_lower
    closed = {job.pk: job for job in JobPostingPage.objects.live().closed(on).select_related("locale")}
    if not closed:
        return 0
    last_ids = SyncEvent.objects.filter(page_id__in=list(closed)).values("page_id").annotate(last=Max("id"))
    last_actions = dict(
        SyncEvent.objects.filter(id__in=[row["last"] for row in last_ids]).values_list("page_id", "action")
    )
    tombstones = [
        SyncEvent(page_id=pk, content_type=label, locale=job.locale.language_code, action=SyncEvent.Action.DELETE)
        for pk, job in closed.items()
        if last_actions.get(pk) != SyncEvent.Action.DELETE
    ]
    SyncEvent.objects.bulk_create(tombstones)
    if tombstones:
        bump()  # lists, the sync feed and search no longer show them: nothing kept may either
    return len(tombstones)


def next_midnight(now=None):
    """The next local midnight (settings.TIME_ZONE), a minute past, as an aware datetime."""
    now = timezone.localtime(now or timezone.now())
    tomorrow = now.date() + datetime.timedelta(days=1)
    return timezone.make_aware(datetime.datetime.combine(tomorrow, datetime.time(0, 1)))


@task()
def close_expired_jobs():
    """Tombstones for postings past their deadline; then the next run is scheduled."""
    written = emit_closed_job_tombstones()
    schedule_close_expired_jobs()
    return written


def _already_scheduled():
    from django.apps import apps

    if not apps.is_installed("django_tasks_db"):
        return False
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(
        task_path=close_expired_jobs.module_path, status=TaskResultStatus.READY, run_after__gt=timezone.now()
    ).exists()


def schedule_close_expired_jobs():
    """Queue the next run for local midnight, unless the queue cannot defer work
    (the in-process backend) or a run is already waiting. Returns the time, or None."""
    if not close_expired_jobs.get_backend().supports_defer or _already_scheduled():
        return None
    when = next_midnight()
    close_expired_jobs.using(run_after=when).enqueue()
    return when


def ensure_scheduled(sender=None, **kwargs):
    """post_migrate: every installation has its nightly run queued."""
    from django.db import DatabaseError

    try:
        schedule_close_expired_jobs()
    except DatabaseError:  # the queue's table is not migrated yet (first run of migrate)
        pass
