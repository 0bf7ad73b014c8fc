import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from content.models import AdministrativeUnit
from tests import factories as f


@pytest.fixture(autouse=True)
def _dump_dir(settings, tmp_path):
    settings.SHARING_DUMP_DIR = str(tmp_path / "dumps")
    settings.WAGTAILADMIN_BASE_URL = "http://testserver"


@pytest.fixture
def units(db):
    province = AdministrativeUnit.objects.create(code="52", name="Tỉnh Bình Định", level="province")
    commune = AdministrativeUnit.objects.create(code="21787", name="Xã Vĩnh Sơn", level="commune", parent=province)
    other = AdministrativeUnit.objects.create(code="21610", name="Xã An Hưng", level="commune", parent=province)
    return {"province": province, "commune": commune, "other": other}


@pytest.fixture
def content(home, units):
    """One public page of every dataset's type, plus pages that must never appear."""
    from content.demo_loader import DemoLoader

    loader = DemoLoader()
    commune = units["commune"]
    heritage = f.HeritageIndexPageFactory(parent=home, slug="di-san")
    place = f.PlacePageFactory(
        parent=heritage,
        title="Tháp Dương Long",
        unit=commune,
        latitude=Decimal("13.925000"),
        longitude=Decimal("108.926000"),
        coordinates_source="Khảo sát thử",
    )
    loader.translate(place, "en", title="Duong Long towers")
    draft_place = f.PlacePageFactory(parent=heritage, title="Nháp địa điểm", live=False)
    festival = f.FestivalPageFactory(
        parent=heritage, title="Lễ hội thử", unit=commune, calendar="lunar", start_month=1
    )
    library = f.PolicyLibraryPageFactory(parent=home, slug="chinh-sach")
    policy = f.PolicyDocumentPageFactory(parent=library, title="Quyết định thử")
    jobs = f.JobIndexPageFactory(parent=home, slug="viec-lam")
    open_job = f.JobPostingPageFactory(parent=jobs, title="Việc còn hạn", commune=commune)
    closed_job = f.JobPostingPageFactory(
        parent=jobs,
        title="Việc hết hạn",
        commune=commune,
        deadline=timezone.localdate() - datetime.timedelta(days=1),
    )
    health = f.HealthIndexPageFactory(parent=home, slug="suc-khoe")
    service = f.HealthServicePageFactory(parent=health, commune=commune, phone="0256 111 222")
    courses = f.CourseIndexPageFactory(parent=home, slug="khoa-hoc")
    course = f.CoursePageFactory(parent=courses, title="Khóa học công khai", slug="cong-khai")
    f.LessonPageFactory(parent=course, title="Bài 1")
    sensitive = f.CoursePageFactory(parent=courses, title="Khóa học nhạy cảm", slug="nhay-cam", sensitive=True)
    draft_course = f.CoursePageFactory(parent=courses, title="Khóa học nháp", slug="nhap", live=False)
    return locals()
