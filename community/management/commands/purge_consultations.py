"""Delete consultation requests past CONSULTATION_RETENTION_DAYS.

Expired requests are already hidden at query time; this removes them from
the database (run daily from cron or a scheduler, but correctness does not
depend on it).
"""

from django.core.management.base import BaseCommand

from community.models.consultation import ConsultationRequest, retention_days


class Command(BaseCommand):
    help = "Delete consultation requests older than the retention period."

    def handle(self, *args, **options):
        deleted, _detail = ConsultationRequest.all_objects.expired().delete()
        self.stdout.write(f"Deleted {deleted} consultation request(s) older than {retention_days()} days.")
