"""Dev-only: build the site's Be Vietnam Pro woff2 files (static/fonts/) from the
npm package @fontsource/be-vietnam-pro, subset to what the site writes.

Why: a typeface drawn for Vietnamese (stacked tone marks that do not collide)
read the same on every phone, within the heritage page's 150 KiB first load.
Fontsource ships each weight cut by script (latin, latin-ext, vietnamese); this
script merges the latin and vietnamese cuts of one weight into one file and keeps
only the characters the site needs: printable Latin-1, Vietnamese, the
typographic punctuation, and every other letter the demo content, templates and
catalogues write that the font has (Bahnar, H're and Haroi orthography is written
with Vietnamese letters in the content). Hinting is dropped (woff2 on phones
renders unhinted) and only the layout features text needs are kept.

Bahnar also writes the breve vowels ŏ ĕ ŭ (Ŏ Ĕ Ŭ), which Fontsource's cuts do not
have (nor a combining breve): without them they fell back to the system font in
the middle of a word. The script adds them (``add_breve_vowels``), each a glyph
of its own mapped in cmap: the base letter's outline plus the breve of ă (Ă for
the capitals), moved by the difference between the two letters' top mark anchors
(the GPOS ``mark`` feature's, where the font puts an acute or a tilde), with the
base letter's advance width and kerning classes.

Run (not part of the runtime, needs fontTools with brotli in any Python):

    cd /tmp && npm pack @fontsource/be-vietnam-pro@5.3.0 && mkdir -p fontsource \
        && tar xzf fontsource-be-vietnam-pro-5.3.0.tgz -C fontsource
    python -m venv /tmp/ft && /tmp/ft/bin/pip install fonttools brotli
    /tmp/ft/bin/python scripts/subset_fonts.py /tmp/fontsource/package

It rewrites static/fonts/be-vietnam-pro-<weight>.woff2 and copies the OFL
licence beside them. tests/cms/test_design_budget.py checks the result's size,
that it covers the demo content's letters and that the breve vowels have outlines.
"""

import shutil
import sys
import tempfile
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "static" / "fonts"
WEIGHTS = (400, 700)
CUTS = ("latin", "vietnamese", "latin-ext")

# Printable ASCII and Latin-1, Vietnamese (as Fontsource's vietnamese cut), the
# punctuation the templates use (dashes, curly quotes, ellipsis, bullet, middle dot).
BASE = (
    list(range(0x20, 0x7F))
    + list(range(0xA0, 0x100))
    + [0x102, 0x103, 0x110, 0x111, 0x128, 0x129, 0x168, 0x169, 0x1A0, 0x1A1, 0x1AF, 0x1B0]
    + [0x300, 0x301, 0x303, 0x309, 0x323]
    + list(range(0x1EA0, 0x1EFA))
    + [0x2013, 0x2014, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2026, 0x20AB, 0x2212]
)
FEATURES = "kern,liga,ccmp,locl,mark,mkmk"
# Breve vowels the cuts lack: code point → (base letter, the letter with a breve it has,
# that letter's base). The breve is taken from ă / Ă and set on o, e, u / O, E, U.
BREVE_VOWELS = {
    0x14F: ("o", "ă", "a"),
    0x115: ("e", "ă", "a"),
    0x16D: ("u", "ă", "a"),
    0x14E: ("O", "Ă", "A"),
    0x114: ("E", "Ă", "A"),
    0x16C: ("U", "Ă", "A"),
}
# Where the visible text comes from: demo content, templates and UI catalogues.
SOURCES = ("*/demo/*.json", "content/demo/*.json", "templates/**/*.html", "*/locale/vi/LC_MESSAGES/django.po")


def content_codepoints():
    """Every letter or mark the visible text uses, in NFC (as Django serves it)."""
    found = set()
    for pattern in SOURCES:
        for path in ROOT.glob(pattern):
            text = unicodedata.normalize("NFC", path.read_text(encoding="utf-8"))
            found.update(ord(ch) for ch in text if ord(ch) > 0x7E and unicodedata.category(ch)[0] in "LM")
    return found


def build(package: Path):
    from fontTools import subset
    from fontTools.merge import Merger
    from fontTools.ttLib import TTFont

    wanted = set(BASE) | content_codepoints()
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for weight in WEIGHTS:
            parts = []
            for cut in CUTS:
                source = package / "files" / f"be-vietnam-pro-{cut}-{weight}-normal.woff2"
                font = TTFont(source)
                have = set(font.getBestCmap()) & wanted
                wanted_here = sorted(have - {cp for p in parts for cp in p[1]})
                if not wanted_here:
                    continue
                options = subset.Options()
                options.flavor = None
                options.layout_features = FEATURES.split(",")
                options.hinting = False
                options.desubroutinize = True
                options.name_IDs = [0, 1, 2, 3, 4, 5, 6]
                options.notdef_outline = cut == "latin"
                subsetter = subset.Subsetter(options)
                subsetter.populate(unicodes=wanted_here)
                subsetter.subset(font)
                path = Path(tmp) / f"{cut}-{weight}.ttf"
                font.flavor = None
                font.save(path)
                parts.append((path, set(wanted_here)))
            merged = Merger().merge([str(p) for p, _ in parts])
            add_breve_vowels(merged)
            merged.flavor = "woff2"
            target = OUT / f"be-vietnam-pro-{weight}.woff2"
            merged.save(target)
            missing = sorted(cp for cp in wanted if cp not in merged.getBestCmap())
            print(f"{target.relative_to(ROOT)}: {target.stat().st_size} bytes")
            if missing:
                print("  not in the font (system fallback):", "".join(chr(cp) for cp in missing if cp > 0x2FF))
    shutil.copy(package / "LICENSE", OUT / "OFL.txt")


def _contours(glyf, name):
    """The outline of ``name`` as contours of ``((x, y), on_curve)`` points."""
    coordinates, ends, flags = glyf[name].getCoordinates(glyf)
    contours, start = [], 0
    for end in ends:
        contours.append(tuple((tuple(coordinates[i]), bool(flags[i] & 1)) for i in range(start, end + 1)))
        start = end + 1
    return contours


def _breve(glyf, source, plain):
    """The contours of ``source`` (ă) above ``plain`` (a), and where ``source`` draws
    ``plain`` relative to ``plain`` itself (ă is a little wider than a: its a moves right)."""
    plain_contours = _contours(glyf, plain)
    top = max(y for contour in plain_contours for (_, y), _ in contour)
    contours = _contours(glyf, source)
    breve = [c for c in contours if min(y for (_, y), _ in c) > top]
    letter = [c for c in contours if c not in breve]
    (x1, y1), (x0, y0) = letter[0][0][0], plain_contours[0][0][0]
    shift = (x1 - x0, y1 - y0)
    same = len(letter) == len(plain_contours) and all(
        len(a) == len(b)
        and all(
            on == on0 and abs(x - x0 - shift[0]) <= 2 and abs(y - y0 - shift[1]) <= 2
            for ((x, y), on), ((x0, y0), on0) in zip(a, b, strict=True)
        )
        for a, b in zip(letter, plain_contours, strict=True)
    )  # the same outline, give or take a unit of rounding
    if not breve or not same:
        raise ValueError(f"{source} is not {plain} with a breve above it")
    return breve, shift


def _top_anchor(font, name):
    """Where the ``mark`` feature attaches an accent above ``name`` (x, y)."""
    for lookup in font["GPOS"].table.LookupList.Lookup:
        for sub in lookup.SubTable:
            if lookup.LookupType == 9:
                sub = sub.ExtSubTable
            if getattr(sub, "LookupType", lookup.LookupType) != 4 or name not in sub.BaseCoverage.glyphs:
                continue
            above = {r.Class for r in sub.MarkArray.MarkRecord if r.MarkAnchor.YCoordinate > 0}
            record = sub.BaseArray.BaseRecord[sub.BaseCoverage.glyphs.index(name)]
            for cls in sorted(above):
                if record.BaseAnchor[cls] is not None:
                    return record.BaseAnchor[cls].XCoordinate, record.BaseAnchor[cls].YCoordinate
    raise KeyError(f"no top anchor for {name}")


def _copy_kerning(font, base, name):
    """``name`` kerns as ``base``: the same classes in every class-based pair adjustment."""
    if "GPOS" not in font:
        return
    for lookup in font["GPOS"].table.LookupList.Lookup:
        for sub in lookup.SubTable:
            if lookup.LookupType == 9:
                sub = sub.ExtSubTable
            if getattr(sub, "LookupType", lookup.LookupType) != 2 or sub.Format != 2:
                continue
            if base in sub.Coverage.glyphs:
                sub.Coverage.glyphs.append(name)
                if base in sub.ClassDef1.classDefs:
                    sub.ClassDef1.classDefs[name] = sub.ClassDef1.classDefs[base]
            if base in sub.ClassDef2.classDefs:
                sub.ClassDef2.classDefs[name] = sub.ClassDef2.classDefs[base]


def add_breve_vowels(font):
    """Add ŏ ĕ ŭ Ŏ Ĕ Ŭ (``BREVE_VOWELS``) to ``font`` as outlines mapped in its cmap."""
    from fontTools.pens.ttGlyphPen import TTGlyphPointPen

    cmap = font.getBestCmap()
    glyf, hmtx = font["glyf"], font["hmtx"]
    order = list(font.getGlyphOrder())
    for codepoint, (letter, with_breve, plain) in BREVE_VOWELS.items():
        base, source, source_base = (cmap[ord(ch)] for ch in (letter, with_breve, plain))
        breve, (sx, sy) = _breve(glyf, source, source_base)
        (x, y), (x0, y0) = _top_anchor(font, base), _top_anchor(font, source_base)
        dx, dy = x - x0 - sx, y - y0 - sy
        pen = TTGlyphPointPen(None)
        glyf[base].drawPoints(pen, glyf)
        for contour in breve:
            pen.beginPath()
            for (px, py), on_curve in contour:
                pen.addPoint((px + dx, py + dy), "qcurve" if on_curve else None)
            pen.endPath()
        glyph = pen.glyph()
        glyph.recalcBounds(glyf)
        name = f"uni{codepoint:04X}"
        order.append(name)
        font.setGlyphOrder(order)
        glyf.glyphOrder = order
        glyf.glyphs[name] = glyph
        hmtx.metrics[name] = (hmtx[base][0], glyph.xMin)
        for table in font["cmap"].tables:
            if table.isUnicode():
                table.cmap[codepoint] = name
        if "GDEF" in font and font["GDEF"].table.GlyphClassDef is not None:
            font["GDEF"].table.GlyphClassDef.classDefs[name] = 1  # a base glyph
        _copy_kerning(font, base, name)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    build(Path(sys.argv[1]))
