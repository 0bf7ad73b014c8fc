"""Facets on the search page (issue 18): labels in the reader's language, the home pages
never offered as a "type of content", and the facets folded behind one button so that
results come first on a phone."""

import pytest

from tests.factories import StoryPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def stories(home):
    StoryPageFactory(parent=home, title="Cồng chiêng Ba Na", topic="music-gongs")
    StoryPageFactory(parent=home, title="Món ăn Ba Na", topic="cuisine")


def _facet(data, name):
    return {v["value"]: v["label"] for v in data["facets"].get(name, [])}


def test_topic_labels_are_the_choices_in_the_reader_language(client, stories):
    vi = client.get("/api/v1/search", {"q": "ba na", "locale": "vi"}).json()
    assert _facet(vi, "topic") == {"music-gongs": "Âm nhạc và cồng chiêng", "cuisine": "Ẩm thực"}
    html = client.get("/vi/search/", {"q": "ba na"}).content.decode()
    assert "Ẩm thực" in html and "Music and gongs" not in html and ">Cuisine<" not in html
    en = client.get("/api/v1/search", {"q": "ba na", "locale": "en"}).json()
    assert _facet(en, "topic")["cuisine"] == "Cuisine"


def test_home_pages_are_no_type_of_content(client, stories, home):
    home.intro = "<p>Ba Na, H'rê và Chăm H'roi</p>"
    home.save_revision().publish()
    data = client.get("/api/v1/search", {"q": "ba na", "locale": "vi"}).json()
    assert "homepage" not in _facet(data, "type")
    assert "storypage" in _facet(data, "type")
    html = client.get("/vi/search/", {"q": "ba na"}).content.decode()
    assert "type=homepage" not in html


def test_facets_are_folded_behind_one_button_after_the_form(client, stories):
    html = client.get("/vi/search/", {"q": "ba na"}).content.decode()
    fold = html.index('<details class="facets-fold"')
    assert html.index("<summary", fold) < html.index('<nav class="facets"', fold)
    assert 'class="facets-fold" data-open-wide>' in html  # closed unless the screen is wide (suggest.js)
