"""Rebuild the search index (folded) and every public page's facets/snippet text."""

from django.core.management.base import BaseCommand
from modelsearch.backends import get_search_backend
from modelsearch.index import get_indexed_models
from wagtail.models import Page

from content import cachetags
from content.demo_loader import Progress
from content.public import public_pages
from search.indexing import update_page
from search.models import PageSearchData

CHUNK = 500


def chunks(queryset, size=CHUNK):
    ids = list(queryset.values_list("pk", flat=True).order_by("pk"))
    for start in range(0, len(ids), size):
        yield list(queryset.model._default_manager.filter(pk__in=ids[start : start + size]))


class Command(BaseCommand):
    help = "Rebuild the search index with Vietnamese folding, with a progress bar."

    def handle(self, *args, **options):
        progress = Progress(self.stdout)
        backend = get_search_backend()
        for model in get_indexed_models():
            index = backend.get_index_for_model(model)
            rebuilder = backend.rebuilder_class(index) if backend.rebuilder_class else None
            if rebuilder:
                index = rebuilder.start()
            index.add_model(model)
            queryset = model.get_indexed_objects()
            parts = list(chunks(queryset))
            label = f"{model._meta.label}"[:28]
            for objects in progress(parts, label) if parts else []:
                index.add_items(model, objects)
            if rebuilder:
                rebuilder.finish()
        public = public_pages(Page.objects.filter(depth__gt=1))
        PageSearchData.objects.exclude(page__in=public).delete()
        pages = list(public.specific().iterator()) if public.exists() else []
        for page in progress(pages, "Facets and snippets") if pages else []:
            update_page(page)
        cachetags.bump("search")  # search results, nothing else: pages did not change
        self.stdout.write(
            self.style.SUCCESS(f"Search index rebuilt: {len(pages)} public pages ({type(backend).__name__}).")
        )
