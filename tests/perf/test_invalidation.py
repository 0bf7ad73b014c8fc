"""Invalidation per page (content.cache, content.cachetags): a change makes stale
exactly what shows the page, every affected URL shows the new value at once,
and an unrelated cached URL stays a hit. Search index writes, reindexing,
learner records and other pages' types invalidate nothing public."""

import pytest
from django.core.management import call_command

from tests.factories import (
    EthnicGroupPageFactory,
    FestivalPageFactory,
    HeritageIndexPageFactory,
    JobIndexPageFactory,
    JobPostingPageFactory,
    SectionPageFactory,
    StoryPageFactory,
)

pytestmark = pytest.mark.django_db


def _publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@pytest.fixture
def site(home):
    """Two festivals and a story of the Ba Na (related to each other), a festival
    of the H'rê (unrelated to them), their listing and a job board."""
    groups_index = HeritageIndexPageFactory(parent=home, title="Dân tộc", slug="dan-toc", listing="groups")
    ba_na = EthnicGroupPageFactory(parent=groups_index, title="Người Ba Na", slug="ba-na", code="ba-na")
    hre = EthnicGroupPageFactory(parent=groups_index, title="Người H'rê", slug="hre", code="hre")
    index = HeritageIndexPageFactory(parent=home, title="Lễ hội", slug="le-hoi", listing="festivals")
    stories = HeritageIndexPageFactory(parent=home, title="Truyện", slug="truyen", listing="stories")
    made = {"index": index, "ba_na": ba_na}
    for key, title, slug, group, parent, factory in [
        ("a", "Lễ mừng lúa mới", "lua-moi", ba_na, index, FestivalPageFactory),
        ("b", "Lễ đâm trâu", "dam-trau", ba_na, index, FestivalPageFactory),
        ("c", "Lễ cúng bến nước", "ben-nuoc", hre, index, FestivalPageFactory),
        ("s", "Sự tích nhà rông", "nha-rong", ba_na, stories, StoryPageFactory),
    ]:
        page = factory(parent=parent, title=title, slug=slug)
        page.groups.set([group])
        made[key] = _publish(page)
    made["jobs"] = JobIndexPageFactory(parent=home, title="Việc làm", slug="viec-lam")
    return made


def _warm(client, *urls):
    for url in urls:
        assert client.get(url).status_code == 200, url
        assert client.get(url)["X-Cache"] == "HIT", url


def _hit(client, url):
    return client.get(url)["X-Cache"] == "HIT"


def test_renaming_a_festival_shows_everywhere_at_once_and_nothing_else_goes_cold(client, site):
    a = site["a"]
    shows_a = [
        "/vi/le-hoi/lua-moi/",  # its page
        "/vi/le-hoi/",  # its listing
        "/vi/le-hoi/dam-trau/",  # a festival listing it as related
        "/vi/truyen/nha-rong/",  # a story listing it as related
        "/vi/dan-toc/ba-na/",  # its group's page
        "/api/v1/festivals?locale=vi",
        f"/api/v1/festivals/{a.pk}?locale=vi",
        "/vi/festivals/calendar/?start=2026-01",
        "/vi/search/?q=c%C6%A1m",  # "cơm": no result before, the renamed festival after
        "/sitemap.xml",
    ]
    unrelated = ["/vi/le-hoi/ben-nuoc/", "/vi/dan-toc/hre/", f"/api/v1/festivals/{site['c'].pk}?locale=vi"]
    _warm(client, *shows_a, *unrelated)
    assert "/vi/le-hoi/lua-moi/" not in client.get("/vi/search/?q=c%C6%A1m").content.decode()
    assert "Lễ mừng lúa mới" in client.get("/vi/le-hoi/dam-trau/").content.decode()

    a.title = "Lễ ăn cơm mới"
    _publish(a)

    for url in shows_a:
        response = client.get(url)
        body = response.content.decode()
        if url.startswith("/sitemap"):
            assert response["X-Cache"] == "MISS", url
            continue
        if "search" in url:  # the words are highlighted there
            assert "/vi/le-hoi/lua-moi/" in body and "Lễ mừng" not in body
            continue
        assert "Lễ ăn cơm mới" in body, url
        assert "Lễ mừng lúa mới" not in body, url
    for url in unrelated:
        assert _hit(client, url), url


def test_reindexing_and_search_writes_keep_pages_cached(client, site):
    urls = ["/vi/le-hoi/ben-nuoc/", "/vi/le-hoi/", "/api/v1/festivals?locale=vi"]
    _warm(client, *urls)
    call_command("rebuild_search_index", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert all(_hit(client, url) for url in urls)
    call_command("update_index", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert all(_hit(client, url) for url in urls)


def test_publishing_a_job_posting_keeps_festival_pages_cached(client, site):
    urls = ["/vi/le-hoi/lua-moi/", "/vi/le-hoi/", "/api/v1/festivals?locale=vi", "/vi/festivals/calendar/"]
    _warm(client, *urls)
    JobPostingPageFactory(parent=site["jobs"], title="Thợ dệt thổ cẩm")
    assert all(_hit(client, url) for url in urls)
    assert "Thợ dệt thổ cẩm" in client.get("/vi/viec-lam/").content.decode()


def test_a_new_related_page_appears_on_the_pages_that_share_its_group(client, site):
    _warm(client, "/vi/le-hoi/lua-moi/", "/vi/le-hoi/ben-nuoc/")
    story = StoryPageFactory(parent=site["s"].get_parent(), title="Chuyện kể về Giàng", slug="giang")
    story.groups.set([site["ba_na"]])
    _publish(story)
    assert "Chuyện kể về Giàng" in client.get("/vi/le-hoi/lua-moi/").content.decode()
    assert _hit(client, "/vi/le-hoi/ben-nuoc/")


def test_unpublish_and_menu(client, site, home):
    _warm(client, "/vi/le-hoi/", "/vi/le-hoi/ben-nuoc/")
    site["b"].unpublish()
    assert client.get("/vi/le-hoi/dam-trau/").status_code == 404
    assert "Lễ đâm trâu" not in client.get("/vi/le-hoi/").content.decode()
    assert "Lễ đâm trâu" not in client.get("/vi/le-hoi/lua-moi/").content.decode()
    assert _hit(client, "/vi/le-hoi/ben-nuoc/")
    # A new top-level section is in every page's menu.
    SectionPageFactory(parent=home, title="Giới thiệu", slug="gioi-thieu", show_in_menus=True)
    assert "Giới thiệu" in client.get("/vi/le-hoi/ben-nuoc/").content.decode()


def test_learner_records_and_sessions_invalidate_nothing_public(client, site, home):
    import uuid

    from django.contrib.sessions.backends.db import SessionStore
    from django.utils import timezone

    from lessons.learners.records import Enrollment, ProgressEvent
    from tests.factories import CourseIndexPageFactory, CoursePageFactory, LessonPageFactory, UserFactory

    courses = CourseIndexPageFactory(parent=home, title="Khoá học", slug="khoa-hoc")
    course = CoursePageFactory(parent=courses, title="Tiếng Ba Na", slug="tieng-ba-na")
    lesson = LessonPageFactory(parent=course, title="Bài một", slug="bai-mot")
    url = "/vi/le-hoi/ben-nuoc/"
    _warm(client, url)
    learner = UserFactory(username="hoc-vien")
    Enrollment.objects.create(learner=learner, course=course)
    ProgressEvent.objects.create(
        uuid=uuid.uuid4(),
        learner=learner,
        course=course,
        lesson=lesson,
        kind=ProgressEvent.Kind.LESSON_OPENED,
        client_timestamp=timezone.now(),
    )
    session = SessionStore()
    session["learner"] = learner.pk
    session.save()
    assert _hit(client, url)


def test_a_name_synonym_edit_makes_search_stale_and_keeps_pages_cached(client, site, home):
    from search.models import NameSynonym

    SectionPageFactory(parent=home, title="Người Ba Na", slug="nguoi-ba-na", summary="Nhà rông.")
    pages = ["/vi/le-hoi/lua-moi/", "/vi/le-hoi/", "/api/v1/festivals?locale=vi"]
    search_url = "/vi/search/?q=kon+ko"
    _warm(client, *pages, search_url)
    assert "Người Ba Na" in client.get("/vi/search/?q=ba+na").content.decode()
    assert "Người Ba Na" not in client.get(search_url).content.decode()
    synonym = NameSynonym.objects.create(name="Ba Na Kriêm", variants="Kon Ko\nNgười Ba Na")  # made up
    assert not _hit(client, search_url)
    assert "Người Ba Na" in client.get(search_url).content.decode()
    assert all(_hit(client, url) for url in pages)
    synonym.delete()
    assert "Người Ba Na" not in client.get(search_url).content.decode()
    assert all(_hit(client, url) for url in pages)


def test_search_data_and_index_writes_keep_pages_cached(client, site):
    from search.indexing import update_page
    from search.models import PageSearchData

    urls = ["/vi/le-hoi/ben-nuoc/", "/vi/le-hoi/", "/api/v1/festivals?locale=vi", "/vi/dan-toc/ba-na/"]
    _warm(client, *urls)
    update_page(site["a"])  # what a publish's indexing task writes
    PageSearchData.objects.filter(page_id=site["c"].pk).update(text="khác")
    PageSearchData.objects.get(page_id=site["c"].pk).save()
    assert all(_hit(client, url) for url in urls)


def test_quiz_attempts_and_certificates_invalidate_no_page(client, site, home):
    from lessons.learners.records import Certificate, QuizAttempt
    from tests.factories import CourseIndexPageFactory, CoursePageFactory, LessonPageFactory, UserFactory

    courses = CourseIndexPageFactory(parent=home, title="Khoá học", slug="khoa-hoc")
    course = CoursePageFactory(parent=courses, title="Tiếng Ba Na", slug="tieng-ba-na")
    lesson = LessonPageFactory(parent=course, title="Bài một", slug="bai-mot")
    urls = ["/vi/le-hoi/ben-nuoc/", "/vi/le-hoi/", "/vi/khoa-hoc/tieng-ba-na/bai-mot/"]
    _warm(client, *urls)
    learner = UserFactory(username="hoc-vien-2")
    QuizAttempt.objects.create(
        learner=learner, course=course, lesson=lesson, quiz_id="quiz-1", score=100, passed=True
    )
    Certificate.objects.create(learner=learner, course=course, learner_name="Học viên", course_title=course.title)
    assert all(_hit(client, url) for url in urls)
