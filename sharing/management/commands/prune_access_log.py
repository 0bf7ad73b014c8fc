"""``manage.py prune_access_log``: deletes access-log entries older than ACCESS_LOG_RETENTION_DAYS."""

from django.core.management.base import BaseCommand

from sharing.tasks import prune_access_log


class Command(BaseCommand):
    help = "Delete access-log entries older than ACCESS_LOG_RETENTION_DAYS (cron: daily)."

    def handle(self, **options):
        self.stdout.write(f"deleted {prune_access_log()} entries")
