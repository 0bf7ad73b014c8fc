"""Heritage scenes: textiles, gongs and drums, houses, the village, rice, river, towers."""

import math

from .canvas import (
    BRICK,
    BRICK_DARK,
    BRONZE,
    BRONZE_DARK,
    BRONZE_LIGHT,
    GREEN_DARK,
    GREY,
    PAPER,
    SKY,
    THATCH,
    THATCH_DARK,
    WATER,
    WATER_LIGHT,
    WOOD,
    WOOD_DARK,
    brocade_band,
    landscape,
    stilt_house,
    sun_disc,
    tree,
)

# -- motifs ----------------------------------------------------------------------


def brocade(c, pal, variant):
    """A whole cloth: bands of diamonds, zigzags and crosses on a dark ground."""
    c.rect(c.left, c.top, c.right, c.bottom, fill=pal["ground"])
    rows = 5
    h = (c.bottom - c.top) / rows
    for i in range(rows):
        y0 = c.top + i * h
        if i % 2 == 0:
            brocade_band(c, y0, y0 + h, pal, variant + i)
        else:
            c.rect(
                c.left, y0 + h * 0.35, c.right, y0 + h * 0.65, fill=pal["indigo"] if variant % 2 else pal["red"]
            )
            c.rect(c.left, y0 + h * 0.46, c.right, y0 + h * 0.54, fill=pal["yellow"])


def gong(c, pal, variant):
    """Gongs (cồng chiêng) hanging from a beam."""
    c.rect(c.left, c.top, c.right, c.bottom, fill=PAPER)
    brocade_band(c, c.bottom - 0.2, c.bottom, pal, variant)
    c.rect(c.left + 0.1, -0.92, c.right - 0.1, -0.82, fill=WOOD, radius=0.04)
    for x, y, r in ((-1.05, -0.05, 0.38), (1.05, -0.05, 0.38), (0.0, 0.05, 0.62)):
        c.line([(x - r * 0.5, -0.82), (x, y - r), (x + r * 0.5, -0.82)], fill=WOOD_DARK, width=0.02)
        c.ellipse(x, y, r, fill=BRONZE_DARK)
        c.ellipse(x, y, r * 0.92, fill=BRONZE)
        c.ellipse(x, y, r * 0.62, outline=BRONZE_DARK, width=0.02)
        c.ellipse(x, y, r * 0.22, fill=BRONZE_LIGHT, outline=BRONZE_DARK, width=0.015)
        c.arc(x, y, r * 0.8, r * 0.8, 200, 250, fill=BRONZE_LIGHT, width=0.03)
    c.line([(0.55, 0.55), (0.32, 0.32)], fill=WOOD_DARK, width=0.05)
    c.ellipse(0.3, 0.3, 0.07, fill=pal["red"])


def drum(c, pal, variant):
    """A pair of barrel drums with laced skins."""
    c.rect(c.left, c.top, c.right, c.bottom, fill=PAPER)
    brocade_band(c, c.bottom - 0.2, c.bottom, pal, variant)
    for x, k in ((-0.55, 0.8), (0.6, 0.7)):
        c.poly(
            [
                (x - 0.55 * k, -0.45 * k),
                (x + 0.55 * k, -0.45 * k),
                (x + 0.65 * k, 0.1),
                (x + 0.55 * k, 0.6 * k),
                (x - 0.55 * k, 0.6 * k),
                (x - 0.65 * k, 0.1),
            ],
            fill=WOOD,
        )
        c.ellipse(x, -0.45 * k, 0.55 * k, 0.12 * k, fill=(232, 214, 176), outline=WOOD_DARK, width=0.015)
        c.rect(x - 0.6 * k, -0.05, x + 0.6 * k, 0.06, fill=pal["red"])
        for i in range(7):
            t = -0.5 + i / 6
            c.line([(x + t * 1.0 * k, -0.36 * k), (x + t * 1.0 * k, 0.56 * k)], fill=WOOD_DARK, width=0.012)


def communal_house(c, pal, variant):
    """The nhà rông: a house on tall stilts under a very tall, steep, blade-like roof."""
    landscape(c, pal, horizon=0.55)
    tree(c, -1.15, 0.62, 1.1)
    tree(c, 1.2, 0.6, 0.9)
    base = 0.62
    for sx in (-0.4, -0.15, 0.15, 0.4):
        c.rect(sx - 0.03, 0.15, sx + 0.03, base, fill=WOOD_DARK)
    c.rect(-0.5, 0.1, 0.5, 0.17, fill=WOOD_DARK)
    c.rect(-0.42, -0.12, 0.42, 0.1, fill=WOOD)
    for i in range(4):  # woven wall
        x = -0.36 + i * 0.18
        c.line([(x, -0.1), (x + 0.09, 0.08)], fill=WOOD_DARK, width=0.01)
    # the roof: concave sides rising to a narrow crest with two horns
    left, right = [], []
    for i in range(13):
        t = i / 12
        y = -0.05 - 0.8 * t
        half = 0.06 + 0.54 * (1 - t) ** 1.5
        left.append((-half, y))
        right.append((half, y))
    c.poly(left + right[::-1], fill=THATCH)
    for i in range(1, 9):
        t = i / 9
        y = -0.05 - 0.8 * t
        half = 0.06 + 0.54 * (1 - t) ** 1.5
        c.line([(-half, y), (half, y)], fill=THATCH_DARK, width=0.012)
    c.line([(-0.06, -0.85), (-0.16, -0.96), (-0.22, -0.94)], fill=WOOD_DARK, width=0.03)
    c.line([(0.06, -0.85), (0.16, -0.96), (0.22, -0.94)], fill=WOOD_DARK, width=0.03)
    # the gable ornament in textile colours
    c.poly([(0, -0.62), (0.16, -0.38), (0, -0.14), (-0.16, -0.38)], fill=pal["ground"])
    c.poly([(0, -0.55), (0.11, -0.38), (0, -0.21), (-0.11, -0.38)], fill=pal["red"])
    c.poly([(0, -0.46), (0.05, -0.38), (0, -0.3), (-0.05, -0.38)], fill=pal["white"])
    # the ladder
    c.line([(0.1, 0.17), (0.22, base)], fill=WOOD_DARK, width=0.02)
    c.line([(0.24, 0.17), (0.36, base)], fill=WOOD_DARK, width=0.02)
    for i in range(1, 5):
        t = i / 5
        c.line(
            [(0.1 + 0.12 * t, 0.17 + (base - 0.17) * t), (0.24 + 0.12 * t, 0.17 + (base - 0.17) * t)],
            fill=WOOD_DARK,
            width=0.015,
        )


def stilt_house_motif(c, pal, variant):
    """A family house on stilts (nhà sàn)."""
    landscape(c, pal, horizon=0.5)
    tree(c, -1.25, 0.6, 1.0)
    stilt_house(c, 0.0, 0.15, 1.0)
    tree(c, 1.2, 0.62, 0.8)


def village(c, pal, variant):
    """A village: family houses around the communal house, trees, hills."""
    landscape(c, pal, horizon=0.3)
    stilt_house(c, -1.25, 0.3, 0.42)
    stilt_house(c, 1.25, 0.32, 0.45)
    stilt_house(c, 0.0, 0.2, 0.6, steep=True)
    c.poly([(0, -0.45), (0.07, -0.35), (0, -0.25), (-0.07, -0.35)], fill=pal["red"])
    stilt_house(c, -0.75, 0.6, 0.36)
    stilt_house(c, 0.8, 0.62, 0.38)
    tree(c, -1.6, 0.6, 0.7)
    tree(c, 1.65, 0.62, 0.8)
    tree(c, -0.25, 0.7, 0.5)


def rice(c, pal, variant):
    """Terraced rice fields on a hillside under the sun, ripe ears in front."""
    c.rect(c.left, c.top, c.right, c.bottom, fill=SKY)
    sun_disc(c, c.right - 0.45, c.top + 0.45, 0.18)
    greens = [(150, 190, 90), (120, 170, 70), (96, 150, 56), (140, 180, 80), (110, 160, 64), (86, 138, 50)]
    for i, colour in enumerate(greens):
        y = -0.55 + i * 0.22
        c.ellipse(0.0, y + 1.2, (c.right - c.left) * 0.45 + i * 0.25, 1.2, fill=colour)
        c.arc(0.0, y + 1.2, (c.right - c.left) * 0.45 + i * 0.25, 1.2, 200, 340, fill=(70, 120, 40), width=0.012)
    for i in range(13):
        x = c.left + 0.2 + i * (c.right - c.left - 0.4) / 12
        c.line([(x, c.bottom), (x + 0.05, c.bottom - 0.45)], fill=GREEN_DARK, width=0.018)
        for j in range(4):
            c.ellipse(x + 0.05 + 0.03 * j, c.bottom - 0.45 + 0.06 * j, 0.03, 0.018, fill=(222, 178, 52))


def river(c, pal, variant):
    """A river winding from the hills (the water wharf of a village)."""
    landscape(c, pal, horizon=0.0, band=False)
    pts_left, pts_right = [], []
    for i in range(11):
        t = i / 10
        y = 0.0 + (c.bottom - 0.0) * t
        centre = 0.35 * math.sin(t * 3.2)
        half = 0.04 + 0.7 * t
        pts_left.append((centre - half, y))
        pts_right.append((centre + half, y))
    c.poly(pts_left + pts_right[::-1], fill=WATER)
    for i in range(1, 6):
        t = i / 6
        y = (c.bottom) * t
        centre = 0.35 * math.sin(t * 3.2)
        c.line([(centre - 0.2 * t, y), (centre + 0.15 * t, y)], fill=WATER_LIGHT, width=0.015)
    for x, y, r in ((-1.0, 0.75, 0.12), (-0.85, 0.82, 0.08), (1.05, 0.7, 0.1)):
        c.ellipse(x, y, r * 1.3, r, fill=GREY)
    tree(c, -1.5, 0.5, 0.9)
    tree(c, 1.45, 0.45, 1.0)
    brocade_band(c, c.bottom - 0.12, c.bottom, pal, variant)


def tower(c, pal, variant):
    """A brick tower of Champa on a mound (no people's textiles: a stone border)."""
    c.rect(c.left, c.top, c.right, c.bottom, fill=SKY)
    c.ellipse(0.0, 1.35, 2.2, 0.7, fill=(150, 170, 110))
    tiers = [
        (-0.42, 0.7, 0.42, 0.05),
        (-0.32, 0.05, 0.32, -0.3),
        (-0.24, -0.3, 0.24, -0.56),
        (-0.16, -0.56, 0.16, -0.76),
    ]
    for x0, y0, x1, y1 in tiers:
        c.rect(x0, y1, x1, y0, fill=BRICK)
        c.rect(x0 - 0.04, y1 - 0.03, x1 + 0.04, y1 + 0.02, fill=BRICK_DARK)
        c.rect(x0 - 0.06, y1 - 0.1, x0 + 0.03, y1, fill=BRICK_DARK)
        c.rect(x1 - 0.03, y1 - 0.1, x1 + 0.06, y1, fill=BRICK_DARK)
        for k in range(1, 4):
            yy = y1 + (y0 - y1) * k / 4
            c.line([(x0, yy), (x1, yy)], fill=BRICK_DARK, width=0.006)
    c.poly([(-0.12, -0.76), (0.0, -1.0), (0.12, -0.76)], fill=BRICK_DARK)
    c.rect(-0.13, 0.3, 0.13, 0.7, fill=(70, 36, 24))
    c.ellipse(0.0, 0.3, 0.13, fill=(70, 36, 24))
    for x in (-0.32, 0.32):
        c.rect(x - 0.035, 0.2, x + 0.035, 0.6, fill=BRICK_DARK)
    tree(c, -1.2, 0.75, 0.9)
    tree(c, 1.3, 0.78, 0.7)


def museum(c, pal, variant):
    """A museum: steps, columns and a pediment."""
    c.rect(c.left, c.top, c.right, c.bottom, fill=PAPER)
    brocade_band(c, c.bottom - 0.2, c.bottom, pal, variant)
    c.poly([(-0.95, -0.45), (0.0, -0.9), (0.95, -0.45)], fill=(214, 206, 190))
    c.poly([(-0.6, -0.52), (0.0, -0.8), (0.6, -0.52)], fill=pal["red"])
    c.rect(-0.95, -0.48, 0.95, -0.38, fill=(190, 182, 166))
    for i in range(6):
        x = -0.75 + i * 0.3
        c.rect(x - 0.07, -0.38, x + 0.07, 0.45, fill=(232, 226, 212), outline=(190, 182, 166), width=0.01)
    for i in range(3):
        c.rect(-1.05 - i * 0.08, 0.45 + i * 0.1, 1.05 + i * 0.08, 0.55 + i * 0.1, fill=(200, 192, 176))
