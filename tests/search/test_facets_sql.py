"""Facet counts come from one SQL ``GROUP BY`` (``search.facets``, issue 20 item 3) and
equal what ``search.service`` counted in Python before, filters included."""

import pytest
from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page

from content.models import SectionPage
from search.facets import counts, value_counts
from search.models import PageSearchData
from search.service import FILTER_NAMES, search
from search.vocabulary import _facet_counts
from tests.factories import SectionPageFactory

pytestmark = pytest.mark.django_db

FACETS = {
    "Rượu cần Ba Na": {"group": ["ba-na"], "topic": ["am-thuc", "le-hoi"]},
    "Rượu cần H'rê": {"group": ["hre"], "topic": ["am-thuc"], "kind": ["do-uong"]},
    "Rượu cần làng K3": {"group": ["ba-na"], "commune": ["21799"]},
    "Rượu cần Chăm H'roi": {"group": ["cham-hroi", "ba-na"], "topic": ["le-hoi"], "commune": ["21799"]},
    "Rượu cần không nhãn": {},
}


@pytest.fixture
def jars(home, monkeypatch):
    monkeypatch.setattr(SectionPage, "search_facets", lambda self: FACETS.get(self.title, {}), raising=False)
    made = [SectionPageFactory(parent=home, title=title) for title in FACETS]
    # one matching page without search data: it has a type and no facet
    made.append(SectionPageFactory(parent=home, title="Rượu cần chưa có dữ liệu"))
    PageSearchData.objects.filter(page_id=made[-1].pk).delete()
    return made


def python_counts(ids, filters):
    """What ``search.service.search`` computed before the counts moved to SQL."""
    rows = dict(PageSearchData.objects.filter(page_id__in=ids).values_list("page_id", "facets"))
    pages = Page.objects.filter(pk__in=ids)
    types = {p.pk: ContentType.objects.get_for_id(p.content_type_id).model for p in pages}

    def values_of(pk, name):
        return [types[pk]] if name == "type" else (rows.get(pk) or {}).get(name, [])

    def passes(pk, skip=None):
        return all(value in values_of(pk, name) for name, value in filters.items() if name != skip)

    found = {}
    for name in FILTER_NAMES:
        for pk in ids:
            if passes(pk, skip=name):
                for value in values_of(pk, name):
                    found.setdefault(name, {})[value] = found.get(name, {}).get(value, 0) + 1
    return found, sorted(pk for pk in ids if passes(pk))


FILTERS = [
    {},
    {"group": "ba-na"},
    {"group": "ba-na", "topic": "le-hoi"},
    {"commune": "21799", "type": "sectionpage"},
    {"type": "homepage"},
    {"kind": "nothing"},
    {"group": "hre", "topic": "am-thuc", "kind": "do-uong", "commune": "21799"},
]


@pytest.mark.parametrize("filters", FILTERS)
def test_sql_counts_equal_the_python_counts(jars, filters):
    ids = [page.pk for page in jars]
    found, matching = counts(ids, filters)
    expected, expected_matching = python_counts(ids, filters)
    assert found == expected
    assert (sorted(matching) if filters else sorted(ids)) == expected_matching
    assert matching is not None or not filters


def test_search_facets_and_totals_follow_the_filters(jars):
    results = search("ruou can", "vi")
    assert results.total == 6
    assert dict((v, c) for v, c, _s in results.facets["group"]) == {"ba-na": 3, "hre": 1, "cham-hroi": 1}
    assert results.facets["type"] == [("sectionpage", 6, False)]
    filtered = search("ruou can", "vi", {"group": "ba-na", "topic": "le-hoi"})
    assert {hit.page.title for hit in filtered.hits} == {"Rượu cần Ba Na", "Rượu cần Chăm H'roi"}
    assert filtered.total == 2
    # a facet's count ignores its own filter and keeps the others
    assert dict((v, c) for v, c, _s in filtered.facets["group"]) == {"ba-na": 2, "cham-hroi": 1}
    assert ("le-hoi", 2, True) in filtered.facets["topic"] and ("am-thuc", 1, False) in filtered.facets["topic"]
    hit = next(h for h in filtered.hits if h.page.title == "Rượu cần Ba Na")
    assert hit.facets == FACETS["Rượu cần Ba Na"]


def test_popular_values_are_counted_in_sql(jars):
    pages = Page.objects.filter(pk__in=[page.pk for page in jars[:3]])
    assert value_counts("group", pages) == {"ba-na": 2, "hre": 1}
    assert value_counts("kind", pages) == {"do-uong": 1}
    assert _facet_counts("topic", ["vi"]) == {"am-thuc": 2, "le-hoi": 2}


def test_popular_topics_are_counted_only_when_a_search_shows_nothing(jars, client, monkeypatch):
    """Counting popular topics reads every public page's facets (it grew with the corpus
    on every cold results page, where they are not shown): counted only for a search
    with no results or no query."""
    from search import views

    calls = []
    real = views.popular
    monkeypatch.setattr(views, "popular", lambda *a, **k: calls.append(a) or real(*a, **k))
    found = client.get("/vi/search/", {"q": "rượu cần"})
    assert found.status_code == 200 and found.context["results"].total >= 5
    assert calls == [] and found.context["popular"] == []
    assert "Popular topics" not in found.text and "Chủ đề phổ biến" not in found.text

    nothing = client.get("/vi/search/", {"q": "xyzzyqwv"})
    assert nothing.status_code == 200 and not nothing.context["results"].total
    assert calls, "a search without results offers popular topics"
    assert [topic["count"] for topic in nothing.context["popular"]] == [2, 2]
