"""The open data: every datapackage validates with frictionless, the DCAT catalogue
expands (pyld) into datasets whose download URLs answer 200, nothing private leaks,
and the files carry validators that change with the content."""

import csv
import io
import json
from urllib.parse import urlsplit

import pytest
from frictionless import Package, system
from pyld import jsonld
from rdflib import Graph, Namespace, URIRef

from content.models import AdministrativeUnit
from sharing.datasets import all_datasets

DCAT = Namespace("http://www.w3.org/ns/dcat#")
DCTERMS = Namespace("http://purl.org/dc/terms/")
RDF_TYPE = URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
PAGE_SLUGS = ["heritage-places", "festivals", "policies", "jobs", "health-services", "courses"]


def rows_of(client, slug):
    response = client.get(f"/data/{slug}.csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))


def test_every_dataset_is_registered(db):
    slugs = {d.slug for d in all_datasets()}
    assert {"administrative-units", *PAGE_SLUGS} <= slugs


def test_csv_has_public_pages_only(client, content):
    titles = {slug: [r["title_vi"] for r in rows_of(client, slug)] for slug in PAGE_SLUGS}
    assert titles["heritage-places"] == ["Tháp Dương Long"]
    assert titles["jobs"] == ["Việc còn hạn"]  # the closed posting leaves the list
    assert titles["courses"] == ["Khóa học công khai"]  # neither the sensitive nor the draft course
    place = rows_of(client, "heritage-places")[0]
    assert place["title_en"] == "Duong Long towers"
    assert place["unit_code"] == "21787" and place["latitude"] == "13.925" and place["longitude"] == "108.926"
    assert rows_of(client, "courses")[0]["lesson_count"] == "1"
    body = b"".join(client.get("/data/jobs.csv").streaming_content).decode()
    assert "0256 000 000" not in body  # an applicant line is not part of the dataset


@pytest.mark.parametrize("slug", ["administrative-units", *PAGE_SLUGS])
def test_datapackage_validates_with_frictionless(client, content, tmp_path, slug):
    """Each package, with its CSVs downloaded from the site, passes frictionless
    (types of every column, primary key, unit codes as a foreign key)."""
    descriptor = client.get(f"/data/{slug}/datapackage.json").json()
    for resource in descriptor["resources"]:
        assert all("type" in field for field in resource["schema"]["fields"])
        path = urlsplit(resource["path"]).path
        body = b"".join(client.get(path).streaming_content)
        local = tmp_path / f"{resource['name']}.csv"
        local.write_bytes(body)
        resource["path"] = local.name
    if slug in ("heritage-places", "festivals", "jobs", "health-services"):
        keys = descriptor["resources"][0]["schema"]["foreignKeys"]
        assert keys == [
            {"fields": "unit_code", "reference": {"resource": "administrative-units", "fields": "code"}}
        ]
    (tmp_path / "datapackage.json").write_text(json.dumps(descriptor))
    with system.use_context(trusted=True):
        report = Package(str(tmp_path / "datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def _validate_package(client, slug, tmp_path):
    descriptor = client.get(f"/data/{slug}/datapackage.json").json()
    for resource in descriptor["resources"]:
        body = b"".join(client.get(urlsplit(resource["path"]).path).streaming_content)
        (tmp_path / f"{resource['name']}.csv").write_bytes(body)
        resource["path"] = f"{resource['name']}.csv"
    (tmp_path / "datapackage.json").write_text(json.dumps(descriptor))
    with system.use_context(trusted=True):
        return Package(str(tmp_path / "datapackage.json")).validate()


def test_units_package_validates_with_the_reused_2025_codes(client, db, tmp_path):
    """The real 2025 units: NSO codes were reused (52, 21609…), so a unit's key is its
    code and its validity, and the package stays valid."""
    from django.core.management import call_command

    call_command("load_admin_units", stdout=io.StringIO())
    assert AdministrativeUnit.objects.filter(code="52").count() == 2
    report = _validate_package(client, "administrative-units", tmp_path)
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_frictionless_catches_a_broken_foreign_key(client, content, tmp_path):
    """The validation can fail: a unit code missing from the units table is reported."""
    descriptor = client.get("/data/heritage-places/datapackage.json").json()
    for resource in descriptor["resources"]:
        body = b"".join(client.get(urlsplit(resource["path"]).path).streaming_content).decode()
        if resource["name"] == "heritage-places":
            body = body.replace("21787", "99999")
        (tmp_path / f"{resource['name']}.csv").write_text(body)
        resource["path"] = f"{resource['name']}.csv"
    (tmp_path / "datapackage.json").write_text(json.dumps(descriptor))
    with system.use_context(trusted=True):
        report = Package(str(tmp_path / "datapackage.json")).validate()
    assert not report.valid
    assert "foreign-key" in {row[0] for row in report.flatten(["type"])}


def test_catalog_jsonld_expands_to_datasets_with_downloadable_distributions(client, content):
    response = client.get("/catalog.jsonld")
    assert response.status_code == 200 and response["Content-Type"] == "application/ld+json"
    expanded = jsonld.expand(json.loads(response.content))
    by_id = {node["@id"]: node for node in expanded}
    datasets = [n for n in expanded if str(DCAT.Dataset) in n.get("@type", [])]
    assert len(datasets) == len(all_datasets())
    for node in datasets:
        titles = {t["@language"] for t in node[str(DCTERMS.title)]}
        assert titles == {"vi", "en"}
        for key in (DCTERMS.publisher, DCTERMS.license, DCAT.contactPoint):
            assert str(key) in node, (node["@id"], key)
        distributions = node[str(DCAT.distribution)]
        assert len(distributions) == 2
        for ref in distributions:
            dist = by_id[ref["@id"]]
            url = dist[str(DCAT.downloadURL)][0]["@id"]
            answer = client.get(urlsplit(url).path)
            assert answer.status_code == 200, url
    places = next(n for n in datasets if n[str(DCTERMS.identifier)][0]["@value"] == "heritage-places")
    assert str(DCTERMS.spatial) in places and str(DCTERMS.modified) in places


def test_catalog_turtle_parses(client, content):
    response = client.get("/catalog.ttl")
    assert response.status_code == 200
    graph = Graph().parse(data=response.content.decode(), format="turtle")
    assert len(list(graph.subjects(RDF_TYPE, DCAT.Dataset))) == len(all_datasets())
    assert len(list(graph.subjects(RDF_TYPE, DCAT.Distribution))) == 2 * len(all_datasets())


def test_human_pages_with_schema_org_dataset(client, content):
    page = client.get("/vi/data/")
    assert page.status_code == 200 and "Di tích và địa điểm di sản" in page.content.decode()
    detail = client.get("/en/data/heritage-places/")
    html = detail.content.decode()
    assert detail.status_code == 200 and "Heritage places" in html
    start = html.index('<script type="application/ld+json">') + len('<script type="application/ld+json">')
    data = json.loads(html[start : html.index("</script>", start)])
    assert data["@type"] == "Dataset" and data["license"].startswith("https://creativecommons.org/licenses/by/4.0")
    assert {d["encodingFormat"] for d in data["distribution"]} == {"text/csv", "application/json"}
    assert client.get("/vi/data/no-such-thing/").status_code == 404
    assert client.get("/data/no-such-thing.csv").status_code == 404


def test_publishing_changes_csv_etag_and_catalog_modified(client, content):
    first = client.get("/data/heritage-places.csv")
    etag = first["ETag"]
    assert client.get("/data/heritage-places.csv", HTTP_IF_NONE_MATCH=etag).status_code == 304
    catalog_before = client.get("/catalog.jsonld").json()

    place = content["place"]
    place.title = "Tháp Dương Long (sửa)"
    place.save_revision().publish()

    second = client.get("/data/heritage-places.csv")
    assert second["ETag"] != etag
    assert "Tháp Dương Long (sửa)" in b"".join(second.streaming_content).decode()
    assert client.get("/catalog.jsonld").json() != catalog_before
