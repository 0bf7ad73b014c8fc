"""Draw the web app's icons (static/img/icon-192.png, icon-512.png, icon-maskable-512.png)
from the shapes of static/img/nharong.svg with Pillow. Run once by a developer
(``.venv/bin/python scripts/generate_pwa_icons.py``); the PNGs are committed, so nothing
is drawn at run time."""

from pathlib import Path

from PIL import Image, ImageDraw

OUT = Path(__file__).resolve().parents[1] / "static" / "img"
BACKGROUND = (251, 248, 242)  # --bg of site.css
# nharong.svg, in its 32 × 32 view box
POLYGONS = [
    ([(16, 1), (5, 20), (27, 20)], (242, 212, 155)),
    ([(16, 1), (9, 20), (23, 20)], (217, 164, 65)),
    ([(9, 20), (23, 20), (23, 26), (9, 26)], (107, 59, 22)),
    ([(7, 26), (25, 26), (25, 28), (7, 28)], (59, 36, 18)),
]
POSTS = [11, 21, 16]  # stroke width 2, from y 26 to 31


def draw(size, safe_fraction):
    """The house centred in ``safe_fraction`` of a square ``size`` px icon."""
    image = Image.new("RGB", (size, size), BACKGROUND)
    pen = ImageDraw.Draw(image)
    scale = size * safe_fraction / 32
    offset = (size - 32 * scale) / 2

    def at(x, y):
        return (offset + x * scale, offset + y * scale)

    for points, colour in POLYGONS:
        pen.polygon([at(x, y) for x, y in points], fill=colour)
    for x in POSTS:
        pen.rectangle([at(x - 1, 26), at(x + 1, 31)], fill=(59, 36, 18))
    return image


def main():
    draw(192, 0.94).save(OUT / "icon-192.png", optimize=True)
    draw(512, 0.94).save(OUT / "icon-512.png", optimize=True)
    draw(512, 0.7).save(OUT / "icon-maskable-512.png", optimize=True)  # inside the 80 % safe circle


if __name__ == "__main__":
    main()
