"""A rendition whose file disappeared (its row still there) is regenerated: on demand
at its URL, and in bulk by ``manage.py regenerate_missing_renditions``."""

import io
import os

import pytest
from django.core.management import call_command
from django.test import Client
from PIL import Image as PILImage

from tests.factories import HeritageImageFactory, SectionPageFactory


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def image(home):
    """An image a public page uses (only those have renditions served)."""
    image = HeritageImageFactory(title="Nhà rông Kon Klor")
    SectionPageFactory(parent=home, title="Nhà rông", hero_image=image)
    return image


def size_of(data):
    return PILImage.open(io.BytesIO(data)).size


def body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_missing_rendition_is_regenerated_at_its_url(image):
    rendition = image.get_rendition("fill-40x30")
    url, path, pk = rendition.url, rendition.file.path, rendition.pk
    assert url.startswith("/media/images/")
    os.remove(path)

    response = Client().get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert size_of(body(response)) == (40, 30)
    assert os.path.exists(path)  # written again, under the same name
    again = image.renditions.get()
    assert (again.pk, again.file.name, again.url) == (pk, rendition.file.name, url)

    # Served from the file now; still the same bytes and no second rendition row.
    assert size_of(body(Client().get(url))) == (40, 30)
    assert image.renditions.count() == 1


def test_existing_rendition_is_served_and_unknown_names_are_404(image):
    rendition = image.get_rendition("max-50x50")
    response = Client().get(rendition.url)
    assert response.status_code == 200
    with open(rendition.file.path, "rb") as handle:
        assert body(response) == handle.read()
    client = Client()
    assert client.get("/media/images/nope.fill-10x10.png").status_code == 404
    assert client.get("/media/images/..%2F..%2Fsettings.py").status_code == 404
    assert client.post(rendition.url).status_code == 405


def test_missing_original_gives_404_not_500(image):
    rendition = image.get_rendition("fill-30x30")
    os.remove(rendition.file.path)
    os.remove(image.file.path)
    response = Client(raise_request_exception=False).get(rendition.url)
    assert response.status_code == 404


def test_command_regenerates_every_missing_rendition(image):
    other = HeritageImageFactory(title="Cồng chiêng")
    kept = image.get_rendition("fill-40x40")
    lost = [image.get_rendition("width-60"), other.get_rendition("fill-20x10")]
    for rendition in lost:
        os.remove(rendition.file.path)
    kept_mtime = os.stat(kept.file.path).st_mtime_ns

    dry = io.StringIO()
    call_command("regenerate_missing_renditions", "--dry-run", stdout=dry)
    assert "2 missing of 3; regenerated 0" in dry.getvalue()
    assert all(r.file.name in dry.getvalue() for r in lost)
    assert not any(os.path.exists(r.file.path) for r in lost)

    out = io.StringIO()
    call_command("regenerate_missing_renditions", stdout=out)
    assert "2 missing of 3; regenerated 2; failed 0" in out.getvalue()
    assert "Regenerating renditions" in out.getvalue()  # the progress bar
    assert size_of(open(lost[0].file.path, "rb").read())[0] == 60
    assert size_of(open(lost[1].file.path, "rb").read()) == (20, 10)
    assert os.stat(kept.file.path).st_mtime_ns == kept_mtime  # present files untouched

    again = io.StringIO()
    call_command("regenerate_missing_renditions", stdout=again)
    assert "0 missing of 3" in again.getvalue()


def test_a_regeneration_in_progress_makes_others_wait_then_503(image, monkeypatch):
    from django.core.cache import cache

    from content import renditions

    rendition = image.get_rendition("fill-20x20")
    os.remove(rendition.file.path)
    key = f"rendition-regenerate:{rendition.pk}"
    monkeypatch.setattr(renditions, "WAIT_SECONDS", 0.3)
    cache.add(key, 1, 60)  # another request is writing the file
    try:
        busy = Client().get(rendition.url)
        assert (busy.status_code, busy["Retry-After"]) == (503, "5")
        assert not os.path.exists(rendition.file.path)
    finally:
        cache.delete(key)
    assert Client().get(rendition.url).status_code == 200  # lock released: regenerated now
    assert os.path.exists(rendition.file.path)


def test_nul_in_a_media_name_is_404_without_a_query(image):
    """PostgreSQL cannot compare a NUL: the name must not reach the rendition lookup."""
    from django.urls import Resolver404, resolve

    try:
        match = resolve("/media/images/a\x00b.png").url_name
    except Resolver404:
        match = None
    assert match != "rendition_fallback"
    assert resolve("/media/images/ab.png").url_name == "rendition_fallback"
    assert Client().get("/media/images/a%00b.png").status_code == 404


def test_command_reports_a_rendition_it_cannot_regenerate(image):
    rendition = image.get_rendition("fill-30x30")
    os.remove(rendition.file.path)
    os.remove(image.file.path)
    out, err = io.StringIO(), io.StringIO()
    call_command("regenerate_missing_renditions", stdout=out, stderr=err)
    assert "1 missing of 1; regenerated 0; failed 1." in out.getvalue()
    assert f"failed: {rendition.file.name}" in err.getvalue()


def test_a_big_originals_missing_rendition_is_made_by_the_worker_not_the_request(image, settings):
    """Issue 16, case 11: decoding a big original takes seconds and hundreds of megabytes,
    so an anonymous request queues the work (503 + Retry-After) and the worker makes it."""
    from django_tasks import default_task_backend

    rendition = image.get_rendition("width-200|format-png")
    os.remove(rendition.file.path)
    settings.RENDITION_SYNC_MAX_PIXELS = image.width * image.height - 1  # "big" for this test
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}  # a worker that waits

    response = Client().get(rendition.url)
    assert response.status_code == 503 and response["Retry-After"] == "30"
    assert "no-store" in response["Cache-Control"]
    assert not os.path.exists(rendition.file.path)  # nothing decoded in the request
    assert Client().get(rendition.url).status_code == 503  # queued once, still waiting
    [queued] = default_task_backend.results
    assert queued.task.name == "regenerate_rendition" and queued.args == [rendition.pk]

    queued.task.call(*queued.args)  # the worker runs it
    served = Client().get(rendition.url)
    assert served.status_code == 200 and size_of(body(served))[0] == min(200, image.width)


def test_an_editor_still_gets_a_big_originals_rendition_at_once(image, settings, client):
    from tests.factories import UserFactory

    rendition = image.get_rendition("width-200|format-png")
    os.remove(rendition.file.path)
    settings.RENDITION_SYNC_MAX_PIXELS = 1
    client.force_login(UserFactory(username="bien-tap", is_staff=True, is_superuser=True))
    assert client.get(rendition.url).status_code == 200
