"""The drawing surface (2x, anti-aliased by downscaling), the colours and shared pieces
(a brocade band, a landscape, the sun, a cloud, a stilt house, a tree, step dots)."""

import io
import math

from PIL import Image, ImageDraw

SCALE = 2  # drawn at 2x, scaled down with LANCZOS
COLOURS = 32  # palette size of the stored PNG (64 costs ~15% more for no visible gain)

# Textile colours (Bana, H'rê, Chăm H'roi brocades: dark ground, red, white, yellow, indigo).
PALETTES = {
    "bana": {
        "ground": (32, 26, 24),
        "red": (172, 36, 34),
        "white": (242, 236, 222),
        "yellow": (222, 172, 46),
        "indigo": (44, 52, 104),
    },
    "hre": {
        "ground": (30, 36, 70),
        "red": (160, 30, 42),
        "white": (240, 236, 226),
        "yellow": (214, 168, 60),
        "indigo": (24, 30, 60),
    },
    "haroi": {
        "ground": (26, 24, 26),
        "red": (146, 38, 62),
        "white": (238, 232, 220),
        "yellow": (206, 158, 40),
        "indigo": (62, 52, 112),
    },
}
PALETTES["neutral"] = PALETTES["bana"]

PAPER = (247, 240, 227)
SKY = (214, 232, 242)
HILL = (120, 158, 96)
HILL_FAR = (160, 188, 140)
GROUND = (196, 170, 120)
WOOD = (120, 78, 44)
WOOD_DARK = (82, 52, 30)
THATCH = (176, 132, 66)
THATCH_DARK = (128, 90, 40)
BRONZE = (190, 142, 58)
BRONZE_DARK = (128, 88, 30)
BRONZE_LIGHT = (232, 196, 112)
WATER = (70, 138, 196)
WATER_LIGHT = (168, 208, 236)
GREEN = (92, 150, 60)
GREEN_DARK = (54, 104, 40)
BRICK = (176, 86, 52)
BRICK_DARK = (124, 56, 34)
GREY = (126, 134, 150)
INK = (48, 48, 56)


class Canvas:
    """A 2x drawing surface with a unit square centred on the picture.

    ``p(x, y)`` maps unit coordinates (the central square spans -1..1, y grows
    downwards) to pixels; ``left``/``right`` are the unit x of the picture's edges,
    so backgrounds can span the whole width of a wide picture.
    """

    def __init__(self, size, background):
        self.width, self.height = size[0] * SCALE, size[1] * SCALE
        self.image = Image.new("RGB", (self.width, self.height), background)
        self.draw = ImageDraw.Draw(self.image)
        self.s = min(self.width, self.height) / 2
        self.cx, self.cy = self.width / 2, self.height / 2
        self.right = self.width / 2 / self.s
        self.left = -self.right
        self.bottom = self.height / 2 / self.s
        self.top = -self.bottom

    def p(self, x, y):
        return (self.cx + x * self.s, self.cy + y * self.s)

    def d(self, length):
        return max(1, round(length * self.s))

    def poly(self, points, fill=None, outline=None, width=0):
        self.draw.polygon(
            [self.p(x, y) for x, y in points], fill=fill, outline=outline, width=self.d(width) if width else 0
        )

    def rect(self, x0, y0, x1, y1, fill=None, outline=None, width=0, radius=0):
        box = [*self.p(x0, y0), *self.p(x1, y1)]
        w = self.d(width) if width else 0
        if radius:
            self.draw.rounded_rectangle(box, radius=self.d(radius), fill=fill, outline=outline, width=w)
        else:
            self.draw.rectangle(box, fill=fill, outline=outline, width=w)

    def ellipse(self, x, y, rx, ry=None, fill=None, outline=None, width=0):
        ry = rx if ry is None else ry
        box = [*self.p(x - rx, y - ry), *self.p(x + rx, y + ry)]
        self.draw.ellipse(box, fill=fill, outline=outline, width=self.d(width) if width else 0)

    def line(self, points, fill, width):
        self.draw.line([self.p(x, y) for x, y in points], fill=fill, width=self.d(width), joint="curve")

    def arc(self, x, y, rx, ry, start, end, fill, width):
        box = [*self.p(x - rx, y - ry), *self.p(x + rx, y + ry)]
        self.draw.arc(box, start, end, fill=fill, width=self.d(width))

    def finish(self, size):
        small = self.image.resize(size, Image.Resampling.LANCZOS)
        quantised = small.quantize(colors=COLOURS, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
        out = io.BytesIO()
        quantised.save(out, format="PNG", optimize=True)
        return out.getvalue()


# -- shared pieces -------------------------------------------------------------


def brocade_band(c, y0, y1, pal, variant=0):
    """A woven band across the whole width: dark ground, red edges, a row of motifs."""
    c.rect(c.left, y0, c.right, y1, fill=pal["ground"])
    h = y1 - y0
    edge = h * 0.12
    c.rect(c.left, y0 + edge * 0.6, c.right, y0 + edge * 1.4, fill=pal["red"])
    c.rect(c.left, y1 - edge * 1.4, c.right, y1 - edge * 0.6, fill=pal["red"])
    mid = (y0 + y1) / 2
    r = h * 0.28
    step = r * 2.4
    kind = variant % 3
    x = c.left - step
    n = 0
    while x < c.right + step:
        colour = pal["white"] if n % 2 == 0 else pal["yellow"]
        if kind == 0:  # diamonds with a heart
            c.poly([(x, mid - r), (x + r, mid), (x, mid + r), (x - r, mid)], outline=colour, width=h * 0.05)
            c.poly(
                [(x, mid - r * 0.4), (x + r * 0.4, mid), (x, mid + r * 0.4), (x - r * 0.4, mid)], fill=pal["red"]
            )
        elif kind == 1:  # zigzag and dots
            c.line(
                [(x - step / 2, mid + r * 0.6), (x, mid - r * 0.6), (x + step / 2, mid + r * 0.6)],
                fill=colour,
                width=h * 0.06,
            )
            c.ellipse(x, mid + r * 0.45, r * 0.18, fill=pal["red"])
        else:  # crosses between triangles
            c.poly([(x - r, mid + r), (x, mid - r * 0.2), (x + r, mid + r)], fill=pal["indigo"])
            c.rect(x + step / 2 - r * 0.12, mid - r * 0.7, x + step / 2 + r * 0.12, mid + r * 0.7, fill=colour)
            c.rect(x + step / 2 - r * 0.7, mid - r * 0.12, x + step / 2 + r * 0.7, mid + r * 0.12, fill=colour)
        x += step
        n += 1


def landscape(c, pal, horizon=0.35, band=True):
    """Sky, two rows of hills, ground; a brocade band at the foot if ``band``."""
    c.rect(c.left, c.top, c.right, c.bottom, fill=SKY)
    w = c.right - c.left
    far = [(c.left, horizon)]
    near = [(c.left, horizon + 0.1)]
    for i in range(25):
        t = i / 24
        x = c.left + w * t
        far.append((x, horizon - 0.28 - 0.12 * math.sin(t * 7.0 + 1.0)))
        near.append((x, horizon - 0.08 - 0.1 * math.sin(t * 5.0 + 3.0)))
    far += [(c.right, horizon), (c.left, horizon)]
    near += [(c.right, horizon + 0.1)]
    c.poly(far, fill=HILL_FAR)
    c.poly(near, fill=HILL)
    c.rect(c.left, horizon, c.right, c.bottom, fill=GROUND)
    if band:
        brocade_band(c, c.bottom - 0.2, c.bottom, pal)


def sun_disc(c, x, y, r, rays=12):
    for i in range(rays):
        a = 2 * math.pi * i / rays
        c.poly(
            [
                (x + math.cos(a - 0.12) * r * 1.25, y + math.sin(a - 0.12) * r * 1.25),
                (x + math.cos(a) * r * 1.75, y + math.sin(a) * r * 1.75),
                (x + math.cos(a + 0.12) * r * 1.25, y + math.sin(a + 0.12) * r * 1.25),
            ],
            fill=(244, 166, 30),
        )
    c.ellipse(x, y, r, fill=(250, 196, 40))
    c.ellipse(x - r * 0.25, y - r * 0.25, r * 0.45, fill=(253, 222, 110))


def cloud_shape(c, x, y, r, fill, outline=None):
    """A cloud of overlapping circles on a flat base, centred on (x, y)."""
    parts = [(-0.9, 0.15, 0.55), (-0.35, -0.25, 0.75), (0.4, -0.1, 0.65), (0.95, 0.2, 0.45)]
    if outline:
        for dx, dy, rr in parts:
            c.ellipse(x + dx * r, y + dy * r, rr * r + 0.03, fill=outline)
        c.rect(
            x - 1.0 * r - 0.03,
            y + 0.05 * r,
            x + 1.0 * r + 0.03,
            y + 0.65 * r + 0.03,
            fill=outline,
            radius=0.25 * r,
        )
    for dx, dy, rr in parts:
        c.ellipse(x + dx * r, y + dy * r, rr * r, fill=fill)
    c.rect(x - 1.0 * r, y + 0.05 * r, x + 1.0 * r, y + 0.65 * r, fill=fill, radius=0.25 * r)


def stilt_house(c, x, y, k, roof=THATCH, steep=False):
    """A house on stilts whose floor is at (x, y), scale ``k``."""
    for sx in (-0.55, -0.2, 0.2, 0.55):
        c.rect(x + sx * k - 0.035 * k, y, x + sx * k + 0.035 * k, y + 0.45 * k, fill=WOOD_DARK)
    c.rect(x - 0.7 * k, y - 0.05 * k, x + 0.7 * k, y + 0.04 * k, fill=WOOD_DARK)
    c.rect(x - 0.6 * k, y - 0.42 * k, x + 0.6 * k, y - 0.05 * k, fill=WOOD)
    c.rect(x - 0.12 * k, y - 0.34 * k, x + 0.12 * k, y - 0.05 * k, fill=WOOD_DARK)
    top = y - (1.25 if steep else 0.85) * k
    c.poly(
        [(x - 0.82 * k, y - 0.36 * k), (x - 0.3 * k, top), (x + 0.3 * k, top), (x + 0.82 * k, y - 0.36 * k)],
        fill=roof,
    )
    for i in range(1, 4):
        t = i / 4
        yy = top + (y - 0.36 * k - top) * t
        half = 0.3 * k + 0.52 * k * t
        c.line([(x - half, yy), (x + half, yy)], fill=THATCH_DARK, width=0.012 * k)


def tree(c, x, y, k):
    c.rect(x - 0.03 * k, y - 0.3 * k, x + 0.03 * k, y, fill=WOOD_DARK)
    c.ellipse(x, y - 0.45 * k, 0.22 * k, fill=GREEN_DARK)
    c.ellipse(x - 0.08 * k, y - 0.52 * k, 0.12 * k, fill=GREEN)


def step_dots(c, steps, pal):
    """``steps`` filled dots in the top left corner: a step number without digits."""
    for i in range(steps):
        x = c.left + 0.2 + i * 0.26
        c.ellipse(x, c.top + 0.2, 0.1, fill=pal["white"], outline=pal["red"], width=0.03)
        c.ellipse(x, c.top + 0.2, 0.05, fill=pal["red"])
