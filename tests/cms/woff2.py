"""The characters a woff2 font maps (its cmap), read with brotli only: enough to check
the site's fonts in tests without fontTools in the runtime (scripts/subset_fonts.py,
dev-only, has it). WOFF2 keeps cmap untransformed in its one brotli stream."""

import struct

import brotli

GLYF, LOCA = 10, 11  # known-tag indices whose transform version 0 means "transformed"


def _base128(data, pos):
    value = 0
    for _ in range(5):
        byte = data[pos]
        pos += 1
        value = (value << 7) | (byte & 0x7F)
        if not byte & 0x80:
            return value, pos
    raise ValueError("bad UIntBase128")


def tables(data):
    if data[:4] != b"wOF2":
        raise ValueError("not a woff2 font")
    (num_tables,) = struct.unpack(">H", data[12:14])
    (compressed,) = struct.unpack(">I", data[20:24])
    pos, entries = 48, []
    for _ in range(num_tables):
        flags = data[pos]
        pos += 1
        index, version = flags & 0x3F, flags >> 6
        tag = data[pos : pos + 4] if index == 63 else index
        pos += 4 if index == 63 else 0
        length, pos = _base128(data, pos)
        transformed = version == 0 if index in (GLYF, LOCA) else version != 0
        if transformed:
            length, pos = _base128(data, pos)
        entries.append((tag, length))
    stream = brotli.decompress(data[pos : pos + compressed])
    out, offset = {}, 0
    for tag, length in entries:
        out[tag] = stream[offset : offset + length]
        offset += length
    return out


def codepoints(path):
    cmap = tables(open(path, "rb").read())[0]  # known-tag index 0 is cmap
    found = set()
    (count,) = struct.unpack(">H", cmap[2:4])
    for n in range(count):
        _platform, _encoding, offset = struct.unpack(">HHI", cmap[4 + 8 * n : 12 + 8 * n])
        (fmt,) = struct.unpack(">H", cmap[offset : offset + 2])
        if fmt == 4:
            (seg2,) = struct.unpack(">H", cmap[offset + 6 : offset + 8])
            segs = seg2 // 2
            ends = struct.unpack(f">{segs}H", cmap[offset + 14 : offset + 14 + seg2])
            starts = struct.unpack(f">{segs}H", cmap[offset + 16 + seg2 : offset + 16 + 2 * seg2])
            found.update(cp for s, e in zip(starts, ends, strict=True) if s != 0xFFFF for cp in range(s, e + 1))
        elif fmt == 12:
            (groups,) = struct.unpack(">I", cmap[offset + 12 : offset + 16])
            for g in range(groups):
                s, e, _glyph = struct.unpack(">III", cmap[offset + 16 + 12 * g : offset + 28 + 12 * g])
                found.update(range(s, e + 1))
    return found
