"""The corpus the benchmark and the tests share (``bench/corpus.py``).

    python manage.py generate_corpus --pages N [--learners N] [--events N] [--seed S]

The sizes are totals: run again with a larger number and only the difference is added.
It lives in ``cms`` because the corpus spans every app's pages. On SQLite the writes go
without fsync (``PRAGMA synchronous=OFF``) for this command only: a crash midway loses a
corpus that is generated again in minutes, never the site's data.
"""

import time
from contextlib import contextmanager

from django.core.management.base import BaseCommand
from django.db import connection


@contextmanager
def fast_sqlite():
    if connection.vendor != "sqlite" or connection.in_atomic_block:  # SQLite refuses it inside one
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA synchronous")
        before = cursor.fetchone()[0]
        cursor.execute("PRAGMA synchronous=OFF")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA synchronous={int(before)}")


class Command(BaseCommand):
    help = (
        "Generate (or add to) the benchmark corpus: copies of the demo pages with long bodies, "
        "translations, images and revisions, search-indexed; learners and progress events."
    )

    def add_arguments(self, parser):
        parser.add_argument("--pages", type=int, required=True, help="generated pages in all (additive)")
        parser.add_argument("--learners", type=int, default=0, help="generated learners in all (additive)")
        parser.add_argument("--events", type=int, default=0, help="progress events of generated learners in all")
        parser.add_argument("--seed", type=int, default=8, help="the same seed gives the same corpus")
        parser.add_argument("--no-index", action="store_true", help="leave the new pages out of the search index")

    def handle(self, *args, pages, learners, events, seed, no_index, **options):
        from bench.corpus import generate

        started = time.monotonic()
        with fast_sqlite():
            result = generate(
                out=self.stderr._out if options["verbosity"] > 0 else _Null(),
                pages=pages,
                learners=learners,
                events=events,
                index=not no_index,
                seed=seed,
            )
        seconds = time.monotonic() - started
        self.stdout.write(
            f"{result['pages']} generated pages ({result['pages_added']} added, "
            f"{result['pages_in_site']} in the site), {result['learners']} learners and "
            f"{result['events']} events added, in {seconds:.1f} s "
            f"({', '.join(f'{name} {s} s' for name, s in result['seconds_by_step'].items())})."
        )


class _Null:
    def write(self, text):
        pass

    def flush(self):
        pass
