"""The one synthesiser interface: text in one language in, 16-bit mono PCM out.

A backend is a class with ``language`` (the code of the language it speaks),
``voice_name`` (shown to editors and stored beside the audio) and
``synthesize(text) -> Synthesis``. ``settings.SPEECH_BACKEND`` names the class by
dotted path, so a province can plug in a hosted service without touching the
callers; ``SPEECH_BACKEND = ""`` turns generated narration off.
"""

from dataclasses import dataclass
from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string

DEFAULT_BACKEND = "content.speech.espeak.EspeakSynthesizer"


class SpeechUnavailable(RuntimeError):
    """The backend cannot speak here (library missing, voice missing, service down)."""


@dataclass(frozen=True)
class Synthesis:
    pcm: bytes  # signed 16-bit little-endian, mono
    sample_rate: int

    @property
    def duration_seconds(self):
        return len(self.pcm) / 2 / self.sample_rate


class Synthesizer(Protocol):
    language: str
    voice_name: str

    def synthesize(self, text: str) -> Synthesis: ...


_instances = {}


def get_synthesizer():
    """The configured backend (one instance per dotted path), or ``None`` when off."""
    path = getattr(settings, "SPEECH_BACKEND", DEFAULT_BACKEND)
    if not path:
        return None
    if path not in _instances:
        _instances[path] = import_string(path)()
    return _instances[path]
