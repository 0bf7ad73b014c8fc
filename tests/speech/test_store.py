"""Generated narration follows the public page: made after publishing, remade only when the
text changes, never from a draft, gone when the page stops being public."""

from django.core.files.storage import default_storage
from wagtail.models import PageViewRestriction

from content import audio as mp3
from content import narration
from content.models import PageAudio, SyncEvent
from content.speech import store
from content.speech.text import page_sentences, page_text
from tests.factories import LessonPageFactory, SectionPageFactory, StoryPageFactory

from .conftest import lesson_body


def generated(page):
    return PageAudio.objects.filter(page=page, kind="generated").first()


def test_what_is_read(lesson):
    sentences = page_sentences(lesson.specific)
    text = " ".join(sentences)
    assert sentences[:2] == ["Bài 1: Bán hàng.", "Cách đăng bán."]
    assert "Chuẩn bị." in sentences
    assert "hướng dẫn" in text and "example.org" not in text  # a link's words, not its address
    assert "Mật khẩu có nên chia sẻ không?" in sentences  # quiz question
    assert "Có." in sentences and "Không." in sentences  # and its options
    assert "Không bao giờ chia sẻ" not in text  # feedback would give the answer away
    assert "Già làng" in text


def test_types_without_narration_fields_are_not_narrated(speech, home):
    page = SectionPageFactory(parent=home, title="Giới thiệu")
    assert page_sentences(page.specific) == []
    assert not PageAudio.objects.filter(page=page).exists()


def test_publishing_generates_an_mp3(lesson):
    audio = generated(lesson)
    assert audio is not None and audio.language == "vi" and audio.voice == "espeak-ng vi-VN-x-central"
    data = default_storage.open(audio.file.name).read()
    assert len(data) == audio.bytes > 1000
    assert abs(mp3.duration(data) - audio.duration_seconds) < 0.01
    assert 5 < audio.duration_seconds < 120
    assert audio.file.name.startswith("audio/generated/") and audio.file.name.endswith(".mp3")
    # The page's kept API JSON and the sync feed learn of it.
    assert SyncEvent.objects.filter(page_id=lesson.pk, action="upsert").count() >= 2


def test_regenerated_only_when_the_text_changes(lesson, committed):
    first = generated(lesson)
    with committed():
        lesson.save_revision().publish()
    assert store.refresh(lesson.pk) == "unchanged"
    same = generated(lesson)
    assert (same.file.name, same.text_hash) == (first.file.name, first.text_hash)

    lesson.refresh_from_db()
    lesson.body = lesson_body("Giá mới là 75.000 đồng.")
    with committed():
        lesson.save_revision().publish()
    changed = generated(lesson)
    assert changed.text_hash != first.text_hash and changed.file.name != first.file.name
    assert default_storage.exists(changed.file.name)
    assert not default_storage.exists(first.file.name)  # the old file went with the old text


def test_a_draft_is_never_read(speech, course):
    draft = LessonPageFactory(parent=course, title="Bài nháp bí mật", live=False)
    assert store.refresh(draft.pk) == "none"
    assert not PageAudio.objects.filter(page=draft).exists()


def test_unpublished_changes_of_a_live_page_are_not_read(lesson):
    before = generated(lesson)
    lesson.refresh_from_db()
    lesson.title = "Tiêu đề nháp chưa duyệt"
    lesson.save_revision()  # a draft: the live row keeps the published text
    assert store.refresh(lesson.pk) == "unchanged"
    assert generated(lesson).text_hash == before.text_hash
    assert "nháp" not in page_text(type(lesson).objects.get(pk=lesson.pk))


def test_unpublishing_removes_the_file_at_once(lesson):
    name = generated(lesson).file.name
    lesson.unpublish()
    assert generated(lesson) is None
    assert not default_storage.exists(name)


def test_a_view_restriction_removes_it(lesson, course, committed):
    name = generated(lesson).file.name
    PageViewRestriction.objects.create(page=course, restriction_type=PageViewRestriction.PASSWORD, password="x")
    assert generated(lesson) is None and not default_storage.exists(name)
    assert store.refresh(lesson.pk) == "none"  # not public: nothing is made again
    with committed():
        PageViewRestriction.objects.filter(page=course).delete()
    assert generated(lesson) is not None  # lifted: made again


def test_only_the_voices_language(speech, home, committed):
    english_home = home.get_translations().get(locale__language_code="en")
    with committed():
        body = [{"type": "paragraph", "value": "<p>Hi</p>"}]
        story = StoryPageFactory(parent=english_home, title="A story", body=body)
    assert generated(story) is None


def test_a_recording_wins_over_the_generated_voice(lesson):
    name = generated(lesson).file.name
    PageAudio.objects.create(page=lesson, language="vi", kind="recorded", file=name, bytes=1)
    kinds = [(item["kind"], item["language"]) for item in narration.items(lesson.specific)]
    assert kinds == [("recorded", "vi")]


def test_off_means_nothing_made(settings, course, committed):
    settings.SPEECH_BACKEND = ""
    with committed():
        lesson = LessonPageFactory(parent=course, title="Bài không đọc")
    assert generated(lesson) is None
    assert store.refresh(lesson.pk) == "off"


def test_generate_narration_command(settings, speech, course, committed):
    import io

    from django.core.management import call_command

    settings.SPEECH_BACKEND = ""
    with committed():
        lesson = LessonPageFactory(parent=course, title="Bài chưa đọc", body=lesson_body())
    assert generated(lesson) is None
    settings.SPEECH_BACKEND = "content.speech.espeak.EspeakSynthesizer"
    out = io.StringIO()
    call_command("generate_narration", stdout=out)
    assert generated(lesson) is not None and "1 generated" in out.getvalue()
    out = io.StringIO()
    call_command("generate_narration", stdout=out)
    assert "1 unchanged" in out.getvalue()
    call_command("generate_narration", "--force", stdout=out)
    assert "1 generated" in out.getvalue()
