"""/api/v1/stats/: units across 2025, approved values only, derived province totals, CSV."""

import csv
import io
from datetime import date

import pytest

from content.models import AdministrativeUnit

JUNE, JULY = date(2025, 6, 30), date(2025, 7, 1)
OLD_CSV = "content/data/source/former-binh-dinh-communes-2025.csv"


@pytest.mark.django_db
def test_every_old_commune_resolves_through_the_units_api(client, units, settings):
    rows = list(csv.DictReader(open(settings.BASE_DIR / OLD_CSV, encoding="utf-8")))
    old = client.get("/api/v1/stats/units?level=commune&at=2025-06-30").json()["items"]
    by_code = {u["code"]: u for u in old}
    for row in rows:
        unit = by_code[row["old_code"]]
        assert {"unit": unit["successors"][0]["unit"]} and (row["new_code"], row["relation"]) in {
            (s["unit"]["code"], s["relation"]) for s in unit["successors"]
        }
    split = client.get("/api/v1/stats/units/21634?at=2025-06-30").json()  # An Nghĩa
    assert split["valid_to"] == "2025-06-30"
    assert {s["relation"] for s in split["successors"]} == {"part"} and len(split["successors"]) == 2
    new = client.get("/api/v1/stats/units/21609?at=2025-07-01").json()
    assert new["name"] == "Xã An Lão" and new["latitude"] and len(new["predecessors"]) == 3


@pytest.mark.django_db
def test_units_api_refuses_bad_input(client, units):
    assert client.get("/api/v1/stats/units?at=yesterday").status_code == 400
    assert client.get("/api/v1/stats/units?level=galaxy").status_code == 400
    assert client.get("/api/v1/stats/units?colour=red").status_code == 400
    assert client.get("/api/v1/stats/units/99999").status_code == 404


@pytest.mark.django_db
def test_values_are_approved_only_and_the_province_total_is_derived(client, units, indicators, put):
    gia_lai = AdministrativeUnit.objects.by_code("52", at=JULY)
    a, b = AdministrativeUnit.objects.communes().valid_on(JULY).filter(parent=gia_lai)[:2]
    put(indicators["households"], a, "2025", 100)
    put(indicators["households"], b, "2025", 50)
    put(indicators["households"], b, "2024Q1", 7, status="submitted")
    value = put(indicators["poverty"], a, "2025", 20)
    value.sample = True
    value.save()
    body = client.get("/api/v1/stats/values?indicator=households").json()
    assert sorted(i["value"] for i in body["items"]) == [50, 100]
    assert all(not i["derived"] for i in body["items"])
    body = client.get("/api/v1/stats/values?unit=52&indicator=households&period=2025&at=2025-12-31").json()
    assert body["items"][0]["derived"] and body["items"][0]["value"] == 150 and body["items"][0]["rule"]
    children = client.get("/api/v1/stats/values?unit=52&children=true&at=2025-12-31").json()
    assert children["count"] == 3
    assert [i["sample"] for i in children["items"] if i["indicator"] == "poverty-rate"] == [True]
    assert client.get("/api/v1/stats/values?period=2024Q9").status_code == 400
    first = client.get("/api/v1/stats/values")
    assert client.get("/api/v1/stats/values", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304


@pytest.mark.django_db
def test_values_csv_streams_approved_values(client, units, indicators, put):
    commune = AdministrativeUnit.objects.by_code("21787", at=JULY)
    put(indicators["households"], commune, "2025", 100)
    put(indicators["households"], commune, "2024", 90, status="draft")
    response = client.get("/api/v1/stats/values.csv")
    assert response.streaming
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert [(r["indicator"], r["unit_code"], r["period"], r["value"], r["sample"]) for r in rows] == [
        ("households", "21787", "2025", "100.0000", "false")
    ]


@pytest.mark.django_db
def test_indicators_api(client, indicators):
    body = client.get("/api/v1/stats/indicators").json()
    poverty = next(i for i in body["items"] if i["code"] == "poverty-rate")
    assert poverty["denominator"] == "households" and poverty["target"]["value"] == 10
    assert client.get("/api/v1/stats/indicators/nope").status_code == 404
