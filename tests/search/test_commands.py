"""The rebuild command and the benchmark command (small scale, no timing asserted)."""

import io
import json

import pytest
from django.core.management import call_command
from wagtail.models import Page

from search.models import PageSearchData
from search.service import search

pytestmark = pytest.mark.django_db


def test_rebuild_search_index_restores_a_wiped_index(pages):
    from wagtail.search.models import IndexEntry

    IndexEntry.objects.all().delete()
    PageSearchData.objects.all().delete()
    assert search("dam trau", "vi").total == 0
    out = io.StringIO()
    call_command("rebuild_search_index", stdout=out)
    assert "Facets and snippets" in out.getvalue() and "[####" in out.getvalue()
    assert [h.page.title for h in search("dam trau", "vi").hits] == ["Lễ hội đâm trâu của người Ba Na"]
    assert not PageSearchData.objects.filter(page=pages["draft"]).exists()


def test_bench_search_reports_figures_and_cleans_up(home):
    before = Page.objects.count()
    out = io.StringIO()
    call_command("bench_search", scale=30, repeat=1, as_json=True, stdout=out)
    figures = json.loads(out.getvalue().strip().splitlines()[-1])
    assert figures["pages"] == 30 and figures["runs"] == 20
    assert figures["p95_ms"] >= figures["p50_ms"] > 0
    assert 0 < figures["queries_per_search"] <= 8
    assert Page.objects.count() == before


def test_search_demo_step_fills_missing_data_and_is_idempotent(pages, demo_loader):
    from search import demo

    PageSearchData.objects.filter(page=pages["bana"]).delete()
    demo.load(demo_loader)
    data = PageSearchData.objects.get(page=pages["bana"])
    assert "Nhà rông" in data.text
    stamp = data.updated_at
    demo.load(demo_loader)
    assert PageSearchData.objects.get(page=pages["bana"]).updated_at == stamp
    assert not PageSearchData.objects.filter(page=pages["draft"]).exists()
