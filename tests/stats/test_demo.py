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
