"""Demo courses (vi + en) below the Vietnamese home, from ``courses.json``.

Written in our own words from the policy background in the shared facts file;
each course cites its sources. Block ids are derived from the slugs (uuid5),
so loading twice changes nothing and quiz ids are the same in both languages.
No audio files: we cannot record real narration offline, and a generated tone
labelled as narration would mislead.
"""

import uuid
from pathlib import Path

from content import illustrations
from content.demo_loader import read_json

from ..models import CourseIndexPage, CoursePage, LessonPage

DATA = Path(__file__).parent / "courses.json"
NS = uuid.UUID("6f1c2a4e-51b7-4d0e-9a57-2c0f4f3b9e11")


def block_id(*parts):
    return str(uuid.uuid5(NS, "/".join(str(p) for p in parts)))


def _paragraphs(key, texts):
    return [
        {"type": "paragraph", "id": block_id(key, "p", n), "value": f"<p>{text}</p>"}
        for n, text in enumerate(texts)
    ]


# Generated pictures (``content.illustrations``): they hold no text, the alt text
# carries it. A course's cover, each how-to's step pictures (the step number is drawn
# as dots) and the picture quiz's options (``[text, correct, motif]`` in courses.json).
COVER_MOTIFS = {
    "ban-hang-tren-mang-an-toan": "basket",
    "dien-thoai-xem-thoi-tiet-va-gia-ca": "forecast",
    "quyen-cua-ban-giay-to-va-dich-vu-cong": "document",
    "binh-dang-gioi-va-quyen-tre-em": "family",
}
STEP_MOTIFS = {
    "chup-anh-san-pham": ("phone", "basket", "camera"),
    "du-bao-thoi-tiet": ("phone", "forecast", "rain"),
}


def _how_to(loader, key, howto, motifs):
    steps = []
    for n, text in enumerate(howto["steps"]):
        motif = motifs[n]
        image = loader.image(
            f"{key}/step/{n}",
            f"Bước {n + 1} · {key}",
            motif,
            alt=f"{illustrations.describe(motif)} Bước {n + 1}: {text}",
            steps=n + 1,
            size=(640, 360),
        )
        steps.append({"type": "item", "id": block_id(key, "step", n), "value": {"text": text, "image": image.pk}})
    return {"type": "how_to", "id": block_id(key, "howto"), "value": {"title": howto["title"], "steps": steps}}


def _quiz(loader, slug, quiz, language):
    questions = []
    for n, q in enumerate(quiz["questions"]):
        options = []
        for m, (text, correct, *motif) in enumerate(q["options"]):
            image = None
            if q["kind"] == "picture":  # a pictogram a learner who reads little can tell apart
                image = loader.image(
                    f"{slug}/quiz/{n}/{m}/{language}",
                    f"Lựa chọn {m + 1} · {slug} ({language})",
                    motif[0],
                    alt=text,
                    size=(480, 360),
                ).pk
            options.append(
                {
                    "type": "item",
                    "id": block_id(slug, "q", n, "o", m),
                    "value": {"text": text, "image": image, "audio": None, "correct": correct},
                }
            )
        questions.append(
            {
                "type": "item",
                "id": block_id(slug, "q", n),
                "value": {
                    "kind": q["kind"],
                    "prompt": q["prompt"],
                    "image": None,
                    "audio": None,
                    "options": options,
                    "feedback_correct": q["right"],
                    "feedback_wrong": q["wrong"],
                },
            }
        )
    return {
        "type": "quiz",
        "id": block_id(slug, "quiz"),
        "value": {"title": quiz["title"], "pass_mark": None, "questions": questions},
    }


def _lesson_body(loader, key, fields, language, quiz=None, slug=None):
    body = _paragraphs(key, fields["paragraphs"])
    if fields.get("howto"):
        motifs = STEP_MOTIFS[key.split("/")[-1]]
        body.append(_how_to(loader, f"{key}/{fields['howto']['title']}", fields["howto"], motifs))
    if quiz:
        body.append(_quiz(loader, slug, quiz, language))
    return body


def _sources(slug, sources):
    return [
        {
            "type": "source",
            "id": block_id(slug, "src", n),
            "value": {
                "title": s["title"],
                "url": s.get("url", ""),
                "publisher": s.get("publisher", ""),
                "accessed": None,
            },
        }
        for n, s in enumerate(sources)
    ]


def load(loader):
    data = read_json(DATA)
    home = loader.home("vi")
    index_data = data["index"]
    index = loader.page(home, CourseIndexPage, index_data["slug"], show_in_menus=True, **index_data["vi"])
    loader.translate(index, "en", show_in_menus=True, **index_data["en"])
    for course_data in loader.progress(data["courses"], "Courses"):
        load_course(loader, index, course_data)


def load_course(loader, index, data):
    slug = data["slug"]
    motif = COVER_MOTIFS[slug]
    cover = loader.image(
        f"course/{slug}",
        f"Ảnh bìa khoá học · {data['vi']['title']}",
        motif,
        alt=illustrations.describe(motif, data["vi"]["title"]),
    )
    common = {
        "topic": data["topic"],
        "level": data["level"],
        "sensitive": data["sensitive"],
        "estimated_minutes": data["estimated_minutes"],
        "hero_image": cover,
        "sources": _sources(slug, data["sources"]),
    }
    course = loader.page(index, CoursePage, slug, **common, **data["vi"])
    loader.translate(course, "en", **common, **data["en"])
    last = len(data["lessons"]) - 1
    for n, lesson in enumerate(data["lessons"]):
        key = f"{slug}/{lesson['slug']}"
        pages = {}
        for language in ("vi", "en"):
            fields = lesson[language]
            quiz = data["quiz"][language] if n == last else None
            pages[language] = {
                "title": fields["title"],
                "summary": fields["summary"],
                "estimated_minutes": 5 + 3 * len(fields["paragraphs"]),
                "body": _lesson_body(loader, key, fields, language, quiz, slug),
            }
        page = loader.page(course, LessonPage, lesson["slug"], **pages["vi"])
        loader.translate(page, "en", **pages["en"])
