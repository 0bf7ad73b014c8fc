"""A bounded load test on a real server: 50 concurrent clients for a few seconds on
loopback, mixing page and API reads, searches and learner progress uploads.
Zero errors, and the database holds exactly the acknowledged events (none lost,
none duplicated).

gunicorn (2 workers × 8 threads, ``tests.live_site.LiveSite``) serves the test
database: a SQLite snapshot in a file, or the PostgreSQL test database when
DATABASE_URL points at PostgreSQL. LOAD_CLIENTS / LOAD_SECONDS override the size.
"""

import os

import pytest

from bench.load import create_learners, run_load, stored_event_uuids, upload_lessons
from bench.urls import key_urls
from tests.factories import (
    FestivalPageFactory,
    HeritageImageFactory,
    HeritageIndexPageFactory,
    SectionPageFactory,
    StoryPageFactory,
)
from tests.lessons.conftest import CourseIndexPageFactory, make_course
from tests.live_site import LiveSite

pytestmark = pytest.mark.django_db(transaction=True)

CLIENTS = int(os.environ.get("LOAD_CLIENTS", 50))
SECONDS = float(os.environ.get("LOAD_SECONDS", 8))
LEARNERS = 20


@pytest.fixture
def site_data(home, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    festivals = HeritageIndexPageFactory(parent=home, title="Lễ hội", slug="festivals", listing="festivals")
    stories = HeritageIndexPageFactory(parent=home, title="Truyện", slug="stories", listing="stories")
    for n in range(3):
        FestivalPageFactory(parent=festivals, title=f"Lễ hội cồng chiêng {n}", hero_image=HeritageImageFactory())
        StoryPageFactory(parent=stories, title=f"Truyện cổ {n}")
        SectionPageFactory(parent=home, title=f"Mục {n}")
    index = CourseIndexPageFactory(parent=home, title="Khoá học", show_in_menus=True)
    for n in range(2):
        make_course(index, title=f"Khoá học {n}", lessons=3, quiz_id=f"0a0a0a0a-0000-4000-8000-00000000000{n}")
    urls = key_urls()
    search = [urls.pop("search"), "/api/v1/search?q=cong+chieng&locale=vi", "/vi/search/?q=le+hoi"]
    return {
        "tokens": create_learners(LEARNERS),
        "lessons": upload_lessons(),
        "reads": list(urls.values()),
        "searches": search,
    }


def test_concurrent_reads_searches_and_uploads_no_errors_no_lost_events(site_data, tmp_path):
    assert len(site_data["lessons"]) == 6 and len(site_data["reads"]) >= 6
    with LiveSite(tmp_path, workers=2, threads=8) as site:
        result = run_load(
            site.url(),
            clients=CLIENTS,
            seconds=SECONDS,
            tokens=site_data["tokens"],
            read_urls=site_data["reads"],
            search_urls=site_data["searches"],
            lessons=site_data["lessons"],
        )
        log = site.output()
    summary = {k: v for k, v in result.items() if k not in ("acknowledged", "events_unconfirmed")}
    print(summary)
    assert result["errors"] == {}, (summary, log)
    assert result["events_unconfirmed"] == []
    assert all(result["by_kind"][kind] > 0 for kind in ("read", "search", "upload")), summary
    acknowledged = result["acknowledged"]
    assert len(acknowledged) == len(set(acknowledged)) == result["events_sent"] > 0
    # After the server stopped (LiveSite copied the SQLite file back): every
    # acknowledged event stored exactly once (the uuid column is unique) and no other.
    assert stored_event_uuids() == set(acknowledged)
