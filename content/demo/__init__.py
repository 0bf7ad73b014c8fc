"""Demo content of the shared kernel: home pages in five languages, the About
section, and the administrative units (with the 2025 reorganisation)."""

import datetime
from pathlib import Path

from ..admin_units import load_units
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
        shared = {"show_in_menus": True, "shows_publisher": section["vi"].get("shows_publisher", False)}
        for code, fields in section.items():
            if code in ("slug", "vi"):
                continue
            loader.translate(page, code, **shared, **fields)


def _changed(home, fields):
    return home.has_unpublished_changes or any(getattr(home, k) != v for k, v in fields.items())


def load_admin_units(loader):
    """The 2025 data file (``content.admin_units``), then the demo's own units the file does
    not have (districts outside its scope) and the notes and sources it lacks."""
    load_units(progress=loader.progress)
    data = read_json(DATA / "admin_units.json")["units"]
    by_code = {}
    for row in loader.progress(data, "Administrative units (demo notes)"):
        code, valid_from = _key(row["code"], row["valid_from"])
        parent = by_code.get(row["parent"]) if row["parent"] else None
        unit = AdministrativeUnit.objects.filter(code=code, valid_from=valid_from).first()
        if unit is None:
            unit = AdministrativeUnit.objects.create(
                code=code,
                valid_from=valid_from,
                name=row["name"],
                level=row["level"],
                parent=parent,
                valid_to=_date(row["valid_to"]),
            )
        if (unit.note, unit.source) != (row.get("note", ""), row.get("source", "")):
            unit.note, unit.source = row.get("note", ""), row.get("source", "")
            unit.save(update_fields=["note", "source"])
        by_code[row["code"]] = unit
    for row in data:
        for code in row["successors"]:
            successor = by_code[code]
            if not by_code[row["code"]].successors.filter(pk=successor.pk).exists():
                by_code[row["code"]].successors.add(successor)


def _key(code, valid_from):
    """The demo file's placeholder for new Gia Lai is its NSO code 52 from 2025-07-01."""
    if code == "GL-2025":
        return "52", datetime.date(2025, 7, 1)
    return code, _date(valid_from)


def _date(value):
    return datetime.date.fromisoformat(value) if value else None
