"""A full media disk (a real tmpfs, ``tests/ops/disk.py``): answers are 503 with
Retry-After, never a 500; no empty or truncated file is stored or served, then or
after the space returns (issue 16, cases 1 and 2)."""

import io
import os
import zipfile

import pytest
from django.core.cache import cache
from django.test import Client
from PIL import Image as PILImage

from content.files import AtomicFileSystemStorage
from tests.factories import (
    CourseIndexPageFactory,
    CoursePageFactory,
    HeritageImageFactory,
    LessonPageFactory,
    SectionPageFactory,
)

pytestmark = pytest.mark.django_db


def noisy_png(size=(400, 300)):
    out = io.BytesIO()
    PILImage.frombytes("RGB", size, os.urandom(size[0] * size[1] * 3)).save(out, format="PNG")
    return out.getvalue()


def body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.fixture
def public_image(home, small_disk):
    from django.core.files.base import ContentFile

    image = HeritageImageFactory(title="Nhà rông", file=ContentFile(noisy_png(), name="nha-rong.png"))
    SectionPageFactory(parent=home, title="Nhà rông", hero_image=image)
    return image


def test_rendition_fallback_on_a_full_disk_is_503_and_leaves_no_file(public_image, small_disk):
    rendition = public_image.get_rendition("width-200|format-png")
    url, path = rendition.url, rendition.file.path
    os.remove(path)
    small_disk.fill()
    client = Client(raise_request_exception=False)

    response = client.get(url)
    assert response.status_code == 503
    assert response["Retry-After"]
    assert "no-store" in response["Cache-Control"]
    assert not os.path.exists(path)  # nothing half-written at the name
    assert not [name for name in small_disk.files("images") if os.path.basename(name).startswith(".partial")]
    assert client.get(url).status_code == 503  # still nothing to serve, still no 200

    small_disk.free()
    response = client.get(url)
    assert response.status_code == 200
    picture = PILImage.open(io.BytesIO(body(response)))
    picture.load()  # decodes to the end
    assert picture.size[0] == 200


@pytest.mark.parametrize("damage", ["empty", "truncated"])
def test_a_damaged_rendition_file_is_made_again_not_served(public_image, small_disk, damage):
    rendition = public_image.get_rendition("width-200|format-png")
    with open(rendition.file.path, "rb") as handle:
        whole = handle.read()
    with open(rendition.file.path, "wb") as handle:
        handle.write(b"" if damage == "empty" else whole[: len(whole) // 2])
    response = Client().get(rendition.url)
    assert response.status_code == 200
    data = body(response)
    PILImage.open(io.BytesIO(data)).load()
    assert len(data) == len(whole)
    assert os.path.getsize(rendition.file.path) == len(whole)


def test_atomic_storage_never_leaves_a_partial_file(small_disk):
    from django.core.files.base import ContentFile

    storage = AtomicFileSystemStorage(location=small_disk.root)
    small_disk.fill()
    with pytest.raises(OSError):
        storage.save("bundles/big.zip", ContentFile(b"x" * 200_000))
    assert small_disk.files() == {}
    small_disk.free()
    assert storage.save("bundles/big.zip", ContentFile(b"x" * 200_000)) == "bundles/big.zip"
    assert small_disk.files() == {"bundles/big.zip": 200_000}
    # a second save never overwrites: it takes another name, as Django's storage does
    assert storage.save("bundles/big.zip", ContentFile(b"y")) != "bundles/big.zip"


@pytest.fixture
def course(home, public_image):
    index = CourseIndexPageFactory(parent=home, title="Khoá học")
    course = CoursePageFactory(parent=index, title="Bán hàng trên mạng", hero_image=public_image)
    LessonPageFactory(parent=course, title="Bài 1", hero_image=public_image)
    return course


@pytest.mark.django_db(transaction=True)  # as in production: Wagtail's bulk_create rolls back alone
def test_course_bundle_on_a_full_disk_is_a_json_503_then_whole(course, public_image, small_disk):
    for path in (small_disk.root / "images").glob("*"):  # renditions lost (an old media restore)
        path.unlink()
    cache.clear()
    small_disk.fill()
    client = Client(raise_request_exception=False)
    url = f"/api/v1/courses/{course.pk}/bundle?locale=vi"
    response = client.get(url)
    assert response.status_code == 503
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["code"] == "storage_unavailable"
    assert response["Retry-After"]
    assert all(size > 0 for size in small_disk.files().values())

    small_disk.free()
    response = client.get(url)
    assert response.status_code == 200
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        media = [info for info in archive.infolist() if info.filename.startswith("media/")]
        assert media and all(info.file_size > 0 for info in media)
        for info in media:
            PILImage.open(io.BytesIO(archive.read(info))).load()
    assert all(size > 0 for size in small_disk.files().values())


def test_certificate_pdf_is_never_served_empty(small_disk, home, settings):
    from lessons.learners import certificates as signing
    from lessons.learners.events import record_site_event
    from lessons.learners.progress import grade_quiz
    from lessons.models import Certificate, LearnerProfile
    from tests.factories import UserFactory
    from tests.lessons.conftest import QUIZ_ID, RIGHT, make_course

    index = CourseIndexPageFactory(parent=home, title="Khoá học")
    _course, lessons = make_course(index)
    learner = UserFactory(username="hoa")
    LearnerProfile.objects.create(user=learner, display_name="Đinh Thị Hoa")
    small_disk.fill()
    for lesson in lessons:
        record_site_event(learner, lesson, "lesson_completed")
    grade_quiz(learner, lessons[-1], QUIZ_ID, RIGHT)
    certificate = Certificate.objects.get(learner=learner)
    client = Client(raise_request_exception=False)
    url = f"/vi/certificates/{certificate.code}/pdf/"

    response = client.get(url)  # cannot be stored: drawn and sent anyway
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF") and len(response.content) > 1000
    assert response["X-Certificate-Pdf"] == "rendered"
    assert all(size > 0 for size in small_disk.files().values())

    small_disk.free()
    # An empty file left by an older release at the PDF's name is drawn again, not sent.
    name = signing.pdf_storage_name(
        certificate, "http://testserver" + url.removesuffix("pdf/"), signing.pdf_labels()
    )
    os.makedirs(os.path.dirname(small_disk.root / name), exist_ok=True)
    (small_disk.root / name).write_bytes(b"")
    cache.clear()  # the page cache kept the first answer
    response = client.get(url)
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF") and len(response.content) > 1000
    assert small_disk.files()[name] > 1000
    cache.clear()
    response = client.get(url)
    assert response["X-Certificate-Pdf"] == "stored" and len(response.content) > 1000
