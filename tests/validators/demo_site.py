"""The site the validators check: the demo content (every page type, five languages) in a
SQLite file of its own, built once per test session by a subprocess, so the pytest
database is neither polluted nor needed (the suite runs once, not per database).

``python -m tests.validators.demo_site DB_FILE`` migrates, loads the demo content, adds
what a learner sees (a quiz attempt, a certificate) and prints, as JSON, the pages to
check: one URL per page type and language case, and a learner's session cookie.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def build(db_file, media_root, static_root):
    """Build the demo database in ``db_file`` (its images in ``media_root``); return
    ``{"pages": {name: path}, "learner_pages": {name: path}, "session": key}``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        DATABASE_URL=f"sqlite:///{db_file}",
        DJANGO_SETTINGS_MODULE="cms.settings",
        DJANGO_DEBUG="true",
        DJANGO_MEDIA_ROOT=str(media_root),
        DJANGO_STATIC_ROOT=str(static_root),  # collected: the server runs with DEBUG off
        TASKS_BACKEND="immediate",
        PYTHONPATH=str(ROOT),
    )
    env.pop("REDIS_URL", None)
    done = subprocess.run(
        [sys.executable, "-m", "tests.validators.demo_site", str(db_file)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=1200,
        check=False,
    )
    if done.returncode:
        raise RuntimeError(f"building the demo site failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _first(model, language, **filters):
    from content.public import public_pages

    return public_pages(model.objects.filter(locale__language_code=language, **filters)).order_by("path").first()


def _page_urls():
    """One URL per page type and language case, named for the failure messages."""
    from wagtail.models import Page

    from community.models import (
        CommunityArticlePage,
        CommunityIndexPage,
        HealthIndexPage,
        HealthServicePage,
        JobIndexPage,
        JobPostingPage,
        PolicyDocumentPage,
        PolicyLibraryPage,
    )
    from content.models import SectionPage
    from heritage.models import (
        EthnicGroupPage,
        FestivalPage,
        HeritageIndexPage,
        PlacePage,
        ProductPage,
        StoryPage,
    )
    from lessons.pages import CourseIndexPage, CoursePage, LessonPage

    urls = {}
    for language in ("vi", "en", "bdq", "hre", "hro"):
        urls[f"home {language}"] = f"/{language}/"
    for model in (
        SectionPage,
        EthnicGroupPage,
        StoryPage,
        FestivalPage,
        ProductPage,
        PlacePage,
        CourseIndexPage,
        CoursePage,
        CommunityIndexPage,
        CommunityArticlePage,
        PolicyLibraryPage,
        PolicyDocumentPage,
        JobIndexPage,
        JobPostingPage,
        HealthIndexPage,
        HealthServicePage,
    ):
        for language in ("vi", "en"):
            page = _first(model, language)
            if page is not None:
                urls[f"{model.__name__} {language}"] = page.url
    for index in CommunityIndexPage.objects.filter(locale__language_code="vi").order_by("path"):
        urls[f"CommunityIndexPage {index.slug}"] = index.url
    for index in HeritageIndexPage.objects.filter(locale__language_code="vi").order_by("path"):
        urls[f"HeritageIndexPage {index.slug}"] = index.url
    # a festival really translated into Bahnar, and one Bahnar readers get in Vietnamese
    real = _first(FestivalPage, "bdq")
    if real is not None:
        urls["FestivalPage bdq"] = real.url
        fallback = FestivalPage.objects.filter(locale__language_code="vi").exclude(
            translation_key=real.translation_key
        )
        fallback = fallback.live().order_by("path").first()
        urls["FestivalPage bdq fallback"] = "/bdq" + fallback.url[len("/vi") :]
    quiz_lesson = next(
        (
            lesson
            for lesson in LessonPage.objects.live().filter(locale__language_code="vi").order_by("path")
            if any(block.block_type == "quiz" for block in lesson.body)
        ),
        None,
    )
    lesson = quiz_lesson or _first(LessonPage, "vi")
    urls["LessonPage vi"] = lesson.url
    urls["LessonPage en"] = _first(LessonPage, "en").url
    urls["festival calendar vi"] = "/vi/festivals/calendar/"
    urls["festival calendar en"] = "/en/festivals/calendar/"
    urls["place map vi"] = "/vi/places/map/"
    # a place marked at its commune's centre (issue 18: approximate markers)
    urls["PlacePage approximate vi"] = "/vi/places/lang-k3-vinh-son/"
    urls["EthnicGroupPage cham-hroi vi"] = "/vi/peoples/cham-hroi/"
    urls["search with results"] = "/vi/search/?q=c%E1%BB%93ng+chi%C3%AAng"
    urls["search without results"] = "/vi/search/?q=zzqqxxkhongco"
    urls["search form"] = "/vi/search/"
    urls["search sent empty"] = "/vi/search/?q="  # the field's error, announced
    urls["consultation form"] = "/vi/consultation/"
    urls["learner log-in"] = "/vi/learn/login/"
    urls["learner sign-up"] = "/vi/learn/signup/"
    urls["not found"] = "/vi/khong-co-trang-nay/"
    urls["offline page"] = "/vi/offline/"
    urls["saved for offline"] = "/vi/saved/"
    urls["site map"] = "/vi/site-map/"
    # the statistics and open-data pages (issue 17: every public page type)
    from stats.models import DataValue, Indicator

    urls["statistics vi"] = "/vi/statistics/"
    urls["statistics en"] = "/en/statistics/"
    indicator = Indicator.objects.order_by("code").first()
    if indicator is not None:
        urls["indicator page"] = f"/vi/statistics/indicators/{indicator.code}/"
    approved = DataValue.objects.filter(status="approved").select_related("unit").order_by("unit__code").first()
    if approved is not None:
        urls["commune profile"] = f"/vi/statistics/communes/{approved.unit.code}/"
    urls["statistics reports"] = "/vi/statistics/reports/"
    urls["open data catalogue"] = "/vi/data/"
    from sharing.datasets import all_datasets

    first = next(iter(all_datasets()), None)
    if first is not None:
        urls["open dataset"] = f"/vi/data/{first.slug}/"
    assert Page.objects.live().exists()
    return urls, quiz_lesson


def _learner_pages(quiz_lesson):
    """A learner who took a quiz and holds a certificate: their result, dashboard and
    certificate pages, and the session cookie that opens them."""
    from django.contrib.auth import get_user_model
    from django.test import Client

    from lessons.learners.progress import grade_quiz
    from lessons.learners.records import Certificate

    learner = get_user_model().objects.create_user("hoc-vien-kiem-tra", password="mat-khau-dai-12345")
    urls = {}
    if quiz_lesson is not None:
        quiz = next(block for block in quiz_lesson.body if block.block_type == "quiz")
        attempt = grade_quiz(learner, quiz_lesson, quiz.id, {})
        urls["quiz result"] = f"/vi/learn/attempts/{attempt.pk}/"
        course = quiz_lesson.get_parent().specific
    else:
        from lessons.pages import CoursePage

        course = CoursePage.objects.live().filter(locale__language_code="vi").first()
    certificate, _ = Certificate.objects.get_or_create(
        learner=learner, course=course, defaults={"learner_name": "Đinh Thị H'Lan", "course_title": course.title}
    )
    urls["certificate"] = f"/vi/certificates/{certificate.code}/"
    urls["learner dashboard"] = "/vi/learn/"
    client = Client()
    client.force_login(learner)
    return urls, client.cookies["sessionid"].value


def main(db_file):
    import io

    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    call_command("collectstatic", verbosity=0, interactive=False)
    call_command("load_demo_content", stdout=io.StringIO())
    urls, quiz_lesson = _page_urls()
    learner_urls, session = _learner_pages(quiz_lesson)
    print(json.dumps({"pages": urls, "learner_pages": learner_urls, "session": session}))


if __name__ == "__main__":
    main(sys.argv[1])
