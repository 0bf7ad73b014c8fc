"""Generated demo pictures: drawn motifs without text, deterministic, told apart at a glance.

Issue 18: Pillow's default font has no Vietnamese letters ("D▯t th▯ c▯m") and the picture
quiz offered two identical banners. The pictures now hold no text at all (the words go
into alt text), and each demo picture names a motif of ``content.illustrations``.
"""

import ast
import io
import itertools
import re
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageDraw, ImageStat

from content import illustrations

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "content" / "illustrations"
DEMO_NAME = re.compile(r"demo-[0-9a-f]{10}-(?P<motif>[a-z-]+)-(?P<sig>[0-9a-f]{8})(_\w+)?\.png$")


def pixels(motif, size=(480, 360), **kwargs):
    return Image.open(io.BytesIO(illustrations.render(motif, size, **kwargs))).convert("RGB")


def difference(a, b, size=(48, 36)):
    """Mean absolute difference per channel (0–255) of two pictures scaled down."""
    diff = ImageChops.difference(a.resize(size), b.resize(size))
    return sum(ImageStat.Stat(diff).mean) / 3


# -- no text ------------------------------------------------------------------------


def test_the_illustration_code_draws_no_text():
    """No text call and no font anywhere in the package, so no glyph can be missing."""
    for path in PACKAGE.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute):
                assert node.attr not in {"text", "multiline_text", "textbbox", "textlength"}, path
            if isinstance(node, ast.Name | ast.alias):
                assert "ImageFont" not in getattr(node, "id", getattr(node, "name", "")), path


def test_rendering_every_motif_never_calls_a_text_method(monkeypatch):
    calls = []
    for name in ("text", "multiline_text", "textbbox"):
        monkeypatch.setattr(ImageDraw.ImageDraw, name, lambda self, *a, _n=name, **k: calls.append(_n))
    for motif in illustrations.MOTIFS:
        illustrations.render(motif, (320, 180), steps=2)
    assert calls == []


# -- distinct, deterministic, small ----------------------------------------------------


def test_rain_and_sun_are_told_apart_at_a_glance():
    """The picture quiz: at thumbnail size the two options differ strongly, and each
    keeps its own colour (blue drops under a grey cloud vs a yellow sun)."""
    rain, sun = pixels("rain"), pixels("sun")
    assert difference(rain, sun) > 25
    r_rain, g_rain, b_rain = ImageStat.Stat(rain.resize((48, 36))).mean
    r_sun, g_sun, b_sun = ImageStat.Stat(sun.resize((48, 36))).mean
    assert b_rain - r_rain > 5  # bluish grey
    assert r_sun - b_sun > 8  # warm yellow (on a pale sky)


def test_every_pair_of_motifs_differs():
    rendered = {m: pixels(m, (240, 135), palette="bana") for m in illustrations.MOTIFS}
    for a, b in itertools.combinations(rendered, 2):
        assert difference(rendered[a], rendered[b], size=(32, 18)) > 5, (a, b)


def test_the_weather_pictograms_differ_from_each_other_more():
    weather = {m: pixels(m) for m in ("rain", "sun", "storm", "cloud")}
    for a, b in itertools.combinations(weather, 2):
        assert difference(weather[a], weather[b]) > 25, (a, b)


def test_same_input_same_bytes_and_a_signature_that_follows_the_input():
    one = illustrations.render("gong", (400, 225), "hre", 1, 0)
    assert one == illustrations.render("gong", (400, 225), "hre", 1, 0)
    assert one != illustrations.render("gong", (400, 225), "haroi", 1, 0)
    signature = illustrations.signature("gong", (400, 225), "hre", 1, 0)
    assert signature == illustrations.signature("gong", (400, 225), "hre", 1, 0)
    assert signature != illustrations.signature("gong", (400, 225), "hre", 2, 0)
    assert signature != illustrations.signature("drum", (400, 225), "hre", 1, 0)


def test_palettes_and_steps_change_the_picture():
    assert difference(pixels("brocade", palette="bana"), pixels("brocade", palette="hre")) > 8
    assert pixels("phone", steps=1).tobytes() != pixels("phone", steps=3).tobytes()


def test_pictures_are_small_palette_pngs_of_the_size_asked():
    data = illustrations.render("communal-house", (1200, 675), "bana")
    image = Image.open(io.BytesIO(data))
    assert (image.format, image.mode, image.size) == ("PNG", "P", (1200, 675))
    assert len(data) < 40_000
    assert len(image.getcolors()) > 8  # anti-aliased edges, not a flat banner


def test_unknown_motif_or_palette_is_refused():
    with pytest.raises(ValueError, match="Unknown illustration motif"):
        illustrations.render("banner")
    with pytest.raises(ValueError, match="Unknown palette"):
        illustrations.render("gong", palette="plaid")


def test_every_motif_has_a_vietnamese_description():
    assert set(illustrations.DESCRIPTIONS) == set(illustrations.MOTIFS)
    alt = illustrations.describe("gong", "Cồng 3 · Chiêng 5")
    assert "cồng chiêng" in alt and "không phải ảnh chụp" in alt and "Cồng 3 · Chiêng 5" in alt


# -- the demo names known motifs ---------------------------------------------------------


def _image_calls():
    """Every ``loader.image(...)`` call in the project's code (tests and .venv left out)."""
    calls = []
    for path in ROOT.glob("*/**/*.py"):
        if path.parts[len(ROOT.parts)] in {".venv", "tests", "node_modules"}:
            continue
        text = path.read_text(encoding="utf-8")
        if "loader.image(" not in text:
            continue
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "image":
                if isinstance(node.func.value, ast.Name) and node.func.value.id == "loader":
                    calls.append((path.relative_to(ROOT).as_posix(), node))
    return calls


def test_every_loader_image_call_passes_a_motif():
    calls = _image_calls()
    assert {path for path, _ in calls} >= {"heritage/demo/__init__.py", "lessons/demo/__init__.py"}
    for path, node in calls:
        keywords = {k.arg for k in node.keywords}
        assert len(node.args) >= 3 or "motif" in keywords, f"{path}:{node.lineno} passes no motif"
        assert "alt" in keywords, f"{path}:{node.lineno}: the words go into the alt text"
        motif = node.args[2] if len(node.args) >= 3 else None
        if isinstance(motif, ast.Constant):
            assert motif.value in illustrations.MOTIFS


def test_the_demo_data_names_only_known_motifs():
    import heritage.demo
    import lessons.demo
    from content.demo_loader import read_json

    named = set(heritage.demo.MOTIFS.values()) | set(heritage.demo.KIND_MOTIFS.values())
    named |= set(lessons.demo.COVER_MOTIFS.values())
    named |= {m for motifs in lessons.demo.STEP_MOTIFS.values() for m in motifs}
    courses = read_json(lessons.demo.DATA)["courses"]
    for course in courses:
        assert course["slug"] in lessons.demo.COVER_MOTIFS
        for lesson in course["lessons"]:
            for language in ("vi", "en"):
                howto = lesson[language].get("howto")
                if howto:
                    assert len(lesson_motifs := lessons.demo.STEP_MOTIFS[lesson["slug"]]) == len(howto["steps"])
                    named |= set(lesson_motifs)
        for language in ("vi", "en"):
            for question in course["quiz"][language]["questions"]:
                if question["kind"] == "picture":
                    motifs = [option[2] for option in question["options"]]
                    assert len(set(motifs)) == len(motifs)  # each option its own picture
                    named |= set(motifs)
    assert named <= set(illustrations.MOTIFS)
    assert set(heritage.demo.MOTIFS) <= {
        item["slug"]
        for name in ("groups", "places", "stories", "products", "festivals")
        for item in read_json(heritage.demo.DATA / f"{name}.json")
    }
