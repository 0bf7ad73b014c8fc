"""content/data/admin_units_2025.json, checked against the shared CSV of former Bình Định communes.

The CSV was derived from the NSO conversion table, through vietnam-provinces. The data file is generated
from vietnamadminunits 1.0.4. Each test compares the actual values from the two sources.

The tests prefer the committed copy in content/data/source/, so that CI does not need shared/. They fall back
to the shared copy, and skip if neither is there.
"""

import csv
import hashlib
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

import pytest

from content import admin_units_data

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "content" / "data" / "source"
CSV_NAME = "former-binh-dinh-communes-2025.csv"
SHARED = Path("/work/shared/data/admin-units-2025")

OLD_TO, NEW_FROM = "2025-06-30", "2025-07-01"
# Vietnam's land territory, and the former Bình Định (its province bounds in vietnamadminunits' legacy table,
# rounded outwards)
VIETNAM = {"lat": (8.18, 23.40), "lon": (102.14, 109.47)}
FORMER_BINH_DINH = {"lat": (13.50, 14.72), "lon": (108.60, 109.38)}
PREFIX = {
    "province": "Tỉnh ",
    "district": "Huyện ",
    "town": "Thị xã ",
    "city": "Thành phố ",
    "commune": "Xã ",
    "ward": "Phường ",
    "township": "Thị trấn ",
}
CSV_TYPE = {"xã": "commune", "thị trấn": "township", "phường": "ward"}
# The research report's list of new communes of the five core districts (NSO codes)
CORE_NEW = {
    "Huyện An Lão": {"21609", "21616", "21622", "21628"},
    "Huyện Hoài Ân": {"21688", "21697", "21703", "21715", "21727"},
    "Huyện Vĩnh Thạnh": {"21786", "21787", "21796", "21805"},
    "Huyện Tây Sơn": {"21808", "21817", "21820", "21829", "21835"},
    "Huyện Vân Canh": {"21994", "21997", "22006"},
}


# Old communes outside the CSV, where heritage places of the demo stand (scripts/generate_admin_units.py,
# PLACE_COMMUNES): old code -> (name, old district code and name, new code and name), as in vietnamadminunits
# 1.0.4 (admin_units_legacy, admin_units and converter_2025.json), each moving whole into its new unit.
PLACE_COMMUNES = {
    "21556": ("Phường Đống Đa", "540", "Thành phố Quy Nhơn", "21583", "Phường Quy Nhơn"),
    "21910": ("Phường Đập Đá", "549", "Thị xã An Nhơn", "21910", "Phường An Nhơn"),
    "21922": ("Xã Nhơn Hậu", "549", "Thị xã An Nhơn", "21910", "Phường An Nhơn"),
    "21967": ("Xã Phước Hòa", "550", "Huyện Tuy Phước", "21970", "Xã Tuy Phước Đông"),
}
PLACE_DISTRICTS = {district for _, district, *_ in PLACE_COMMUNES.values()}


def _csv_path():
    for path in (SOURCE / CSV_NAME, SHARED / CSV_NAME):
        if path.is_file():
            return path
    pytest.skip(f"{CSV_NAME} is neither in content/data/source/ nor in {SHARED}")


@pytest.fixture(scope="module")
def rows():
    with _csv_path().open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="module")
def data():
    return admin_units_data.load()


@pytest.fixture(scope="module")
def old(data):
    """Units that ended on 2025-06-30, by code."""
    units = [u for u in data["units"] if u["valid_to"] == OLD_TO]
    return {u["code"]: u for u in units}


@pytest.fixture(scope="module")
def new(data):
    """Units in force from 2025-07-01, by code."""
    units = [u for u in data["units"] if u["valid_from"] == NEW_FROM]
    return {u["code"]: u for u in units}


def _triples(successions):
    return [(s["from"]["code"], s["to"]["code"], s["relation"]) for s in successions]


# --- successions against the CSV ------------------------------------------------------------------------


def test_every_csv_row_is_exactly_one_succession_and_nothing_else_is(data, rows):
    expected = {(r["old_code"], r["new_code"], r["relation"]) for r in rows}
    assert len(expected) == len(rows) == 94
    commune_links = [
        s
        for s in data["successions"]
        if not (s["from"]["code"] in ("52", "64") and s["to"]["code"] == "52")
        and s["from"]["code"] not in PLACE_COMMUNES
    ]
    actual = _triples(commune_links)
    assert Counter(actual) == Counter(expected)  # no missing, extra or duplicated pair
    for s in commune_links:
        assert s["from"]["valid_to"] == OLD_TO and s["to"]["valid_from"] == NEW_FROM


def test_place_communes_and_their_districts_move_whole_into_their_new_unit(data, rows, old, new):
    assert not set(PLACE_COMMUNES) & {r["old_code"] for r in rows}
    assert PLACE_DISTRICTS == {"540", "549", "550"}
    assert not PLACE_DISTRICTS & {r["old_district_code"] for r in rows}
    links = [s for s in data["successions"] if s["from"]["code"] in PLACE_COMMUNES]
    assert sorted(_triples(links)) == sorted((c, v[3], "whole") for c, v in PLACE_COMMUNES.items())
    for code, (name, district, district_name, new_code, new_name) in PLACE_COMMUNES.items():
        assert old[code]["name"] == name
        assert old[code]["parent"] == {"code": district, "valid_from": None}
        assert old[district]["name"] == district_name
        assert new[new_code]["name"] == new_name
    assert old["540"]["level"] == "city" and old["549"]["level"] == "town" and old["550"]["level"] == "district"


def test_province_successions_give_new_gia_lai_both_predecessors(data, old, new):
    into_gia_lai = [s for s in data["successions"] if s["to"] == {"code": "52", "valid_from": NEW_FROM}]
    assert sorted(_triples(into_gia_lai)) == [("52", "52", "whole"), ("64", "52", "whole")]
    assert old["52"]["name"] == "Tỉnh Bình Định"
    assert old["64"]["name"] == "Tỉnh Gia Lai"
    assert new["52"]["name"] == "Tỉnh Gia Lai"


def test_counts_match_the_csv(data, rows, old):
    old_communes = {c for c, u in old.items() if u["level"] in ("commune", "township", "ward")}
    assert old_communes - set(PLACE_COMMUNES) == {r["old_code"] for r in rows}
    assert len(old_communes) == 91 + 4
    districts = {c for c, u in old.items() if u["level"] in ("district", "town", "city")}
    assert districts - PLACE_DISTRICTS == {r["old_district_code"] for r in rows}
    assert len(districts) == 7 + 3
    assert Counter(s["relation"] for s in data["successions"]) == {"whole": 90 + 4, "part": 6}


def test_the_five_core_districts_become_21_new_communes(rows, new):
    by_district = defaultdict(set)
    for r in rows:
        if r["district_scope"] == "core":
            by_district[r["old_district_name"]].add(r["new_code"])
    assert dict(by_district) == CORE_NEW
    core_new = set().union(*CORE_NEW.values())
    assert len(core_new) == 21
    assert all(new[code]["level"] == "commune" for code in core_new)


def test_split_communes_have_two_part_rows_each(data, old, new):
    parts = defaultdict(set)
    for s in admin_units_data.iter_successions(data, relation="part"):
        parts[old[s["from"]["code"]]["name"]].add(new[s["to"]["code"]]["name"])
    assert dict(parts) == {
        "Xã An Nghĩa": {"Xã An Toàn", "Xã An Hòa"},
        "Xã Canh Liên": {"Xã Canh Liên", "Xã Canh Vinh"},
        "Xã Canh Hiệp": {"Xã Vân Canh", "Xã Canh Vinh"},
    }
    split = {s["from"]["code"] for s in admin_units_data.iter_successions(data, relation="part")}
    whole = {s["from"]["code"] for s in admin_units_data.iter_successions(data, relation="whole")}
    assert split == {"21634", "21997", "22000"} and not split & whole


# --- names ------------------------------------------------------------------------------------------------


def test_names_levels_and_districts_are_those_of_the_csv(rows, old, new):
    for r in rows:
        assert old[r["old_code"]]["name"] == r["old_name"], r["old_code"]
        assert new[r["new_code"]]["name"] == r["new_name"], r["new_code"]
        assert old[r["old_code"]]["level"] == CSV_TYPE[r["old_type"]], r["old_code"]
        assert new[r["new_code"]]["level"] == CSV_TYPE[r["new_type"]], r["new_code"]
        parent = old[r["old_code"]]["parent"]
        assert parent == {"code": r["old_district_code"], "valid_from": None}
        assert old[parent["code"]]["name"] == r["old_district_name"]


def test_names_keep_their_vietnamese_diacritics(data, rows, old, new):
    def has_diacritics(text):
        return any(not ch.isascii() for ch in text)

    pairs = [(old[r["old_code"]]["name"], r["old_name"]) for r in rows]
    pairs += [(new[r["new_code"]]["name"], r["new_name"]) for r in rows]
    pairs += [(old[r["old_district_code"]]["name"], r["old_district_name"]) for r in rows]
    assert sum(has_diacritics(csv_name) for _, csv_name in pairs) == len(pairs)  # all of them do
    for name, csv_name in pairs:
        assert has_diacritics(name) == has_diacritics(csv_name), name
    for unit in data["units"]:
        assert unicodedata.is_normalized("NFC", unit["name"]), unit["name"]
        assert unit["name"].startswith(PREFIX[unit["level"]]), unit
    assert new["21628"]["name"] == "Xã An Hòa"
    assert old["21700"]["name"] == "Xã Đak Mang"


# --- the 135 units of Gia Lai from 2025-07-01 -----------------------------------------------------------------


def test_135_current_gia_lai_units_with_commune_centres_in_vietnam(data, rows, new):
    gia_lai = {"code": "52", "valid_from": NEW_FROM}
    current = [u for u in admin_units_data.iter_units(data, current=True) if u["level"] != "province"]
    assert len(current) == 135
    assert all(u["parent"] == gia_lai and u["valid_from"] == NEW_FROM for u in current)
    assert Counter(u["level"] for u in current) == {"commune": 110, "ward": 25}
    for u in current:
        assert VIETNAM["lat"][0] <= u["latitude"] <= VIETNAM["lat"][1], u
        assert VIETNAM["lon"][0] <= u["longitude"] <= VIETNAM["lon"][1], u
        assert u["coordinates_source"].startswith("vietnamadminunits 1.0.4")
    assert len({(u["latitude"], u["longitude"]) for u in current}) == 135
    # The new communes that replaced former Bình Định ones lie in former Bình Định
    for code in {r["new_code"] for r in rows}:
        assert FORMER_BINH_DINH["lat"][0] <= new[code]["latitude"] <= FORMER_BINH_DINH["lat"][1], code
        assert FORMER_BINH_DINH["lon"][0] <= new[code]["longitude"] <= FORMER_BINH_DINH["lon"][1], code
    ended = [u for u in data["units"] if u["valid_to"] is not None]
    assert not any("latitude" in u for u in ended)


# --- identity: code and validity ------------------------------------------------------------------------


def test_codes_unique_within_each_period_but_reused_across_it(data, old, new):
    before = [u["code"] for u in data["units"] if u["valid_to"] == OLD_TO]
    after = [u["code"] for u in data["units"] if u["valid_from"] == NEW_FROM]
    assert len(before) + len(after) == len(data["units"])
    assert len(set(before)) == len(before) == 2 + 7 + 91 + 3 + 4
    assert len(set(after)) == len(after) == 1 + 135
    keys = [admin_units_data.unit_key(u) for u in data["units"]]
    assert len(set(keys)) == len(keys)
    reused = set(before) & set(after)
    assert {"52", "21609", "21616", "21994", "22006", "21910"} <= reused
    assert (old["21910"]["name"], new["21910"]["name"]) == ("Phường Đập Đá", "Phường An Nhơn")
    assert (old["21609"]["name"], new["21609"]["name"]) == ("Thị trấn An Lão", "Xã An Lão")
    assert (old["52"]["name"], new["52"]["name"]) == ("Tỉnh Bình Định", "Tỉnh Gia Lai")
    assert [u["name"] for u in admin_units_data.units_on("2025-06-30", data, code="21609")] == ["Thị trấn An Lão"]
    assert [u["name"] for u in admin_units_data.units_on("2025-07-01", data, code="21609")] == ["Xã An Lão"]


def test_every_reference_resolves_to_a_unit_of_the_right_period(data):
    rank = {"province": 0, "district": 1, "town": 1, "city": 1, "commune": 2, "ward": 2, "township": 2}
    for unit in data["units"]:
        if unit["parent"] is None:
            assert unit["level"] == "province"
            continue
        parent = admin_units_data.find_unit(unit["parent"], data)
        assert rank[parent["level"]] < rank[unit["level"]]
        assert parent["valid_to"] == unit["valid_to"], unit  # old under old, current under current
    for s in data["successions"]:
        before = admin_units_data.find_unit(s["from"], data)
        after = admin_units_data.find_unit(s["to"], data)
        assert before["valid_to"] == OLD_TO and after["valid_from"] == NEW_FROM and after["valid_to"] is None
        assert before["level"] == "province" or after["level"] != "province"
    with pytest.raises(KeyError):
        admin_units_data.find_unit({"code": "21609", "valid_from": "2020-01-01"}, data)


def test_only_former_binh_dinh_units_of_the_csv_and_the_places_before_2025(data, rows, old):
    """Old Gia Lai (64) is there as a predecessor province only; none of its districts or communes are."""
    for unit in old.values():
        chain = unit
        while chain["parent"] is not None:
            chain = admin_units_data.find_unit(chain["parent"], data)
        assert chain["code"] == "52" or unit["code"] == "64"
    in_scope = {r["old_code"] for r in rows} | {r["old_district_code"] for r in rows} | {"52", "64"}
    in_scope |= set(PLACE_COMMUNES) | PLACE_DISTRICTS
    assert set(old) == in_scope


# --- the file itself ------------------------------------------------------------------------------------------


def test_source_block_and_size(data):
    source = data["source"]
    assert source["package"]["name"] == "vietnamadminunits"
    assert source["package"]["version"] == "1.0.4"
    assert source["package"]["licence"] == "MIT"
    assert "1664/NQ-UBTVQH15" in source["legal_basis"]["title"]
    assert source["legal_basis"]["issued"] == "2025-06-16"
    assert "BangChuyendoi" in source["official_table"]["title"]
    assert len(source["generated_on"]) == 10 and source["generated_on"] >= "2025-07-01"
    assert admin_units_data.DATA_FILE.stat().st_size < 256 * 1024


def test_data_file_was_generated_from_the_committed_csv(data):
    committed = SOURCE / CSV_NAME
    digest = hashlib.sha256(committed.read_bytes()).hexdigest()
    assert data["source"]["crosschecked_against"]["sha256"] == digest, (
        "the CSV changed: run scripts/generate_admin_units.py"
    )


@pytest.mark.parametrize("name", [CSV_NAME, "datapackage.json"])
def test_committed_copies_equal_the_shared_files(name):
    shared = SHARED / name
    if not shared.is_file():
        pytest.skip(f"{shared} is not on this machine")
    assert (SOURCE / name).read_bytes() == shared.read_bytes()


def test_loader_filters(data):
    assert len(list(admin_units_data.iter_units(data, level="township"))) == 8
    assert len(list(admin_units_data.iter_units(data, current=False))) == 100 + 7
    assert [u["code"] for u in admin_units_data.iter_units(data, level="province", current=True)] == ["52"]
    assert len(list(admin_units_data.iter_successions(data))) == 100
    assert admin_units_data.load() == data and admin_units_data.load() is not data


# --- the Frictionless descriptor ----------------------------------------------------------------------------


def test_datapackage_validates_with_frictionless():
    frictionless = pytest.importorskip("frictionless")
    descriptor = SOURCE / "datapackage.json"
    package = frictionless.Package(str(descriptor))
    resource = package.get_resource("communes")
    assert resource.dialect.to_dict().get("delimiter", ",") == ","  # else ";" is guessed from the NSO notes
    report = frictionless.validate(str(descriptor))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    assert report.tasks[0].stats["rows"] == 94
