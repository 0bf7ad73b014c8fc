"""Build the demo site from the data files inside the project. Idempotent."""

import importlib

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand

from content.demo_loader import DemoLoader

PROJECT_APPS = ("content", "heritage", "lessons", "search")


def demo_modules():
    """Each project app's ``demo`` package that defines ``load(loader)``, in ORDER.

    A demo package may list ``SUBMODULES`` that have their own ``load`` and ``ORDER``.
    """
    modules = []
    for config in apps.get_app_configs():
        if config.name not in PROJECT_APPS:
            continue
        try:
            module = importlib.import_module(f"{config.name}.demo")
        except ModuleNotFoundError as exc:
            if exc.name and exc.name.startswith(f"{config.name}.demo"):
                continue
            raise
        if hasattr(module, "load"):
            modules.append(module)
        # submodules of a demo package with their own load() (e.g. content.demo.community)
        for sub in getattr(module, "SUBMODULES", ()):
            modules.append(importlib.import_module(f"{config.name}.demo.{sub}"))
    return sorted(modules, key=lambda m: getattr(m, "ORDER", 50))


class Command(BaseCommand):
    help = "Load (or bring up to date) the demo content; running it twice changes nothing."

    def handle(self, *args, **options):
        loader = DemoLoader(self.stdout)
        # Images and renditions are written to MEDIA_ROOT (or S3 when configured).
        for module in demo_modules():
            self.stdout.write(self.style.MIGRATE_HEADING(f"{module.__name__}"))
            module.load(loader)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo content ready: {loader.created} created, {loader.updated} updated "
                f"(database {settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]})."
            )
        )
