"""Admin import: dry-run preview listing every error by row and column, then confirm;
one bad row stores nothing; templates per data set in CSV and XLSX."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from stats.importer import read_rows
from stats.models import DataValue

IMPORT = "/admin/stats/import/"


def upload(text, name="values.csv"):
    return SimpleUploadedFile(name, ("\ufeff" + text).encode("utf-8"), content_type="text/csv")


@pytest.mark.django_db
def test_a_bad_row_stores_nothing_and_the_page_names_the_row(client, indicators, communes, officer):
    a = communes[0]
    text = f"chi_tieu;ma_don_vi;ky;gia_tri\nhouseholds;{a.code};2025;10\npoverty-rate;{a.code};2025;130\n"
    client.force_login(officer)
    response = client.post(IMPORT, {"file": upload(text)})
    html = response.content.decode()
    assert response.status_code == 200 and "Chưa lưu gì" in html
    errors = response.context["result"].errors
    assert [(e["row"], e["column"]) for e in errors] == [(3, "value")]
    assert '<tr class="stats-error"><td>3</td><td>value</td>' in html
    assert DataValue.objects.count() == 0
    # no confirmation is offered, and a forged one finds nothing waiting
    assert 'name="confirm"' not in html
    client.post(IMPORT, {"confirm": "1"})
    assert DataValue.objects.count() == 0


@pytest.mark.django_db
def test_a_good_file_is_previewed_then_stored_as_submitted(client, indicators, communes, reporter):
    a = communes[0]
    text = f"indicator;unit;period;value\nhouseholds;{a.code};2025;10\npoverty-rate;{a.code};2025;12,5\n"
    client.force_login(reporter)
    preview = client.post(IMPORT, {"file": upload(text)})
    assert 'name="confirm"' in preview.content.decode() and DataValue.objects.count() == 0
    done = client.post(IMPORT, {"confirm": "1"})
    assert done.status_code == 302
    assert sorted(DataValue.objects.values_list("status", flat=True)) == ["submitted", "submitted"]
    assert client.get("/api/v1/stats/values").json()["count"] == 0


@pytest.mark.django_db
def test_a_reporter_cannot_import_for_another_commune(client, indicators, communes, reporter):
    b = communes[1]
    client.force_login(reporter)
    response = client.post(IMPORT, {"file": upload(f"indicator;unit;period;value\nhouseholds;{b.code};2025;10\n")})
    assert response.context["result"].errors and DataValue.objects.count() == 0


@pytest.mark.django_db
def test_templates_in_csv_and_xlsx_read_back_by_the_importer(client, dataset, officer):
    client.force_login(officer)
    csv_response = client.get(f"/admin/stats/templates/{dataset.code}.csv")
    assert csv_response.status_code == 200 and csv_response["Content-Type"].startswith("text/csv")
    header, rows = read_rows(csv_response.content, "t.csv")
    assert {r[1]["indicator"] for r in rows} == {"households", "poverty-rate", "population"}
    xlsx = client.get(f"/admin/stats/templates/{dataset.code}.xlsx")
    assert xlsx.status_code == 200
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert [c.value for c in sheet[1]][:5] == ["indicator", "unit", "period", "disaggregation", "value"]
    header, rows = read_rows(xlsx.content, "t.xlsx")
    assert {r[1]["indicator"] for r in rows} == {"households", "poverty-rate", "population"}
    assert client.get("/admin/stats/templates/nope.csv", follow=True).status_code == 404


@pytest.mark.django_db
def test_a_reporter_cannot_change_an_approved_value_by_import(client, indicators, communes, reporter, put):
    a = communes[0]
    put(indicators["households"], a, "2025", 77)
    client.force_login(reporter)
    response = client.post(IMPORT, {"file": upload(f"indicator;unit;period;value\nhouseholds;{a.code};2025;78\n")})
    assert [(e["row"], e["column"]) for e in response.context["result"].errors] == [(2, "value")]
    value = DataValue.objects.get()
    assert value.value == 77 and value.status == "approved"
