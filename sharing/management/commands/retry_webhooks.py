"""``manage.py retry_webhooks``: attempts the webhook deliveries whose retry time has come
(for queues that cannot defer work; the database queue schedules retries itself)."""

from django.core.management.base import BaseCommand

from sharing.tasks import retry_due


class Command(BaseCommand):
    help = "Attempt pending webhook deliveries that are due (cron: every minute)."

    def handle(self, **options):
        self.stdout.write(f"attempted {retry_due()} deliveries")
