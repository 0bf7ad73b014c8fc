"""Periodic reports: contents recomputed independently, PDF text read back with pypdf, XLSX read
back with openpyxl, drafts and submitted values never in a report, files stored and served only
once published, the admin screen for officers only."""

import io
from decimal import Decimal

import pytest
from django.core.files.storage import default_storage
from openpyxl import load_workbook

from stats import reporting, signals, tasks
from stats.models import PeriodicReport
from tests.factories import PeriodicReportFactory

REPORTS = "/admin/stats/reports/"


def denied(response):
    """Wagtail answers PermissionDenied in the admin with a redirect to the dashboard (and a message)."""
    return response.status_code == 403 or (response.status_code == 302 and response["Location"] == "/admin/")


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture
def figures(dataset, indicators, communes, put):
    a, b = communes
    put(indicators["households"], a, "2025", 100)
    put(indicators["households"], b, "2025", 300)
    put(indicators["households"], a, "2024", 80)
    put(indicators["poverty"], a, "2025", "10")
    put(indicators["poverty"], b, "2025", "20")
    put(indicators["poverty"], a, "2024", "12.5")
    put(indicators["population"], a, "2025", 5000)
    put(indicators["population"], b, "2025", 99999, status="submitted")  # never in a report
    put(indicators["population"], a, "2024", 77777, status="draft")  # never in a report
    v = put(indicators["households"], b, "2024", 250)
    v.sample = True
    v.save()
    return a, b


def test_contents_recomputed_independently(dataset, figures):
    a, b = figures
    contents = reporting.build_contents(PeriodicReportFactory(dataset=dataset, period="2025"))
    assert contents["previous"] == "2024"
    tables = {t["indicator"]: t for t in contents["tables"]}
    assert tables["households"]["total"] == Decimal(400)
    assert tables["households"]["total_previous"] == Decimal(330)
    assert tables["households"]["change"] == Decimal(70)
    rate = (Decimal(10) * 100 + Decimal(20) * 300) / Decimal(400)
    assert tables["poverty-rate"]["total"] == rate == Decimal("17.5")
    row_a = next(r for r in tables["poverty-rate"]["rows"] if r["unit_code"] == a.code)
    assert row_a["previous"] == Decimal("12.5") and row_a["change"] == Decimal("-2.5")
    population = {r["unit_code"]: r["value"] for r in tables["population"]["rows"]}
    assert population == {a.code: Decimal(5000), b.code: None}
    assert all(r["previous"] != Decimal(77777) for r in tables["population"]["rows"])
    assert [(m["indicator"], m["unit_code"]) for m in contents["missing"]] == [("population", b.code)]
    assert contents["summary"] == {
        "indicators": 3,
        "communes": 2,
        "expected": 6,
        "reported": 5,
        "completeness": Decimal("83.3"),
    }
    assert contents["sample"] is True  # b's 2024 households figure is a sample


def test_files_are_built_stored_and_read_back(dataset, figures):
    pypdf = pytest.importorskip("pypdf", reason="pypdf reads the PDF's text back (dev dependency)")
    a, b = figures
    report = PeriodicReportFactory(dataset=dataset, period="2025", notes="Ghi chú của cán bộ thống kê.")
    tasks.build_report.enqueue(report.pk)  # TASKS_BACKEND=immediate under pytest
    report.refresh_from_db()
    assert report.status == PeriodicReport.Status.READY, report.error
    assert report.pdf_size == default_storage.size(report.pdf_file.name) > 0
    assert report.xlsx_size == default_storage.size(report.xlsx_file.name) > 0
    assert report.sample and report.generated_at

    with default_storage.open(report.pdf_file.name, "rb") as f:
        text = "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(f.read())).pages)
    assert "Tỷ lệ hộ nghèo" in text and "Dữ liệu còn thiếu" in text  # Vietnamese letters, Vietnamese labels
    assert "17.5" in text and a.name in text and "Ghi chú của cán bộ thống kê." in text
    assert "SỐ LIỆU MẪU" in text  # SAMPLE, in the report's language
    assert "99" + "999" not in text.replace("\u202f", "") and "77777" not in text.replace("\u202f", "")

    with default_storage.open(report.xlsx_file.name, "rb") as f:
        book = load_workbook(io.BytesIO(f.read()))
    sheets = book.sheetnames
    households = book[next(s for s in sheets if s.endswith("households"))]
    rows = {r[0]: r for r in households.iter_rows(values_only=True) if r and r[0] in (a.code, b.code)}
    assert rows[a.code][2:5] == (100, 80, 20) and rows[b.code][2:5] == (300, 250, 50)
    everything = [c for ws in book for r in ws.iter_rows(values_only=True) for c in r if c is not None]
    assert 99999 not in everything and 77777 not in everything
    assert any("SỐ LIỆU MẪU" in str(c) for c in everything)
    missing = book[sheets[-2]]
    assert (b.code in [r[2] for r in missing.iter_rows(values_only=True)]) is True


def test_only_published_reports_are_listed_and_served(
    client, dataset, figures, django_capture_on_commit_callbacks
):
    report = PeriodicReportFactory(dataset=dataset, period="2025")
    tasks.generate(report)
    assert client.get(f"/vi/statistics/reports/{report.pk}.pdf").status_code == 404  # ready, not published
    assert dataset.label not in client.get("/vi/statistics/reports/").content.decode()
    received = []

    def listener(sender, report, **kwargs):
        received.append(report.pk)

    signals.report_published.connect(listener)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            tasks.publish(report)
    finally:
        signals.report_published.disconnect(listener)
    assert received == [report.pk]
    page = client.get("/vi/statistics/reports/").content.decode()
    assert dataset.label in page and report.published_at.astimezone().strftime("%d/%m/%Y") in page
    pdf = client.get(f"/vi/statistics/reports/{report.pk}.pdf")
    assert pdf.status_code == 200 and b"".join(pdf.streaming_content).startswith(b"%PDF")
    assert client.get(f"/vi/statistics/reports/{report.pk}.xlsx").status_code == 200
    assert client.get(f"/vi/statistics/reports/{report.pk}.exe").status_code == 404


def test_admin_reports_for_officers_only(
    client, dataset, figures, officer, reporter, django_capture_on_commit_callbacks
):
    client.force_login(reporter)
    assert denied(client.get(REPORTS))
    assert denied(client.post(REPORTS, {"dataset": dataset.pk, "period": "2025", "language": "vi"}))
    assert not PeriodicReport.objects.exists()

    client.force_login(officer)
    bad = client.post(REPORTS, {"action": "create", "dataset": dataset.pk, "period": "2025Q9", "language": "vi"})
    assert bad.status_code == 200 and not PeriodicReport.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        made = client.post(
            REPORTS, {"action": "create", "dataset": dataset.pk, "period": "2025", "language": "vi"}
        )
    assert made.status_code == 302
    report = PeriodicReport.objects.get()
    assert report.status == PeriodicReport.Status.READY and report.created_by == officer
    assert client.get(f"/admin/stats/reports/{report.pk}.pdf").status_code == 200
    client.post(REPORTS, {"action": "publish", "report": report.pk})
    report.refresh_from_db()
    assert report.status == PeriodicReport.Status.PUBLISHED and report.published_at
    client.force_login(reporter)
    assert denied(client.get(f"/admin/stats/reports/{report.pk}.pdf"))
