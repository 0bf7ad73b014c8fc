"""Generated illustrations for the demo: meaningful motifs, never text.

Why no text: a picture's words belong in its alt text and caption, where they are
translated, read aloud and never drawn with a font that lacks Vietnamese letters.
Why motifs: a learner who reads little must be able to answer a picture quiz from
the pictures alone (a cloud with rain is not a sun), and a visitor should see a
gong, a communal house or a brocade, not a coloured banner.

Everything is drawn with Pillow's shapes at twice the size and scaled down
(anti-aliasing), then stored as a palette PNG (small, and the renditions are WebP
anyway). Output is deterministic: the same motif, size, palette and variant give
the same bytes, so the demo loader can tell a changed illustration from an old one
by ``signature()`` alone.
"""

import hashlib

from . import objects, scenes
from .canvas import PALETTES, PAPER, Canvas, step_dots

# Bump when a drawing changes: demo images that nobody edited are then redrawn.
VERSION = 1

MOTIFS = {
    "brocade": scenes.brocade,
    "gong": scenes.gong,
    "drum": scenes.drum,
    "communal-house": scenes.communal_house,
    "stilt-house": scenes.stilt_house_motif,
    "village": scenes.village,
    "rice": scenes.rice,
    "river": scenes.river,
    "tower": scenes.tower,
    "museum": scenes.museum,
    "jar": objects.jar,
    "basket": objects.basket,
    "book": objects.book,
    "phone": objects.phone,
    "camera": objects.camera,
    "forecast": objects.forecast,
    "health": objects.health,
    "document": objects.document,
    "family": objects.family,
    "rain": objects.rain,
    "sun": objects.sun,
    "storm": objects.storm,
    "cloud": objects.cloud,
}


def check(motif, palette="neutral"):
    if motif not in MOTIFS:
        raise ValueError(f"Unknown illustration motif {motif!r}; known: {', '.join(sorted(MOTIFS))}")
    if palette not in PALETTES:
        raise ValueError(f"Unknown palette {palette!r}; known: {', '.join(sorted(PALETTES))}")


def signature(motif, size, palette="neutral", variant=0, steps=0):
    """Eight hex digits that change whenever the drawing of these arguments would."""
    check(motif, palette)
    key = f"{VERSION}|{motif}|{size[0]}x{size[1]}|{palette}|{variant}|{steps}"
    return hashlib.sha1(key.encode()).hexdigest()[:8]


def render(motif, size=(1200, 675), palette="neutral", variant=0, steps=0):
    """PNG bytes of ``motif`` (a name in ``MOTIFS``) at ``size``; no text, deterministic.

    ``palette`` picks the textile colours (bana, hre, haroi, neutral); ``variant``
    changes the band's pattern; ``steps`` draws that many dots as a step number.
    """
    check(motif, palette)
    pal = PALETTES[palette]
    c = Canvas(size, PAPER)
    MOTIFS[motif](c, pal, variant)
    if steps:
        step_dots(c, steps, pal)
    return c.finish(size)


# What each motif shows, in Vietnamese, for the alt text of a demo picture.
DESCRIPTIONS = {
    "brocade": "tấm vải thổ cẩm với các dải hoa văn hình thoi, răng cưa và chữ thập",
    "gong": "bộ cồng chiêng treo trên xà gỗ",
    "drum": "đôi trống gỗ bịt da",
    "communal-house": "nhà rông mái cao và dốc, dựng trên cột gỗ",
    "stilt-house": "ngôi nhà sàn mái tranh",
    "village": "một ngôi làng với nhà rông ở giữa các nhà sàn",
    "rice": "ruộng bậc thang và bông lúa chín dưới nắng",
    "river": "dòng sông chảy giữa đồi núi",
    "tower": "ngọn tháp gạch Chăm Pa trên gò đất",
    "museum": "toà nhà bảo tàng có hàng cột",
    "jar": "ché rượu cần với những cần tre",
    "basket": "chiếc gùi đan đầy nông sản",
    "book": "quyển sách mở",
    "phone": "điện thoại thông minh với các ứng dụng",
    "camera": "điện thoại đang chụp ảnh một sản phẩm",
    "forecast": "điện thoại hiện dự báo thời tiết ba ngày: nắng, mây, mưa",
    "health": "dấu chữ thập y tế màu trắng trên nền xanh và đường nhịp tim",
    "document": "tờ giấy tờ có con dấu đỏ",
    "family": "gia đình hai người lớn và hai trẻ em nắm tay nhau",
    "rain": "đám mây xám với những giọt mưa",
    "sun": "mặt trời vàng toả nắng",
    "storm": "đám mây đen với tia sét",
    "cloud": "những đám mây trắng che mặt trời",
}


def describe(motif, topic=""):
    """Vietnamese alt text of a generated picture: what it shows, then its topic."""
    check(motif)
    text = f"Hình vẽ minh hoạ (không phải ảnh chụp): {DESCRIPTIONS[motif]}."
    return f"{text} Chủ đề: {topic}." if topic else text
