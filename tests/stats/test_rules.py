"""Roll-up across 2025 and province totals, recomputed independently from the raw values."""

from datetime import date
from decimal import Decimal

import pytest

from content.models import AdministrativeUnit
from stats import queries, rules

JUNE, JULY = date(2025, 6, 30), date(2025, 7, 1)


def unit(code, at):
    return AdministrativeUnit.objects.by_code(code, at=at)


@pytest.mark.django_db
def test_a_merged_commune_reaches_back_when_every_predecessor_has_a_value(units, indicators, put):
    new = unit("21609", JULY)  # Xã An Lão = Thị trấn An Lão + An Tân + An Hưng, all whole
    olds = [s.predecessor for s in new.succession_from.select_related("predecessor")]
    assert len(olds) == 3 and all(s.relation == "whole" for s in new.succession_from.all())
    households = [120, 340, 515]
    rates = [Decimal("12.5"), Decimal("30"), Decimal("41.2")]
    for old, h, r in zip(olds, households, rates, strict=True):
        put(indicators["households"], old, "2024", h)
        put(indicators["poverty"], old, "2024", r)
    count = rules.successor_value(indicators["households"], new, "2024")
    assert count.value == sum(households) and count.reason is None
    rate = rules.successor_value(indicators["poverty"], new, "2024")
    expected = sum(Decimal(h) * r for h, r in zip(households, rates, strict=True)) / sum(households)
    assert rate.value == expected


@pytest.mark.django_db
def test_a_missing_or_unapproved_predecessor_value_makes_it_not_comparable(units, indicators, put):
    new = unit("21609", JULY)
    olds = [s.predecessor for s in new.succession_from.all()]
    put(indicators["households"], olds[0], "2024", 10)
    put(indicators["households"], olds[1], "2024", 10)
    put(indicators["households"], olds[2], "2024", 10, status="submitted")
    derived = rules.successor_value(indicators["households"], new, "2024")
    assert derived.value is None and derived.reason == rules.MISSING and derived.reason_text


@pytest.mark.django_db
def test_a_split_predecessor_makes_it_not_comparable(units, indicators, put):
    new = unit("21622", JULY)  # An Toàn takes part of An Nghĩa
    assert "part" in new.succession_from.values_list("relation", flat=True)
    for s in new.succession_from.all():
        put(indicators["households"], s.predecessor, "2024", 50)
    derived = rules.successor_value(indicators["households"], new, "2024")
    assert derived.value is None and derived.reason == rules.SPLIT


@pytest.mark.django_db
def test_province_totals_add_counts_and_weight_rates(units, indicators, put):
    gia_lai = unit("52", JULY)
    communes = list(AdministrativeUnit.objects.communes().valid_on(JULY).filter(parent=gia_lai)[:6])
    data = [(100 + 7 * i, Decimal(5 + 3 * i)) for i in range(len(communes))]
    for commune, (h, r) in zip(communes, data, strict=True):
        put(indicators["households"], commune, "2025", h)
        put(indicators["poverty"], commune, "2025", r)
    put(indicators["households"], communes[0], "2025", 99999, disaggregation="sex=F")  # not a total
    total = rules.province_total(indicators["households"], gia_lai, "2025")
    assert total.value == sum(h for h, _r in data)
    rate = rules.province_total(indicators["poverty"], gia_lai, "2025")
    assert rate.value == sum(h * r for h, r in data) / sum(h for h, _r in data)
    assert rules.province_total(indicators["road"], gia_lai, "2025").reason == rules.NOT_AGGREGABLE


@pytest.mark.django_db
def test_old_communes_add_up_to_old_binh_dinh_through_their_districts(units, indicators, put):
    binh_dinh = unit("52", JUNE)
    communes = list(AdministrativeUnit.objects.communes().valid_on(JUNE).filter(parent__parent=binh_dinh)[:4])
    for i, commune in enumerate(communes):
        put(indicators["households"], commune, "2019", 10 * (i + 1))
    assert rules.province_total(indicators["households"], binh_dinh, "2019").value == 100


@pytest.mark.django_db
def test_only_approved_values_leave_the_query_api(units, indicators, put):
    commune = unit("21787", JULY)
    put(indicators["households"], commune, "2025", 1, status="draft")
    put(indicators["households"], commune, "2024", 2, status="submitted")
    put(indicators["poverty"], commune, "2025", 3)
    rows = list(queries.approved_values())
    assert [(r["indicator"], r["period"], r["value"]) for r in rows] == [("poverty-rate", "2025", 3)]
    assert list(queries.approved_values(unit="21787", at=JUNE)) == []
    assert len(list(queries.approved_values(unit="21787", at=JULY))) == 1
    indicators["poverty"].restricted = True
    indicators["poverty"].save()
    assert list(queries.approved_values()) == []
    assert len(list(queries.approved_values(include_restricted=True))) == 1
