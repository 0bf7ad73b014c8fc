"""The commune profile lists the heritage pages, courses and services about the commune (and its
predecessors) through the seam ``content.seams.PAGES_ABOUT_UNITS`` that heritage, lessons and
community provide: public, listed pages only, in the reader's language, in a bounded number of
queries whatever the number of pages."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from content import seams
from content.demo_loader import DemoLoader
from content.models import AdministrativeUnit
from tests import factories as f
from tests.stats.conftest import JULY


@pytest.fixture
def commune(units):
    return AdministrativeUnit.objects.by_code("21609", at=JULY)  # three whole predecessors


def test_profile_lists_pages_about_the_commune(client, home, commune):
    old = commune.succession_from.first().predecessor
    heritage = f.HeritageIndexPageFactory(parent=home, slug="di-san")
    place = f.PlacePageFactory(parent=heritage, title="Tháp cổ ở An Lão", unit=commune)
    DemoLoader().translate(place, "en", title="Old tower in An Lao")
    f.StoryPageFactory(parent=heritage, title="Chuyện làng xưa", unit=old)
    f.PlacePageFactory(parent=heritage, title="Địa điểm nháp", unit=commune, live=False)
    f.PlacePageFactory(
        parent=heritage,
        title="Địa điểm xã khác",
        unit=AdministrativeUnit.objects.exclude(pk__in=[commune.pk, old.pk]).communes().first(),
    )
    health = f.HealthIndexPageFactory(parent=home, slug="suc-khoe")
    f.HealthServicePageFactory(parent=health, title="Trạm y tế xã", commune=commune, phone="0256 111 222")
    jobs = f.JobIndexPageFactory(parent=home, slug="viec-lam")
    f.JobPostingPageFactory(parent=jobs, title="Việc còn hạn", commune=commune)
    f.JobPostingPageFactory(
        parent=jobs,
        title="Việc hết hạn",
        commune=commune,
        deadline=timezone.localdate() - datetime.timedelta(days=1),
    )
    courses = f.CourseIndexPageFactory(parent=home, slug="khoa-hoc")
    course = f.CoursePageFactory(parent=courses, title="Khóa học cho xã", slug="cho-xa")
    course.units.set([commune])
    course.save_revision().publish()
    sensitive = f.CoursePageFactory(parent=courses, title="Khóa học nhạy cảm", slug="nhay-cam", sensitive=True)
    sensitive.units.set([commune])
    sensitive.save_revision().publish()

    titles = [p.title for p in seams.pages_about_units([commune.pk, old.pk], language_code="vi")]
    assert titles == sorted(
        ["Tháp cổ ở An Lão", "Chuyện làng xưa", "Trạm y tế xã", "Việc còn hạn", "Khóa học cho xã"]
    )
    assert "Old tower in An Lao" in [p.title for p in seams.pages_about_units([commune.pk], language_code="en")]

    client.get("/vi/statistics/communes/21609/")  # the menu and site are kept once per content generation
    with CaptureQueriesContext(connection) as before:
        html = client.get("/vi/statistics/communes/21609/").content.decode()
    assert len(before) <= 10
    for title in ("Tháp cổ ở An Lão", "Chuyện làng xưa", "Trạm y tế xã", "Việc còn hạn", "Khóa học cho xã"):
        assert title in html
    for title in ("Địa điểm nháp", "Địa điểm xã khác", "Việc hết hạn", "Khóa học nhạy cảm"):
        assert title not in html
    assert place.url in html

    for n in range(12):  # more pages, the same queries
        f.PlacePageFactory(parent=heritage, title=f"Địa điểm {n:02d}", unit=commune)
    client.get("/vi/statistics/communes/21609/")
    with CaptureQueriesContext(connection) as after:
        html = client.get("/vi/statistics/communes/21609/").content.decode()
    assert len(after) == len(before)
    with CaptureQueriesContext(connection) as seam:
        seams.pages_about_units([commune.pk, old.pk], language_code="vi")
    assert len(seam) == 1
    assert "Địa điểm 11" in html
    assert "Old tower in An Lao" in client.get("/en/statistics/communes/21609/").content.decode()
