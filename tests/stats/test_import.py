"""Import: complete validation, all or nothing, idempotent, CSV as offices make it and XLSX."""

import io
from datetime import date, datetime

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import CommandError, call_command
from django.utils import translation
from openpyxl import Workbook

from content.models import AdministrativeUnit
from stats import roles
from stats.importer import import_file
from stats.models import DataValue
from tests.factories import ReporterCommuneFactory

HEADER = "chi_tieu;ma_don_vi;ky;phan_to;gia_tri;nguon\n"
GOOD = HEADER + (
    "households;21787;2025;;1234;Báo cáo xã\n"
    "poverty-rate;21787;2025;;12,5;Báo cáo xã\n"
    "households;21787;2024;;1200;\n"  # old Xã Vĩnh Sơn, same code
    "population;21787;2025;sex=F;800;\n"
    "population;21787;2025;ethnicity=05;sex=M;700;\n"
).replace("ethnicity=05;sex=M", "ethnicity=05|sex=M")


def good_file():
    # the ``;`` inside a breakdown would split the cell: offices quote it
    return ("\ufeff" + GOOD.replace("ethnicity=05|sex=M", '"ethnicity=05;sex=M"')).encode("utf-8")


@pytest.mark.django_db
def test_a_good_file_with_a_bom_and_semicolons_is_stored_once(units, indicators):
    first = import_file(good_file(), "values.csv")
    assert not first.errors and first.created == 5
    old, new = (
        DataValue.objects.get(period="2024"),
        DataValue.objects.get(period="2025", indicator__code="households"),
    )
    assert old.unit.valid_to == date(2025, 6, 30) and new.unit.valid_from == date(2025, 7, 1)
    assert DataValue.objects.get(indicator__code="poverty-rate").value == 12.5
    again = import_file(good_file(), "values.csv")
    assert (again.created, again.updated, again.unchanged) == (0, 0, 5)
    assert DataValue.objects.count() == 5
    assert DataValue.history.count() == 5


@pytest.mark.django_db
def test_one_bad_row_stores_nothing_and_every_error_names_its_row_and_column(units, indicators):
    later = AdministrativeUnit.objects.filter(valid_from=date(2025, 7, 1), level="commune")
    only_new = next(u.code for u in later if AdministrativeUnit.objects.filter(code=u.code).count() == 1)
    text = (
        "indicator,unit,period,value\n"
        "households,21787,2025,10\n"
        "nope,21787,2025,10\n"
        "households,99999,2025,10\n"
        f"households,{only_new},2024,10\n"
        "households,21787,2024Q5,10\n"
        "poverty-rate,21787,2025,101\n"
        "households,21787,2023,-3\n"
        "households,21787,2025,11\n"
    )
    with translation.override("en"):  # the messages asserted below are the English ones
        result = import_file(text.encode(), "bad.csv")
    assert DataValue.objects.count() == 0 and not result.stored
    found = {(e["row"], e["column"]) for e in result.errors}
    assert found == {
        (3, "indicator"),
        (4, "unit"),
        (5, "unit"),
        (6, "period"),
        (7, "value"),
        (8, "value"),
        (9, "row"),
    }
    assert "not yet valid" in next(e["message"] for e in result.errors if e["row"] == 5)


@pytest.mark.django_db
def test_the_command_validates_with_dry_run_and_fails_loudly(units, indicators, tmp_path):
    path = tmp_path / "v.csv"
    path.write_bytes(good_file())
    out = io.StringIO()
    call_command("import_indicator_values", str(path), "--dry-run", stdout=out)
    assert "5 rows valid" in out.getvalue() and DataValue.objects.count() == 0
    call_command("import_indicator_values", str(path), stdout=out)
    assert DataValue.objects.filter(status="submitted").count() == 5
    path.write_text("indicator,unit,period,value\nhouseholds,21787,2025,x\n")
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_indicator_values", str(path), stdout=out, stderr=err)
    assert "row 2, column value" in err.getvalue()


@pytest.mark.django_db
def test_xlsx_with_numbers_and_excel_dates(units, indicators):
    book = Workbook()
    sheet = book.active
    sheet.append(["indicator", "unit", "period", "value"])
    sheet.append(["households", 21787, 2025, 1234])
    sheet.append(["households", "21787", datetime(2025, 8, 1), 1240.0])
    data = io.BytesIO()
    book.save(data)
    result = import_file(data.getvalue(), "values.xlsx")
    assert not result.errors
    assert sorted(DataValue.objects.values_list("period", flat=True)) == ["2025", "202508"]


@pytest.mark.django_db
def test_a_reporter_cannot_write_another_commune(units, indicators):
    user = User.objects.create_user("reporter")
    user.groups.add(Group.objects.get(name=roles.REPORTERS))
    ReporterCommuneFactory(user=user, unit=AdministrativeUnit.objects.by_code("21805", at=date(2025, 7, 1)))
    result = import_file(b"indicator,unit,period,value\nhouseholds,21787,2025,1\n", "x.csv", user=user)
    assert result.errors[0]["column"] == "unit" and DataValue.objects.count() == 0
    assert not import_file(b"indicator,unit,period,value\nhouseholds,21805,2025,1\n", "x.csv", user=user).errors
