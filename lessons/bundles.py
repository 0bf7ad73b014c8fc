"""``GET|HEAD /api/v1/courses/{id}/bundle``: a course for offline use, as one zip.

Contents: ``manifest.json``, ``course.json``, ``lessons/<id>.json`` (the same
JSON as the detail endpoints) and ``media/…`` (the 320-px WebP rendition of
every image and the narration/audio files). ``manifest.files`` maps each
absolute URL found in the JSON to its path in the zip.

Each lesson's hash covers its JSON and its files, the manifest ``hash`` covers
them all; ``?since=<hash>`` (a manifest the app already has) returns only the
lessons whose hash changed plus ``removed_lessons``. The zip is deterministic
(sorted entries, fixed timestamps), so equal content gives equal bytes: HEAD
reports the exact size of the GET, and the bytes are cached by content hash.
"""

import hashlib
import io
import json
import zipfile

from django.core.cache import cache
from ninja import Router
from wagtail.documents import get_document_model

from content.api_images import RENDITION_SPECS
from content.api_messages import api_error
from content.api_pages import ApiContext, detail_item, get_public_translation
from content.api_schemas import ErrorOut
from content.api_utils import check_params, conditional_bytes, dump, request_locale
from content.models import HeritageImage

router = Router(tags=["lessons"])

BUNDLE_SPEC = RENDITION_SPECS[0]  # 320 px WebP: small enough for 3G, sharp on a phone
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
MANIFEST_TTL = 90 * 24 * 3600
ZIP_TTL = 24 * 3600
FORMAT = 1


def _canonical_json(data, schema=None):
    """The detail endpoint's JSON (validated by its schema) with sorted keys: stable hashes."""
    if schema is not None:
        data = json.loads(dump(schema, data))
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def _walk(value, images, documents, key=None):
    """Collect image ids (dicts with renditions) and audio document ids from API JSON."""
    if isinstance(value, dict):
        if "renditions" in value and isinstance(value.get("id"), int):
            images.add(value["id"])
        elif key in ("audio", "document") and isinstance(value.get("id"), int):
            documents.add(value["id"])
        for child_key, child in value.items():
            _walk(child, images, documents, child_key)
    elif isinstance(value, list):
        for child in value:
            _walk(child, images, documents, key)


class _Files:
    """Media files of the bundle: zip path → (bytes, sha256), and URL → zip path."""

    def __init__(self, request):
        self.request = request
        self.content = {}
        self.urls = {}
        self.image_paths = {}
        self.document_paths = {}

    def _add(self, name, handle_opener, url_list):
        with handle_opener() as handle:
            data = handle.read()
        digest = hashlib.sha256(data).hexdigest()
        path = f"media/{digest[:20]}{name[name.rfind('.') :] if '.' in name else ''}"
        self.content[path] = (data, digest)
        for url in url_list:
            self.urls[url] = path
        return path

    def images(self, ids, ctx):
        missing = [i for i in ids if i not in self.image_paths]
        for image in HeritageImage.objects.filter(pk__in=missing):
            rendition = image.get_rendition(BUNDLE_SPEC)
            data = ctx.images.serialise(image.pk) or {}
            urls = [
                r["url"]
                for r in data.get("renditions", [])
                if r["format"] == "webp" and r["width"] == rendition.width
            ]
            self.image_paths[image.pk] = self._add(
                rendition.file.name, lambda r=rendition: r.file.open("rb"), urls
            )
        return [self.image_paths[i] for i in ids if i in self.image_paths]

    def documents(self, ids):
        missing = [i for i in ids if i not in self.document_paths]
        for document in get_document_model().objects.filter(pk__in=missing):
            url = self.request.build_absolute_uri(document.url)
            self.document_paths[document.pk] = self._add(
                document.file.name, lambda d=document: d.file.open("rb"), [url]
            )
        return [self.document_paths[i] for i in ids if i in self.document_paths]


def _files_of(data, files, ctx):
    images, documents = set(), set()
    _walk(data, images, documents)
    return sorted(set(files.images(sorted(images), ctx) + files.documents(sorted(documents))))


def build_bundle(request, course, locale, since=None):
    """``(zip bytes, manifest)`` for ``course`` (already the served translation)."""
    from .api import COURSES, LESSONS, course_lessons

    ctx = ApiContext(request, locale)
    files = _Files(request)
    course_data = detail_item(COURSES, course, ctx)
    course_files = _files_of(course_data, files, ctx)
    course_json = _canonical_json(course_data, COURSES.detail_schema)
    lessons = []
    lesson_json = {}
    for lesson in course_lessons(course):
        data = detail_item(LESSONS, lesson, ctx)
        body = _canonical_json(data, LESSONS.detail_schema)
        lesson_files = _files_of(data, files, ctx)
        digest = hashlib.sha256(body)
        for path in lesson_files:
            digest.update(files.content[path][1].encode())
        lessons.append(
            {
                "id": lesson.pk,
                "title": lesson.title,
                "hash": digest.hexdigest(),
                "path": f"lessons/{lesson.pk}.json",
                "files": lesson_files,
            }
        )
        lesson_json[lesson.pk] = body
    course_hash = hashlib.sha256(course_json)
    for path in course_files:
        course_hash.update(files.content[path][1].encode())
    whole = hashlib.sha256(course_hash.hexdigest().encode())
    for item in lessons:
        whole.update(f"{item['id']}:{item['hash']}".encode())
    manifest_hash = whole.hexdigest()[:32]
    cache.set(
        f"api:bundle:manifest:{manifest_hash}",
        {str(item["id"]): item["hash"] for item in lessons},
        MANIFEST_TTL,
    )

    previous = cache.get(f"api:bundle:manifest:{since}") if since else None
    if previous is None:
        included = [item["id"] for item in lessons]
        removed = []
    else:
        included = [item["id"] for item in lessons if previous.get(str(item["id"])) != item["hash"]]
        current = {str(item["id"]) for item in lessons}
        removed = sorted(int(pk) for pk in previous if pk not in current)

    manifest = {
        "format": FORMAT,
        "hash": manifest_hash,
        "course_id": course.pk,
        "requested_locale": locale,
        "served_locale": course.locale.language_code,
        "course_hash": course_hash.hexdigest(),
        "course_files": course_files,
        "lessons": lessons,
        "since": since if previous is not None else None,
        "partial": previous is not None,
        "included_lessons": included,
        "removed_lessons": removed,
        "files": dict(sorted(files.urls.items())),
    }
    key = f"api:bundle:zip:{manifest_hash}:{manifest['since'] or 'full'}:{locale}"
    data = cache.get(key)
    if data is None:
        entries = {"manifest.json": _canonical_json(manifest), "course.json": course_json}
        wanted = set(course_files)
        for item in lessons:
            if item["id"] in included:
                entries[item["path"]] = lesson_json[item["id"]]
                wanted.update(item["files"])
        for path in wanted:
            entries[path] = files.content[path][0]
        data = _zip(entries)
        cache.set(key, data, ZIP_TTL)
    return data, manifest


def _zip(entries):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name in sorted(entries):
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.external_attr = 0o644 << 16
            info.compress_type = (
                zipfile.ZIP_STORED if name.startswith("media/") else zipfile.ZIP_DEFLATED
            )
            archive.writestr(info, entries[name])
    return out.getvalue()


BUNDLE_DOCS = {
    "response": {304: None, 400: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    "openapi_extra": {
        "responses": {
            "200": {
                "description": "application/zip",
                "content": {"application/zip": {"schema": {"type": "string", "format": "binary"}}},
            }
        }
    },
}


@router.api_operation(
    ["HEAD"],
    "/courses/{id}/bundle",
    operation_id="course_bundle_size",
    summary="Headers only: Content-Length is the size of the zip",
    **BUNDLE_DOCS,
)
def bundle_head(request, id: int, locale: str | None = None, since: str | None = None):
    return bundle(request, id, locale, since)


@router.get(
    "/courses/{id}/bundle",
    operation_id="course_bundle",
    summary="The course as a zip for offline use",
    **BUNDLE_DOCS,
)
def bundle(request, id: int, locale: str | None = None, since: str | None = None):
    from .api import COURSES

    check_params(request, {"locale", "since"})
    code = request_locale(locale)
    if since is not None and (len(since) != 32 or not all(c in "0123456789abcdef" for c in since)):
        raise api_error(400, "invalid_since")
    course = get_public_translation(COURSES, id, code)
    data, manifest = build_bundle(request, course, code, since)
    response = conditional_bytes(
        request, data, "application/zip", cache_control="public, max-age=300"
    )
    response["Content-Disposition"] = f'attachment; filename="course-{course.pk}-{code}.zip"'
    response["X-Bundle-Hash"] = manifest["hash"]
    response["X-Bundle-Partial"] = "true" if manifest["partial"] else "false"
    if response.status_code == 200:
        response["Content-Length"] = str(len(data))
    return response
