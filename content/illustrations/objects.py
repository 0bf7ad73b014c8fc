"""Objects and pictograms: a jar, a basket, a book, a phone, health, a document, a family,
and weather pictograms (big plain shapes on a pale ground, told apart without reading)."""

from .canvas import (
    BRICK,
    GREEN,
    INK,
    PAPER,
    WATER,
    WOOD_DARK,
    brocade_band,
    cloud_shape,
    sun_disc,
)


def jar(c, pal, variant):
    """A rice-wine jar (rượu cần) with bamboo drinking straws."""
    c.rect(c.left, c.top, c.right, c.bottom, fill=PAPER)
    brocade_band(c, c.bottom - 0.2, c.bottom, pal, variant)
    c.line([(-0.05, -0.35), (-0.55, -0.95), (-0.8, -0.9)], fill=(150, 170, 70), width=0.04)
    c.line([(0.08, -0.35), (0.6, -0.98), (0.85, -0.95)], fill=(130, 150, 60), width=0.04)
    c.ellipse(0.0, 0.2, 0.55, 0.55, fill=(110, 70, 40))
    c.rect(-0.22, -0.45, 0.22, -0.2, fill=(96, 60, 34))
    c.ellipse(0.0, -0.45, 0.24, 0.06, fill=(60, 36, 20))
    c.rect(-0.5, -0.08, 0.5, 0.04, fill=pal["red"])
    for i in range(7):
        x = -0.42 + i * 0.14
        c.poly([(x, -0.02 - 0.05), (x + 0.05, -0.02), (x, 0.03), (x - 0.05, -0.02)], fill=pal["white"])
    c.arc(0.0, 0.2, 0.42, 0.42, 200, 250, fill=(160, 112, 70), width=0.04)
    c.ellipse(0.0, 0.72, 0.3, 0.05, fill=(80, 50, 28))


def basket(c, pal, variant):
    """A woven back basket (gùi) full of produce: the market and local products."""
    c.rect(c.left, c.top, c.right, c.bottom, fill=PAPER)
    brocade_band(c, c.bottom - 0.2, c.bottom, pal, variant)
    for x, y, r, colour in (
        (-0.3, -0.5, 0.2, (214, 120, 40)),
        (0.05, -0.58, 0.22, GREEN),
        (0.35, -0.48, 0.18, (200, 60, 50)),
    ):
        c.ellipse(x, y, r, fill=colour)
    c.line([(-0.58, -0.4), (-0.85, 0.1), (-0.4, 0.3)], fill=WOOD_DARK, width=0.035)  # the strap
    c.poly([(-0.62, -0.45), (0.62, -0.45), (0.32, 0.55), (-0.32, 0.55)], fill=(196, 150, 86))
    for i in range(1, 12):  # the weave follows the basket's taper
        t = i / 12
        c.line([(-0.62 + 1.24 * t, -0.45), (-0.32 + 0.64 * t, 0.55)], fill=(150, 106, 52), width=0.012)
    for i in range(1, 8):
        t = i / 8
        y = -0.45 + t
        half = 0.62 - 0.3 * t
        c.line([(-half, y), (half, y)], fill=(150, 106, 52), width=0.012)
    c.rect(-0.64, -0.52, 0.64, -0.42, fill=WOOD_DARK, radius=0.03)
    c.poly([(-0.55, -0.15), (0.55, -0.15), (0.52, -0.05), (-0.52, -0.05)], fill=pal["red"])
    c.rect(-0.36, 0.5, 0.36, 0.62, fill=WOOD_DARK)


def book(c, pal, variant):
    """An open book: a lesson."""
    c.rect(c.left, c.top, c.right, c.bottom, fill=PAPER)
    brocade_band(c, c.bottom - 0.2, c.bottom, pal, variant)
    c.poly([(-1.0, -0.55), (0.0, -0.45), (1.0, -0.55), (1.0, 0.55), (0.0, 0.65), (-1.0, 0.55)], fill=pal["indigo"])
    c.poly([(-0.94, -0.62), (-0.02, -0.52), (-0.02, 0.55), (-0.94, 0.45)], fill=(252, 250, 244))
    c.poly([(0.94, -0.62), (0.02, -0.52), (0.02, 0.55), (0.94, 0.45)], fill=(252, 250, 244))
    for side in (-1, 1):  # lines standing for writing, not letters
        for i in range(6):
            y = -0.4 + i * 0.14
            c.line(
                [(side * 0.15, y + 0.05), (side * (0.8 - 0.12 * (i % 2)), y - 0.02)],
                fill=(176, 176, 186),
                width=0.025,
            )
    c.poly([(0.55, -0.6), (0.68, -0.6), (0.68, -0.2), (0.615, -0.28), (0.55, -0.2)], fill=pal["red"])


def phone(c, pal, variant, screen="apps"):
    """A smartphone; its screen shows apps, a camera view or a three-day forecast."""
    c.rect(c.left, c.top, c.right, c.bottom, fill=PAPER)
    brocade_band(c, c.bottom - 0.2, c.bottom, pal, variant)
    c.rect(-0.45, -0.92, 0.45, 0.72, fill=INK, radius=0.1)
    c.rect(-0.39, -0.8, 0.39, 0.6, fill=(236, 242, 248), radius=0.03)
    c.ellipse(0.0, 0.66, 0.035, fill=(90, 90, 100))
    if screen == "camera":
        c.rect(-0.39, -0.8, 0.39, 0.6, fill=(60, 64, 72), radius=0.03)
        c.rect(-0.3, -0.55, 0.3, 0.25, fill=(240, 232, 210))
        c.rect(-0.22, -0.28, 0.22, 0.18, fill=pal["red"])
        c.rect(-0.22, -0.12, 0.22, -0.06, fill=pal["yellow"])
        for x, y in ((-0.3, -0.55), (0.3, -0.55), (-0.3, 0.25), (0.3, 0.25)):
            dx = 0.1 if x < 0 else -0.1
            dy = 0.1 if y < 0 else -0.1
            c.line([(x, y + dy), (x, y), (x + dx, y)], fill=(255, 255, 255), width=0.02)
        c.ellipse(0.0, 0.45, 0.09, fill=(255, 255, 255), outline=(180, 180, 190), width=0.02)
    elif screen == "forecast":
        for i, kind in enumerate(("sun", "cloud", "rain")):
            y = -0.55 + i * 0.45
            c.rect(-0.33, y - 0.19, 0.33, y + 0.19, fill=(255, 255, 255), radius=0.04)
            if kind == "sun":
                sun_disc(c, 0.0, y, 0.08, rays=8)
            else:
                cloud_shape(c, 0.0, y - 0.04, 0.12, fill=(150, 158, 172))
                if kind == "rain":
                    for dx in (-0.08, 0.0, 0.08):
                        c.line([(dx, y + 0.07), (dx - 0.02, y + 0.14)], fill=WATER, width=0.018)
    else:
        colours = [
            pal["red"],
            GREEN,
            WATER,
            pal["yellow"],
            (120, 80, 160),
            BRICK,
            (40, 150, 150),
            pal["indigo"],
            (220, 120, 40),
        ]
        for i, colour in enumerate(colours):
            x = -0.24 + (i % 3) * 0.24
            y = -0.6 + (i // 3) * 0.28
            c.rect(x - 0.09, y - 0.09, x + 0.09, y + 0.09, fill=colour, radius=0.03)


def camera(c, pal, variant):
    phone(c, pal, variant, screen="camera")


def forecast(c, pal, variant):
    phone(c, pal, variant, screen="forecast")


def health(c, pal, variant):
    """A health post: a white cross on green, and a heartbeat line."""
    c.rect(c.left, c.top, c.right, c.bottom, fill=PAPER)
    brocade_band(c, c.bottom - 0.2, c.bottom, pal, variant)
    c.rect(-0.6, -0.85, 0.6, 0.35, fill=(30, 140, 100), radius=0.18)
    c.rect(-0.14, -0.65, 0.14, 0.15, fill=(255, 255, 255), radius=0.03)
    c.rect(-0.4, -0.39, 0.4, -0.11, fill=(255, 255, 255), radius=0.03)
    c.line(
        [(-1.2, 0.55), (-0.4, 0.55), (-0.25, 0.4), (-0.1, 0.7), (0.05, 0.45), (0.15, 0.55), (1.2, 0.55)],
        fill=pal["red"],
        width=0.04,
    )


def document(c, pal, variant):
    """An official paper with a red seal: a law, a policy, an ID document."""
    c.rect(c.left, c.top, c.right, c.bottom, fill=PAPER)
    brocade_band(c, c.bottom - 0.2, c.bottom, pal, variant)
    c.poly(
        [(-0.55, -0.9), (0.35, -0.9), (0.6, -0.65), (0.6, 0.7), (-0.55, 0.7)],
        fill=(255, 255, 255),
        outline=(190, 190, 200),
        width=0.012,
    )
    c.poly([(0.35, -0.9), (0.35, -0.65), (0.6, -0.65)], fill=(220, 220, 228))
    c.rect(-0.38, -0.74, 0.1, -0.68, fill=(160, 160, 172))
    for i in range(6):  # lines standing for writing, not letters
        y = -0.5 + i * 0.14
        c.line([(-0.4, y), (0.45 - 0.15 * (i % 3 == 2), y)], fill=(180, 180, 192), width=0.03)
    c.ellipse(0.25, 0.42, 0.18, outline=(200, 40, 40), width=0.035)
    c.ellipse(0.25, 0.42, 0.06, fill=(200, 40, 40))
    c.line([(-0.4, 0.45), (-0.3, 0.38), (-0.2, 0.5), (-0.08, 0.4)], fill=INK, width=0.015)


def family(c, pal, variant):
    """A family: two adults and two children side by side, holding hands."""
    c.rect(c.left, c.top, c.right, c.bottom, fill=PAPER)
    brocade_band(c, c.bottom - 0.2, c.bottom, pal, variant)
    people = [(-0.85, 1.0, pal["indigo"]), (-0.3, 0.65, pal["red"]), (0.2, 0.7, GREEN), (0.75, 1.0, pal["ground"])]
    hands = []
    for x, k, colour in people:
        foot = 0.65
        top = foot - 1.45 * k
        c.ellipse(x, top + 0.16 * k, 0.16 * k, fill=(196, 140, 96))
        c.poly(
            [
                (x - 0.2 * k, top + 0.36 * k),
                (x + 0.2 * k, top + 0.36 * k),
                (x + 0.26 * k, top + 0.95 * k),
                (x - 0.26 * k, top + 0.95 * k),
            ],
            fill=colour,
        )
        c.rect(x - 0.14 * k, top + 0.95 * k, x - 0.04 * k, foot, fill=WOOD_DARK)
        c.rect(x + 0.04 * k, top + 0.95 * k, x + 0.14 * k, foot, fill=WOOD_DARK)
        hands.append((x, top + 0.7 * k, k))
    for (x0, y0, k0), (x1, y1, k1) in zip(hands, hands[1:], strict=False):
        c.line(
            [
                (x0 + 0.2 * k0, y0 - 0.2 * k0),
                (x0 + 0.3 * k0, y0),
                ((x0 + x1) / 2, (y0 + y1) / 2 + 0.04),
                (x1 - 0.3 * k1, y1),
                (x1 - 0.2 * k1, y1 - 0.2 * k1),
            ],
            fill=(196, 140, 96),
            width=0.04,
        )


# Weather pictograms: big, plain shapes on a pale ground, told apart without reading.


def rain(c, pal, variant):
    """A grey cloud with rows of blue raindrops."""
    c.rect(c.left, c.top, c.right, c.bottom, fill=(226, 232, 240))
    cloud_shape(c, 0.0, -0.3, 0.6, fill=(118, 128, 148), outline=(90, 98, 116))
    for row in range(3):
        for i in range(5):
            x = -0.6 + i * 0.3 + (0.15 if row % 2 else 0)
            y = 0.3 + row * 0.25
            c.poly([(x + 0.04, y - 0.12), (x + 0.06, y), (x - 0.06, y), (x - 0.02, y - 0.12)], fill=WATER)
            c.ellipse(x, y, 0.06, fill=WATER)


def sun(c, pal, variant):
    """A large yellow sun with rays on a clear sky."""
    c.rect(c.left, c.top, c.right, c.bottom, fill=(228, 243, 252))
    sun_disc(c, 0.0, 0.0, 0.45)


def storm(c, pal, variant):
    """A dark cloud with a yellow lightning bolt."""
    c.rect(c.left, c.top, c.right, c.bottom, fill=(206, 208, 220))
    cloud_shape(c, 0.0, -0.35, 0.6, fill=(70, 74, 92), outline=(46, 48, 62))
    c.poly(
        [(0.08, 0.05), (-0.25, 0.5), (-0.02, 0.5), (-0.18, 0.95), (0.3, 0.35), (0.06, 0.35), (0.22, 0.05)],
        fill=(250, 204, 30),
    )


def cloud(c, pal, variant):
    """Overcast: white clouds, the sun hidden behind one."""
    c.rect(c.left, c.top, c.right, c.bottom, fill=(190, 214, 236))
    sun_disc(c, 0.35, -0.35, 0.25)
    cloud_shape(c, -0.1, 0.05, 0.55, fill=(250, 250, 252), outline=(170, 180, 196))
    cloud_shape(c, 0.55, 0.45, 0.3, fill=(236, 238, 244), outline=(170, 180, 196))
