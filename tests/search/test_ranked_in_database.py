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
