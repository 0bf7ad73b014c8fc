"""The course bundle: zip contents, HEAD size, determinism, ?since deltas."""

import hashlib
import io
import json
import zipfile


def _zip(response):
    assert response.status_code == 200, response.content[:300]
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    return archive, json.loads(archive.read("manifest.json"))


def test_bundle_contents_and_files(api, course):
    url = f"/api/v1/courses/{course['course'].pk}/bundle?locale=vi"
    response = api.get(url)
    assert response["Content-Type"] == "application/zip"
    archive, manifest = _zip(response)
    names = set(archive.namelist())
    lessons = course["lessons"]
    assert {f"lessons/{lesson.pk}.json" for lesson in lessons} <= names
    assert f"lessons/{course['draft'].pk}.json" not in names
    assert [item["id"] for item in manifest["lessons"]] == [lesson.pk for lesson in lessons]
    assert manifest["partial"] is False
    for item in manifest["lessons"]:
        assert len(item["hash"]) == 64
        for path in item["files"]:
            assert path in names and archive.read(path)
    # Every media URL of the JSON that the bundle carries maps to a file in the zip.
    assert manifest["files"] and all(p in names for p in manifest["files"].values())
    lesson = json.loads(archive.read(f"lessons/{lessons[0].pk}.json"))
    assert lesson["title"] == "Bài 1"
    assert json.loads(archive.read("course.json"))["id"] == course["course"].pk
    quiz_json = archive.read(f"lessons/{lessons[1].pk}.json").decode()
    assert '"correct"' not in quiz_json


def test_head_size_equals_download_and_bytes_are_deterministic(api, course):
    url = f"/api/v1/courses/{course['course'].pk}/bundle?locale=vi"
    get = api.get(url)
    head = api.head(url)
    assert head.status_code == 200
    assert int(head["Content-Length"]) == len(get.content) > 0
    assert head["ETag"] == get["ETag"]
    import shutil

    from django.conf import settings
    from django.core.cache import cache

    assert get["X-Bundle-Build"] == "built"
    cache.clear()  # the stored build (lessons/api/offline.py) is served...
    stored = api.get(url)
    assert stored["X-Bundle-Build"] == "stored" and stored.content == get.content
    shutil.rmtree(settings.MEDIA_ROOT / "bundles")
    cache.clear()  # ...and rebuilt from scratch: same bytes
    rebuilt = api.get(url)
    assert rebuilt["X-Bundle-Build"] == "built"
    assert hashlib.sha256(rebuilt.content).digest() == hashlib.sha256(get.content).digest()
    assert api.get(url, HTTP_IF_NONE_MATCH=get["ETag"]).status_code == 304


def test_since_returns_only_changed_lessons(api, course):
    url = f"/api/v1/courses/{course['course'].pk}/bundle?locale=vi"
    _archive, manifest = _zip(api.get(url))
    same_archive, same = _zip(api.get(f"{url}&since={manifest['hash']}"))
    assert same["partial"] is True and same["included_lessons"] == []
    assert not [n for n in same_archive.namelist() if n.startswith("lessons/")]
    first = course["lessons"][0]
    first.title = "Bài 1 (mới)"
    first.save_revision().publish()
    changed_archive, changed = _zip(api.get(f"{url}&since={manifest['hash']}"))
    assert changed["included_lessons"] == [first.pk]
    assert changed["hash"] != manifest["hash"]
    assert [n for n in changed_archive.namelist() if n.startswith("lessons/")] == [f"lessons/{first.pk}.json"]
    course["lessons"][1].unpublish()
    _a, removed = _zip(api.get(f"{url}&since={manifest['hash']}"))
    assert removed["removed_lessons"] == [course["lessons"][1].pk]


def test_bundle_errors(api, course):
    pk = course["course"].pk
    assert api.get(f"/api/v1/courses/{pk}/bundle?since=xyz").json()["code"] == "invalid_since"
    unknown = api.get(f"/api/v1/courses/{pk}/bundle?since={'0' * 32}")
    assert _zip(unknown)[1]["partial"] is False  # unknown manifest: the full bundle
    assert api.get("/api/v1/courses/999999/bundle").status_code == 404
    assert api.get(f"/api/v1/courses/{course['lessons'][0].pk}/bundle").status_code == 404
    assert api.get(f"/api/v1/courses/{pk}/bundle?colour=1").status_code == 400


def test_a_storage_failure_or_a_damaged_build_never_breaks_the_bundle(api, course, monkeypatch):
    from django.conf import settings
    from django.core.cache import cache
    from django.core.files.storage import default_storage

    url = f"/api/v1/courses/{course['course'].pk}/bundle?locale=vi"
    first = api.get(url)
    assert first["X-Bundle-Build"] == "built"
    (stored,) = (settings.MEDIA_ROOT / "bundles").rglob("*.zip")

    # A damaged stored build is replaced by a good one at the same name.
    stored.write_bytes(b"not a zip")
    cache.clear()
    repaired = api.get(url)
    assert repaired["X-Bundle-Build"] == "built" and repaired.content == first.content
    assert list((settings.MEDIA_ROOT / "bundles").rglob("*.zip")) == [stored]
    assert stored.read_bytes() == first.content

    # Writing and reading builds fails (not only OSError: S3 raises its own errors): built
    # and served anyway.
    def broken(method):
        original = getattr(default_storage, method)

        def call(name, *args, **kwargs):
            if str(name).startswith("bundles/"):
                raise RuntimeError("storage unreachable")
            return original(name, *args, **kwargs)

        return call

    for method in ("exists", "open", "save"):
        monkeypatch.setattr(default_storage, method, broken(method))
    cache.clear()
    unreachable = api.get(url)
    assert unreachable.status_code == 200 and unreachable["X-Bundle-Build"] == "built"
    assert unreachable.content == first.content


def test_a_lost_rendition_file_is_written_again_for_the_bundle(api, course, image):
    from django.core.cache import cache

    url = f"/api/v1/courses/{course['course'].pk}/bundle?locale=vi"
    first = api.get(url)
    rendition = image.get_rendition("width-320|format-webp|webpquality-70")
    rendition.file.storage.delete(rendition.file.name)  # a media volume restored without it
    import shutil

    from django.conf import settings

    shutil.rmtree(settings.MEDIA_ROOT / "bundles")
    cache.clear()
    again = api.get(url)
    assert again.status_code == 200 and again["X-Bundle-Build"] == "built"
    assert again.content == first.content
    assert rendition.file.storage.exists(rendition.file.name)


def test_a_bundle_costs_no_query_per_image_beyond_the_lessons_json(api, course):
    """Reading, rendering and hashing the media loads images, renditions and documents
    in bulk: five images more cost the bundle no query more than they cost the lesson's
    own detail JSON (which the bundle carries)."""
    import shutil

    from django.conf import settings
    from django.core.cache import cache
    from django.db import connection

    from tests.factories import HeritageImageFactory

    lesson = course["lessons"][0]
    bundle_url = f"/api/v1/courses/{course['course'].pk}/bundle?locale=vi"
    detail_url = f"/api/v1/lessons/{lesson.pk}?locale=vi"

    def queries(url):
        """Queries of one request from scratch (the test client's requests reset
        ``connection.queries``, so they are counted by a wrapper)."""
        assert api.get(url).status_code == 200  # renditions made
        shutil.rmtree(settings.MEDIA_ROOT / "bundles", ignore_errors=True)
        cache.clear()
        count = []
        with connection.execute_wrapper(lambda execute, *args: count.append(1) or execute(*args)):
            response = api.get(url)
        assert response.status_code == 200
        return len(count), response

    bundle_one, response = queries(bundle_url)
    assert response["X-Bundle-Build"] == "built"
    assert len(_zip(response)[1]["files"]) == 1  # URL → file in the zip
    detail_one, _response = queries(detail_url)
    steps = [{"text": f"Bước {i}", "image": HeritageImageFactory(title=f"Ảnh {i}")} for i in range(5)]
    lesson.body = [("how_to", {"title": "Các bước", "steps": steps})]
    lesson.save_revision().publish()
    bundle_six, response = queries(bundle_url)
    assert response["X-Bundle-Build"] == "built"
    assert len(_zip(response)[1]["files"]) == 6  # the hero image and five step images
    detail_six, _response = queries(detail_url)
    assert bundle_six - bundle_one <= detail_six - detail_one
