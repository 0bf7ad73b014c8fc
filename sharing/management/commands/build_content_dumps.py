"""``manage.py build_content_dumps``: writes /data/content-<locale>.jsonl.gz for every locale."""

from django.core.management.base import BaseCommand

from sharing import dumps


class Command(BaseCommand):
    help = "Build the full content dump of every locale."

    def handle(self, **options):
        for locale in dumps.locales():
            path, cursor, count = dumps.build_dump(locale)
            self.stdout.write(f"{locale}: {count} pages, sync_cursor={cursor} → {path}")
