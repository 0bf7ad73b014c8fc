"""A sensitive course is never named where others can see it (issue 16, case 6):
its certificate (page, printable page, PDF, QR payload, public API) says "a course of
Nhà Rông", and neither it nor its lessons are in sitemap.xml."""

import pytest

from lessons.learners import certificates as signing
from lessons.learners.events import record_site_event
from lessons.learners.progress import grade_quiz
from lessons.models import Certificate, LearnerProfile
from tests.factories import CourseIndexPageFactory, UserFactory
from tests.lessons.conftest import QUIZ_ID, RIGHT, make_course

pytestmark = pytest.mark.django_db
TITLE = "Phòng tránh bạo lực gia đình"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def sensitive(home):
    index = CourseIndexPageFactory(parent=home, title="Khoá học")
    course, lessons = make_course(index, title=TITLE, sensitive=True)
    learner = UserFactory(username="hoa")
    LearnerProfile.objects.create(user=learner, display_name="Đinh Thị Hoa")
    for lesson in lessons:
        record_site_event(learner, lesson, "lesson_completed")
    grade_quiz(learner, lessons[-1], QUIZ_ID, RIGHT)
    return course, lessons, Certificate.objects.get(learner=learner)


def test_sensitive_course_title_is_not_on_its_public_certificate(client, sensitive):
    _course, _lessons, certificate = sensitive
    assert certificate.course_title == TITLE  # the learner's own record keeps it
    for url in (f"/vi/certificates/{certificate.code}/", f"/vi/certificates/{certificate.code}/print/"):
        response = client.get(url)
        if response.status_code == 404:
            continue
        text = response.content.decode()
        assert TITLE not in text
        assert "một khoá học của Nhà Rông" in text
    assert signing.certificate_payload(certificate)["t"] == "một khoá học của Nhà Rông"
    pdf = client.get(f"/vi/certificates/{certificate.code}/pdf/")
    assert pdf.status_code == 200
    api = client.get(f"/api/v1/certificates/{certificate.code}")
    assert api.json()["course_title"] == "một khoá học của Nhà Rông"
    assert TITLE not in api.content.decode()


def test_sensitive_course_and_its_lessons_are_not_in_the_sitemap(client, sensitive, home):
    course, lessons, _certificate = sensitive
    body = client.get("/sitemap.xml").content.decode()
    assert "/vi/" in body  # the sitemap lists the public pages
    assert course.slug not in body
    assert not any(lesson.slug in body for lesson in lessons)
