"""Search ranks and slices in the database and loads only the pages it shows
(issue 20, item 3): the candidates are rows, the shown window is pages."""

import pytest
from django.db import connection
from django.db.models.signals import post_init
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from search.folding import fold
from search.service import ranked_ids, search
from tests.factories import SectionPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def many(home):
    return [
        SectionPageFactory(parent=home, title=f"Cồng chiêng làng {n:02d}", summary="Cồng chiêng và nhà rông.")
        for n in range(25)
    ]


class PagesMade:
    """How many page instances were created (any page model) while active."""

    def __enter__(self):
        self.count = 0
        post_init.connect(self, dispatch_uid="count-pages")
        return self

    def __exit__(self, *exc):
        post_init.disconnect(dispatch_uid="count-pages")

    def __call__(self, sender, instance, **kwargs):
        if isinstance(instance, Page):
            self.count += 1


def test_only_the_shown_pages_are_loaded(many):
    first = {hit.page.pk for hit in search("cong chieng", "vi", limit=10).hits}
    with PagesMade() as made:
        results = search("cong chieng", "vi", limit=10, offset=10)
    assert results.total == 25
    second = {hit.page.pk for hit in results.hits}
    assert len(second) == 10 and not first & second
    assert made.count == 10


def test_database_backends_rank_without_loading_pages(many):
    backend = get_search_backend()
    if connection.vendor not in ("sqlite", "postgresql") or not hasattr(backend.results_class, "ranked_ids"):
        pytest.skip("the backend ranks outside the database (Elasticsearch, plain fallback)")
    queryset = Page.objects.filter(live=True, depth__gt=1)
    with PagesMade() as made, CaptureQueriesContext(connection) as ctx:
        ids = ranked_ids(fold("cong chieng"), queryset, limit=5)
    assert made.count == 0
    assert len(ids) == 5 and set(ids) <= {p.pk for p in many}
    assert len(ctx.captured_queries) == 1
    assert "LIMIT 5" in ctx.captured_queries[0]["sql"]


def _queries_of_search(query, filters=None):
    search(query, "vi", filters)  # warm what is kept (content types, synonyms, labels)
    with CaptureQueriesContext(connection) as ctx:
        results = search(query, "vi", filters, limit=5)
    return len(ctx.captured_queries), results.total


@pytest.mark.parametrize("filters", [None, {"type": "sectionpage"}])
def test_queries_of_a_search_do_not_grow_with_the_matching_pages(home, filters):
    for n in range(3):
        SectionPageFactory(parent=home, title=f"Kho lúa làng {n}", summary="Kho lúa bằng gỗ.")
    few, total = _queries_of_search("kho lua", filters)
    assert total == 3
    for n in range(3, 40):
        SectionPageFactory(parent=home, title=f"Kho lúa làng {n}", summary="Kho lúa bằng gỗ.")
    many, total = _queries_of_search("kho lua", filters)
    assert total == 40
    assert many == few


def test_sqlite_ranks_from_the_matches_with_exists(many):
    if connection.vendor != "sqlite" or not hasattr(get_search_backend().results_class, "ranked_ids"):
        pytest.skip("SQLite FTS5 only")
    with CaptureQueriesContext(connection) as ctx:
        ranked_ids(fold("cong chieng"), Page.objects.filter(live=True, depth__gt=1), limit=5)
    sql = ctx.captured_queries[0]["sql"]
    assert "EXISTS" in sql and 'object_id" IN (SELECT' not in sql


@pytest.fixture
def postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")


def test_postgres_has_the_title_body_gin_index(postgres_only):
    from search.backends.postgres_ranked import INDEX_NAME

    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = %s", [INDEX_NAME])
        (definition,) = cursor.fetchone()
    assert "USING gin" in definition and "(title || body)" in definition


def _unrelated_entries(count):
    """``count`` index entries that match nothing searched here (ids of no page), then
    ANALYZE: the planner chooses by the table's size, as on a real corpus."""
    from django.contrib.contenttypes.models import ContentType
    from modelsearch.backends.database.postgres.postgres import IndexEntry

    from content.models import SectionPage
    from search.backends.postgres_ranked import INDEX_NAME

    table = connection.ops.quote_name(IndexEntry._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (content_type_id, object_id, title_norm, autocomplete, title, body, "
            "title_text, body_text) SELECT %s, (1000000 + n)::text, 1.0, ''::tsvector, "
            "to_tsvector('simple', 'kho lua so ' || n), to_tsvector('simple', 'ruong bac thang mua gat'), '', '' "
            "FROM generate_series(1, %s) AS n",
            [ContentType.objects.get_for_model(SectionPage).pk, count],
        )
        # what autovacuum does on a running site: the GIN pending list merged into the index
        cursor.execute("SELECT gin_clean_pending_list(%s::regclass)", [INDEX_NAME])
        cursor.execute(f"ANALYZE {table}")


def test_postgres_ranked_query_uses_the_gin_index(postgres_only, many):
    """On a few thousand entries the plan reaches the matches through the
    ``title || body`` index, which it can only if the query's expression is the index's."""
    from search.backends.postgres_ranked import INDEX_NAME

    _unrelated_entries(3000)
    with CaptureQueriesContext(connection) as ctx:
        ids = ranked_ids(fold("cong chieng"), Page.objects.filter(live=True, depth__gt=1), limit=5)
    assert len(ids) == 5 and set(ids) <= {p.pk for p in many}
    sql = ctx.captured_queries[-1]["sql"]  # after a content-type lookup when not yet kept
    assert "ts_rank_cd" in sql and "EXISTS" in sql
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN " + sql)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert INDEX_NAME in plan, plan
