"""The indicator figure block: given to every page body through ``content.seams.BODY_BLOCKS``,
it renders the indicator page's SVG and table (approved values only, SAMPLE labelled) inside a
heritage page, a community page and a report's narrative page, in a bounded number of queries."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from content.blocks import BODY_BLOCKS
from content.seams import extra_body_blocks
from heritage.models import StoryPage
from stats.blocks import IndicatorFigureBlock
from tests import factories as f


@pytest.fixture
def values(indicators, communes, put):
    a, b = communes
    put(indicators["households"], a, "2025", 1234)
    put(indicators["households"], b, "2025", 4321, status="submitted")  # never shown
    put(indicators["households"], a, "2024", 1111)
    sample = put(indicators["poverty"], a, "2025", "12.5")
    sample.sample = True
    sample.save()
    return a, b


def test_the_seam_gives_the_block_to_every_body():
    assert "indicator_figure" in dict(extra_body_blocks())
    assert isinstance(
        StoryPage._meta.get_field("body").stream_block.child_blocks["indicator_figure"], IndicatorFigureBlock
    )
    assert "indicator_figure" in dict(iter(BODY_BLOCKS))
    # its migration form names only Wagtail's classes (heritage's migrations never import stats)
    path, args, _kwargs = IndicatorFigureBlock().deconstruct()
    assert path == "wagtail.blocks.StructBlock"
    assert all(not child.deconstruct()[0].startswith("stats.") for _name, child in args[0])


def test_block_renders_in_a_heritage_page(client, home, values):
    a, _b = values
    heritage = f.HeritageIndexPageFactory(parent=home, slug="di-san")
    story = f.StoryPageFactory(
        parent=heritage,
        title="Câu chuyện có số liệu",
        body=json.dumps([f.indicator_figure("households", caption="Số hộ theo xã")]),
    )
    html = client.get(story.url).content.decode()
    assert "chart-bar" in html and "<svg" in html and "Số hộ theo xã" in html
    assert a.name in html and "1\u202f234" in html
    assert "4\u202f321" not in html  # a submitted value never shows
    body = client.get(f"/api/v1/stories/{story.pk}").json()["body"]
    assert body[0]["type"] == "indicator_figure" and body[0]["indicator"] == "households"
    assert body[0]["values_url"].endswith("/api/v1/stats/values?indicator=households")


def test_block_in_a_community_page_and_a_report_narrative_page(client, home, values):
    index = f.CommunityIndexPageFactory(parent=home, slug="cong-dong")
    article = f.CommunityArticlePageFactory(
        parent=index, title="Bài có biểu đồ", body=json.dumps([f.indicator_figure("poverty-rate", kind="line")])
    )
    html = client.get(article.url).content.decode()
    assert "chart-line" in html and "SỐ LIỆU MẪU" in html  # the sample value is labelled
    section = f.SectionPageFactory(parent=home, title="Thống kê", slug="thong-ke")
    narrative = f.ReportNarrativePageFactory(
        parent=section,
        title="Thuyết minh báo cáo 2025",
        body=json.dumps([f.indicator_figure("households", kind="table", units=values[0].code)]),
    )
    html = client.get(narrative.url).content.decode()
    assert "1\u202f111" in html and "1\u202f234" in html and "4\u202f321" not in html


def test_block_queries_are_bounded(values, put, indicators, units):
    from content.models import AdministrativeUnit

    block = IndicatorFigureBlock()
    value = block.to_python(
        {"indicator": "poverty-rate", "kind": "bar", "period": "", "units": "", "show_table": True}
    )
    with CaptureQueriesContext(connection) as few:
        block.render(value)
    for unit in AdministrativeUnit.objects.communes()[:40]:
        put(indicators["poverty"], unit, "2023", 5)
        put(indicators["households"], unit, "2023", 50)
    with CaptureQueriesContext(connection) as many:
        html = block.render(value)
    assert len(many) == len(few) <= 3
    assert "2025" in html


def test_unknown_or_restricted_indicator_renders_no_figures(values, indicators):
    indicators["households"].restricted = True
    indicators["households"].save()
    block = IndicatorFigureBlock()
    html = block.render(block.to_python({"indicator": "households", "kind": "bar"}))
    assert "<svg" not in html and "1\u202f234" not in html
