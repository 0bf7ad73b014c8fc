"""Dev-only: build the site's Be Vietnam Pro woff2 files (static/fonts/) from the
npm package @fontsource/be-vietnam-pro, subset to what the site writes.

Why: a typeface drawn for Vietnamese (stacked tone marks that do not collide)
read the same on every phone, within the heritage page's 150 KiB first load.
Fontsource ships each weight cut by script (latin, latin-ext, vietnamese); this
script merges the latin and vietnamese cuts of one weight into one file and keeps
only the characters the site needs: printable Latin-1, Vietnamese, the
typographic punctuation, and every other letter the demo content, templates and
catalogues write that the font has (Bahnar, H're and Haroi orthography is written
with Vietnamese letters in the content; the font has no ŏ/ĕ/ŭ breve vowels, so
those would fall back to the system font). Hinting is dropped (woff2 on phones
renders unhinted) and only the layout features text needs are kept.

Run (not part of the runtime, needs fontTools with brotli in any Python):

    cd /tmp && npm pack @fontsource/be-vietnam-pro@5.3.0 && mkdir -p fontsource \
        && tar xzf fontsource-be-vietnam-pro-5.3.0.tgz -C fontsource
    python -m venv /tmp/ft && /tmp/ft/bin/pip install fonttools brotli
    /tmp/ft/bin/python scripts/subset_fonts.py /tmp/fontsource/package

It rewrites static/fonts/be-vietnam-pro-<weight>.woff2 and copies the OFL
licence beside them. tests/cms/test_design_budget.py checks the result's size
and that it covers the demo content's letters.
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
            merged.flavor = "woff2"
            target = OUT / f"be-vietnam-pro-{weight}.woff2"
            merged.save(target)
            missing = sorted(cp for cp in wanted if cp not in merged.getBestCmap())
            print(f"{target.relative_to(ROOT)}: {target.stat().st_size} bytes")
            if missing:
                print("  not in the font (system fallback):", "".join(chr(cp) for cp in missing if cp > 0x2FF))
    shutil.copy(package / "LICENSE", OUT / "OFL.txt")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    build(Path(sys.argv[1]))
