"""espeak-ng through ctypes and LAME: a real MP3 of plausible length, no system package."""

import lameenc
import pytest

from content import audio as mp3
from content.speech.base import get_synthesizer
from content.speech.espeak import EspeakSynthesizer


def test_vietnamese_voice_makes_a_valid_mp3(speech):
    speech = EspeakSynthesizer().synthesize("Xin chào. Hôm nay chúng ta học cách bán cà phê trên mạng.")
    assert speech.sample_rate > 8000
    # A dozen syllables at 150 words a minute: a few seconds, not silence, not minutes.
    assert 2 < speech.duration_seconds < 12
    data = mp3.encode(speech.pcm, speech.sample_rate)
    frames = list(mp3.frames(data))
    assert len(frames) > 50
    assert {rate for rate, _samples, _length in frames} == {speech.sample_rate}
    assert abs(mp3.duration(data) - speech.duration_seconds) < 0.2
    # 32 kbps: about 4 kB a second.
    assert 3000 < len(data) / mp3.duration(data) < 5000


def test_longer_text_is_longer_speech(speech):
    voice = EspeakSynthesizer()
    short = voice.synthesize("Một hai ba.").duration_seconds
    long = voice.synthesize("Một hai ba. " * 6).duration_seconds
    assert long > 4 * short


def test_frames_of_not_an_mp3():
    assert mp3.duration(b"not an mp3 at all" * 100) == 0.0
    assert mp3.duration(b"") == 0.0


def test_id3_tag_is_skipped():
    encoder = lameenc.Encoder()
    encoder.set_bit_rate(32)
    encoder.set_in_sample_rate(16000)
    encoder.set_channels(1)
    data = bytes(encoder.encode(b"\0\0" * 16000) + encoder.flush())
    tag = b"ID3\x04\x00\x00\x00\x00\x00\x0a" + b"\xff" * 10  # 10 bytes of tag that look like a sync
    assert mp3.duration(tag + data) == pytest.approx(mp3.duration(data))
    assert 0.9 < mp3.duration(data) < 1.2


def test_backend_is_a_setting(settings):
    settings.SPEECH_BACKEND = ""
    assert get_synthesizer() is None
    settings.SPEECH_BACKEND = "content.speech.espeak.EspeakSynthesizer"
    voice = get_synthesizer()
    assert voice.language == "vi" and "vi-VN-x-central" in voice.voice_name
