"""Public pages: approved values only, sample labels, rules under derived figures, constant queries."""

from datetime import date

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from content.models import AdministrativeUnit

JUNE, JULY = date(2025, 6, 30), date(2025, 7, 1)


def fill(put, indicators, communes, period, status="approved", base=100):
    for n, commune in enumerate(communes):
        put(indicators["households"], commune, period, base + n, status=status)
        put(indicators["poverty"], commune, period, 10 + n % 50, status=status)


@pytest.mark.django_db
def test_indicator_page_queries_stay_constant(client, units, indicators, put, django_assert_max_num_queries):
    new = list(AdministrativeUnit.objects.communes().valid_on(JULY).filter(latitude__isnull=False)[:30])
    old = list(AdministrativeUnit.objects.communes().valid_on(JUNE)[:40])
    fill(put, indicators, new, "2025")
    fill(put, indicators, old, "2024")
    fill(put, indicators, old, "2019", status="submitted", base=777777)
    with django_assert_max_num_queries(10):
        response = client.get("/vi/statistics/indicators/households/")
    html = response.content.decode()
    assert response.status_code == 200 and "<svg" in html and "777" not in html.replace("777777", "")
    assert "777777" not in html and "2019" not in html
    assert "stats-markers" in html and new[0].name in html
    with django_assert_max_num_queries(10):
        assert client.get("/vi/statistics/indicators/poverty-rate/").status_code == 200


@pytest.mark.django_db
def test_commune_profile_shows_predecessors_series_and_constant_queries(
    client, home, units, indicators, put, django_assert_max_num_queries
):
    new = AdministrativeUnit.objects.by_code("21609", at=JULY)  # three whole predecessors
    olds = [s.predecessor for s in new.succession_from.all()]
    for old in olds:
        put(indicators["households"], old, "2024", 100)
        put(indicators["poverty"], old, "2024", 20)
    put(indicators["households"], new, "2025", 310)
    # Cold: nothing kept (no page cache, no memoised shell), the whole page in at most 10
    # queries: the profile's own are six (unit, successions, indicators, every value it needs
    # in one, the pages about the commune in two); the shell (site, menu root, footer) the
    # rest. A menu of sections costs the shell more, once per host (it is kept after that).
    cache.clear()
    with CaptureQueriesContext(connection) as cold:
        response = client.get("/vi/statistics/communes/21609/")
    assert len(cold) <= 10, "\n".join(q["sql"][:120] for q in cold.captured_queries)
    # ... and the profile's own queries do not grow with values
    for old in olds:
        put(indicators["households"], old, "2019", 90)
        put(indicators["poverty"], old, "2019", 30)
    with django_assert_max_num_queries(10):
        client.get("/vi/statistics/communes/21609/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "300" in html and "310" in html and all(o.name in html for o in olds)
    split = AdministrativeUnit.objects.by_code("21622", at=JULY)
    for s in split.succession_from.all():
        put(indicators["households"], s.predecessor, "2024", 5)
    html = client.get("/en/statistics/communes/21622/").content.decode()
    assert "was split" in html


@pytest.mark.django_db
def test_sample_figures_are_labelled(client, units, indicators, put):
    commune = AdministrativeUnit.objects.by_code("21787", at=JULY)
    value = put(indicators["households"], commune, "2025", 10)
    assert "SAMPLE" not in client.get("/en/statistics/indicators/households/").content.decode()
    value.sample = True
    value.save()
    html = client.get("/en/statistics/indicators/households/").content.decode()
    assert html.count("SAMPLE") >= 2
    assert "SAMPLE" in client.get("/en/statistics/communes/21787/").content.decode()
    assert client.get("/vi/statistics/").status_code == 200
    assert client.get("/vi/statistics/indicators/nope/").status_code == 404
    assert client.get("/vi/statistics/communes/00000/").status_code == 404


@pytest.mark.django_db
def test_a_menu_of_many_page_types_costs_the_profile_no_query_per_type(
    client, home, units, indicators, put, settings
):
    """The menu on every page reads its sections as plain pages (one query), not each
    page type's table: only the home page's cards need the summaries."""
    from tests.factories import (
        CourseIndexPageFactory,
        HeritageIndexPageFactory,
        JobIndexPageFactory,
        SectionPageFactory,
    )

    settings.FRAGMENT_CACHE_ENABLED = False  # cold: the menu is computed on each request
    settings.PAGE_CACHE_ENABLED = False
    put(indicators["households"], AdministrativeUnit.objects.by_code("21609", at=JULY), "2025", 310)
    url = "/vi/statistics/communes/21609/"

    def cold_queries():
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    SectionPageFactory(parent=home, title="Giới thiệu", slug="gioi-thieu", show_in_menus=True)
    one_type = cold_queries()
    HeritageIndexPageFactory(parent=home, title="Lễ hội", slug="le-hoi", listing="festivals", show_in_menus=True)
    CourseIndexPageFactory(parent=home, title="Học", slug="hoc", show_in_menus=True)
    JobIndexPageFactory(parent=home, title="Việc làm", slug="viec-lam", show_in_menus=True)
    html = client.get(url).content.decode()
    assert all(title in html for title in ("Giới thiệu", "Lễ hội", "Học", "Việc làm"))
    assert cold_queries() == one_type
