"""Write the sync tombstones of job postings past their deadline (for cron), and
queue the nightly run if the task queue can defer work."""

from django.core.management.base import BaseCommand

from community.tasks import emit_closed_job_tombstones, schedule_close_expired_jobs


class Command(BaseCommand):
    help = "Tombstones in the sync feed for job postings past their deadline; idempotent."

    def handle(self, *args, **options):
        written = emit_closed_job_tombstones()
        when = schedule_close_expired_jobs()
        self.stdout.write(f"{written} closed posting(s) left the sync feed.")
        if when:
            self.stdout.write(f"Next run queued for {when.isoformat()}.")
