"""Fixtures of the heritage tests: administrative units (with the 2025 merger),
index pages under the Vietnamese home, and ethnic groups."""

import datetime

import pytest

from tests.factories import EthnicGroupPageFactory, HeritageIndexPageFactory


@pytest.fixture
def units(db):
    """Bình Định → Vĩnh Thạnh district → Vĩnh Sơn commune; Bình Định and the district
    ended on 30 June 2025 and were succeeded by Gia Lai."""
    from content.models import AdministrativeUnit as U

    end = datetime.date(2025, 6, 30)
    gia_lai = U.objects.create(code="GL-2025", name="Tỉnh Gia Lai", level="province")
    binh_dinh = U.objects.create(code="52", name="Tỉnh Bình Định", level="province", valid_to=end)
    district = U.objects.create(
        code="546", name="Huyện Vĩnh Thạnh", level="district", parent=binh_dinh, valid_to=end
    )
    commune = U.objects.create(code="21787", name="Xã Vĩnh Sơn", level="commune", parent=district)
    other = U.objects.create(code="551", name="Huyện Vân Canh", level="district", parent=binh_dinh, valid_to=end)
    for unit in (binh_dinh, district, other):
        unit.successors.add(gia_lai)
    return {
        "gia_lai": gia_lai,
        "binh_dinh": binh_dinh,
        "district": district,
        "commune": commune,
        "van_canh": other,
    }


@pytest.fixture
def indexes(home):
    return {
        listing: HeritageIndexPageFactory(parent=home, title=f"Mục {listing}", slug=listing, listing=listing)
        for listing in ("groups", "stories", "festivals", "products", "places")
    }


@pytest.fixture
def groups(indexes):
    parent = indexes["groups"]
    return {
        "ba-na": EthnicGroupPageFactory(
            parent=parent,
            title="Người Ba Na",
            slug="ba-na",
            code="ba-na",
            other_names="Bana\nBa Na\nBahnar",
        ),
        "hre": EthnicGroupPageFactory(
            parent=parent, title="Người H'rê", slug="hre", code="hre", other_names="H'rê\nHrê\nHre"
        ),
    }
