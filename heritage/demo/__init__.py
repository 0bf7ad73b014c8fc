"""Demo content of the heritage app, from the JSON files beside this module.

Written in our own words from /work/shared/heritage-facts.json and its research
notes; every page cites its sources. Vietnamese and English throughout; a few
festivals get their own community name as a title in bdq/hre/hro (no invented
ethnic-language text: the rest falls back to Vietnamese). Idempotent.
"""

from decimal import Decimal
from pathlib import Path

from content import illustrations
from content.demo_loader import read_json
from content.models import AdministrativeUnit

from ..models import (
    EthnicGroupPage,
    FestivalPage,
    HeritageIndexPage,
    PlacePage,
    ProductPage,
    StoryPage,
)

DATA = Path(__file__).parent


LANGS = ("vi", "en")


def _units():
    """Units by code. Codes were reused in 2025; the demo's codes name the units as they were
    before (their pages show the chain to today's commune), so a pre-2025 unit wins."""
    units = sorted(AdministrativeUnit.objects.all(), key=lambda u: u.valid_to is not None)
    return {u.code: u for u in units}


def _sources(rows):
    return [
        {"type": "source", "value": {"title": t, "url": u, "publisher": "", "accessed": None}} for t, u in rows
    ]


def _paragraphs(texts):
    return [{"type": "paragraph", "value": f"<p>{t}</p>"} for t in texts]


def _rich(text):
    return f"<p>{text}</p>" if text else ""


RICH_FIELDS = {"what_happens", "materials", "process", "where_to_buy", "introduction", "history"}


def _text_fields(lang_data):
    fields = {}
    for name, value in lang_data.items():
        if name == "body":
            fields["body"] = _paragraphs(value)
        elif name in RICH_FIELDS:
            fields[name] = _rich(value)
        else:
            fields[name] = value
    return fields


# The motif of each item's generated picture (``content.illustrations.MOTIFS``); an item
# not named here gets its kind's motif. The picture holds no text: the item's name goes
# into the alt text.
KIND_MOTIFS = {"group": "brocade", "place": "village", "story": "book", "product": "basket", "festival": "gong"}
MOTIFS = {
    "ba-na": "communal-house",
    "cham-hroi": "brocade",
    "hre": "stilt-house",
    "thap-doi": "tower",
    "thap-banh-it": "tower",
    "thap-duong-long": "tower",
    "thap-canh-tien": "tower",
    "thanh-do-ban": "tower",
    "thap-phu-loc": "tower",
    "thap-binh-lam": "tower",
    "thap-thu-thien": "tower",
    "bao-tang-binh-dinh": "museum",
    "ruou-can": "jar",
    "trong-doi-ktoang": "drum",
    "cong-3-chieng-5-trong-ktoong": "gong",
    "chieng-ba-hre": "gong",
    "nha-rong": "communal-house",
    "det-tho-cam": "brocade",
    "nhon-com-lam-phep": "rice",
    "nha-san-hre": "stilt-house",
    "ya-do-va-tay-son": "village",
    "nguon-goc-cham-hroi": "river",
    "vai-tho-cam-ha-van-tren": "brocade",
    "tho-cam-ha-ri": "brocade",
    "ruou-can-bana-tay-son": "jar",
    "ruou-vinh-cuu": "jar",
    "quai-yang-cham": "gong",
    "le-cau-mua-cham-hroi": "rain",
    "mung-lua-moi-cham-hroi": "rice",
    "xa-mok": "rice",
    "dam-trau-bana-kriem": "gong",
    "cung-cau-may-bana": "communal-house",
    "h-tend-hre": "rice",
    "cung-ben-nuoc-hre": "river",
    "ngay-hoi-van-hoa-the-thao": "gong",
    "tieng-vong-tu-dai-ngan-2025": "gong",
    "trong-doi-cong-ba-chieng-nam": "drum",
}
# Textile colours of each people; items of no single people get the neutral band.
PALETTES = {"ba-na": "bana", "hre": "hre", "cham-hroi": "haroi"}


def _motif(item, kind):
    return MOTIFS.get(item["slug"], KIND_MOTIFS[kind])


def _palette(item):
    if "code" in item:  # an ethnic group
        return PALETTES.get(item["code"], "neutral")
    groups = item.get("groups") or []
    return PALETTES.get(groups[0], "neutral") if groups else "neutral"


def _hero(loader, item, kind):
    text = item["hero"]
    motif = _motif(item, kind)
    return loader.image(
        f"heritage-{kind}-{item['slug']}",
        f"Nhà Rông demo · {kind} · {item['slug']}",
        motif,
        alt=illustrations.describe(motif, text),
        palette=_palette(item),
        variant=sum(map(ord, item["slug"])) % 3,  # the band's pattern varies from item to item
    )


def _gallery(loader, item, count):
    images = []
    motif = _motif(item, "story")
    for i in range(1, count + 1):
        image = loader.image(
            f"heritage-gallery-{item['slug']}-{i}",
            f"Nhà Rông demo · gallery · {item['slug']} {i}",
            motif,
            alt=illustrations.describe(motif, f"{item['hero']} ({i}/{count})"),
            palette=("bana", "hre", "haroi")[(i - 1) % 3],
            variant=i,
            size=(900, 600),
        )
        images.append({"image": image.pk, "caption": "", "alt": ""})
    return {"type": "gallery", "value": {"title": "", "images": images}}


def _set_children(loader, page, relation, rows):
    """Replace an inline child relation (population figures, certifications) only if it changed."""
    fields = list(rows[0].keys()) if rows else []
    current = [tuple(getattr(obj, f) for f in fields) for obj in getattr(page, relation).all()]
    wanted = [tuple(row[f] for f in fields) for row in rows]
    if current == wanted or loader.edited_by_someone(page):
        return
    model = page._meta.get_field(relation).related_model
    setattr(page, relation, [model(**row) for row in rows])
    page.save_revision().publish()
    loader.updated += 1


DEMO_RECORDING = "nha-rong"  # the story with a demonstration recording in Bahnar


def load(loader):
    units = _units()
    homes = {lang: loader.home(lang) for lang in LANGS}
    index = {}
    for section in loader.progress(read_json(DATA / "sections.json"), "Heritage sections"):
        page = loader.page(
            homes["vi"],
            HeritageIndexPage,
            section["slug"],
            listing=section["listing"],
            show_in_menus=True,
            **section["vi"],
        )
        index[section["listing"]] = {
            "vi": page,
            "en": loader.translate(page, "en", show_in_menus=True, **section["en"]),
        }

    groups = {"vi": {}, "en": {}}
    for item in loader.progress(read_json(DATA / "groups.json"), "Ethnic groups"):
        hero = _hero(loader, item, "group")
        common = dict(
            code=item["code"],
            hero_image=hero,
            sources=_sources(item["sources"]),
            areas=[units[c] for c in item["areas"] if c in units],
            **item["fields"],
        )
        page = loader.page(
            index["groups"]["vi"], EthnicGroupPage, item["slug"], **common, **_text_fields(item["vi"])
        )
        en = loader.translate(page, "en", **common, **_text_fields(item["en"]))
        for lang, target in (("vi", page), ("en", en)):
            rows = [
                {
                    "figure": p["figure"],
                    "year": p["year"],
                    "scope": p[f"scope_{lang}"],
                    "note": p.get("note", "") if lang == "vi" else "",
                    "source_title": p["source_title"],
                    "source_url": p["source_url"],
                    "sort_order": i,
                }
                for i, p in enumerate(item["population"])
            ]
            _set_children(loader, target, "population_figures", rows)
            groups[lang][item["code"]] = target

    places = {"vi": {}, "en": {}}
    specs = [
        ("places", PlacePage, "places.json", "place"),
        ("stories", StoryPage, "stories.json", "story"),
        ("products", ProductPage, "products.json", "product"),
        ("festivals", FestivalPage, "festivals.json", "festival"),
    ]
    for listing, model, filename, kind in specs:
        for item in loader.progress(read_json(DATA / filename), f"{listing.capitalize()}"):
            pages = _load_item(loader, model, index[listing], item, kind, units, groups, places)
            if model is PlacePage:
                for lang in LANGS:
                    places[lang][item["slug"]] = pages[lang]
            if item["slug"] == DEMO_RECORDING:
                # A sample "Bahnar" recording, labelled as a synthesised demonstration
                # (content.demo_loader.demo_recording): the page is then listed in Bahnar.
                vi = item["vi"]
                loader.demo_recording(pages["vi"], "bdq", f"{vi['title']}. {vi.get('summary', '')}")


def _load_item(loader, model, parents, item, kind, units, groups, places):
    hero = _hero(loader, item, kind)
    fields = dict(item["fields"])
    for name in ("latitude", "longitude"):
        if name in fields:
            fields[name] = Decimal(fields[name])
    common = dict(
        hero_image=hero,
        sources=_sources(item["sources"]),
        unit=units.get(item["unit"]) if item.get("unit") else None,
        **fields,
    )
    extra_blocks = [_gallery(loader, item, item["gallery"])] if item.get("gallery") else []
    result = {}
    for lang in LANGS:
        text = _text_fields(item[lang])
        text["body"] = text.get("body", []) + extra_blocks
        lang_common = dict(common, groups=[groups[lang][g] for g in item["groups"]])
        if item.get("place"):
            lang_common["place"] = places[lang][item["place"]]
        if lang == "vi":
            page = loader.page(parents["vi"], model, item["slug"], **lang_common, **text)
        else:
            page = loader.translate(result["vi"], lang, **lang_common, **text)
        result[lang] = page
        if "certifications" in item:
            rows = [
                {
                    "kind": c["kind"],
                    "stars": c.get("stars"),
                    "year": c.get("year"),
                    "detail": c[f"detail_{lang}"],
                    "sort_order": i,
                }
                for i, c in enumerate(item["certifications"])
            ]
            _set_children(loader, page, "certifications", rows)
    for lang, fields in item.get("extra", {}).items():
        loader.translate(result["vi"], lang, **fields)
    return result
