"""Where a people lives: seven areas of old Bình Định that all ended in Gia Lai say so
once under the list, not "formerly …, now Gia Lai" on every line (issue 18)."""

import pytest

from content.models import AdministrativeUnit
from tests.factories import EthnicGroupPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def old_province(db):
    new = AdministrativeUnit.objects.create(
        code="52", name="Tỉnh Gia Lai", level="province", valid_from="2025-07-01"
    )
    old = AdministrativeUnit.objects.create(
        code="52", name="Tỉnh Bình Định", level="province", valid_to="2025-06-30"
    )
    old.successors.add(new)
    districts = [
        AdministrativeUnit.objects.create(
            code=code, name=name, level="district", parent=old, valid_to="2025-06-30"
        )
        for code, name in (("542", "Huyện An Lão"), ("546", "Huyện Vĩnh Thạnh"), ("547", "Huyện Vân Canh"))
    ]
    return districts


def _areas(html):
    start = html.index('<ul class="areas">')
    return html[start : html.index("</dd>", start)]


def test_the_shared_successor_is_said_once(client, home, old_province):
    group = EthnicGroupPageFactory(parent=home, title="Người Ba Na", code="ba-na")
    group.areas.set(old_province)
    group.save_revision().publish()
    areas = _areas(client.get(group.url).content.decode())
    assert areas.count("<li>") == 3 and "Huyện Vân Canh" in areas
    assert areas.count("Gia Lai") == 1 and "trước đây" not in areas
    assert "Từ ngày 01/07/2025, tất cả các địa bàn này thuộc Tỉnh Gia Lai." in areas


def test_a_single_area_keeps_its_own_history(client, home, old_province):
    group = EthnicGroupPageFactory(parent=home, title="Người H'rê", code="hre")
    group.areas.set(old_province[:1])
    group.save_revision().publish()
    areas = _areas(client.get(group.url).content.decode())
    assert "Huyện An Lão" in areas and "Tỉnh Gia Lai" in areas and "Từ ngày 01/07/2025" not in areas
