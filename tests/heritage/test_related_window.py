"""A heritage page's related pages are chosen among the newest ``RELATED_WINDOW`` pages of
each type that share a group or the unit (heritage/models/base.py), so that their cost
does not grow with how many pages share a group; below the window nothing changes."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from heritage.models import base
from tests.factories import FestivalPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def festivals(indexes, groups):
    """Five festivals of the Bahnar, created oldest first (titles in reverse order, so
    that ordering by title and by age disagree)."""
    made = []
    for title in ("Lễ hội E", "Lễ hội D", "Lễ hội C", "Lễ hội B", "Lễ hội A"):
        page = FestivalPageFactory(parent=indexes["festivals"], title=title)
        page.groups.add(groups["ba-na"])
        page.save_revision().publish()
        made.append(page)
    return made


def titles(page):
    return [p.title for p in page.specific.related_pages()]


def test_below_the_window_every_related_page_is_a_candidate(festivals):
    assert titles(festivals[0]) == ["Lễ hội A", "Lễ hội B", "Lễ hội C", "Lễ hội D"]


def test_candidates_are_the_newest_within_the_window(festivals, monkeypatch):
    monkeypatch.setattr(base, "RELATED_WINDOW", 2)
    # the two newest others of "Lễ hội E" are A and B; of the newest, "Lễ hội A", B and C
    assert titles(festivals[0]) == ["Lễ hội A", "Lễ hội B"]
    assert titles(festivals[-1]) == ["Lễ hội B", "Lễ hội C"]


def test_the_queries_do_not_depend_on_the_window(festivals, monkeypatch):
    page = festivals[0].specific
    titles(page)  # what is looked up once per process (locales)
    with CaptureQueriesContext(connection) as wide:
        titles(page)
    monkeypatch.setattr(base, "RELATED_WINDOW", 2)
    with CaptureQueriesContext(connection) as narrow:
        titles(page)
    assert len(wide.captured_queries) == len(narrow.captured_queries)
    assert "LIMIT 2" in " ".join(q["sql"] for q in narrow.captured_queries)
