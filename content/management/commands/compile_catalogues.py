"""Compile gettext catalogues (.po → .mo) with polib, so no GNU gettext is needed."""

from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand

from content.project import project_apps


class Command(BaseCommand):
    help = "Compile the project's and its apps' locale/*/LC_MESSAGES/*.po into .mo files."
    # The start-up check nharong.E001 asks for compiled catalogues: this command makes them,
    # so it must run before they exist (a fresh clone).
    requires_system_checks = []

    def handle(self, *args, **options):
        count = 0
        bases = list(settings.LOCALE_PATHS) + [Path(config.path) / "locale" for config in project_apps()]
        for base in bases:
            for po_path in sorted(Path(base).glob("*/LC_MESSAGES/*.po")):
                mo_path = po_path.with_suffix(".mo")
                if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
                    continue
                polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
                count += 1
        self.stdout.write(f"Compiled {count} catalogue(s).")
