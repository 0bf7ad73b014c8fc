"""Related pages and listings are chosen, ordered and paged in SQL: a cold render
loads a fixed few rows whatever the corpus holds (issue 20, item 1)."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from heritage.models.base import RELATED_LIMIT
from heritage.models.index import PER_PAGE
from tests.factories import EthnicGroupPageFactory, FestivalPageFactory, HeritageIndexPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def festivals(home):
    groups = HeritageIndexPageFactory(parent=home, title="Dân tộc", slug="dan-toc", listing="groups")
    ba_na = EthnicGroupPageFactory(parent=groups, title="Người Ba Na", slug="ba-na", code="ba-na")
    index = HeritageIndexPageFactory(parent=home, title="Lễ hội", slug="le-hoi", listing="festivals")
    made = []
    for n in range(PER_PAGE + 6):
        page = FestivalPageFactory(parent=index, title=f"Lễ hội {n:02d}", slug=f"le-hoi-{n:02d}")
        page.groups.set([ba_na])
        page.save_revision().publish()
        made.append(page)
    return index, made


def _rows_read_are_limited(queries, table):
    selects = [q["sql"] for q in queries if q["sql"].startswith("SELECT") and f'FROM "{table}"' in q["sql"]]
    assert selects
    assert all("LIMIT" in sql for sql in selects), selects


def test_related_pages_are_limited_in_sql(festivals):
    _index, made = festivals
    page = type(made[0]).objects.get(pk=made[0].pk)
    with CaptureQueriesContext(connection) as ctx:
        related = page.related_pages()
    assert [p.title for p in related] == [f"Lễ hội {n:02d}" for n in range(1, RELATED_LIMIT + 1)]
    _rows_read_are_limited(ctx.captured_queries, "heritage_festivalpage")


def test_listing_pages_in_sql(client, festivals, settings):
    settings.PAGE_CACHE_ENABLED = False
    settings.FRAGMENT_CACHE_ENABLED = False
    with CaptureQueriesContext(connection) as ctx:
        second = client.get("/vi/le-hoi/?page=2").content.decode()
    assert "Lễ hội 29" in second and "Lễ hội 00" not in second
    # Counts, the place filter's distinct units and the shown page of ids: a few rows.
    by_ids = re.compile(r'"heritage_festivalpage"\."page_ptr_id" IN \(\d')
    listed = [
        q
        for q in ctx.captured_queries
        if not any(b in q["sql"] for b in ('AS "__count"', "SELECT DISTINCT")) and not by_ids.search(q["sql"])
    ]
    _rows_read_are_limited(listed, "heritage_festivalpage")
    # the listing's size and its shown ids in one query (a window count), not two
    assert [q for q in listed if "OVER ()" in q["sql"]]
    assert not [
        q for q in ctx.captured_queries if 'AS "__count"' in q["sql"] and "heritage_festivalpage" in q["sql"]
    ]
    assert client.get("/vi/le-hoi/?page=3").status_code == 404
    assert client.get("/vi/le-hoi/?page=x").status_code == 404
