"""Units from the committed 2025 data file and a few indicators, made directly (no demo)."""

import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.management import call_command

from content.models import AdministrativeUnit
from stats import roles
from tests.factories import (
    DataSetFactory,
    DataValueFactory,
    DisaggregationOptionFactory,
    IndicatorFactory,
    ReporterCommuneFactory,
    UserFactory,
)

JULY = date(2025, 7, 1)


@pytest.fixture
def units(db):
    call_command("load_admin_units", stdout=io.StringIO())


@pytest.fixture
def indicators(db):
    households = IndicatorFactory(
        code="households",
        name="Số hộ",
        name_en="Households",
        unit="households",
        value_type="integer",
        aggregation="sum",
    )
    poverty = IndicatorFactory(
        code="poverty-rate",
        name="Tỷ lệ hộ nghèo",
        name_en="Poverty rate",
        unit="percent",
        value_type="percent",
        aggregation="weighted_mean",
        denominator=households,
        target_value=Decimal("10"),
        target_year=2025,
    )
    road = IndicatorFactory(
        code="paved-road",
        name="Đường nhựa đến trung tâm xã",
        unit="yesno",
        value_type="boolean",
        aggregation="none",
    )
    population = IndicatorFactory(
        code="population",
        name="Dân số",
        unit="persons",
        value_type="integer",
        aggregation="sum",
        disaggregations=["ethnicity", "sex"],
    )
    DisaggregationOptionFactory(category="sex", code="F", name="Nữ", name_en="Female")
    DisaggregationOptionFactory(category="sex", code="M", name="Nam", name_en="Male")
    DisaggregationOptionFactory(category="ethnicity", code="01", name="Kinh")
    DisaggregationOptionFactory(category="ethnicity", code="05", name="Ba Na")
    return {"households": households, "poverty": poverty, "road": road, "population": population}


@pytest.fixture
def put(db):
    """``put(indicator, unit, period, value, status="approved", disaggregation="")``."""

    def put(indicator, unit, period, value, status="approved", disaggregation=""):
        return DataValueFactory(
            indicator=indicator,
            unit=unit,
            period=period,
            value=Decimal(str(value)),
            status=status,
            disaggregation=disaggregation,
        )

    return put


@pytest.fixture
def dataset(indicators):
    ds = DataSetFactory(code="households-poverty", name="Hộ gia đình và nghèo")
    ds.indicators.add(indicators["households"], indicators["poverty"], indicators["population"])
    return ds


@pytest.fixture
def communes(units):
    gia_lai = AdministrativeUnit.objects.by_code("52", at=JULY)
    a, b = AdministrativeUnit.objects.communes().valid_on(JULY).filter(parent=gia_lai).order_by("code")[:2]
    return a, b


def _user(name, group):
    roles.ensure_stats_roles()
    return UserFactory(username=name, groups=[group])


@pytest.fixture
def reporter(communes):
    user = _user("reporter", roles.REPORTERS)
    ReporterCommuneFactory(user=user, unit=communes[0])
    return user


@pytest.fixture
def officer(db):
    return _user("officer", roles.OFFICERS)
