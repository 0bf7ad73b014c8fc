"""Admin data entry and approval: reporter → submit → officer approval → public; nothing
unapproved leaks; a reporter stays inside their communes; approval announces itself once."""

import json

import pytest

from stats.models import DataValue
from stats.signals import values_approved

ENTRY, APPROVAL = "/admin/stats/entry/", "/admin/stats/approval/"


def entry_url(dataset, unit, period="2025"):
    return f"{ENTRY}?dataset={dataset.pk}&unit={unit.pk}&period={period}"


def fields(dataset, indicators, **values):
    """POST data: ``households=12`` → the households total field."""
    data = {}
    for code, value in values.items():
        data[f"v-{indicators[code].pk}-"] = value
    return data


@pytest.mark.django_db
def test_reporter_entry_submit_officer_approval_then_public(
    client, dataset, indicators, communes, reporter, officer, django_capture_on_commit_callbacks
):
    a = communes[0]
    client.force_login(reporter)
    page = client.get(entry_url(dataset, a))
    html = page.content.decode()
    assert page.status_code == 200 and "Lưu nháp" in html and "Gửi duyệt" in html
    # the population row has a column per sex and ethnicity option
    assert f'name="v-{indicators["population"].pk}-sex=F"' in html
    data = fields(dataset, indicators, households="120", poverty="12.5")
    data[f"v-{indicators['population'].pk}-sex=F"] = "300"
    response = client.post(entry_url(dataset, a), {**data, "action": "draft"})
    assert response.status_code == 302
    assert set(DataValue.objects.values_list("status", flat=True)) == {"draft"}
    assert DataValue.objects.count() == 3
    api = client.get("/api/v1/stats/values?indicator=households").json()
    assert api["count"] == 0
    client.post(entry_url(dataset, a), {**data, "action": "submit"})
    assert set(DataValue.objects.values_list("status", flat=True)) == {"submitted"}
    assert client.get("/api/v1/stats/values?indicator=households").json()["count"] == 0
    page = client.get("/vi/statistics/indicators/households/").content.decode()
    assert "120" not in page.replace("1200", "")
    # a reporter cannot approve
    denied = client.get(APPROVAL)
    assert denied.status_code == 302 and denied["Location"] == "/admin/"  # Wagtail's answer to PermissionDenied

    client.force_login(officer)
    listing = client.get(APPROVAL).content.decode()
    assert a.name in listing and "Hộ gia đình và nghèo" in listing
    received = []

    def listener(sender, dataset, period, units, **kwargs):
        received.append((sender, dataset.pk, period, [u.pk for u in units]))

    values_approved.connect(listener)
    try:
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            response = client.post(
                APPROVAL, {"dataset": dataset.pk, "unit": a.pk, "period": "2025", "action": "approve"}
            )
    finally:
        values_approved.disconnect(listener)
    assert response.status_code == 302 and len(callbacks) == 1
    assert received == [(DataValue, dataset.pk, "2025", [a.pk])]
    value = DataValue.objects.get(indicator=indicators["households"])
    assert value.status == "approved" and value.approved_by == officer and value.approved_at
    body = client.get("/api/v1/stats/values?indicator=households").json()
    assert [(i["value"], i["unit"]["code"]) for i in body["items"]] == [(120, a.code)]
    assert value.history.count() == 3  # draft, submitted, approved


@pytest.mark.django_db
def test_form_errors_for_bad_period_percentages_and_negative_counts(
    client, dataset, indicators, communes, reporter
):
    a = communes[0]
    client.force_login(reporter)
    page = client.get(entry_url(dataset, a, period="2025Q9")).content.decode()
    assert "error" in page and 'id="stats-values"' not in page
    data = fields(dataset, indicators, households="-4", poverty="101")
    response = client.post(entry_url(dataset, a), {**data, "action": "submit"})
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors[f"v-{indicators['households'].pk}-"] and form.errors[f"v-{indicators['poverty'].pk}-"]
    assert DataValue.objects.count() == 0


@pytest.mark.django_db
def test_reporter_of_commune_a_cannot_read_or_write_commune_b(
    client, dataset, indicators, communes, reporter, put
):
    a, b = communes
    put(indicators["households"], b, "2025", 4321, status="draft")
    client.force_login(reporter)
    # a 404 (the locale middleware first tries /vi/admin/…, which is no page either)
    response = client.get(entry_url(dataset, b), follow=True)
    assert response.status_code == 404 and "4321" not in response.content.decode()
    response = client.post(
        entry_url(dataset, b), {**fields(dataset, indicators, households="9"), "action": "submit"}
    )
    assert response.status_code in (302, 404) and not response.get("Location", "").startswith("/admin/")
    assert DataValue.objects.get(unit=b).value == 4321 and DataValue.objects.count() == 1
    # the unit list offers commune A only
    choices = client.get(ENTRY).context["selection"].fields["unit"].queryset
    assert list(choices) == [a]


@pytest.mark.django_db
def test_an_approved_value_is_read_only_for_the_reporter(client, dataset, indicators, communes, reporter, put):
    a = communes[0]
    put(indicators["households"], a, "2025", 77)
    client.force_login(reporter)
    response = client.post(
        entry_url(dataset, a), {**fields(dataset, indicators, households="78"), "action": "submit"}
    )
    assert response.status_code == 302
    value = DataValue.objects.get(unit=a)
    assert value.value == 77 and value.status == "approved"


@pytest.mark.django_db
def test_return_to_draft_needs_a_comment_and_keeps_values_private(
    client, dataset, indicators, communes, officer, put
):
    a = communes[0]
    put(indicators["households"], a, "2025", 55, status="submitted")
    client.force_login(officer)
    client.post(APPROVAL, {"dataset": dataset.pk, "unit": a.pk, "period": "2025", "action": "return"})
    assert DataValue.objects.get().status == "submitted"
    client.post(
        APPROVAL,
        {"dataset": dataset.pk, "unit": a.pk, "period": "2025", "action": "return", "comment": "Sai số hộ"},
    )
    value = DataValue.objects.get()
    assert value.status == "draft" and value.comment == "Sai số hộ"
    assert client.get("/api/v1/stats/values").json()["count"] == 0


@pytest.mark.django_db
def test_the_menu_is_in_vietnamese(client, officer):
    client.force_login(officer)
    html = client.get("/admin/").content.decode()
    props = json.loads(html.split('id="wagtail-sidebar-props" type="application/json">')[1].split("</script>")[0])
    labels = json.dumps(props, ensure_ascii=False)
    assert "Số liệu thống kê" in labels and "Nhập số liệu" in labels and "Duyệt số liệu" in labels


@pytest.mark.django_db
def test_two_breakdowns_give_combined_cells_that_add_up(client, dataset, indicators, communes, reporter):
    """An indicator declaring sex and age band is entered as a grid: each sex × age cell
    (stored under its canonical key, as the importer spells it), the single-breakdown cells
    in its margins and the total; for a count, filled parts must add up to their whole."""
    from tests.factories import DisaggregationOptionFactory, IndicatorFactory

    DisaggregationOptionFactory(category="age", code="0-14", name="0–14 tuổi", sort_order=1)
    DisaggregationOptionFactory(category="age", code="15-59", name="15–59 tuổi", sort_order=2)
    learners = IndicatorFactory(
        code="learners",
        name="Người học",
        unit="persons",
        value_type="integer",
        aggregation="sum",
        disaggregations=["sex", "age"],
    )
    dataset.indicators.add(learners)
    a = communes[0]
    client.force_login(reporter)
    html = client.get(entry_url(dataset, a)).content.decode()
    pk = learners.pk
    for key in ("", "sex=F", "sex=M", "age=0-14", "age=15-59", "age=0-14;sex=F", "age=15-59;sex=M"):
        assert f'name="v-{pk}-{key}"' in html, key
    assert 'class="stats-grid"' in html and "Nữ × 0–14 tuổi" in html
    assert f'name="v-{indicators["households"].pk}-sex=F"' not in html  # no breakdown declared, none drawn

    cells = {"age=0-14;sex=F": "3", "age=15-59;sex=F": "4", "age=0-14;sex=M": "5", "age=15-59;sex=M": "6"}
    wrong = {f"v-{pk}-{k}": v for k, v in {**cells, "sex=F": "8", "": "18"}.items()}
    response = client.post(entry_url(dataset, a), {**wrong, "action": "draft"})
    assert response.status_code == 200 and not DataValue.objects.exists()  # all or nothing
    errors = response.context["form"].errors
    assert "7" in str(errors[f"v-{pk}-sex=F"]) and f"v-{pk}-" not in errors  # 3 + 4 = 7, not 8

    right = {f"v-{pk}-{k}": v for k, v in {**cells, "sex=F": "7", "sex=M": "11", "": "18"}.items()}
    response = client.post(entry_url(dataset, a), {**right, "action": "submit"})
    assert response.status_code == 302
    stored = dict(DataValue.objects.filter(indicator=learners).values_list("disaggregation", "value"))
    assert stored == {
        "": 18,
        "sex=F": 7,
        "sex=M": 11,
        "age=0-14;sex=F": 3,
        "age=15-59;sex=F": 4,
        "age=0-14;sex=M": 5,
        "age=15-59;sex=M": 6,
    }
    assert set(DataValue.objects.values_list("status", flat=True)) == {"submitted"}
