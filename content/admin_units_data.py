"""Read ``content/data/admin_units_2025.json``, the committed list of administrative units and their successions.

This module is plain Python: it imports nothing from Django, so a data migration, a script or a test can use
it. ``scripts/generate_admin_units.py`` writes the file, and the file's ``source`` block says where the data
comes from.

NSO codes are reused across the 2025 reorganisation. Code 52 is Bình Định until 2025-06-30 and Gia Lai from
2025-07-01. So a unit is identified by its code **and** its validity:

- a unit's key is ``(code, valid_from)``;
- ``parent`` is ``{"code", "valid_from"}``;
- a succession goes ``from {"code", "valid_to"}`` ``to {"code", "valid_from"}``, with ``relation`` "whole" or
  "part".

``valid_from`` of None means unknown or earlier, and ``valid_to`` of None means the unit is still in force.
Dates are ISO strings (``"2025-07-01"``), so they compare correctly as strings.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

DATA_FILE = Path(__file__).resolve().parent / "data" / "admin_units_2025.json"


def load(path: Path | str = DATA_FILE) -> dict:
    """The parsed data file: ``{"format", "source", "units", "successions"}``. A fresh copy on each call."""
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def unit_key(unit: dict) -> tuple[str, str | None]:
    """``(code, valid_from)``: unique within the file, unlike the code alone."""
    return unit["code"], unit["valid_from"]


def is_valid_on(unit: dict, day: date | str) -> bool:
    day = day.isoformat() if isinstance(day, date) else day
    return (unit["valid_from"] is None or unit["valid_from"] <= day) and (
        unit["valid_to"] is None or day <= unit["valid_to"]
    )


def iter_units(
    data: dict | None = None, *, level: str | None = None, current: bool | None = None
) -> Iterator[dict]:
    """Units in file order (provinces, then districts, then communes; old ones before new ones).

    ``level`` keeps one level ("province", "district", "town", "commune", "ward", "township"). ``current=True``
    keeps the units still in force, and ``current=False`` the ended ones.
    """
    data = load() if data is None else data
    for unit in data["units"]:
        if level is not None and unit["level"] != level:
            continue
        if current is not None and (unit["valid_to"] is None) != current:
            continue
        yield unit


def iter_successions(data: dict | None = None, *, relation: str | None = None) -> Iterator[dict]:
    """Successions ``{"from": {code, valid_to}, "to": {code, valid_from}, "relation"}``, maybe of one relation."""
    data = load() if data is None else data
    for succession in data["successions"]:
        if relation is None or succession["relation"] == relation:
            yield succession


def find_unit(ref: dict, data: dict | None = None) -> dict:
    """The unit a reference points to.

    A reference is a ``parent`` (``{code, valid_from}``), a succession's ``to`` (``{code, valid_from}``) or its
    ``from`` (``{code, valid_to}``). Raises KeyError if no unit matches.
    """
    data = load() if data is None else data
    field = "valid_from" if "valid_from" in ref else "valid_to"
    for unit in data["units"]:
        if unit["code"] == ref["code"] and unit[field] == ref[field]:
            return unit
    raise KeyError(f"no unit with code {ref['code']} and {field} {ref[field]}")


def units_on(day: date | str, data: dict | None = None, *, code: str | None = None) -> list[dict]:
    """The units in force on ``day``, optionally only those with ``code``.

    Within one day a code names at most one unit, so ``units_on("2025-06-30", code="21609")`` is Thị trấn
    An Lão and ``units_on("2025-07-01", code="21609")`` is Xã An Lão.
    """
    return [u for u in iter_units(data) if (code is None or u["code"] == code) and is_valid_on(u, day)]
