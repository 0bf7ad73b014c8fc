"""Real small sound files made in the test (PyAV encodes them), as a browser would send."""

import io
import math

import av


def tone(container="webm", codec="libopus", seconds=1.5, rate=48000, frequency=440.0):
    """A sine tone in ``container`` encoded with ``codec`` (WebM/Opus as Chrome's
    MediaRecorder makes, Ogg/Opus as Firefox's)."""
    buffer = io.BytesIO()
    with av.open(buffer, mode="w", format=container) as output:
        stream = output.add_stream(codec, rate=rate)
        stream.layout = "mono"
        samples = int(seconds * rate)
        step = 960
        for start in range(0, samples, step):
            count = min(step, samples - start)
            frame = av.AudioFrame(format="s16", layout="mono", samples=count)
            values = [int(12000 * math.sin(2 * math.pi * frequency * (start + i) / rate)) for i in range(count)]
            frame.planes[0].update(b"".join(v.to_bytes(2, "little", signed=True) for v in values))
            frame.rate = rate
            frame.pts = start
            for packet in stream.encode(frame):
                output.mux(packet)
        for packet in stream.encode(None):
            output.mux(packet)
    return buffer.getvalue()
