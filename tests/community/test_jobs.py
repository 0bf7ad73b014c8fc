import datetime
import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from community.models import JobPostingPage
from community.models.jobs import rank_for_user
from community.tasks import emit_closed_job_tombstones
from content.models import SectionPage, SyncEvent
from tests.factories import JobIndexPageFactory, JobPostingPageFactory, SectionPageFactory, UserFactory

TODAY = timezone.localdate


def _jobs(home):
    return JobIndexPageFactory(parent=home, slug="viec-lam")


def test_open_and_closed_at_query_time(home):
    index = _jobs(home)
    open_job = JobPostingPageFactory(parent=index, title="Còn hạn", deadline=TODAY())
    closed = JobPostingPageFactory(parent=index, title="Hết hạn", deadline=TODAY() - datetime.timedelta(days=1))
    assert list(JobPostingPage.objects.open()) == [open_job]
    assert list(JobPostingPage.objects.closed()) == [closed]
    # the day after the deadline, the open one closes too, no job needed
    tomorrow = TODAY() + datetime.timedelta(days=1)
    assert list(JobPostingPage.objects.open(on=tomorrow)) == []
    assert not open_job.is_closed and closed.is_closed


def test_listing_hides_closed_but_detail_says_closed(client, home):
    index = _jobs(home)
    JobPostingPageFactory(parent=index, title="Thợ dệt thổ cẩm")
    closed = JobPostingPageFactory(
        parent=index, title="Phụ bếp homestay", deadline=TODAY() - datetime.timedelta(days=3)
    )
    html = client.get(index.url).content.decode()
    assert "Thợ dệt thổ cẩm" in html
    assert "Phụ bếp homestay" not in html
    response = client.get(closed.url)
    assert response.status_code == 200
    body = response.content.decode()
    assert 'class="notice closed"' in body
    ended = (TODAY() - datetime.timedelta(days=3)).strftime("%d/%m/%Y")
    assert f"đã hết hạn nhận hồ sơ ngày {ended}." in body  # Vietnamese, not "applications ended on"
    assert "How to apply" not in body and "Cách nộp hồ sơ" not in body


def test_search_queryset_filter_is_generic(home):
    from wagtail.models import Page

    index = _jobs(home)
    open_job = JobPostingPageFactory(parent=index)
    closed = JobPostingPageFactory(parent=index, deadline=TODAY() - datetime.timedelta(days=1))
    section = SectionPageFactory(parent=home, title="Giới thiệu")
    filtered = JobPostingPage.search_queryset_filter(Page.objects.all())
    pages = set(filtered.values_list("pk", flat=True))
    assert open_job.pk in pages and section.pk in pages and closed.pk not in pages
    jobs = JobPostingPage.search_queryset_filter(JobPostingPage.objects.all())
    assert list(jobs) == [open_job]
    assert SectionPage.objects.filter(pk=section.pk).exists()


def test_filters_by_commune_skill_and_level(home, commune, other_commune):
    index = _jobs(home)
    JobPostingPageFactory(parent=index, title="A", commune=commune, skills="dệt", education="none")
    JobPostingPageFactory(
        parent=index, title="B", commune=other_commune, skills="nấu ăn", education="lower_secondary"
    )

    def titles(**f):
        return [j.title for j in index.jobs(f)]

    assert titles(commune="21787") == ["A"]
    assert titles(skill="nấu") == ["B"]
    assert titles(level="lower_secondary") == ["B"]
    assert titles(level="nonsense") == ["A", "B"]


def _count_queries(fn):
    """Queries run by ``fn`` (a wrapper, unlike connection.queries, has no 9000 cap)."""
    calls = []
    with connection.execute_wrapper(lambda execute, *a: calls.append(1) or execute(*a)):
        fn()
    return len(calls)


def test_listing_has_constant_queries(home, commune, client, django_assert_max_num_queries):
    index = _jobs(home)
    for n in range(3):
        JobPostingPageFactory(parent=index, title=f"Việc {n}", commune=commune)
    # Distinct query strings: each request misses the anonymous page cache. A first
    # request after each change fills what is kept per content generation (route, menu).
    client.get(index.url, {"skill": "", "n": 0})
    few = _count_queries(lambda: client.get(index.url, {"skill": "", "n": 1}))
    assert 0 < few <= 25
    for n in range(3, 10):
        JobPostingPageFactory(parent=index, title=f"Việc {n}", commune=commune)
    client.get(index.url, {"skill": "", "n": 2})
    assert _count_queries(lambda: client.get(index.url, {"skill": "", "n": 3})) <= few


@pytest.mark.django_db
def test_jobs_for_you_ranks_own_commune_first(client, home, commune, other_commune):
    from lessons.models import LearnerProfile

    index = _jobs(home)
    far = JobPostingPageFactory(parent=index, title="Ở xa", commune=other_commune)
    near = JobPostingPageFactory(parent=index, title="Gần nhà", commune=commune)
    user = UserFactory(username="hoc-vien")
    LearnerProfile.objects.create(user=user, commune=commune)
    assert rank_for_user([far, near], user) == [near]
    client.force_login(user)
    html = client.get(index.url).content.decode()
    assert 'class="jobs-for-you"' in html
    section = html.split('class="jobs-for-you"')[1].split("</section>")[0]
    assert "Gần nhà" in section and "Ở xa" not in section


def test_closed_jobs_get_a_sync_tombstone_once(home):
    index = _jobs(home)
    closed = JobPostingPageFactory(parent=index, deadline=TODAY() - datetime.timedelta(days=1))
    JobPostingPageFactory(parent=index)
    assert emit_closed_job_tombstones() == 1
    assert emit_closed_job_tombstones() == 0
    last = SyncEvent.objects.filter(page_id=closed.pk).last()
    assert last.action == SyncEvent.Action.DELETE


def test_sync_feed_drops_a_job_the_day_after_its_deadline(client, home):
    index = _jobs(home)
    job = JobPostingPageFactory(parent=index, title="Hướng dẫn viên", deadline=TODAY())
    closed = JobPostingPageFactory(parent=index, title="Đã đóng", deadline=TODAY() - datetime.timedelta(days=2))
    first = client.get("/api/v1/sync?locale=vi").json()
    upserts = {item["id"] for item in first["items"] if item["action"] == "upsert"}
    assert job.pk in upserts and closed.pk not in upserts
    # a day passes: the deadline is now behind us, with no publish event at all
    JobPostingPage.objects.filter(pk=job.pk).update(deadline=TODAY() - datetime.timedelta(days=1))
    # reading the feed writes nothing: the posting is still there until the nightly task runs
    before = SyncEvent.objects.count()
    quiet = client.get(f"/api/v1/sync?locale=vi&cursor={first['next_cursor']}").json()
    assert SyncEvent.objects.count() == before and job.pk not in {item["id"] for item in quiet["items"]}
    call_command("close_expired_jobs", stdout=io.StringIO())
    delta = client.get(f"/api/v1/sync?locale=vi&cursor={first['next_cursor']}").json()
    actions = {item["id"]: item["action"] for item in delta["items"]}
    assert actions.get(job.pk) == "delete"
    again = client.get(f"/api/v1/sync?locale=vi&cursor={delta['next_cursor']}").json()
    assert again["items"] == []
