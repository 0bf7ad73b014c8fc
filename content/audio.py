"""MP3 for slow networks and every phone browser: mono, 32 kbps, 16 kHz or 22.05 kHz.

``encode`` turns PCM into MP3 with the ``lameenc`` wheel (LAME, no system
package). ``frames`` reads an MP3's frame headers (skipping an ID3v2 tag), so the
duration of an uploaded or generated file is counted from the file itself, not
trusted from whoever made it.
"""

import io

import lameenc

BITRATE_KBPS = 32

# MPEG version bits → (version, sample rates); layer III only.
_SAMPLE_RATES = {
    0b11: (1, (44100, 48000, 32000)),
    0b10: (2, (22050, 24000, 16000)),
    0b00: (25, (11025, 12000, 8000)),
}
_BITRATES = {
    1: (0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320),
    2: (0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160),
}


def encode(pcm, sample_rate, bitrate=BITRATE_KBPS):
    encoder = lameenc.Encoder()
    encoder.set_bit_rate(bitrate)
    encoder.set_in_sample_rate(sample_rate)
    encoder.set_channels(1)
    encoder.set_quality(5)
    return bytes(encoder.encode(pcm) + encoder.flush())


def frames(data):
    """Yield ``(sample_rate, samples, length)`` for each MPEG layer III frame of ``data``."""
    stream = io.BytesIO(data)
    position = 0
    if data[:3] == b"ID3" and len(data) >= 10:
        size = (data[6] << 21) | (data[7] << 14) | (data[8] << 7) | data[9]
        position = 10 + size
    end = len(data)
    while position + 4 <= end:
        stream.seek(position)
        header = int.from_bytes(stream.read(4), "big")
        if header >> 21 != 0x7FF:
            position += 1  # resynchronise (padding or junk between frames)
            continue
        version_bits = (header >> 19) & 0b11
        layer = (header >> 17) & 0b11
        bitrate_index = (header >> 12) & 0xF
        rate_index = (header >> 10) & 0b11
        if version_bits not in _SAMPLE_RATES or layer != 0b01 or bitrate_index in (0, 15) or rate_index == 3:
            position += 1
            continue
        version, rates = _SAMPLE_RATES[version_bits]
        sample_rate = rates[rate_index]
        bitrate = _BITRATES[1 if version == 1 else 2][bitrate_index] * 1000
        padding = (header >> 9) & 1
        samples = 1152 if version == 1 else 576
        length = (samples // 8) * bitrate // sample_rate + padding
        if length < 4:
            position += 1
            continue
        yield sample_rate, samples, length
        position += length


def duration(data):
    """Seconds of audio in MP3 ``data`` (0.0 if it holds no MPEG layer III frame)."""
    return sum(samples / rate for rate, samples, _length in frames(data))
