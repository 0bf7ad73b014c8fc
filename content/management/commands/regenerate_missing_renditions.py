"""Write again every image rendition whose file is missing from storage (after a
media restore, a lost volume or a cleaned cache), with a progress bar.

Rows are kept, so the URLs in cached pages and API responses stay right. The
``/media/images/<name>`` fallback view (``content/renditions.py``) does the same
for one file on demand; this command fixes them all ahead of the readers.
"""

from django.core.management.base import BaseCommand

from content.demo_loader import Progress
from content.renditions import missing_renditions, regenerate, rendition_model


class Command(BaseCommand):
    help = "Regenerate image renditions whose file is missing from storage."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Only list the missing renditions.")

    def handle(self, *args, dry_run=False, **options):
        renditions = list(rendition_model().objects.select_related("image").order_by("pk"))
        self.stdout.write(f"Checking {len(renditions)} rendition(s)…")
        missing = missing_renditions(renditions)
        regenerated, failed = 0, []
        if dry_run:
            for rendition in missing:
                self.stdout.write(f"missing: {rendition.file.name} ({rendition.filter_spec})")
        elif missing:
            progress = Progress(self.stdout)
            for rendition in progress(missing, "Regenerating renditions"):
                try:
                    regenerate(rendition)
                    regenerated += 1
                except Exception as exc:  # noqa: BLE001 - report it, go on with the others
                    failed.append((rendition, exc))
        for rendition, exc in failed:
            self.stderr.write(
                f"failed: {rendition.file.name} (image {rendition.image_id}: {type(exc).__name__}: {exc})"
            )
        self.stdout.write(
            f"{len(missing)} missing of {len(renditions)}; regenerated {regenerated}; failed {len(failed)}."
        )
