"""The default synthesiser: espeak-ng's Vietnamese voice, driven through ctypes.

No system package: the ``espeakng-loader`` wheel ships ``libespeak-ng.so`` and its
``espeak-ng-data`` (with ``lang/aav/vi-VN-x-central``, the central dialect that fits
Bình Định and Gia Lai). The library keeps global state and is not thread-safe, so
one process-wide lock serialises every call; it is initialised once, in
synchronous mode, with a callback that collects the 16-bit mono PCM it produces.
"""

import ctypes
import threading

from .base import SpeechUnavailable, Synthesis

AUDIO_OUTPUT_SYNCHRONOUS = 2
ESPEAK_CHARS_UTF8 = 1
ESPEAK_RATE = 1
POS_CHARACTER = 1
EE_OK = 0

# int callback(short *wav, int numsamples, espeak_EVENT *events)
SYNTH_CALLBACK = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int, ctypes.c_void_p)

_lock = threading.Lock()
_state = {}


def _library():
    """Load and initialise the library once; raise ``SpeechUnavailable`` if it cannot be."""
    if "lib" in _state:
        return _state["lib"], _state["rate"]
    try:
        import espeakng_loader
    except ImportError as exc:  # pragma: no cover - the dependency is in the lock files
        raise SpeechUnavailable("espeakng-loader is not installed (pip install espeakng-loader)") from exc
    try:
        lib = ctypes.CDLL(espeakng_loader.get_library_path())
    except OSError as exc:  # pragma: no cover - a platform without the wheel's library
        raise SpeechUnavailable(f"libespeak-ng could not be loaded: {exc}") from exc
    lib.espeak_Initialize.restype = ctypes.c_int
    lib.espeak_Initialize.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_char_p, ctypes.c_int]
    lib.espeak_SetVoiceByName.argtypes = [ctypes.c_char_p]
    lib.espeak_SetSynthCallback.argtypes = [SYNTH_CALLBACK]
    lib.espeak_SetParameter.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_int]
    lib.espeak_Synth.argtypes = [
        ctypes.c_void_p,
        ctypes.c_size_t,
        ctypes.c_uint,
        ctypes.c_int,
        ctypes.c_uint,
        ctypes.c_uint,
        ctypes.POINTER(ctypes.c_uint),
        ctypes.c_void_p,
    ]
    data = espeakng_loader.get_data_path().encode()
    rate = lib.espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 0, data, 0)
    if rate <= 0:  # pragma: no cover
        raise SpeechUnavailable("espeak-ng did not initialise (its data folder is missing?)")
    chunks = []

    @SYNTH_CALLBACK
    def collect(wav, count, _events):
        if count > 0 and wav:
            chunks.append(ctypes.string_at(wav, count * 2))
        return 0

    lib.espeak_SetSynthCallback(collect)
    _state.update(lib=lib, rate=rate, chunks=chunks, callback=collect)  # the callback must stay alive
    return lib, rate


class EspeakSynthesizer:
    """``Synthesizer`` over espeak-ng; ``voice`` is an espeak-ng voice name."""

    language = "vi"

    def __init__(self, voice="vi-VN-x-central", words_per_minute=150):
        self.voice = voice
        self.words_per_minute = words_per_minute

    @property
    def voice_name(self):
        return f"espeak-ng {self.voice}"

    def synthesize(self, text):
        data = text.encode("utf-8") + b"\0"
        with _lock:
            lib, rate = _library()
            if lib.espeak_SetVoiceByName(self.voice.encode()) != EE_OK:
                raise SpeechUnavailable(f"espeak-ng has no voice {self.voice!r}")
            lib.espeak_SetParameter(ESPEAK_RATE, self.words_per_minute, 0)
            chunks = _state["chunks"]
            chunks.clear()
            buffer = ctypes.create_string_buffer(data)
            status = lib.espeak_Synth(buffer, len(data), 0, POS_CHARACTER, 0, ESPEAK_CHARS_UTF8, None, None)
            if status != EE_OK:
                raise SpeechUnavailable(f"espeak-ng could not synthesise (error {status})")
            pcm = b"".join(chunks)
            chunks.clear()
        return Synthesis(pcm=pcm, sample_rate=rate)
