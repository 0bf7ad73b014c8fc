"""Long work runs in the background (django-tasks with the database backend).

Each test switches TASKS to ``django_tasks_db`` (the tests' default is the immediate
backend), does what a learner or an editor does, checks that the work is only
queued (a READY row, nothing built yet), runs the worker as ``manage.py db_worker
--batch`` and checks the result is stored and served. Transactional: the worker
sees only committed rows and on-commit enqueues run, as in production.
"""

import io
import json
import os
import signal
import subprocess
import sys
import uuid
import zipfile
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.core.management import call_command

from tests.factories import HeritageImageFactory, SectionPageFactory

pytestmark = pytest.mark.django_db(transaction=True)

ROOT = Path(__file__).resolve().parents[2]
DATABASE_BACKEND = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def queue(settings, tmp_path):
    """The database task backend, media in a temporary folder, the site at testserver."""
    settings.TASKS = DATABASE_BACKEND
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.WAGTAILADMIN_BASE_URL = "http://testserver"
    from wagtail.models import Collection

    if Collection.get_first_root_node() is None:  # flushed by an earlier transactional test
        Collection.add_root(name="Root")
    handlers = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}
    yield
    for number, handler in handlers.items():  # db_worker installs its own
        signal.signal(number, handler)


def tasks(path_suffix, status=None):
    from django_tasks_db.models import DBTaskResult

    rows = DBTaskResult.objects.filter(task_path__endswith=path_suffix)
    return rows.filter(status=status) if status else rows


def run_worker():
    call_command("db_worker", "--batch", "--no-startup-delay", "--queue-name", "*", "--no-reload")


def assert_nothing_failed():
    from django_tasks_db.models import DBTaskResult

    failed = list(DBTaskResult.objects.filter(status="FAILED").values_list("task_path", "exception_class_path"))
    assert failed == []
    assert not DBTaskResult.objects.filter(status="READY").exists()


def stored(folder):
    root = Path(default_storage.location) / folder
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


# ---------------------------------------------------------------------------


def test_the_default_backend_is_the_database_queue_outside_tests():
    env = {k: v for k, v in os.environ.items() if k not in ("TASKS_BACKEND", "PYTEST_CURRENT_TEST")}
    code = "from django.conf import settings; print(settings.TASKS['default']['BACKEND'])"
    out = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert out.stdout.strip().splitlines()[-1] == "django_tasks_db.DatabaseBackend", out.stderr
    env["TASKS_BACKEND"] = "immediate"
    out = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert out.stdout.strip().splitlines()[-1] == "django_tasks.backends.immediate.ImmediateBackend"
    env["TASKS_BACKEND"] = "celery"
    out = subprocess.run([sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True)
    assert out.returncode != 0 and "TASKS_BACKEND='celery'" in out.stderr


def test_tests_run_tasks_immediately_by_default(settings):
    assert settings.TASKS["default"]["BACKEND"] == "django_tasks.backends.immediate.ImmediateBackend"


# ---------------------------------------------------------------------------
# Certificates
# ---------------------------------------------------------------------------


@pytest.fixture
def course_and_learner(queue, home):
    from lessons.models import LearnerProfile
    from tests.factories import UserFactory
    from tests.lessons.conftest import CourseIndexPageFactory, make_course

    index = CourseIndexPageFactory(parent=home, title="Khoá học")
    course, lessons = make_course(index)
    user = UserFactory(username="hoa")
    LearnerProfile.objects.create(user=user, display_name="Đinh Thị Hoa")
    return course, lessons, user


def test_issuing_a_certificate_queues_the_pdf_and_the_worker_stores_it(client, course_and_learner):
    from lessons.models import Certificate
    from tests.lessons.conftest import QUIZ_ID, RIGHT

    course, lessons, user = course_and_learner
    client.force_login(user)
    assert client.post(f"/vi/learn/courses/{course.pk}/enrol/").status_code == 302
    for lesson in lessons:
        client.post(f"/vi/learn/lessons/{lesson.pk}/complete/", {"uuid": str(uuid.uuid4())})
    answers = {f"q-{qid}": [str(i) for i in idx] for qid, idx in RIGHT.items()}
    response = client.post(f"/vi/learn/lessons/{lessons[-1].pk}/quiz/{QUIZ_ID}/", answers)
    assert response.status_code == 302
    certificate = Certificate.objects.get(learner=user)

    # The request only queued the PDF: the row is READY and nothing is stored yet.
    queued = tasks("render_certificate_pdf")
    assert [(row.status, row.args_kwargs["args"]) for row in queued] == [("READY", [certificate.code, ["vi"]])]
    assert stored("certificates") == []

    run_worker()
    assert tasks("render_certificate_pdf").get().status == "SUCCESSFUL"
    files = stored("certificates")
    assert len(files) == 1 and files[0].read_bytes().startswith(b"%PDF")
    assert certificate.code in str(files[0]) and files[0].stem != certificate.code  # unguessable name
    assert_nothing_failed()

    pdf = client.get(f"/vi/certificates/{certificate.code}/pdf/")
    assert pdf.status_code == 200 and pdf["X-Certificate-Pdf"] == "stored"
    assert pdf.content == files[0].read_bytes()

    # Another language is not built yet: drawn in the request, then stored too.
    english = client.get(f"/en/certificates/{certificate.code}/pdf/")
    assert english.status_code == 200 and english["X-Certificate-Pdf"] == "rendered"
    assert english.content.startswith(b"%PDF") and len(stored("certificates")) == 2
    cache.clear()  # past the anonymous page cache: the view reads the stored file now
    assert client.get(f"/en/certificates/{certificate.code}/pdf/")["X-Certificate-Pdf"] == "stored"

    # Revoking removes the stored files (in the background too).
    certificate.revoked_at = certificate.issued_at
    certificate.save()
    assert tasks("delete_certificate_pdfs", "READY").count() == 1
    run_worker()
    assert stored("certificates") == []
    assert client.get(f"/vi/certificates/{certificate.code}/pdf/").status_code == 404


def test_the_pdf_is_served_even_when_the_worker_has_not_run(client, course_and_learner):
    from lessons.learners.events import record_site_event
    from lessons.learners.progress import grade_quiz
    from tests.lessons.conftest import QUIZ_ID, RIGHT

    _course, lessons, user = course_and_learner
    for lesson in lessons:
        record_site_event(user, lesson, "lesson_completed")
    grade_quiz(user, lessons[-1], QUIZ_ID, RIGHT)
    code = user.certificates.get().code
    assert tasks("render_certificate_pdf", "READY").count() == 1
    pdf = client.get(f"/vi/certificates/{code}/pdf/")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert pdf["X-Certificate-Pdf"] == "rendered"
    run_worker()  # the queued task finds the PDF stored by the request and keeps it
    assert len(stored("certificates")) == 1
    cache.clear()
    assert client.get(f"/vi/certificates/{code}/pdf/")["X-Certificate-Pdf"] == "stored"
    assert_nothing_failed()


# ---------------------------------------------------------------------------
# Course bundles
# ---------------------------------------------------------------------------


@pytest.fixture
def bundle_course(queue, all_homes):
    from tests.factories import CourseIndexPageFactory, CoursePageFactory, LessonPageFactory
    from tests.lessons.conftest import quiz_block

    image = HeritageImageFactory(title="Nhà rông")
    index = CourseIndexPageFactory(parent=all_homes["vi"])
    course = CoursePageFactory(parent=index, title="Bán hàng trên mạng", hero_image=image)
    first = LessonPageFactory(
        parent=course, title="Bài 1", hero_image=image, body=[("paragraph", "<p>Mở đầu</p>")]
    )
    second = LessonPageFactory(parent=course, title="Bài 2", body=[quiz_block()])
    return course, [first, second]


def _manifest(data):
    return json.loads(zipfile.ZipFile(io.BytesIO(data)).read("manifest.json"))


def test_publishing_a_course_queues_the_bundle_and_the_worker_stores_it(client, bundle_course):
    course, lessons = bundle_course
    assert tasks("build_course_bundles", "READY").exists()  # one per publish, none run yet
    assert stored("bundles") == []

    run_worker()
    assert_nothing_failed()
    files = stored(f"bundles/{course.pk}")
    # One stored build per requested language (the Vietnamese course serves them all).
    assert sorted(p.parent.name for p in files) == sorted(["vi", "en", "bdq", "hre", "hro"])

    url = f"/api/v1/courses/{course.pk}/bundle?locale=vi"
    response = client.get(url)
    assert response.status_code == 200 and response["X-Bundle-Build"] == "stored"
    (vi_build,) = [p for p in files if p.parent.name == "vi"]
    assert response.content == vi_build.read_bytes()
    assert _manifest(response.content)["lessons"][0]["title"] == "Bài 1"

    # Built again from scratch in the request, the bytes are the same (deterministic).
    vi_build.unlink()
    cache.clear()
    rebuilt = client.get(url)
    assert rebuilt["X-Bundle-Build"] == "built" and rebuilt.content == response.content

    # A publish the worker has not handled yet: the stored build is stale, so the
    # request builds the new content (never serves the old) and queues the rebuild.
    lessons[0].title = "Bài 1 (mới)"
    lessons[0].save_revision().publish()
    assert tasks("build_course_bundles", "READY").count() == 1
    fresh = client.get(url)
    assert fresh["X-Bundle-Build"] == "built"
    assert _manifest(fresh.content)["lessons"][0]["title"] == "Bài 1 (mới)"
    assert _manifest(fresh.content)["hash"] != _manifest(response.content)["hash"]
    run_worker()
    assert_nothing_failed()
    assert len(stored(f"bundles/{course.pk}/vi")) == 1  # the stale build was removed


def test_unpublishing_a_course_removes_its_stored_bundles(client, bundle_course):
    course, _lessons = bundle_course
    run_worker()
    assert stored(f"bundles/{course.pk}")
    course.unpublish()
    assert tasks("build_course_bundles", "READY").count() == 1
    run_worker()
    assert stored(f"bundles/{course.pk}") == []
    assert client.get(f"/api/v1/courses/{course.pk}/bundle").status_code == 404


def test_deleting_a_course_removes_its_stored_bundles_and_a_lesson_rebuilds_them(bundle_course):
    course, lessons = bundle_course
    run_worker()
    before = stored(f"bundles/{course.pk}/vi")
    assert len(before) == 1

    lessons[1].delete()  # the course changed: built again, the old build removed
    queued = tasks("build_course_bundles", "READY")
    assert queued.exists() and all(row.args_kwargs["args"] == [course.pk] for row in queued)
    run_worker()
    after = stored(f"bundles/{course.pk}/vi")
    assert len(after) == 1 and after != before
    assert [item["id"] for item in _manifest(after[0].read_bytes())["lessons"]] == [lessons[0].pk]

    course.delete()
    assert tasks("build_course_bundles", "READY").filter(args_kwargs__args=[course.pk]).exists()
    run_worker()
    assert_nothing_failed()
    assert stored(f"bundles/{course.pk}") == []


# ---------------------------------------------------------------------------
# Renditions and search
# ---------------------------------------------------------------------------


def test_renditions_are_made_in_the_background_on_image_save_and_publish(client, queue, home):
    from content.tasks import SPECS

    image = HeritageImageFactory(title="Cồng chiêng")
    assert tasks("generate_image_renditions", "READY").count() == 1
    assert image.renditions.count() == 0
    run_worker()
    assert sorted(image.renditions.values_list("filter_spec", flat=True)) == sorted(SPECS)

    # A page published with a body image: its renditions are queued on publish. (The
    # image was saved before the queue existed here, so only the publish makes them.)
    from django.test import override_settings

    with override_settings(TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}):
        body_image = HeritageImageFactory(title="Nhà rông")
    page = SectionPageFactory(
        parent=home, title="Lễ hội", body=[("image", {"image": body_image, "caption": "", "alt": ""})]
    )
    assert tasks("generate_page_renditions", "READY").filter(args_kwargs__args=[page.pk]).exists()
    assert body_image.renditions.count() == 0
    run_worker()
    assert_nothing_failed()
    assert body_image.renditions.count() == len(SPECS)
    # The first visitor pays for no rendition: the page shows the ones the worker made.
    response = client.get(page.url)
    assert response.status_code == 200
    assert body_image.renditions.count() == len(SPECS)
    html = response.content.decode()
    for spec in ("fill-360x203|format-webp", "fill-720x405|format-webp", "fill-1080x608|format-webp"):
        assert body_image.renditions.get(filter_spec=spec).url in html


def test_search_index_updates_go_through_the_queue_and_rebuild_still_works(queue, home):
    from modelsearch.backends import get_search_backend

    from content.models import SectionPage

    page = SectionPageFactory(parent=home, title="Đàn đá Tà Pùa")
    queued = tasks("modelsearch.tasks.insert_or_update_object_task", "READY")
    assert queued.filter(args_kwargs__args__2=str(page.pk)).exists()

    def found():
        return [p.pk for p in get_search_backend().search("Tà Pùa", SectionPage)]

    assert page.pk not in found()  # not indexed in the request
    run_worker()
    assert page.pk in found()

    other = SectionPageFactory(parent=home, title="Đàn t'rưng Kon Klor")
    assert other.pk not in [p.pk for p in get_search_backend().search("Kon Klor", SectionPage)]
    call_command("rebuild_search_index", stdout=io.StringIO())  # synchronous, needs no worker
    assert other.pk in [p.pk for p in get_search_backend().search("Kon Klor", SectionPage)]


def test_closed_job_postings_leave_the_sync_feed_by_a_nightly_task_the_worker_runs(queue, home):
    """Reading the feed writes nothing; the tombstone comes from ``close_expired_jobs``,
    queued for the next local midnight and re-queued by each run (never twice)."""
    import datetime

    from django.utils import timezone

    from community.tasks import next_midnight, schedule_close_expired_jobs
    from content.models import SyncEvent
    from tests.factories import JobIndexPageFactory, JobPostingPageFactory

    waiting = tasks("close_expired_jobs", "READY")
    waiting.delete()  # queued by post_migrate in an earlier test's database
    first = schedule_close_expired_jobs()
    assert first == next_midnight() and timezone.localtime(first).time() == datetime.time(0, 1)
    assert schedule_close_expired_jobs() is None  # one waiting run is enough
    assert waiting.count() == 1

    index = JobIndexPageFactory(parent=home, slug="viec-lam")
    job = JobPostingPageFactory(parent=index, deadline=timezone.localdate() - datetime.timedelta(days=1))
    before = SyncEvent.objects.filter(page_id=job.pk).count()
    waiting.update(run_after=timezone.now() - datetime.timedelta(seconds=1))  # midnight has come
    run_worker()
    assert not tasks("close_expired_jobs", "FAILED").exists()
    last = SyncEvent.objects.filter(page_id=job.pk).order_by("id").last()
    assert SyncEvent.objects.filter(page_id=job.pk).count() == before + 1 and last.action == "delete"
    again = tasks("close_expired_jobs", "READY")
    assert again.count() == 1 and again.get().run_after > timezone.now()  # the next night's run
