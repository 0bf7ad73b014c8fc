"""Fixtures shared by the page-cache tests (local memory and Redis)."""

import pytest

from tests.factories import FestivalPageFactory, HeritageIndexPageFactory


@pytest.fixture
def festival(home):
    index = HeritageIndexPageFactory(parent=home, title="Lễ hội", slug="le-hoi", listing="festivals")
    page = FestivalPageFactory(parent=index, title="Lễ mừng lúa mới", slug="lua-moi")
    page.save_revision().publish()
    return page


@pytest.fixture
def kept(client, festival):
    """The festival page kept by the page cache (a miss, then a hit through Django)."""
    url = "/vi/le-hoi/lua-moi/"
    assert client.get(url)["X-Cache"] == "MISS"
    hit = client.get(url)
    assert hit["X-Cache"] == "HIT"
    return url, hit
