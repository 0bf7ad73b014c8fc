"""The statistics demo: 15 indicators, the five districts' 21 new communes and 56 old ones, all SAMPLE."""

import io

import pytest

from content.demo_loader import DemoLoader
from stats import demo
from stats.models import DataValue, Indicator


@pytest.mark.django_db
def test_demo_loads_once_and_every_value_is_a_sample(units, client):
    demo.load(DemoLoader(io.StringIO()))
    count = DataValue.objects.count()
    demo.load(DemoLoader(io.StringIO()))
    assert DataValue.objects.count() == count
    assert Indicator.objects.count() == 15
    assert DataValue.objects.filter(period="2025").values("unit").distinct().count() == 21
    assert DataValue.objects.filter(period="2019").values("unit").distinct().count() == 56
    assert not DataValue.objects.filter(sample=False).exists()
    body = client.get("/api/v1/stats/values?indicator=poverty-rate&period=2025").json()
    assert body["count"] == 21 and all(i["sample"] for i in body["items"])
    assert "SAMPLE" in client.get("/en/statistics/indicators/poverty-rate/").content.decode()


@pytest.mark.django_db
def test_demo_publishes_one_periodic_report(units, client, settings, tmp_path):
    from stats.models import PeriodicReport

    settings.MEDIA_ROOT = str(tmp_path / "media")
    demo.load(DemoLoader(io.StringIO()))
    demo.load(DemoLoader(io.StringIO()))
    report = PeriodicReport.objects.get()
    assert report.status == "published" and report.sample and report.pdf_size > 1000
    page = client.get("/vi/statistics/reports/").content.decode()
    assert "SỐ LIỆU MẪU" in page and f"/vi/statistics/reports/{report.pk}.xlsx" in page
    assert client.get(f"/vi/statistics/reports/{report.pk}.pdf").status_code == 200
