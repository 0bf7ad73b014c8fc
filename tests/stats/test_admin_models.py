"""The officers' admin screens for indicators, data sets and reporters' communes: officers list,
add and change; a commune reporter is refused every one of them."""

import pytest
from django.urls import reverse

from stats.models import DataSet, Indicator, ReporterCommune

SCREENS = ("stats_indicators", "stats_datasets", "stats_reporter_communes")


def refused(answer):
    """Wagtail answers a refused admin screen with a redirect to the dashboard (or a 403)."""
    return answer.status_code == 403 or (answer.status_code == 302 and answer["Location"] == "/admin/")


@pytest.mark.parametrize("name", SCREENS)
def test_commune_reporters_are_refused(client, reporter, indicators, dataset, name):
    client.force_login(reporter)
    assert refused(client.get(reverse(f"{name}:index")))
    assert refused(client.get(reverse(f"{name}:add")))
    assert refused(client.post(reverse("stats_indicators:add"), {"code": "x"}))
    assert "/admin/stats/indicators/" not in client.get("/admin/").content.decode()


def test_officers_define_indicators_datasets_and_reporters(client, officer, reporter, indicators, communes):
    client.force_login(officer)
    for name in SCREENS:
        assert client.get(reverse(f"{name}:index")).status_code == 200
    home = client.get("/admin/").content.decode()
    assert "/admin/stats/indicators/" in home
    form = {
        "code": "near-poverty",
        "name": "Tỷ lệ hộ cận nghèo",
        "name_en": "Near-poverty rate",
        "unit": "percent",
        "value_type": "percent",
        "aggregation": "weighted_mean",
        "frequency": "yearly",
        "sort_order": 3,
    }
    missing_denominator = client.post(reverse("stats_indicators:add"), form)
    assert missing_denominator.status_code == 200 and not Indicator.objects.filter(code="near-poverty").exists()
    made = client.post(
        reverse("stats_indicators:add"),
        {**form, "denominator": indicators["households"].pk, "disaggregations": ["ethnicity"]},
    )
    assert made.status_code == 302
    near = Indicator.objects.get(code="near-poverty")
    assert near.disaggregations == ["ethnicity"] and near.denominator == indicators["households"]
    client.post(
        reverse("stats_datasets:add"),
        {"code": "ngheo", "name": "Nghèo", "period_kind": "year", "indicators": [near.pk]},
    )
    assert list(DataSet.objects.get(code="ngheo").indicators.all()) == [near]
    client.post(reverse("stats_reporter_communes:add"), {"user": reporter.pk, "unit": communes[1].pk})
    assert ReporterCommune.objects.filter(user=reporter, unit=communes[1]).exists()
