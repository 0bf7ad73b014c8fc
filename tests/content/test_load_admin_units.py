"""``manage.py load_admin_units``: the 2025 units by code and validity, successions with whole/part,
idempotent, and rows already named by pages kept (same id) when the data file gives them an end."""

import csv
import datetime
import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import IntegrityError, transaction

from content.models import AdministrativeUnit, UnitSuccession

CSV = Path(__file__).resolve().parents[2] / "content" / "data" / "source" / "former-binh-dinh-communes-2025.csv"
JULY = datetime.date(2025, 7, 1)
JUNE = datetime.date(2025, 6, 30)


def load():
    out = io.StringIO()
    call_command("load_admin_units", stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_loading_twice_changes_nothing():
    first = load()
    counts = (AdministrativeUnit.objects.count(), UnitSuccession.objects.count())
    assert "0 created" not in first
    assert "0 created, 0 updated" in load()
    assert (AdministrativeUnit.objects.count(), UnitSuccession.objects.count()) == counts


@pytest.mark.django_db
def test_every_old_commune_of_the_csv_resolves_to_its_successors():
    load()
    rows = list(csv.DictReader(open(CSV, encoding="utf-8")))
    expected = {}
    for row in rows:
        expected.setdefault(row["old_code"], set()).add((row["new_code"], row["relation"]))
    assert len(expected) == 91
    for old_code, targets in expected.items():
        old = AdministrativeUnit.objects.by_code(old_code, at=JUNE)
        links = {(s.successor.code, s.relation) for s in old.succession_to.select_related("successor")}
        assert links == targets, old_code
        assert all(s.successor.is_valid_on(JULY) for s in old.succession_to.all())


@pytest.mark.django_db
def test_a_code_names_different_units_before_and_after_july_2025():
    load()
    assert AdministrativeUnit.objects.by_code("21609", at=JUNE).name == "Thị trấn An Lão"
    assert AdministrativeUnit.objects.by_code("21609", at=JULY).name == "Xã An Lão"
    assert AdministrativeUnit.objects.by_code("52", at=JULY).name == "Tỉnh Gia Lai"
    new = AdministrativeUnit.objects.by_code("21787", at=JULY)
    assert new.latitude and new.longitude and new.parent.code == "52" and new.parent.valid_from == JULY
    split = AdministrativeUnit.objects.by_code("21634", at=JUNE)  # An Nghĩa → An Toàn + An Hòa
    assert sorted(split.succession_to.values_list("relation", flat=True)) == ["part", "part"]


@pytest.mark.django_db
def test_a_unit_named_by_a_page_keeps_its_row():
    unit = AdministrativeUnit.objects.create(code="21787", name="Xã Vĩnh Sơn", level="commune")
    load()
    unit.refresh_from_db()
    assert unit.valid_to == JUNE
    assert [u.code for u in unit.current_units()] == ["21787"]
    assert unit.current_units()[0].valid_from == JULY


@pytest.mark.django_db
def test_code_and_validity_are_unique_together():
    AdministrativeUnit.objects.create(code="1", name="a", level="commune")
    AdministrativeUnit.objects.create(code="1", name="b", level="commune", valid_from=JULY)
    with pytest.raises(IntegrityError), transaction.atomic():
        AdministrativeUnit.objects.create(code="1", name="c", level="commune")
