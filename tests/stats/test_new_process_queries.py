"""Issue 14: a commune profile and an indicator page cost at most 10 queries, counted as on
the demo site in a process that has just started (``FRAGMENT_CACHE_ENABLED`` and
``PAGE_CACHE_ENABLED`` off), with the shell a real site has: a menu of sections of several
page types, some translated, the footer's contact details, five locales, and pages of
several types about the commune.

What a new process lacks is cleared before each request: the shared cache (Wagtail's
site root paths, the project's kept values) and Django's content-type cache (one query per
page type when empty). Measured on the demo database the profile cost 19 queries before:
three content types, the sites' root paths (two), the menu's root, its translations, its
sections read again and the locales."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from cms.models import SiteContact
from content.demo_loader import DemoLoader
from content.models import AdministrativeUnit
from tests import factories as f
from tests.stats.conftest import JULY

BUDGET = 10


@pytest.fixture
def site_shell(all_homes):
    """Sections of five types in the menu (two translated into English, one into
    Bahnar), a hidden one, and a confirmed contact in the footer."""
    home = all_homes["vi"]
    loader = DemoLoader()
    about = f.SectionPageFactory(parent=home, title="Giới thiệu", slug="gioi-thieu", show_in_menus=True)
    places = f.HeritageIndexPageFactory(
        parent=home, title="Địa điểm", slug="dia-diem", listing="places", show_in_menus=True
    )
    stories = f.HeritageIndexPageFactory(
        parent=home, title="Câu chuyện", slug="cau-chuyen", listing="stories", show_in_menus=True
    )
    courses = f.CourseIndexPageFactory(parent=home, title="Học", slug="hoc", show_in_menus=True)
    jobs = f.JobIndexPageFactory(parent=home, title="Việc làm", slug="viec-lam", show_in_menus=True)
    health = f.HealthIndexPageFactory(parent=home, title="Sức khỏe", slug="suc-khoe", show_in_menus=True)
    f.SectionPageFactory(parent=home, title="Trang ẩn", slug="an", show_in_menus=False)
    loader.translate(about, "en", title="About")
    loader.translate(places, "en", title="Places")
    loader.translate(about, "bdq", title="Giới thiệu bdq")
    contact = SiteContact.for_site(Site.objects.get(is_default_site=True))
    contact.publisher = "Trung tâm Văn hóa"
    contact.phone = "0256 3 822 000"
    contact.confirmed = True
    contact.save()
    return {"places": places, "stories": stories, "courses": courses, "jobs": jobs, "health": health}


def new_process_queries(client, url):
    """The queries of ``url`` as the first request of a new process would run them."""
    cache.clear()  # Wagtail's site root paths and everything content.cache keeps
    ContentType.objects.clear_cache()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode(), queries


def listing(queries):
    return "\n".join(q["sql"][:160] for q in queries.captured_queries)


@pytest.mark.django_db
def test_commune_profile_and_indicator_page_in_a_new_process(client, settings, units, indicators, put, site_shell):
    settings.FRAGMENT_CACHE_ENABLED = False
    settings.PAGE_CACHE_ENABLED = False
    commune = AdministrativeUnit.objects.by_code("21609", at=JULY)  # three whole predecessors
    olds = [s.predecessor for s in commune.succession_from.all()]
    for period, base in (("2019", 50), ("2022", 70), ("2024", 100)):
        for old in olds:
            put(indicators["households"], old, period, base)
            put(indicators["poverty"], old, period, 20)
    put(indicators["households"], commune, "2025", 310)
    # Pages of four types about the commune or a predecessor (each type cost a query before)
    place = f.PlacePageFactory(parent=site_shell["places"], title="Tháp cổ ở An Lão", unit=commune)
    DemoLoader().translate(place, "en", title="Old tower in An Lao")
    f.StoryPageFactory(parent=site_shell["stories"], title="Chuyện làng xưa", unit=olds[0])
    f.HealthServicePageFactory(parent=site_shell["health"], title="Trạm y tế xã", commune=commune)
    f.JobPostingPageFactory(parent=site_shell["jobs"], title="Việc ở An Lão", commune=commune)

    html, queries = new_process_queries(client, "/vi/statistics/communes/21609/")
    assert len(queries) <= BUDGET, listing(queries)
    for text in ("Giới thiệu", "Địa điểm", "Học", "Việc làm", "Sức khỏe", "Trung tâm Văn hóa", "0256 3 822 000"):
        assert text in html, text
    assert "Trang ẩn" not in html
    for title, url in (
        ("Tháp cổ ở An Lão", "/vi/dia-diem/"),
        ("Chuyện làng xưa", "/vi/cau-chuyen/"),
        ("Trạm y tế xã", "/vi/suc-khoe/"),
        ("Việc ở An Lão", "/vi/viec-lam/"),
    ):
        assert title in html and url in html, title
    assert "300" in html and "310" in html

    # In English: the translated sections and page in English, the others marked Vietnamese
    html, queries = new_process_queries(client, "/en/statistics/communes/21609/")
    assert len(queries) <= BUDGET, listing(queries)
    assert 'href="/en/gioi-thieu/">About<' in html and 'href="/en/dia-diem/">Places<' in html
    assert 'href="/en/viec-lam/" lang="vi">Việc làm<' in html
    assert "Old tower in An Lao" in html

    html, queries = new_process_queries(client, "/bdq/statistics/communes/21609/")
    assert len(queries) <= BUDGET, listing(queries)
    assert "Giới thiệu bdq" in html

    for url in ("/vi/statistics/indicators/households/", "/en/statistics/indicators/poverty-rate/"):
        html, queries = new_process_queries(client, url)
        assert len(queries) <= BUDGET, listing(queries)
        assert "Trung tâm Văn hóa" in html
