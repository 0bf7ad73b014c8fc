"""The indicator figure block: given to every page body through ``content.seams.BODY_BLOCKS``,
it renders the indicator page's SVG and table (approved values only, SAMPLE labelled) inside a
heritage page, a community page and a report's narrative page, in a bounded number of queries."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail import blocks

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


def test_communes_are_chosen_among_the_units_in_force(units, values):
    """The block's communes are a chooser over the units in force today, not a typed code:
    an ended commune (21610, merged in 2025) is not offered and is refused; a code reused
    since 2025 (21609) is offered once, as the current commune."""
    a, _b = values
    field = IndicatorFigureBlock().child_blocks["units"]
    choices = dict(field.field.choices)
    assert choices["21609"] == "Xã An Lão (21609)" and "Thị trấn An Lão" not in " ".join(choices.values())
    assert "21610" not in choices and a.code in choices
    assert "<select" in field.field.widget.render("units", [a.code]) and "multiple" in field.field.widget.render(
        "units", []
    )
    block = IndicatorFigureBlock()
    with pytest.raises(blocks.StructBlockValidationError):
        block.clean(block.to_python({"indicator": "households", "kind": "bar", "units": ["21610"]}))
    cleaned = block.clean(block.to_python({"indicator": "households", "kind": "bar", "units": [a.code, "21609"]}))
    assert cleaned["units"] == [a.code, "21609"]
    # stored as the codes joined by commas, as pages saved before the chooser were
    assert block.get_prep_value(cleaned)["units"] == f"{a.code}, 21609"
    old = block.to_python({"indicator": "households", "kind": "table", "units": f" {a.code} ,21609"})
    assert old["units"] == [a.code, "21609"] and IndicatorFigureBlock.unit_codes(old) == [a.code, "21609"]
    html = block.render(block.to_python({"indicator": "households", "kind": "table", "units": [a.code]}))
    assert "1\u202f234" in html


def test_the_editor_offers_the_commune_chooser(admin_client, home, values):
    a, _b = values
    section = f.SectionPageFactory(parent=home, title="Thống kê", slug="thong-ke")
    narrative = f.ReportNarrativePageFactory(
        parent=section, title="Thuyết minh", body=json.dumps([f.indicator_figure("households", units=a.code)])
    )
    html = admin_client.get(f"/admin/pages/{narrative.pk}/edit/").content.decode()
    state = html.replace("&quot;", '"').replace('\\"', '"')
    assert '<option value="21609">' in state.replace("&lt;", "<").replace("&gt;", ">")
    assert '<option value="21610">' not in state.replace("&lt;", "<").replace("&gt;", ">")
    assert f'"units": ["{a.code}"]' in state  # the saved code comes back selected
