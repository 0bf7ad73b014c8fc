"""The shell every page loads (site.css and the two Be Vietnam Pro files) stays small,
so a heritage page's first load stays under 150 KiB on a phone (issue 18), and the
fonts draw every letter the content writes.

Bytes are counted the same way on every machine: the CSS gzipped at level 9 without a
timestamp (what WhiteNoise serves, give or take a few bytes), the woff2 files as they are
(already compressed). Measured 2026-12-03 on the demo's /vi/festivals/dam-trau-bana-kriem/
at 360 px (HTML 4.6 KiB, CSS 4.3, fonts 26.4, scripts 7.1, the hero and every related card's
picture 50.8, gzip as served): 92 KiB, under the 150 KiB of a heritage page's first load.
"""

import gzip
import re
import unicodedata
from pathlib import Path

import pytest

from tests.cms.woff2 import codepoints, contour_counts, glyph_ids

ROOT = Path(__file__).resolve().parents[2]
CSS = ROOT / "static" / "css" / "site.css"
FONTS = sorted((ROOT / "static" / "fonts").glob("*.woff2"))

SHELL_BUDGET = 36 * 1024  # site.css (gzip) + every woff2; today about 31 KiB
FONT_BUDGET = 16 * 1024  # one weight


def gzipped(path):
    return len(gzip.compress(path.read_bytes(), compresslevel=9, mtime=0))


def test_shell_css_and_fonts_fit_the_budget():
    sizes = {CSS.name: gzipped(CSS), **{f.name: f.stat().st_size for f in FONTS}}
    assert len(FONTS) == 2, sizes  # regular and bold: no other weight or style is downloaded
    assert all(size <= FONT_BUDGET for name, size in sizes.items() if name.endswith(".woff2")), sizes
    assert sum(sizes.values()) <= SHELL_BUDGET, sizes


def test_the_css_declares_each_font_file_once_with_swap():
    css = CSS.read_text(encoding="utf-8")
    faces = re.findall(r"@font-face\{[^}]*\}", css)
    files = sorted(re.search(r"url\(\.\./fonts/([^)]+)\)", face).group(1) for face in faces)
    assert files == [f.name for f in FONTS]
    assert all("font-display:swap" in face for face in faces)
    assert (ROOT / "static" / "fonts" / "OFL.txt").read_text().count("SIL Open Font License") >= 1


def _content_letters():
    sources = list(ROOT.glob("*/demo/*.json")) + list(ROOT.glob("*/locale/vi/LC_MESSAGES/django.po"))
    letters = set()
    for path in sources:
        text = unicodedata.normalize("NFC", path.read_text(encoding="utf-8"))
        letters.update(ch for ch in text if ord(ch) > 0x7E and unicodedata.category(ch)[0] == "L")
    return letters


@pytest.mark.parametrize("font", FONTS, ids=lambda f: f.name)
def test_the_fonts_draw_every_latin_letter_of_the_content(font):
    """Bahnar, H're and Haroi are written in the content with Vietnamese letters; any
    Latin letter the font lacks would be drawn by another font in the middle of a word."""
    have = codepoints(font)
    latin = {ch for ch in _content_letters() if "LATIN" in unicodedata.name(ch, "")}
    assert latin, "no content found"
    missing = sorted(ch for ch in latin if ord(ch) not in have)
    assert not missing, f"{font.name} lacks {''.join(missing)}: rerun scripts/subset_fonts.py"
    for word in ("Lễ hội đâm trâu", "Chăm H'roi", "Đắk Lắk", "Ượt"):
        assert all(ord(ch) in have for ch in word)


# Bahnar's breve vowels ŏ ĕ ŭ Ŏ Ĕ Ŭ → the letter under the breve (scripts/subset_fonts.py
# adds them: Fontsource has none). The content has no word with one yet; contributors' will.
BREVE_VOWELS = {"ŏ": "o", "ĕ": "e", "ŭ": "u", "Ŏ": "O", "Ĕ": "E", "Ŭ": "U"}


@pytest.mark.parametrize("font", FONTS, ids=lambda f: f.name)
def test_the_fonts_draw_the_breve_vowels_of_bahnar(font):
    """Each breve vowel is in the cmap and drawn by the font: its own glyph, with the
    letter's outline plus one contour (the breve), not an empty or missing glyph."""
    ids, contours = glyph_ids(font), contour_counts(font)
    for vowel, letter in BREVE_VOWELS.items():
        assert ord(vowel) in ids, f"{font.name} lacks {vowel}: rerun scripts/subset_fonts.py"
        glyph, base = ids[ord(vowel)], ids[ord(letter)]
        assert glyph != base, vowel
        assert contours[glyph] == contours[base] + 1, (vowel, contours[glyph], contours[base])
