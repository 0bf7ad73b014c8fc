"""The statistics pages' schema.org JSON-LD, read as a consumer reads it (PyLD and the
schema.org vocabulary, ``tests.validators.schemaorg``): an indicator and a commune profile
are ``Dataset``s with what is measured, where and when; the index and the reports page are
``CollectionPage``s of described items; approved public values only; absolute URLs; the
language of the page."""

import json
import re
from datetime import date

import pytest
from django.utils import timezone

from content.models import AdministrativeUnit
from stats.models import PeriodicReport
from tests.factories import PeriodicReportFactory
from tests.validators import schemaorg

JULY = date(2025, 7, 1)
SCRIPT = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)
HTML_LANG = re.compile(r'<html lang="([^"]+)"')


def document(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    html = response.content.decode()
    found = schemaorg.flatten_documents(json.loads(block) for block in SCRIPT.findall(html))
    assert len(found) == 1, path
    assert schemaorg.problems(found, path) == []
    assert found[0]["inLanguage"] == HTML_LANG.search(html).group(1)
    return found[0], html


@pytest.fixture
def figures(units, indicators, put):
    commune = AdministrativeUnit.objects.by_code("21609", at=JULY)
    old = [s.predecessor for s in commune.succession_from.all()]
    put(indicators["households"], commune, "2025", 310)
    put(indicators["households"], old[0], "2024", 100)
    put(indicators["poverty"], commune, "2025", 12)
    put(indicators["households"], commune, "2026", 999999, status="submitted")  # never public
    indicators["road"].restricted = True  # kept inside the administration
    indicators["road"].save()
    put(indicators["road"], commune, "2025", 1)
    return commune


@pytest.mark.django_db
def test_indicator_page_is_a_dataset(client, figures):
    data, _html = document(client, "/vi/statistics/indicators/households/")
    assert data["@type"] == "Dataset" and data["name"] == "Số hộ" and data["inLanguage"] == "vi"
    assert data["url"] == "http://testserver/vi/statistics/indicators/households/"
    assert data["variableMeasured"]["propertyID"] == "households"
    assert data["temporalCoverage"] == "2024-01-01/2025-12-31"  # the submitted 2026 value is not public
    assert {p["identifier"] for p in data["spatialCoverage"]} >= {"21609"}
    assert data["distribution"]["contentUrl"].startswith("http://testserver/api/v1/stats/values.csv?")
    assert "999999" not in json.dumps(data)
    english, _html = document(client, "/en/statistics/indicators/households/")
    assert english["name"] == "Households" and english["inLanguage"] == "en"


@pytest.mark.django_db
def test_commune_profile_is_a_dataset_of_its_public_indicators(client, figures):
    data, _html = document(client, "/vi/statistics/communes/21609/")
    assert data["@type"] == "Dataset" and data["identifier"] == "21609"
    measured = {v["propertyID"]: v.get("value") for v in data["variableMeasured"]}
    assert measured["households"] == 310 and "paved-road" not in measured  # restricted stays inside
    assert data["spatialCoverage"]["containedInPlace"]["identifier"] == "52"
    assert data["temporalCoverage"].endswith("2025-12-31")
    assert "999999" not in json.dumps(data)


@pytest.mark.django_db
def test_index_lists_indicators_and_communes_as_datasets(client, figures):
    data, _html = document(client, "/vi/statistics/")
    assert data["@type"] == "CollectionPage"
    items = [element["item"] for element in data["mainEntity"]["itemListElement"]]
    urls = {item["url"] for item in items}
    assert "http://testserver/vi/statistics/indicators/households/" in urls
    assert "http://testserver/vi/statistics/communes/21609/" in urls
    assert "http://testserver/vi/statistics/indicators/paved-road/" not in urls
    assert all(item["@type"] == "Dataset" for item in items)


@pytest.mark.django_db
def test_reports_page_lists_published_reports_only(client, dataset):
    published = PeriodicReportFactory(
        dataset=dataset, period="2025", status=PeriodicReport.Status.PUBLISHED, published_at=timezone.now()
    )
    PeriodicReportFactory(dataset=dataset, period="2024", status=PeriodicReport.Status.READY)
    data, _html = document(client, "/vi/statistics/reports/")
    items = [element["item"] for element in data["mainEntity"]["itemListElement"]]
    assert len(items) == 1 and items[0]["@type"] == "Report"
    assert items[0]["url"] == f"http://testserver/vi/statistics/reports/{published.pk}.pdf"
    assert items[0]["temporalCoverage"] == "2025-01-01/2025-12-31"
    empty = client.get("/en/statistics/reports/")
    assert empty.status_code == 200
