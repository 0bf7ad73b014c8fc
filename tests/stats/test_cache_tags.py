"""A statistics write makes stale what shows statistics, nothing else (issue 20:
invalidation per page). Data values, indicators and data sets are tagged models of
``stats``: a write bumps ``app:stats`` only, and every query of them records that tag
(``content.cachetags.TaggedReadsManager``), so the statistics pages, the statistics API
and the open data follow a change at once while heritage pages stay kept."""

import re

import pytest

from content.models import AdministrativeUnit
from stats.models import DataValue
from tests.factories import FestivalPageFactory, HeritageIndexPageFactory
from tests.stats.conftest import JULY

pytestmark = pytest.mark.django_db


def _digits(response):
    """The response's text with thousands separators (dot, comma, thin spaces) taken out."""
    return re.sub(r"(?<=\d)[.,\s\u202f\xa0](?=\d{3})", "", response.content.decode())


def _hit(client, url):
    return client.get(url)["X-Cache"] == "HIT"


@pytest.fixture
def festival(home):
    index = HeritageIndexPageFactory(parent=home, title="Lễ hội", slug="le-hoi", listing="festivals")
    page = FestivalPageFactory(parent=index, title="Lễ mừng lúa mới", slug="lua-moi")
    page.save_revision().publish()
    return "/vi/le-hoi/lua-moi/"


def test_approving_a_value_renews_statistics_and_keeps_heritage_pages(client, festival, units, indicators, put):
    commune = AdministrativeUnit.objects.by_code("21609", at=JULY)
    value = put(indicators["households"], commune, "2025", 4321, status="submitted")
    showing = [
        "/vi/statistics/communes/21609/",
        "/vi/statistics/indicators/households/",
        "/api/v1/stats/values?indicator=households",
    ]
    unrelated = [festival, "/api/v1/festivals?locale=vi"]
    for url in showing + unrelated:
        assert client.get(url).status_code == 200, url
        assert _hit(client, url), url
    assert all("4321" not in _digits(client.get(url)) for url in showing)

    value.status = DataValue.Status.APPROVED
    value.save()

    for url in showing:
        response = client.get(url)
        assert response["X-Cache"] == "MISS", url
        assert "4321" in _digits(response), url
    for url in unrelated:
        assert _hit(client, url), url  # a figure is not a page: the site stays kept


def test_a_statistics_query_records_the_app_tag():
    from content.cachetags import collecting

    with collecting() as collector:
        list(DataValue.objects.approved()[:1])
    assert "app:stats" in collector.tags
    with collecting() as collector:
        from stats.models import Indicator

        Indicator.objects.filter(code="none").exists()
    assert collector.tags == {"app:stats"}
