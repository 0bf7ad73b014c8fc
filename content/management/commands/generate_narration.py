"""Generate (or bring up to date) the machine-voice narration of every public page of a
narrated type, here and now rather than in the worker; prints the time per page.

    python manage.py generate_narration            # only pages whose text changed
    python manage.py generate_narration --force    # every page again (benchmark)

``load_demo_content`` ends with it, so the demo has narration even for pages it kept.
"""

import time

from django.core.management.base import BaseCommand
from wagtail.models import Page

from content.narration import PageAudio
from content.public import public_pages
from content.speech import store
from content.speech.base import get_synthesizer


def narrated_pages():
    types = [page_type for page_type in _page_models() if getattr(page_type, "narration_fields", ())]
    from django.contrib.contenttypes.models import ContentType

    content_types = ContentType.objects.get_for_models(*types).values() if types else []
    return public_pages(Page.objects.filter(content_type__in=list(content_types))).order_by("path")


def _page_models():
    from wagtail.models import get_page_models

    return get_page_models()


class Command(BaseCommand):
    help = "Generate the machine-voice narration of public pages whose text changed."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Make every file again (for timing).")

    def handle(self, *args, force=False, **options):
        synthesizer = get_synthesizer()
        if synthesizer is None:
            self.stdout.write("Generated narration is off (SPEECH_BACKEND is empty).")
            return
        pages = list(narrated_pages())
        if force:
            PageAudio.objects.filter(page__in=pages, kind=PageAudio.Kind.GENERATED).update(text_hash="")
        done, started, cpu = {}, time.perf_counter(), time.process_time()
        for page in pages:
            outcome = store.refresh(page.pk)
            done[outcome] = done.get(outcome, 0) + 1
        elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
        generated = done.get("generated", 0)
        rows = PageAudio.objects.filter(page__in=pages, kind=PageAudio.Kind.GENERATED)
        seconds = sum(rows.values_list("duration_seconds", flat=True))
        size = sum(rows.values_list("bytes", flat=True))
        per_page = ""
        if generated:
            per_page = f", {elapsed / generated:.2f} s ({cpu / generated:.2f} s CPU) per generated page"
        self.stdout.write(
            f"Narration ({synthesizer.voice_name}): {len(pages)} pages, "
            + ", ".join(f"{count} {outcome}" for outcome, count in sorted(done.items()))
            + f" in {elapsed:.1f} s{per_page}; {seconds / 60:.1f} min of audio, {size / 1e6:.1f} MB in all."
        )
