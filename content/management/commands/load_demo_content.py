"""Build the demo site from the data files inside the project. Idempotent."""

import importlib

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from content.demo_loader import DemoLoader
from content.planner import refresh_statistics
from content.project import project_apps


def demo_modules():
    """Each project app's ``demo`` module, in the apps' declared ``demo_order``."""
    configs = [config for config in project_apps() if config.demo_order is not None]
    configs.sort(key=lambda config: config.demo_order)
    return [importlib.import_module(f"{config.name}.demo") for config in configs]


class Command(BaseCommand):
    help = "Load (or bring up to date) the demo content; running it twice changes nothing."

    def handle(self, *args, **options):
        loader = DemoLoader(self.stdout)
        # Images and renditions are written to MEDIA_ROOT (or S3 when configured).
        for module in demo_modules():
            self.stdout.write(self.style.MIGRATE_HEADING(f"{module.__name__}"))
            module.load(loader)
        # Pages published now were narrated by their publish task; kept pages are here.
        call_command("generate_narration", stdout=self.stdout)
        refresh_statistics()  # the planner sees the tables as loaded (content.planner)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo content ready: {loader.created} created, {loader.updated} updated, "
                f"{loader.kept} kept as editors left them "
                f"(database {settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]})."
            )
        )
        for page in loader.kept_pages:
            self.stdout.write(
                f'Skipped page {page.pk} ({page.locale.language_code}) "{page.title}": '
                "a person edited it, so it is left as they left it."
            )
