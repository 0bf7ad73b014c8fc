"""Every demo page is found by its Vietnamese title as people type it.

Generic over whatever the demo loads (heritage, lessons, community pages…).
Runs on SQLite by default and on PostgreSQL with DATABASE_URL set.
"""

import pytest
from wagtail.models import Page

from content.public import listed_pages
from search.folding import fold
from search.service import search

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(demo_loaded, db):
    # listed, not just public: a job past its deadline keeps its URL but leaves search
    return list(listed_pages(Page.objects.filter(locale__language_code="vi", depth__gt=2)).order_by("path"))


def _top3(query, page):
    hits = search(query, "vi", limit=3).hits
    ids = [hit.page.pk for hit in hits]
    same_title = [hit for hit in hits if fold(hit.page.title) == fold(page.title)]
    # found, or the three best are all pages with the very same title
    return page.pk in ids or len(same_title) == 3, [hit.page.title for hit in hits]


def test_every_demo_page_by_title_with_and_without_diacritics(demo):
    assert len(demo) >= 3
    misses = []
    for page in demo:
        for query in (page.title, fold(page.title), page.title.lower()):
            found, got = _top3(query, page)
            if not found:
                misses.append((query, got))
    assert not misses, misses


def _group_page(code):
    return Page.objects.filter(slug=code, locale__language_code="vi", live=True).first()


@pytest.mark.parametrize(
    "code,variants",
    [
        ("ba-na", ["Ba Na", "ba na", "Bana", "bana", "Bahnar", "BAHNAR", "Ba-na"]),
        ("hre", ["H'rê", "Hrê", "Hre", "hre", "H're"]),
        ("cham-hroi", ["Chăm H'roi", "Cham Hroi", "cham hroi", "Haroi", "Chăm Hroi"]),
    ],
)
def test_group_name_variants_find_the_group_page(demo, code, variants):
    page = _group_page(code)
    if page is None:
        pytest.skip(f"the demo has no group page '{code}' yet")
    for query in variants:
        ids = [hit.page.pk for hit in search(query, "vi", limit=3).hits]
        assert page.pk in ids, (query, ids)


def test_dam_trau_finds_the_buffalo_festival(demo):
    festival = next((p for p in demo if "đâm trâu" in p.title.lower()), None)
    if festival is None:
        pytest.skip("the demo has no buffalo festival yet (see test_search.py)")
    for query in ("dam trau", "le hoi dam trau", "Đâm trâu", "an trau"):
        ids = [hit.page.pk for hit in search(query, "vi", limit=3).hits]
        assert festival.pk in ids, query
