"""Narration tests speak: the synthesiser is on (it is off for the rest of the suite)."""

import pytest

from tests.factories import CourseIndexPageFactory, CoursePageFactory, LessonPageFactory
from tests.lessons.conftest import quiz_block

ESPEAK = "content.speech.espeak.EspeakSynthesizer"


@pytest.fixture
def speech(settings):
    """The espeak-ng voice on; skipped where the wheel's library cannot load (not Linux)."""
    from content.speech.base import SpeechUnavailable
    from content.speech.espeak import EspeakSynthesizer

    try:
        EspeakSynthesizer().synthesize("a")
    except SpeechUnavailable as exc:
        pytest.skip(f"espeak-ng is not usable here: {exc}")
    settings.SPEECH_BACKEND = ESPEAK


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """``with committed():`` runs what was queued for after the commit (the tasks) at its end."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def lesson_body(paragraph="Bán cà phê trên mạng cần ảnh rõ và giá 50.000 đồng."):
    return [
        {"type": "heading", "value": "Chuẩn bị"},
        {"type": "paragraph", "value": f"<p>{paragraph} Xem <a href='https://example.org/x'>hướng dẫn</a>.</p>"},
        {"type": "quote", "value": {"text": "Chậm mà chắc.", "attribution": "Già làng"}},
        quiz_block(),
    ]


@pytest.fixture
def course(home):
    index = CourseIndexPageFactory(parent=home)
    return CoursePageFactory(parent=index)


@pytest.fixture
def lesson(speech, course, committed):
    with committed():
        return LessonPageFactory(
            parent=course, title="Bài 1: Bán hàng", summary="Cách đăng bán.", body=lesson_body()
        )
