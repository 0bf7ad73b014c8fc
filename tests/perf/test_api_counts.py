"""API lists count and page in one query, the translation rule is one sub-query
whatever the number of languages, and alias routes are read through an index
(issue 20, item 1)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from content.api.pages import count_and_page
from content.locales import localized
from content.public import alias_paths
from tests.factories import EthnicGroupPageFactory, FestivalPageFactory, HeritageIndexPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def festivals(home):
    index = HeritageIndexPageFactory(parent=home, title="Lễ hội", slug="le-hoi", listing="festivals")
    return [FestivalPageFactory(parent=index, title=f"Lễ hội {n:02d}", slug=f"le-hoi-{n:02d}") for n in range(7)]


def test_count_and_page_is_one_query(festivals):
    qs = Page.objects.filter(depth__gt=2).order_by("title", "pk")
    expected = list(qs.values_list("pk", flat=True))
    with CaptureQueriesContext(connection) as ctx:
        count, ids = count_and_page(qs, 2, 3)
    assert len(ctx.captured_queries) == 1
    assert count == len(expected) and ids == expected[2:5]


def test_count_and_page_past_the_end_still_counts(festivals):
    qs = Page.objects.filter(depth__gt=2).order_by("pk")
    assert count_and_page(qs, 100, 3) == (qs.count(), [])
    assert count_and_page(qs.none(), 0, 3) == (0, [])


def test_a_distinct_queryset_is_counted_without_duplicates(home, festivals):
    groups = HeritageIndexPageFactory(parent=home, title="Dân tộc", slug="dan-toc", listing="groups")
    both = [
        EthnicGroupPageFactory(parent=groups, title=t, slug=c, code=c)
        for t, c in (("Ba Na", "ba-na"), ("Hrê", "hre"))
    ]
    for page in festivals:
        page.groups.set(both)
        page.save()
    doubled = type(festivals[0]).objects.filter(groups__code__in=["ba-na", "hre"]).distinct().order_by("pk")
    assert count_and_page(doubled, 0, 50) == (7, [p.pk for p in festivals])


def test_api_list_counts_and_pages_in_one_query(client, festivals, settings):
    settings.PAGE_CACHE_ENABLED = False
    settings.FRAGMENT_CACHE_ENABLED = False
    with CaptureQueriesContext(connection) as ctx:
        body = client.get("/api/v1/festivals?locale=bdq&limit=3&offset=1").json()
    assert body["count"] == 7 and len(body["results"]) == 3
    listing = [q["sql"] for q in ctx.captured_queries if "OVER ()" in q["sql"] or "COUNT(" in q["sql"]]
    assert len(listing) == 1, listing


@pytest.mark.parametrize("language", ["vi", "en", "bdq"])
def test_the_translation_rule_is_one_sub_query(language):
    sql = str(localized(Page.objects.all(), language).query)
    assert sql.count("EXISTS") == 1
    assert sql.count("SELECT") == 2


def test_alias_paths_read_through_the_alias_index(festivals):
    alias = festivals[0].create_alias(update_slug="le-hoi-alias")
    assert alias_paths() == [alias.path]
    plan = Page.objects.filter(alias_of__gt=0).order_by().explain()
    if connection.vendor == "sqlite":
        assert "alias_of_id" in plan and "SCAN wagtailcore_page" not in plan, plan
