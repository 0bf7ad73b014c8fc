"""Demo content of the shared kernel: home pages in five languages, the About
section, and the administrative units (with the 2025 reorganisation)."""

import datetime
from pathlib import Path

from ..demo_loader import ensure_root_home, read_json
from ..models import AdministrativeUnit, SectionPage

DATA = Path(__file__).parent


def load(loader):
    load_admin_units(loader)
    site = read_json(DATA / "site.json")
    home = ensure_root_home(loader)
    langs = [code for code in site["home"] if code != "vi"]
    for _ in loader.progress([None], "Home page (vi)"):
        if _changed(home, site["home"]["vi"]) and not loader.edited_by_someone(home):
            for name, value in site["home"]["vi"].items():
                setattr(home, name, value)
            home.save_revision().publish()
            loader.updated += 1
    for code in loader.progress(langs, "Home translations"):
        loader.translate(home, code, **site["home"][code])
    for section in loader.progress(site["sections"], "Section pages"):
        page = loader.page(home, SectionPage, section["slug"], show_in_menus=True, **section["vi"])
        for code, fields in section.items():
            if code in ("slug", "vi"):
                continue
            loader.translate(page, code, show_in_menus=True, **fields)


def _changed(home, fields):
    return home.has_unpublished_changes or any(getattr(home, k) != v for k, v in fields.items())


def load_admin_units(loader):
    data = read_json(DATA / "admin_units.json")["units"]
    by_code = {}
    for row in loader.progress(data, "Administrative units"):
        parent = by_code.get(row["parent"]) if row["parent"] else None
        unit, _ = AdministrativeUnit.objects.update_or_create(
            code=row["code"],
            defaults={
                "name": row["name"],
                "level": row["level"],
                "parent": parent,
                "valid_from": _date(row["valid_from"]),
                "valid_to": _date(row["valid_to"]),
                "note": row.get("note", ""),
                "source": row.get("source", ""),
            },
        )
        by_code[row["code"]] = unit
    for row in data:
        if row["successors"]:
            by_code[row["code"]].successors.set([by_code[c] for c in row["successors"]])


def _date(value):
    return datetime.date.fromisoformat(value) if value else None
