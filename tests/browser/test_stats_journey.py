"""The statistics journey in a real browser (issue 14): a commune reporter enters values in
the admin, saves a draft, submits; nothing is public until a statistics officer approves the
group, then the API shows the value. Labels are the admin's Vietnamese ones."""

import io
from datetime import date

import pytest
from playwright.sync_api import expect

from tests.browser.admin import admin_user, log_in
from tests.factories import DataSetFactory, IndicatorFactory, ReporterCommuneFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_reporter_enters_and_submits_officer_approves(open_tab, live_server):
    from django.core.management import call_command

    from content.models import AdministrativeUnit
    from stats import roles
    from stats.models import DataValue

    call_command("load_admin_units", stdout=io.StringIO())
    roles.ensure_stats_roles()  # a transactional test's flush removed the groups
    households = IndicatorFactory(
        code="households", name="Số hộ", unit="households", value_type="integer", aggregation="sum"
    )
    dataset = DataSetFactory(code="ho-gia-dinh", name="Hộ gia đình")
    dataset.indicators.add(households)
    commune = AdministrativeUnit.objects.communes().valid_on(date(2025, 7, 1)).order_by("code").first()
    reporter = admin_user("bao-cao-xa", [roles.REPORTERS], "vi")
    ReporterCommuneFactory(user=reporter, unit=commune)
    admin_user("can-bo-thong-ke", [roles.OFFICERS], "vi")
    base = live_server.url
    field = f"#id_v-{households.pk}-"

    tab = open_tab("reporter")
    log_in(tab, base, "bao-cao-xa")
    tab.goto(f"{base}/admin/stats/entry/")
    tab.select_option("#id_dataset", str(dataset.pk))
    tab.select_option("#id_unit", str(commune.pk))
    tab.fill("#id_period", "2025")
    tab.get_by_role("button", name="Mở biểu nhập").click()
    tab.fill(field, "-5")
    tab.get_by_role("button", name="Gửi duyệt").click()
    expect(tab.locator(".error-message")).to_be_visible()  # a negative count is a form error
    tab.fill(field, "345")
    tab.get_by_role("button", name="Lưu nháp").click()
    expect(tab.locator(field)).to_have_value("345")
    assert DataValue.objects.get().status == "draft"
    tab.get_by_role("button", name="Gửi duyệt").click()
    expect(tab.get_by_text("gửi duyệt", exact=False).first).to_be_visible()
    assert DataValue.objects.get().status == "submitted"
    assert tab.request.get(f"{base}/api/v1/stats/values").json()["count"] == 0

    officer = open_tab("officer")
    log_in(officer, base, "can-bo-thong-ke")
    officer.goto(f"{base}/admin/stats/approval/")
    group = officer.locator(".stats-group").filter(has_text=commune.name)
    expect(group).to_contain_text("345")
    group.get_by_role("button", name="Duyệt").click()
    expect(officer.get_by_text("Không có giá trị nào chờ duyệt.")).to_be_visible()
    body = officer.request.get(f"{base}/api/v1/stats/values").json()
    assert [(i["value"], i["unit"]["code"]) for i in body["items"]] == [(345, commune.code)]
