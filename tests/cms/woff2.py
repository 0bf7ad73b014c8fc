"""The characters a woff2 font maps (its cmap) and what each one's glyph is drawn with,
read with brotli only: enough to check the site's fonts in tests without fontTools in
the runtime (scripts/subset_fonts.py, dev-only, has it). WOFF2 keeps cmap untransformed
in its one brotli stream; glyf is usually transformed, and its first stream then says how
many contours each glyph has."""

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


def tables(data, transformed_tags=None):
    """``{known-tag index or tag: table bytes}``; ``transformed_tags``, a set, receives the
    tags whose table is stored transformed."""
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
            if transformed_tags is not None:
                transformed_tags.add(tag)
        entries.append((tag, length))
    stream = brotli.decompress(data[pos : pos + compressed])
    out, offset = {}, 0
    for tag, length in entries:
        out[tag] = stream[offset : offset + length]
        offset += length
    return out


def codepoints(path):
    return set(glyph_ids(path))


def glyph_ids(path):
    """``{code point: glyph id}`` from the font's Unicode cmap subtables (formats 4 and 12)."""
    return _glyph_ids(tables(open(path, "rb").read())[0])  # known-tag index 0 is cmap


def _glyph_ids(cmap):
    found = {}
    (count,) = struct.unpack(">H", cmap[2:4])
    for n in range(count):
        _platform, _encoding, offset = struct.unpack(">HHI", cmap[4 + 8 * n : 12 + 8 * n])
        (fmt,) = struct.unpack(">H", cmap[offset : offset + 2])
        if fmt == 4:
            (seg2,) = struct.unpack(">H", cmap[offset + 6 : offset + 8])
            segs = seg2 // 2
            ends = struct.unpack(f">{segs}H", cmap[offset + 14 : offset + 14 + seg2])
            starts = struct.unpack(f">{segs}H", cmap[offset + 16 + seg2 : offset + 16 + 2 * seg2])
            deltas = struct.unpack(f">{segs}h", cmap[offset + 16 + 2 * seg2 : offset + 16 + 3 * seg2])
            ranges_at = offset + 16 + 3 * seg2
            ranges = struct.unpack(f">{segs}H", cmap[ranges_at : ranges_at + seg2])
            for i, (start, end) in enumerate(zip(starts, ends, strict=True)):
                for cp in range(start, end + 1) if start != 0xFFFF else ():
                    if ranges[i] == 0:
                        glyph = (cp + deltas[i]) & 0xFFFF
                    else:  # idRangeOffset: from its own place into glyphIdArray
                        at = ranges_at + 2 * i + ranges[i] + 2 * (cp - start)
                        (glyph,) = struct.unpack(">H", cmap[at : at + 2])
                        glyph = (glyph + deltas[i]) & 0xFFFF if glyph else 0
                    if glyph:
                        found.setdefault(cp, glyph)
        elif fmt == 12:
            (groups,) = struct.unpack(">I", cmap[offset + 12 : offset + 16])
            for g in range(groups):
                s, e, glyph = struct.unpack(">III", cmap[offset + 16 + 12 * g : offset + 28 + 12 * g])
                found.update((cp, glyph + cp - s) for cp in range(s, e + 1))
    return found


def contour_counts(path):
    """Each glyph's number of contours, by glyph id: 0 draws nothing, -1 is a composite
    (drawn with other glyphs), more is an outline of its own."""
    transformed = set()
    found = tables(open(path, "rb").read(), transformed)
    glyf = found[GLYF]
    if GLYF in transformed:  # header of 36 bytes, then nContourStream: one Int16 per glyph
        (count,) = struct.unpack(">H", glyf[4:6])
        return list(struct.unpack(f">{count}h", glyf[36 : 36 + 2 * count]))
    # Untransformed: loca (short or long offsets, head.indexToLocFormat) into glyf.
    (long_offsets,) = struct.unpack(">h", found[1][50:52])  # known-tag index 1 is head
    loca = found[LOCA]
    offsets = (
        struct.unpack(f">{len(loca) // 4}I", loca)
        if long_offsets
        else [2 * o for o in struct.unpack(f">{len(loca) // 2}H", loca)]
    )
    return [
        struct.unpack(">h", glyf[start : start + 2])[0] if end > start else 0
        for start, end in zip(offsets, offsets[1:], strict=False)
    ]
