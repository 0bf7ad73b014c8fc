"""Load ``content/data/admin_units_2025.json`` into ``AdministrativeUnit`` and ``UnitSuccession``.

Idempotent: a unit is matched by its code and its validity (``valid_from``), never by its
code alone, so loading twice changes nothing and an old unit already named by pages (a
pre-2025 commune loaded by the demo with an unknown end) is updated in place, keeping its
row id. Used by ``manage.py load_admin_units`` and by the kernel's demo.
"""

import datetime

from django.db import transaction

from . import admin_units_data
from .models import AdministrativeUnit, UnitSuccession


def _date(value):
    return datetime.date.fromisoformat(value) if value else None


def _find(code, valid_from):
    """The existing row for (code, valid_from), or None."""
    return AdministrativeUnit.objects.filter(code=code, valid_from=valid_from).first()


@transaction.atomic
def load_units(data=None, *, progress=lambda items, label: items):
    """Create or update every unit and succession of the data file. Returns (created, updated)."""
    data = admin_units_data.load() if data is None else data
    created = updated = 0
    by_key = {}
    for row in progress(data["units"], "Administrative units 2025"):
        key = admin_units_data.unit_key(row)
        parent = by_key[(row["parent"]["code"], row["parent"]["valid_from"])] if row["parent"] else None
        values = {
            "name": row["name"],
            "level": row["level"],
            "parent": parent,
            "valid_to": _date(row["valid_to"]),
            "latitude": row.get("latitude"),
            "longitude": row.get("longitude"),
        }
        unit = _find(row["code"], _date(row["valid_from"]))
        if unit is None:
            unit = AdministrativeUnit.objects.create(
                code=row["code"], valid_from=_date(row["valid_from"]), **values
            )
            created += 1
        elif any(getattr(unit, k) != v for k, v in values.items()):
            for k, v in values.items():
                setattr(unit, k, v)
            if not unit.source:
                unit.source = data["source"].get("generator", "")
            unit.save()
            updated += 1
        by_key[key] = unit
    ends = {(u["code"], u["valid_to"]): by_key[admin_units_data.unit_key(u)] for u in data["units"]}
    for row in data["successions"]:
        old = ends[(row["from"]["code"], row["from"]["valid_to"])]
        new = by_key[(row["to"]["code"], row["to"]["valid_from"])]
        link, made = UnitSuccession.objects.get_or_create(
            predecessor=old, successor=new, defaults={"relation": row["relation"]}
        )
        if made:
            created += 1
        elif link.relation != row["relation"]:
            link.relation = row["relation"]
            link.save(update_fields=["relation"])
            updated += 1
    return created, updated
