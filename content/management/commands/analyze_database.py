"""``python manage.py analyze_database``: refresh the query planner's statistics
(``content.planner``) after a bulk import, so that queries keep their good plans as
the site grows."""

from django.core.management.base import BaseCommand
from django.db import DEFAULT_DB_ALIAS, connections

from content.planner import refresh_statistics


class Command(BaseCommand):
    help = "Refresh the query planner's statistics (ANALYZE) after a bulk import."

    def add_arguments(self, parser):
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args, **options):
        using = options["database"]
        seconds = refresh_statistics(using)
        vendor = connections[using].vendor
        self.stdout.write(self.style.SUCCESS(f"ANALYZE ({vendor}): {seconds:.1f} s."))
