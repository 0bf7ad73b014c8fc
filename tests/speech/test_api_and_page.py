"""Narration on the page (the player partial) and in the API (lesson and heritage details,
the sync feed, the course bundle)."""

import io
import json
import re
import zipfile

import pytest
from django.test import Client

from content import audio as mp3
from content.models import PageAudio
from tests.factories import StoryPageFactory


@pytest.fixture
def story(speech, home, committed):
    with committed():
        return StoryPageFactory(
            parent=home,
            title="Sự tích nhà rông",
            body=[{"type": "paragraph", "value": "<p>Nhà rông cao 15 m, dựng năm 1998.</p>"}],
        )


def narrations(client, path):
    response = client.get(path)
    assert response.status_code == 200, response.content[:300]
    return response.json()["narrations"]


def test_lesson_detail_carries_its_narration(lesson):
    client = Client()
    items = narrations(client, f"/api/v1/lessons/{lesson.pk}")
    assert len(items) == 1
    item = items[0]
    row = PageAudio.objects.get(page=lesson)
    assert item["url"] == f"http://testserver{row.file.url}"
    assert item["language"] == "vi" and item["kind"] == "generated" and item["mime"] == "audio/mpeg"
    assert item["bytes"] == row.bytes and item["duration_seconds"] == round(row.duration_seconds, 1)
    # The file behind the URL is the MP3 it says.
    data = row.file.open("rb").read()
    assert len(data) == item["bytes"] and mp3.duration(data) == pytest.approx(item["duration_seconds"], abs=0.1)


def test_heritage_detail_carries_its_narration(story):
    items = narrations(Client(), f"/api/v1/stories/{story.pk}")
    assert [(i["kind"], i["language"]) for i in items] == [("generated", "vi")]
    assert items[0]["duration_seconds"] > 1


def test_narration_appears_once_generated_in_a_kept_detail(speech, home, committed, settings):
    """The detail JSON is kept per page; generating audio later makes it stale."""
    settings.SPEECH_BACKEND = ""
    with committed():
        page = StoryPageFactory(parent=home, title="Chuyện làng", body=[])
    client = Client()
    assert narrations(client, f"/api/v1/stories/{page.pk}") == []
    settings.SPEECH_BACKEND = "content.speech.espeak.EspeakSynthesizer"
    from content.speech import store

    assert store.refresh(page.pk) == "generated"
    assert len(narrations(client, f"/api/v1/stories/{page.pk}")) == 1


def test_unpublished_page_has_no_audio_left(lesson):
    lesson.unpublish()
    assert Client().get(f"/api/v1/lessons/{lesson.pk}").status_code == 404
    assert not PageAudio.objects.filter(page=lesson).exists()


def test_sync_feed_items_carry_narration(lesson):
    response = Client().get("/api/v1/sync", {"locale": "vi"})
    assert response.status_code == 200, response.content[:300]
    items = [item for item in response.json()["items"] if item.get("id") == lesson.pk]
    assert items and items[-1]["page"]["narrations"][0]["kind"] == "generated"


def test_player_on_the_lesson_page(lesson):
    html = Client().get(lesson.url).content.decode()
    assert html.count("<audio") == 1
    tag = re.search(r"<audio[^>]*>", html)[0]
    assert "controls" in tag and 'preload="none"' in tag and 'lang="vi"' in tag
    row = PageAudio.objects.get(page=lesson)
    assert f'src="{row.file.url}"' in tag
    assert "Giọng máy đọc" in html  # labelled as a machine voice
    assert re.search(r"Nghe · \d+ (giây|phút) · \d+,\d MB", html)  # Vietnamese decimal comma
    assert "content/narration.js" in html
    assert "narration-controls" in html and "hidden" in html  # shown by the script only


def test_player_on_the_heritage_page(story):
    html = Client().get(story.url).content.decode()
    assert html.count("<audio") == 1 and 'preload="none"' in html


def test_no_player_without_audio(settings, home, committed):
    settings.SPEECH_BACKEND = ""
    with committed():
        page = StoryPageFactory(parent=home, title="Không có tiếng", body=[])
    html = Client().get(page.url).content.decode()
    assert "<audio" not in html and "narration.js" not in html


def test_course_bundle_contains_the_narration(lesson, course):
    response = Client().get(f"/api/v1/courses/{course.pk}/bundle?locale=vi")
    assert response.status_code == 200, response.content[:300]
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    manifest = json.loads(archive.read("manifest.json"))
    data = json.loads(archive.read(f"lessons/{lesson.pk}.json"))
    url = data["narrations"][0]["url"]
    path = manifest["files"][url]
    item = next(i for i in manifest["lessons"] if i["id"] == lesson.pk)
    assert path in item["files"]
    assert archive.read(path) == PageAudio.objects.get(page=lesson).file.open("rb").read()


def test_quiz_parts_have_cues_and_buttons(lesson, committed):
    from lessons.blocks import iter_questions

    row = PageAudio.objects.get(page=lesson)
    quiz = next(block for block in lesson.body if block.block_type == "quiz")
    questions = list(iter_questions(quiz.value))
    first_id = questions[0][0]
    keys = [first_id, f"{first_id}:0", f"{first_id}:1"]
    assert all(key in row.cues for key in keys), row.cues
    spans = [row.cues[key] for key in keys]
    # In reading order, inside the file, each a real stretch of speech.
    assert spans == sorted(spans) and spans[-1][1] <= row.duration_seconds + 0.1
    assert all(0.2 < end - start < 10 for start, end in spans)
    assert (
        Client().get(f"/api/v1/lessons/{lesson.pk}").json()["narrations"][0]["cues"][first_id]
        == row.cues[first_id]
    )

    from tests.factories import UserFactory

    client = Client()
    client.force_login(UserFactory())
    html = client.get(lesson.url).content.decode()
    buttons = re.findall(r'<button type="button" class="narration-cue"[^>]*>', html)
    # Two questions with two or three options each: one button per question and per option.
    assert len(buttons) == sum(1 + len(q["options"]) for _qid, q in questions)
    assert f'data-cue-src="{row.file.url}"' in buttons[0] and "hidden" in buttons[0]
