"""``manage.py import_indicator_values FILE [--dry-run] [--approve] [--user NAME]``.

Validates the whole file first; with one error nothing is stored, and every error is printed
with its row and column (exit status 1). See ``stats.importer`` for the columns."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from content.planner import refresh_statistics
from stats.importer import import_file

BULK = 10_000  # values created: past this, the planner's statistics are refreshed


class Command(BaseCommand):
    help = "Import indicator values from a CSV or XLSX file (all or nothing)."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--dry-run", action="store_true", help="Validate only; store nothing.")
        parser.add_argument("--approve", action="store_true", help="Store the values as approved.")
        parser.add_argument("--user", help="Username recorded as who entered (and approved) the values.")

    def handle(self, *args, file, dry_run, approve, user, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"no such file: {file}")
        account = get_user_model().objects.get(username=user) if user else None

        def progress(done, total):
            self.stdout.write(f"… {done}/{total}")

        result = import_file(
            path.read_bytes(), path.name, user=account, dry_run=dry_run, approve=approve, progress=progress
        )
        for error in result.errors:
            self.stderr.write(f"row {error['row']}, column {error['column']}: {error['message']}")
        if result.errors:
            raise CommandError(f"{len(result.errors)} error(s); nothing stored")
        if dry_run:
            self.stdout.write(f"{result.rows} rows valid (dry run: nothing stored)")
        else:
            counts = f"{result.created} created, {result.updated} updated, {result.unchanged} unchanged"
            self.stdout.write(f"{result.rows} rows: {counts}")
            if result.created >= BULK:
                refresh_statistics()  # a large import: the planner sees the new rows (content.planner)
