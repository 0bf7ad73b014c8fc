"""A course for offline use, as one zip (served by ``lessons/api/bundle.py``).

Contents: ``manifest.json``, ``course.json``, ``lessons/<id>.json`` (the same
JSON as the detail endpoints) and ``media/…`` (the 320-px WebP rendition of
every image, the audio documents and the pages' narration files, recorded and
generated: ``content.narration``). ``manifest.files`` maps each
absolute URL found in the JSON to its path in the zip.

Each lesson's hash covers its JSON and its files, the manifest ``hash`` covers
them all; ``?since=<hash>`` (a manifest the app already has) returns only the
lessons whose hash changed plus ``removed_lessons``. The zip is deterministic
(sorted entries, fixed timestamps), so equal content gives equal bytes: HEAD
reports the exact size of the GET, and the bytes are cached by content hash.

Building reads, renders and hashes every media file, so it is done in the
background: publishing a course or lesson enqueues ``lessons.tasks.build_course_bundles``,
which stores the full zip per course and requested locale under
``bundles/<course id>/<locale>/<fingerprint>.zip`` in the default storage. A request
computes only the JSON and the fingerprint (JSON + media identities); when a build
with that fingerprint is stored it is served, else the bundle is built now and
stored (``X-Bundle-Build``: cached, stored or built). Partial (``?since=``) zips are
cut from the full one.
"""

import hashlib
import io
import json
import logging
import zipfile

from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from wagtail.documents import get_document_model

from content.api.images import RENDITION_SPECS
from content.api.pages import detail_json_many
from content.models import HeritageImage
from content.narration import public_rows
from content.renditions import regenerate

from .courses import COURSES, LESSONS, course_lessons

logger = logging.getLogger(__name__)

BUNDLE_SPEC = RENDITION_SPECS[0]  # 320 px WebP: small enough for 3G, sharp on a phone
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
MANIFEST_TTL = 90 * 24 * 3600
ZIP_TTL = 24 * 3600
FORMAT = 1
BUNDLE_FOLDER = "bundles"
IMAGE_IDENTITY = tuple(
    "pk file file_hash focal_point_x focal_point_y focal_point_width focal_point_height".split()
)


def _canonical_json(data):
    """``data`` as compact JSON with sorted keys: stable hashes."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def _walk(value, images, documents, key=None, narrations=None):
    """Collect image ids (dicts with renditions), audio document ids and (into
    ``narrations``) the URLs of the pages' narration files from API JSON."""
    if key == "narrations" and narrations is not None and isinstance(value, list):
        narrations.update(item["url"] for item in value if isinstance(item, dict) and item.get("url"))
    if isinstance(value, dict):
        if "renditions" in value and isinstance(value.get("id"), int):
            images.add(value["id"])
        elif key in ("audio", "document") and isinstance(value.get("id"), int):
            documents.add(value["id"])
        for child_key, child in value.items():
            _walk(child, images, documents, child_key, narrations)
    elif isinstance(value, list):
        for child in value:
            _walk(child, images, documents, key, narrations)


class _Files:
    """Media files of the bundle: zip path → (bytes, sha256), and URL → zip path."""

    def __init__(self, ctx):
        self.ctx = ctx
        self.content = {}
        self.urls = {}
        self.image_paths = {}
        self.document_paths = {}

    def _add(self, name, handle_opener, url_list):
        with handle_opener() as handle:
            data = handle.read()
        if not data:  # emptied by an older fault: as good as lost (made again by the caller)
            raise FileNotFoundError(name)
        digest = hashlib.sha256(data).hexdigest()
        path = f"media/{digest[:20]}{name[name.rfind('.') :] if '.' in name else ''}"
        self.content[path] = (data, digest)
        for url in url_list:
            self.urls[url] = path
        return path

    def images(self, ids, ctx):
        missing = [i for i in ids if i not in self.image_paths]
        ctx.images.load(missing)  # one query for the JSON's image data below, not one per image
        for image in HeritageImage.objects.filter(pk__in=missing).prefetch_renditions(BUNDLE_SPEC):
            rendition = image.get_rendition(BUNDLE_SPEC)
            data = ctx.images.serialize(image.pk) or {}
            urls = [
                r["url"]
                for r in data.get("renditions", [])
                if r["format"] == "webp" and r["width"] == rendition.width
            ]
            try:
                path = self._add(rendition.file.name, lambda r=rendition: r.file.open("rb"), urls)
            except FileNotFoundError:  # a lost rendition file (media restore): written again
                regenerate(rendition)
                path = self._add(rendition.file.name, lambda r=rendition: r.file.open("rb"), urls)
            self.image_paths[image.pk] = path
        return [self.image_paths[i] for i in ids if i in self.image_paths]

    def documents(self, ids):
        missing = [i for i in ids if i not in self.document_paths]
        for document in get_document_model().objects.filter(pk__in=missing):
            url = self.ctx.absolute(document.url)  # as content.api.images.document_data writes it
            self.document_paths[document.pk] = self._add(
                document.file.name, lambda d=document: d.file.open("rb"), [url]
            )
        return [self.document_paths[i] for i in ids if i in self.document_paths]

    def narrations(self, rows):
        """Narration files (``content.narration.PageAudio``), under the URL the JSON has."""
        for row in rows:
            url = self.ctx.absolute(row.url)
            if url not in self.urls:
                self._add(row.file.name, lambda r=row: r.file.open("rb"), [url])


def _files_of(data, files, ctx):
    images, documents, narrations = set(), set(), set()
    _walk(data, images, documents, narrations=narrations)
    paths = files.images(sorted(images), ctx) + files.documents(sorted(documents))
    return sorted(set(paths + [files.urls[url] for url in narrations if url in files.urls]))


class _Prepared:
    """The JSON of a course and its lessons, and the fingerprint of everything the zip is
    made of (that JSON plus the identity of every media file): cheap next to reading,
    rendering and hashing the media, and it says whether a stored build is still fresh."""

    def __init__(self, ctx, course):
        self.ctx, self.course, self.locale = ctx, course, ctx.locale
        lessons = course_lessons(course)
        # The detail endpoints' own JSON, kept per content generation like theirs.
        found = detail_json_many({course.pk: COURSES, **{lesson.pk: LESSONS for lesson in lessons}}, self.ctx)
        self.course_data = json.loads(found[course.pk])
        self.course_json = _canonical_json(self.course_data)
        self.lessons = []
        images, documents, narrations = set(), set(), set()
        _walk(self.course_data, images, documents, narrations=narrations)
        for lesson in [lesson for lesson in lessons if lesson.pk in found]:  # (one deleted meanwhile)
            data = json.loads(found[lesson.pk])
            self.lessons.append((lesson, data, _canonical_json(data)))
            _walk(data, images, documents, narrations=narrations)
        digest = hashlib.sha256(f"{FORMAT}|{BUNDLE_SPEC}|{self.locale}|{course.pk}|".encode())
        digest.update(self.course_json)
        for lesson, _data, body in self.lessons:
            digest.update(f"|{lesson.pk}|".encode())
            digest.update(body)
        # What makes a media file's bytes, without reading it: the original and its focal area.
        self.image_ids, self.document_ids = sorted(images), sorted(documents)
        media = HeritageImage.objects.filter(pk__in=images).order_by("pk").values_list(*IMAGE_IDENTITY)
        digest.update(repr(list(media)).encode())
        media = get_document_model().objects.filter(pk__in=documents).order_by("pk")
        digest.update(repr(list(media.values_list("pk", "file", "file_hash"))).encode())
        # Narration rows named in the JSON (their file names change with their text).
        rows = public_rows().filter(page_id__in=[course.pk, *(lesson.pk for lesson, _d, _b in self.lessons)])
        self.narration_rows = [row for row in rows.order_by("pk") if ctx.absolute(row.url) in narrations]
        digest.update(repr([(row.pk, row.file.name, row.bytes) for row in self.narration_rows]).encode())
        self.fingerprint = digest.hexdigest()[:40]

        self.storage_name = f"{BUNDLE_FOLDER}/{course.pk}/{self.locale}/{self.fingerprint}.zip"


def _build_full(prepared):
    """``(zip bytes, manifest)`` of the whole course: reads, renders and hashes the media."""
    ctx, course, locale = prepared.ctx, prepared.course, prepared.locale
    files = _Files(prepared.ctx)
    files.images(prepared.image_ids, ctx)  # every file of the bundle read in bulk first
    files.documents(prepared.document_ids)
    files.narrations(prepared.narration_rows)
    course_files = _files_of(prepared.course_data, files, ctx)
    lessons = []
    entries = {"course.json": prepared.course_json}
    for lesson, data, body in prepared.lessons:
        lesson_files = _files_of(data, files, ctx)
        digest = hashlib.sha256(body)
        for path in lesson_files:
            digest.update(files.content[path][1].encode())
        item = {
            "id": lesson.pk,
            "title": lesson.title,
            "hash": digest.hexdigest(),
            "path": f"lessons/{lesson.pk}.json",
            "files": lesson_files,
        }
        lessons.append(item)
        entries[item["path"]] = body
    course_hash = hashlib.sha256(prepared.course_json)
    for path in course_files:
        course_hash.update(files.content[path][1].encode())
    whole = hashlib.sha256(course_hash.hexdigest().encode())
    for item in lessons:
        whole.update(f"{item['id']}:{item['hash']}".encode())
    manifest = {
        "format": FORMAT,
        "hash": whole.hexdigest()[:32],
        "course_id": course.pk,
        "requested_locale": locale,
        "served_locale": course.locale.language_code,
        "course_hash": course_hash.hexdigest(),
        "course_files": course_files,
        "lessons": lessons,
        "since": None,
        "partial": False,
        "included_lessons": [item["id"] for item in lessons],
        "removed_lessons": [],
        "files": dict(sorted(files.urls.items())),
    }
    entries["manifest.json"] = _canonical_json(manifest)
    for path, (data, _digest) in files.content.items():
        entries[path] = data
    return _zip(entries), manifest


def _read_stored(name):
    """``(zip bytes, manifest)`` of a stored build, or None. Storage here only saves
    work, so any failure to read it (OSError, an S3 client error, a bad zip) is a miss."""
    try:
        if not default_storage.exists(name):
            return None
        with default_storage.open(name, "rb") as handle:
            data = handle.read()
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return data, json.loads(archive.read("manifest.json"))
    except Exception:
        logger.warning("Stored bundle %s is unreadable; building again", name, exc_info=True)
        try:  # a damaged file would otherwise block storing the new build at its name
            default_storage.delete(name)
        except Exception:
            pass
        return None


def _store(name, data):
    """Store a build; True if it is stored. A failure is logged, never raised."""
    try:
        saved = default_storage.save(name, ContentFile(data))
        if saved != name:  # stored meanwhile by another request or the worker: keep that one
            default_storage.delete(saved)
        return True
    except Exception:
        logger.warning("Could not store bundle %s", name, exc_info=True)
        return False


def _full(prepared):
    """The full build for ``prepared``: from the cache, the storage (built in the background
    on publish) or, when neither is fresh, built now and stored for the next learner."""
    key = f"api:bundle:build:{prepared.fingerprint}"
    found = cache.get(key)
    if found is not None:
        return found[0], found[1], "cached"
    found = _read_stored(prepared.storage_name)
    source = "stored"
    if found is None:
        found = _build_full(prepared)
        _store(prepared.storage_name, found[0])
        source = "built"
    cache.set(key, found, ZIP_TTL)
    return found[0], found[1], source


def prebuild(ctx, course):
    """Build and store the full bundle of ``course`` for ``ctx.locale`` unless a fresh one
    is stored; remove older builds of it. Returns ``(storage name, built now?)``."""
    locale = ctx.locale
    prepared = _Prepared(ctx, course)
    name = prepared.storage_name
    built = False
    if _read_stored(name) is None:
        data, _manifest = _build_full(prepared)
        built = _store(name, data)
    remove_stored(course.pk, locale, keep=name)
    return name, built


def remove_stored(course_id, locale=None, keep=None):
    """Delete stored builds of a course (one locale or all), except ``keep``."""
    folder = f"{BUNDLE_FOLDER}/{course_id}"
    try:
        locales = [locale] if locale else default_storage.listdir(folder)[0]
        removed = 0
        for code in locales:
            try:
                names = default_storage.listdir(f"{folder}/{code}")[1]
            except (FileNotFoundError, NotADirectoryError):
                continue
            for name in names:
                path = f"{folder}/{code}/{name}"
                if path != keep:
                    default_storage.delete(path)
                    removed += 1
        return removed
    except (FileNotFoundError, NotADirectoryError):
        return 0


def course_bundle(ctx, course, since=None):
    """``(zip bytes, manifest, source)`` for ``course`` (already the served translation)
    in ``ctx.locale``; source is cached, stored or built. With ``since`` (a manifest
    hash the client has) only what changed since that manifest."""
    locale = ctx.locale
    data, manifest, source = _full(_Prepared(ctx, course))
    lesson_hashes = {str(item["id"]): item["hash"] for item in manifest["lessons"]}
    cache.set(f"api:bundle:manifest:{manifest['hash']}", lesson_hashes, MANIFEST_TTL)
    previous = cache.get(f"api:bundle:manifest:{since}") if since else None
    if previous is None:
        return data, manifest, source
    lessons = manifest["lessons"]
    current = {str(item["id"]) for item in lessons}
    manifest = {
        **manifest,
        "since": since,
        "partial": True,
        "included_lessons": [item["id"] for item in lessons if previous.get(str(item["id"])) != item["hash"]],
        "removed_lessons": sorted(int(pk) for pk in previous if pk not in current),
    }
    key = f"api:bundle:zip:{manifest['hash']}:{since}:{locale}"
    partial = cache.get(key)
    if partial is None:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = {"manifest.json": _canonical_json(manifest), "course.json": archive.read("course.json")}
            wanted = set(manifest["course_files"])
            for item in lessons:
                if item["id"] in manifest["included_lessons"]:
                    entries[item["path"]] = archive.read(item["path"])
                    wanted.update(item["files"])
            for path in wanted:
                entries[path] = archive.read(path)
        partial = _zip(entries)
        cache.set(key, partial, ZIP_TTL)
    return partial, manifest, source


def _zip(entries):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name in sorted(entries):
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_STORED if name.startswith("media/") else zipfile.ZIP_DEFLATED
            archive.writestr(info, entries[name])
    return out.getvalue()
