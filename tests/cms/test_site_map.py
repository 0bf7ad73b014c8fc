"""The human site map behind the footer's link (issue 18: it opened raw XML)."""

import re

import pytest

from tests.factories import SectionPageFactory, StoryPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree(all_homes, demo_loader):
    home = all_homes["vi"]
    festivals = SectionPageFactory(parent=home, title="Lễ hội", slug="le-hoi", show_in_menus=True)
    demo_loader.translate(festivals, "en", title="Festivals")
    story = StoryPageFactory(parent=festivals, title="Lễ đâm trâu", slug="le-dam-trau")
    StoryPageFactory(parent=festivals, title="Bản nháp kín", slug="nhap", live=False)
    return {"festivals": festivals, "story": story}


def test_the_footer_links_to_a_page_for_people(client, tree):
    html = client.get("/vi/").content.decode()
    footer = html[html.index('<footer class="site-footer">') :]
    assert 'href="/vi/site-map/"' in footer and "/sitemap.xml" not in footer


def test_site_map_lists_sections_and_their_public_pages_in_the_visitor_language(client, tree):
    response = client.get("/bdq/site-map/")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/html")
    html = response.content.decode()
    links = re.findall(r'<a href="([^"]+)"((?: lang="[^"]+")?)>([^<]+)</a>', html[html.index("<main") :])
    assert ("/bdq/le-hoi/", ' lang="vi"', "Lễ hội") in links
    assert ("/bdq/le-hoi/le-dam-trau/", ' lang="vi"', "Lễ đâm trâu") in links
    assert "Bản nháp kín" not in html  # a draft never shows
    english = client.get("/en/site-map/").content.decode()
    assert '<a href="/en/le-hoi/">Festivals</a>' in english
    assert client.get("/bdq/le-hoi/le-dam-trau/").status_code == 200  # the link opens (fallback)


def test_site_map_queries_do_not_grow_with_sections(client, tree, all_homes, django_assert_max_num_queries):
    client.get("/vi/")  # the shell (menu, footer) is kept after its first use
    for n in range(6):
        section = SectionPageFactory(parent=all_homes["vi"], title=f"Mục {n}", slug=f"muc-{n}", show_in_menus=True)
        StoryPageFactory(parent=section, title=f"Bài {n}", slug=f"bai-{n}")
    client.get("/vi/")
    with django_assert_max_num_queries(14):
        html = client.get("/vi/site-map/").content.decode()
    assert all(f"Bài {n}" in html for n in range(6))
