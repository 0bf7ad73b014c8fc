"""What the website keeps when a learner taps "Save for offline" on a course.

The mobile app downloads a zip (``lessons/api/offline.py``); the website's service
worker instead keeps the very URLs the pages use, so the same HTML, pictures and
narration open offline. This module lists them with their size: the course page,
each public lesson page, the renditions the templates render (``picture.html``'s
360/720/1080 px WebP, a quiz option's 160 × 120) and the audio files, plus each
lesson's quizzes without their answers (the offline quiz form is drawn from them).

Everything is read from the pages' raw StreamField data (no block is rendered), in
a fixed number of queries whatever the number of lessons. Pages are listed by the
public rule only (``content.public``): a draft, a view-restricted or an expired
lesson never appears, and a sensitive course lists nothing unless the learner asked
for it (``include_sensitive``).
"""

from wagtail.documents import get_document_model

from content.models import HeritageImage
from content.narration import public_rows
from content.public import public_pages

from .pages import CoursePage

PICTURE_SPECS = ("fill-360x203|format-webp", "fill-720x405|format-webp", "fill-1080x608|format-webp")
LIGHT_PICTURE_SPECS = PICTURE_SPECS[:1]
OPTION_SPEC = "fill-160x120|format-webp"
PAGE_BYTES_ESTIMATE = 14_000  # the HTML of a page without its body: shell, menus, footer (compressed ~4×)


def _walk(value, pictures, options, audio, in_option=False, key=None):
    """Collect image ids (pictures; quiz option images) and audio document ids from raw
    StreamField data, where a chooser's value is the chosen object's id."""
    if isinstance(value, dict):
        option = in_option or ("correct" in value and "text" in value)
        for child_key, child in value.items():
            if child_key == "image" and isinstance(child, int):
                (options if option else pictures).add(child)
            elif child_key == "audio" and isinstance(child, int):
                audio.add(child)
            else:
                _walk(child, pictures, options, audio, option, child_key)
    elif isinstance(value, list):
        for child in value:
            _walk(child, pictures, options, audio, in_option, key)


def _quizzes(raw_body):
    """The lesson's quizzes as a learner may see them: no correct flags, no feedback
    (the same shape as ``lessons.blocks.public_quiz``, read from raw data)."""
    found = []
    for block in raw_body or []:
        if not isinstance(block, dict) or block.get("type") != "quiz":
            continue
        value = block.get("value") or {}
        questions = []
        for index, item in enumerate(value.get("questions") or []):
            question = item.get("value", {}) if isinstance(item, dict) else {}
            options = [
                {"index": i, "text": (option.get("value") or {}).get("text", "")}
                for i, option in enumerate(question.get("options") or [])
                if isinstance(option, dict)
            ]
            questions.append(
                {
                    "id": item.get("id") or str(index),
                    "prompt": question.get("prompt", ""),
                    "multiple": question.get("kind") == "multiple",
                    "options": options,
                }
            )
        found.append({"id": block.get("id"), "title": value.get("title", ""), "questions": questions})
    return found


def _raw(stream):
    return list(getattr(stream, "raw_data", None) or [])


def _size(file):
    try:
        return file.size
    except (OSError, ValueError):  # a lost file: listed with no size, fetched if it comes back
        return None


def course_files(course, *, light=False, include_sensitive=False):
    """``{course, lessons, files, total_bytes}`` for a public ``course`` page (already the
    reader's translation), or None if the course is not public. ``light``: only the
    smallest picture of each image (Save-Data)."""
    course = public_pages(CoursePage.objects.filter(pk=course.pk)).select_related("hero_image").first()
    if course is None:
        return None
    data = {
        "course": {
            "id": course.pk,
            "title": course.title,
            "url": course.url,
            "language": course.locale.language_code,
            "sensitive": course.sensitive,
        },
        "withheld": False,
        "lessons": [],
        "files": [],
        "total_bytes": 0,
    }
    if course.sensitive and not include_sensitive:
        data["withheld"] = True  # never kept unless the learner asks (the page says why)
        return data
    lessons = list(course.public_lessons().select_related("audio"))
    pictures, options, audio = set(), set(), set()
    if course.hero_image_id:
        pictures.add(course.hero_image_id)
    files = [{"url": course.url, "kind": "page", "bytes": PAGE_BYTES_ESTIMATE, "estimate": True}]
    for lesson in lessons:
        raw = _raw(lesson.body)
        _walk(raw, pictures, options, audio)
        if lesson.audio_id:
            audio.add(lesson.audio_id)
        size = PAGE_BYTES_ESTIMATE + len(str(raw)) // 4
        files.append({"url": lesson.url, "kind": "page", "bytes": size, "estimate": True})
        data["lessons"].append(
            {"id": lesson.pk, "title": lesson.title, "url": lesson.url, "quizzes": _quizzes(raw)}
        )
    picture_specs = LIGHT_PICTURE_SPECS if light else PICTURE_SPECS
    wanted = {pk: list(picture_specs) for pk in pictures}
    for pk in options:
        wanted.setdefault(pk, []).append(OPTION_SPEC)
    all_specs = sorted({spec for specs in wanted.values() for spec in specs})
    images = HeritageImage.objects.filter(pk__in=wanted).prefetch_renditions(*all_specs).order_by("pk")
    for image in images:
        for spec in wanted[image.pk]:
            rendition = image.get_rendition(spec)
            files.append(
                {"url": rendition.url, "kind": "image", "bytes": _size(rendition.file), "estimate": False}
            )
    for document in get_document_model().objects.filter(pk__in=audio).order_by("pk"):
        size = document.file_size or _size(document.file)
        files.append({"url": document.url, "kind": "audio", "bytes": size, "estimate": False})
    # The narration of the course and its lessons (content.narration): one query for all.
    # Approved recordings only (content.narration.public_rows); a recording hides the
    # generated file of its language, as on the page.
    narrated = public_rows().filter(page_id__in=[course.pk, *(lesson.pk for lesson in lessons)])
    rows = list(narrated.order_by("page_id", "kind", "language"))
    recorded = {(row.page_id, row.language) for row in rows if not row.generated}
    for row in rows:
        if row.generated and (row.page_id, row.language) in recorded:
            continue
        size = row.bytes or _size(row.file)
        files.append({"url": row.url, "kind": "audio", "bytes": size, "estimate": False})
    seen = set()
    data["files"] = [f for f in files if not (f["url"] in seen or seen.add(f["url"]))]
    data["total_bytes"] = sum(f["bytes"] or 0 for f in data["files"])
    return data


def offline_strings():
    """What ``static/js/offline.js`` says, in the active language (sent with a course's
    file list and in the "Saved for offline" page, then kept with each saved course)."""
    from django.utils.translation import gettext as _

    return {
        "heading": _("Learn without a connection"),
        "save": _("Save for offline"),
        "size": _("Keep this course on this phone to learn without a connection (%(size)s)."),
        "saving": _("Saving… %(done)s of %(total)s"),
        "saved": _("Saved on this phone. It opens without a connection."),
        "remove": _("Remove from this phone"),
        "removed": _("Removed from this phone."),
        "failed": _("Could not save everything. Try again when the signal is better."),
        "sensitive": _(
            "This course is private. Keep it on this phone only if nobody else uses it; quick exit removes it."
        ),
        "sensitive_ok": _("Keep it on this phone anyway"),
        "queued": _("Saved on this phone, will be sent when there is a connection."),
        "sent": _("Sent."),
        "finished": _("I have finished this lesson"),
        "check": _("Check my answers"),
        "choose_all": _("Choose all the right answers."),
        "empty": _("No course is saved on this phone yet."),
        "saved_on": _("Saved on %(date)s"),
    }
