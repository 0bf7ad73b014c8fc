import pytest

from content.models import AdministrativeUnit


@pytest.fixture
def commune(db):
    return AdministrativeUnit.objects.create(code="21787", name="Xã Vĩnh Sơn", level="commune")


@pytest.fixture
def other_commune(db):
    return AdministrativeUnit.objects.create(code="21610", name="Xã An Hưng", level="commune")
