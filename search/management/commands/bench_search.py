"""Benchmark search on a generated corpus: p50/p95 latency and SQL queries per search.

``python manage.py bench_search --scale 10000`` adds N generated pages under a
temporary section of the Vietnamese home page on the current DATABASE_URL,
runs 20 typical queries (with and without diacritics), prints the figures,
then deletes the generated pages (``--keep`` to keep them for a rerun).
``--corpus`` generates nothing and searches what the database holds: ``make bench``
measures search on the corpus it serves (``bench/corpus.py`` indexes it).
"""

import json
import random
import statistics
import time

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import connection, reset_queries, transaction
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from content.cache import bump
from content.demo_loader import DemoLoader, Progress
from content.models import SectionPage
from search.indexing import page_text
from search.models import PageSearchData
from search.service import search

QUERIES = [
    "le hoi dam trau",
    "Lễ hội đâm trâu",
    "tho cam",
    "thổ cẩm",
    "ruou can",
    "rượu cần",
    "cong chieng",
    "Bahnar",
    "ba na",
    "H'rê",
    "hre",
    "cham hroi",
    "nha rong",
    "Vĩnh Thạnh",
    "an lao",
    "van canh",
    "lua moi",
    "det vai",
    "gia lai binh dinh",
    "tet",
]
WORDS = (
    "lễ hội đâm trâu thổ cẩm rượu cần cồng chiêng nhà rông làng xã huyện người Ba Na H'rê "
    "Chăm H'roi Vĩnh Thạnh An Lão Vân Canh lúa mới dệt vải mùa gặt già làng tiếng nói bài học "
    "câu chuyện nghề truyền thống bếp lửa suối rừng núi đồng bào Bình Định Gia Lai Tết cầu mưa"
).split()
BENCH_SLUG = "bench-search-corpus"
# facet values of the generated pages, so that the facet counts (search.facets) count something
GROUPS = ("ba-na", "hre", "cham-hroi", "kinh")
TOPICS = ("le-hoi", "am-thuc", "music-gongs", "nghe-thu-cong", "kien-truc", "ngon-ngu")


def _facets(rng):
    return {"group": [rng.choice(GROUPS)], "topic": sorted(set(rng.sample(TOPICS, rng.randint(1, 2))))}


def no_auto_index():
    """Settings under which saving or deleting a page does not touch the search index."""
    backends = {name: {**params, "AUTO_UPDATE": False} for name, params in settings.WAGTAILSEARCH_BACKENDS.items()}
    return override_settings(WAGTAILSEARCH_BACKENDS=backends)


def settle():
    """On PostgreSQL, what autovacuum does on a running site after a bulk load: the GIN
    indexes' pending lists merged and the planner's statistics taken (without it the
    planner prices the full-text indexes as unmerged and reads every entry)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:  # VACUUM cannot run in a transaction (a test's)
            cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE")


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


class Command(BaseCommand):
    help = "Measure search latency (p50/p95) and SQL queries per search on N generated pages."

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=int, default=10_000, help="pages to generate")
        parser.add_argument("--repeat", type=int, default=5, help="runs of each query")
        parser.add_argument("--keep", action="store_true", help="keep the generated pages")
        parser.add_argument("--json", action="store_true", dest="as_json", help="print the figures as JSON")
        parser.add_argument(
            "--corpus",
            action="store_true",
            help="generate nothing: search the pages the database holds (make bench's indexed corpus)",
        )

    def handle(self, *args, scale, repeat, keep, as_json, corpus=False, **options):
        if corpus:
            figures = self.measure(repeat)
            figures.update(
                {"pages": Page.objects.filter(live=True, depth__gt=1).count(), "database": connection.vendor}
            )
            self.report(figures, as_json)
            return
        loader = DemoLoader(self.stdout)
        home = loader.home("vi")
        parent = SectionPage.objects.child_of(home).filter(slug=BENCH_SLUG).first()
        existing = parent.get_children().count() if parent else 0
        if parent is None:
            parent = loader.page(home, SectionPage, BENCH_SLUG, title="Bench corpus", show_in_menus=False)
        if existing < scale:
            self.generate(parent, existing, scale)
            settle()
        bump()
        figures = self.measure(repeat)
        corpus = Page.objects.get(pk=parent.pk).get_descendants().count()
        figures.update({"pages": corpus, "database": connection.vendor})
        self.report(figures, as_json)
        if not keep:
            self.remove(parent)

    def report(self, figures, as_json):
        if as_json:
            self.stdout.write(json.dumps(figures))
        else:
            self.stdout.write(
                f"search on {figures['pages']} pages ({figures['database']}): "
                f"p50 {figures['p50_ms']:.1f} ms, p95 {figures['p95_ms']:.1f} ms "
                f"(cold: p50 {figures['cold_p50_ms']:.1f} ms, p95 {figures['cold_p95_ms']:.1f} ms), "
                f"{figures['queries_per_search']} SQL queries per search, "
                f"{figures['queries_per_request']} per /vi/search/ request"
            )

    def generate(self, parent, start, scale):
        """Pages in batches, indexed in bulk per batch (per-save indexing is quadratic)."""
        rng = random.Random(42)
        progress = Progress(self.stdout)
        backend = get_search_backend()
        batch = 250
        for first in progress(
            range(start, scale, batch), "Generating pages", total=len(range(start, scale, batch))
        ):
            created = []
            with transaction.atomic(), no_auto_index():
                parent = SectionPage.objects.get(pk=parent.pk)
                for n in range(first, min(first + batch, scale)):
                    title = " ".join(rng.choice(WORDS) for _ in range(rng.randint(3, 7)))
                    summary = " ".join(rng.choice(WORDS) for _ in range(rng.randint(20, 60)))
                    page = SectionPage(
                        title=f"{title} {n}", slug=f"p{n}", summary=summary, live=True, locale=parent.locale
                    )
                    parent.add_child(instance=page)
                    parent.refresh_from_db(fields=["numchild", "path", "depth"])
                    created.append(page)
                PageSearchData.objects.bulk_create(
                    [PageSearchData(page_id=p.pk, text=page_text(p), facets=_facets(rng)) for p in created]
                )
                backend.add_bulk(SectionPage, created)

    def remove(self, parent):
        with no_auto_index():
            parent.delete()
        index = get_search_backend().get_index_for_model(SectionPage)
        if hasattr(index, "delete_stale_entries"):
            index.delete_stale_entries()

    def measure(self, repeat):
        # under DEBUG the query log is a bounded deque: full after generating pages, it
        # makes CaptureQueriesContext count nothing
        reset_queries()
        cold = []
        for query in QUERIES:  # a new content generation before each: nothing kept for it
            bump()
            started = time.perf_counter()
            search(query, "vi")
            cold.append((time.perf_counter() - started) * 1000)
        timings, counts = [], []
        for query in QUERIES:
            search(query, "vi")  # warm the caches once, as a running site has them
            for _ in range(repeat):
                with CaptureQueriesContext(connection) as counter:
                    started = time.perf_counter()
                    search(query, "vi")
                    timings.append((time.perf_counter() - started) * 1000)
                counts.append(len(counter))
        with CaptureQueriesContext(connection) as counter:  # a first request: nothing cached for it
            Client().get("/vi/search/", {"q": QUERIES[1], "page": "1"})
        return {
            "queries": len(QUERIES),
            "runs": len(timings),
            "p50_ms": statistics.median(timings),
            "p95_ms": percentile(timings, 0.95),
            "cold_p50_ms": statistics.median(cold),
            "cold_p95_ms": percentile(cold, 0.95),
            "queries_per_search": max(counts),
            "queries_per_request": len(counter),
        }
