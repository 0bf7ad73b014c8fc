"""Record which translated pages are not yet (mostly) translated (``content.translations``).

Publishing keeps the record up to date; run this once on a database whose translations were
made with wagtail-localize before the rule existed (or before segments copied unchanged from
the source stopped counting as translated), or after changing ``TRANSLATION_DONE_SHARE``:

    python manage.py refresh_translation_progress
"""

from django.core.management.base import BaseCommand
from wagtail.models import Page

from content.locales import DEFAULT_LANGUAGE
from content.translations import refresh


class Command(BaseCommand):
    help = "Mark live translated pages whose text is not yet translated enough (readers get the fallback)."

    def handle(self, *args, **options):
        from content.models import UnfinishedTranslation

        pages = Page.objects.live().exclude(locale__language_code=DEFAULT_LANGUAGE).exclude(depth=1)
        for page in pages.iterator():
            refresh(page)
        count = UnfinishedTranslation.objects.count()
        self.stdout.write(f"{count} translated page(s) not yet translated enough; readers get the fallback.")
