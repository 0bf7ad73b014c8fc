"""PDF fonts shared by every app that draws a PDF (certificates in ``lessons``, periodic
reports in ``stats``): a TrueType font that has every Vietnamese letter.

The project ships DejaVu Sans (``content/fonts/``, free licence, see LICENSE-DejaVu.txt), so
a fresh machine without Debian's fonts still prints diacritics correctly; Helvetica (no
Vietnamese glyphs) is the last resort only.
"""

from functools import lru_cache
from pathlib import Path

FONT_DIR = Path(__file__).parent / "fonts"
FONT_CANDIDATES = [
    (FONT_DIR / "DejaVuSans.ttf", FONT_DIR / "DejaVuSans-Bold.ttf"),
    (
        Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
        Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
    ),
]


@lru_cache(maxsize=1)
def register_fonts():
    """Register the font with reportlab; returns the (regular, bold) font names."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for regular, bold in FONT_CANDIDATES:
        if regular.exists() and bold.exists():
            pdfmetrics.registerFont(TTFont("NRSans", str(regular)))
            pdfmetrics.registerFont(TTFont("NRSans-Bold", str(bold)))
            return "NRSans", "NRSans-Bold"
    return "Helvetica", "Helvetica-Bold"
