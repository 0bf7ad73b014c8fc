"""The database backends score a bounded window of the matches (``search.backends.window``,
issue 20 item 3): the newest matches plus the newest title matches. The windows are made
small here so that a few pages exceed them."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from search.backends import window
from search.folding import fold
from search.service import ranked_ids, search
from tests.factories import SectionPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def database_ranking():
    backend = get_search_backend()
    if connection.vendor not in ("sqlite", "postgresql") or not hasattr(backend.results_class, "ranked_ids"):
        pytest.skip("the backend ranks outside the database (Elasticsearch, plain fallback)")
    return backend


def _window(monkeypatch, body, title):
    monkeypatch.setattr(window, "RANK_WINDOW", body)
    monkeypatch.setattr(window, "TITLE_WINDOW", title)


def _ids(text):
    return ranked_ids(fold(text), Page.objects.filter(live=True, depth__gt=1))


def test_an_old_title_match_is_scored_beyond_the_window(home, monkeypatch):
    _window(monkeypatch, body=3, title=2)
    titled = SectionPageFactory(parent=home, title="Kho lúa làng cổ", summary="Một trang cũ.")
    body_only_old = SectionPageFactory(parent=home, title="Trang xưa", summary="Kho lúa bằng gỗ.")
    newer = [SectionPageFactory(parent=home, title=f"Trang {n}", summary="Kho lúa bằng gỗ.") for n in range(5)]
    ids = _ids("kho lua")
    assert titled.pk in ids  # older than every body match, kept by the title window
    assert body_only_old.pk not in ids  # beyond the window of the 3 newest matches
    assert set(ids) == {titled.pk, *(page.pk for page in newer[-3:])}
    assert search("kho lua", "vi").hits[0].page.pk == titled.pk


def _queries_of_search(text):
    search(text, "vi")  # warm what is kept (content types, synonyms, labels)
    with CaptureQueriesContext(connection) as ctx:
        results = search(text, "vi", limit=5)
    return len(ctx.captured_queries), results.total


def test_queries_of_a_search_are_the_same_below_and_beyond_the_window(home, monkeypatch):
    _window(monkeypatch, body=5, title=5)
    for n in range(3):
        SectionPageFactory(parent=home, title=f"Trang {n}", summary="Kho lúa bằng gỗ.")
    below, total = _queries_of_search("kho lua")
    assert total == 3
    for n in range(3, 12):
        SectionPageFactory(parent=home, title=f"Trang {n}", summary="Kho lúa bằng gỗ.")
    beyond, total = _queries_of_search("kho lua")
    assert total == 5  # the window: 12 matches, 5 scored
    assert beyond == below


def test_below_the_window_the_ranking_is_that_of_every_match(home, monkeypatch, database_ranking):
    """Pages of unequal relevance (the words in the title or not, once or often in the
    body): with no more matches than the window, the same ids in the same order as the
    unbounded ranking (the oldest match, body only, is the window's last)."""
    for n in range(12):
        title = f"Kho lúa {n}" if n % 3 == 1 else f"Trang {n}"
        summary = " ".join(["kho lúa"] * (1 + n % 4) + ["nhà rông"] * (n % 5))
        SectionPageFactory(parent=home, title=title, summary=summary)
    _window(monkeypatch, body=12, title=12)
    windowed = _ids("kho lua")
    monkeypatch.setattr(database_ranking.query_compiler_class, "windowed", False)
    unbounded = _ids("kho lua")
    assert len(unbounded) == 12
    assert windowed == unbounded


def test_postgres_title_body_index_has_no_statistics():
    """Migration search.0004: with statistics on ``title || body`` the planner reads
    every entry for a common word instead of the GIN index."""
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    from search.backends.postgres_ranked import INDEX_NAME

    with connection.cursor() as cursor:
        cursor.execute("SELECT attstattarget FROM pg_attribute WHERE attrelid = %s::regclass", [INDEX_NAME])
        assert cursor.fetchall() == [(0,)]
