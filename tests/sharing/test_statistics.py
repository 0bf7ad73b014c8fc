"""Statistics in the sharing app: one open dataset per stats data set (approved values of
public indicators only, frictionless-valid, sample flagged), files and catalogue that
change when a value is approved, agency endpoints by scope, and the signed
``stats.values.approved`` webhook. Draft, submitted and restricted values appear nowhere."""

import csv
import datetime
import io
import json
from decimal import Decimal
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.utils import timezone
from frictionless import Package, system
from rdflib import Graph, Literal, Namespace
from standardwebhooks.webhooks import Webhook

from stats.models import DataValue
from stats.signals import values_approved
from tests.factories import DataSetFactory, DataValueFactory, IndicatorFactory

from .test_agency import bearer, create, token
from .test_webhooks_aggregates import Receiver, bearer_for

DCTERMS = Namespace("http://purl.org/dc/terms/")
SLUG = "statistics-households"
CSV = f"/data/{SLUG}.csv"
SECRET_FIGURES = ("43215.5", "65437", "98761")  # draft, submitted, restricted: never outside stats


@pytest.fixture
def figures(db, units):
    poor = IndicatorFactory(
        code="poor-households",
        name="Số hộ nghèo",
        name_en="Poor households",
        unit="households",
        value_type="integer",
        aggregation="sum",
    )
    rate = IndicatorFactory(
        code="water-rate",
        name="Tỷ lệ hộ dùng nước hợp vệ sinh",
        name_en="Households with clean water",
        unit="percent",
        value_type="percent",
        aggregation="none",
    )
    secret = IndicatorFactory(
        code="ethnic-poverty",
        name="Nghèo theo dân tộc",
        unit="households",
        value_type="integer",
        aggregation="sum",
        restricted=True,
    )
    dataset = DataSetFactory(code="households", name="Hộ gia đình", name_en="Households")
    dataset.indicators.set([poor, rate, secret])
    commune, other = units["commune"], units["other"]
    approved = timezone.now().replace(microsecond=0) - datetime.timedelta(days=2)

    def put(indicator, unit, value, status="approved", disaggregation="", sample=True):
        return DataValueFactory(
            indicator=indicator,
            unit=unit,
            period="2024",
            value=Decimal(value),
            status=status,
            disaggregation=disaggregation,
            sample=sample,
            approved_at=approved if status == "approved" else None,
        )

    values = {
        "poor": put(poor, commune, "120"),
        "poor_female": put(poor, commune, "61", disaggregation="sex=F"),
        "rate": put(rate, other, "87.5"),
        "draft": put(rate, commune, "43215.5", status="draft"),
        "submitted": put(poor, other, "65437", status="submitted"),
        "restricted": put(secret, commune, "98761"),
    }
    return {"dataset": dataset, "poor": poor, "rate": rate, "secret": secret, **values}


def csv_rows(client, path=CSV):
    response = client.get(path)
    assert response.status_code == 200
    return response, list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))


def catalog_modified(client, slug=SLUG):
    graph = Graph().parse(data=client.get("/catalog.ttl").content.decode(), format="turtle")
    node = next(graph.subjects(DCTERMS.identifier, Literal(slug)))
    return graph.value(node, DCTERMS.modified)


def test_one_dataset_per_stats_data_set_with_approved_public_values(client, figures):
    _, rows = csv_rows(client)
    assert sorted((r["indicator_code"], r["unit_code"], r["disaggregation"], r["value"]) for r in rows) == [
        ("poor-households", "21787", "sex=F", "61"),
        ("poor-households", "21787", "total", "120"),
        ("water-rate", "21610", "total", "87.5"),
    ]
    assert {r["sample"] for r in rows} == {"true"}
    package = client.get(f"/data/{SLUG}/datapackage.json").json()
    assert package["x_sample"] is True and "SAMPLE DATA" in package["description"]
    assert "SỐ LIỆU MẪU" in package["x_description_vi"]
    assert "ethnic-poverty" not in json.dumps(package)  # a restricted indicator is not even named


def test_stats_datapackage_validates_with_frictionless(client, figures, tmp_path):
    descriptor = client.get(f"/data/{SLUG}/datapackage.json").json()
    schema = descriptor["resources"][0]["schema"]
    types = {field["name"]: field["type"] for field in schema["fields"]}
    assert types["value"] == "number" and types["sample"] == "boolean" and types["approved_at"] == "datetime"
    assert schema["primaryKey"] == ["indicator_code", "unit_code", "period", "disaggregation"]
    assert schema["foreignKeys"] == [
        {"fields": "unit_code", "reference": {"resource": "administrative-units", "fields": "code"}}
    ]
    for resource in descriptor["resources"]:
        body = b"".join(client.get(urlsplit(resource["path"]).path).streaming_content)
        (tmp_path / f"{resource['name']}.csv").write_bytes(body)
        resource["path"] = f"{resource['name']}.csv"
    (tmp_path / "datapackage.json").write_text(json.dumps(descriptor))
    with system.use_context(trusted=True):
        report = Package(str(tmp_path / "datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_approving_a_value_changes_csv_catalogue_modified_and_etag(client, figures):
    first, rows = csv_rows(client)
    etag = first["ETag"]
    assert client.get(CSV, HTTP_IF_NONE_MATCH=etag).status_code == 304
    modified_before = catalog_modified(client)
    assert modified_before is not None

    submitted = figures["submitted"]
    submitted.approve(user=None)
    submitted.save()

    second, rows_after = csv_rows(client)
    assert second["ETag"] != etag
    assert len(rows_after) == len(rows) + 1 and "65437" in {r["value"] for r in rows_after}
    assert catalog_modified(client).toPython() > modified_before.toPython()
    assert client.get(CSV, HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_draft_submitted_and_restricted_values_appear_nowhere(client, figures):
    issued_id, issued_secret = create("so-ke-hoach", "stats:read,content:read")
    read = bearer(token(client, issued_id, issued_secret).json()["access_token"])
    answers = [
        b"".join(client.get(CSV).streaming_content).decode(),
        client.get(f"/data/{SLUG}/datapackage.json").content.decode(),
        client.get("/catalog.jsonld").content.decode(),
        client.get("/catalog.ttl").content.decode(),
        client.get(f"/api/v1/agency/datasets/{SLUG}", **read).content.decode(),
        client.get("/api/v1/agency/stats/values", **read).content.decode(),
    ]
    for body in answers:
        for figure in SECRET_FIGURES:
            assert figure not in body
    values = client.get("/api/v1/agency/stats/values", **read).json()
    assert values["count"] == 3 and {v["indicator"] for v in values["values"]} == {"poor-households", "water-rate"}
    forbidden = client.get("/api/v1/agency/stats/restricted-values", **read)
    assert forbidden.status_code == 403 and forbidden.json()["code"] == "insufficient_scope"


def test_restricted_scope_flow_and_revocation(client, figures):
    client_id, secret = create("so-lao-dong", "stats:restricted")
    access = token(client, client_id, secret).json()["access_token"]
    answer = client.get("/api/v1/agency/stats/restricted-values?period=2024", **bearer(access))
    assert answer.status_code == 200, answer.content
    got = {(v["indicator"], v["unit_code"], v["disaggregation_key"]): v["value"] for v in answer.json()["values"]}
    assert got[("ethnic-poverty", "21787", "")] == 98761  # restricted, with stats:restricted
    assert 43215.5 not in got.values() and 65437 not in got.values()  # still approved only
    assert all(v["sample"] is True for v in answer.json()["values"])
    bad = client.get("/api/v1/agency/stats/restricted-values?period=2024X", **bearer(access))
    assert bad.status_code == 400 and bad.json()["code"] == "invalid_period"

    content_id, content_secret = create("so-vhtt", "content:read")
    content_only = token(client, content_id, content_secret).json()["access_token"]
    assert client.get("/api/v1/agency/stats/restricted-values", **bearer(content_only)).status_code == 403

    call_command("revoke_api_client", "so-lao-dong", stdout=io.StringIO())
    revoked = client.get("/api/v1/agency/stats/restricted-values", **bearer(access))
    assert revoked.status_code == 401


def test_values_approved_delivers_a_signed_webhook(
    client, figures, units, settings, django_capture_on_commit_callbacks
):
    settings.WEBHOOK_ALLOW_PRIVATE_NETWORKS = True
    headers = bearer_for(client, ["webhooks"])
    receiver = Receiver()
    try:
        created = client.post(
            "/api/v1/webhooks",
            {"url": receiver.url, "events": ["stats.values.approved", "dataset.updated"]},
            "application/json",
            **headers,
        )
        assert created.status_code == 201
        secret = created.json()["secret"]
        with django_capture_on_commit_callbacks(execute=True):
            values_approved.send(
                sender=DataValue, dataset=figures["dataset"], period="2024", units=[units["commune"]]
            )
        payloads = [
            Webhook(secret).verify(body, {k.lower(): v for k, v in h.items()}) for h, body in receiver.received
        ]
        by_type = {p["type"]: p["data"] for p in payloads}
        assert by_type["stats.values.approved"] == {"dataset": "households", "period": "2024", "units": ["21787"]}
        assert by_type["dataset.updated"]["dataset"] == SLUG
        for payload in payloads:  # names what changed, never a figure
            assert not set(SECRET_FIGURES) & set(json.dumps(payload["data"]).split('"'))
            assert "value" not in payload["data"]
    finally:
        receiver.stop()
