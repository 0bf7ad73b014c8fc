"""SQL queries per page view do not grow with gallery images or related items."""

import pytest
from django.test import Client

from tests.factories import FestivalPageFactory, HeritageImageFactory, PlacePageFactory, StoryPageFactory

MAX_QUERIES = 40


@pytest.fixture(autouse=True)
def _render_every_time(settings):
    """Measure rendering, not the caches: the page cache in front of it, or kept
    fragments (with the page cache off they are reused from the third visit on)."""
    settings.PAGE_CACHE_ENABLED = False
    settings.FRAGMENT_CACHE_ENABLED = False


def gallery(n):
    images = [HeritageImageFactory() for _ in range(n)]
    return [
        {
            "type": "gallery",
            "value": {
                "title": "Ảnh",
                "images": [{"image": img.pk, "caption": f"Ảnh {i}", "alt": ""} for i, img in enumerate(images)],
            },
        }
    ]


def build(indexes, groups, units, size):
    """A story with ``size`` gallery images and ``size`` related pages of each type."""
    group = groups["ba-na"]
    story = StoryPageFactory(
        parent=indexes["stories"],
        title=f"Câu chuyện {size}",
        unit=units["commune"],
        hero_image=HeritageImageFactory(),
        body=gallery(size),
    )
    story.groups.set([group])
    story.save_revision().publish()
    for i in range(size):
        for factory, parent in (
            (StoryPageFactory, "stories"),
            (FestivalPageFactory, "festivals"),
            (PlacePageFactory, "places"),
        ):
            factory(
                parent=indexes[parent],
                title=f"Liên quan {parent} {size}-{i}",
                unit=units["commune"],
                hero_image=HeritageImageFactory(),
            )
    return story


@pytest.mark.parametrize("size", [1, 8])
def test_story_queries_constant(indexes, groups, units, size, django_assert_max_num_queries):
    story = build(indexes, groups, units, size)
    client = Client()
    assert client.get(story.url).status_code == 200  # first view creates the renditions
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(story.url)
    assert response.status_code == 200
    assert response.content.decode().count('class="picture"') >= size


def test_counts_equal_at_two_sizes(indexes, groups, units):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    stories = [build(indexes, groups, units, size) for size in (1, 8)]
    client = Client()
    for story in stories:  # warm caches and renditions
        client.get(story.url)
    counts = []
    for story in stories:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(story.url).status_code == 200
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1], counts


def test_index_and_calendar_queries_constant(indexes, groups, units):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = {"index": [], "calendar": [], "map": []}
    for size in (2, 10):
        for i in range(size):
            FestivalPageFactory(
                parent=indexes["festivals"],
                title=f"Lễ {size}-{i}",
                unit=units["commune"],
                hero_image=HeritageImageFactory(),
            )
            PlacePageFactory(
                parent=indexes["places"],
                title=f"Nơi {size}-{i}",
                latitude="14.1",
                longitude="108.9",
                unit=units["district"],
            )
        client = Client()
        for name, url in (
            ("index", indexes["festivals"].url),
            ("calendar", "/vi/festivals/calendar/"),
            ("map", "/vi/places/map/"),
        ):
            client.get(url)
            with CaptureQueriesContext(connection) as ctx:
                assert client.get(url).status_code == 200
            counts[name].append(len(ctx.captured_queries))
    for name, (small, large) in counts.items():
        assert small == large, (name, counts[name])
