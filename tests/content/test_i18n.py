"""Every UI string has a Vietnamese translation, and the catalogues compile."""

from pathlib import Path

import polib
from django.conf import settings
from django.utils import translation

from content.i18n_catalogue import extract

BASE = Path(settings.BASE_DIR)


def vietnamese_catalogue():
    entries = {}
    for po_path in list(BASE.glob("*/locale/vi/LC_MESSAGES/django.po")) + list(
        BASE.glob("locale/vi/LC_MESSAGES/django.po")
    ):
        for entry in polib.pofile(str(po_path)):
            if entry.msgstr:
                entries[entry.msgid] = entry.msgstr
    return entries


def test_every_ui_string_has_a_vietnamese_translation():
    translated = vietnamese_catalogue()
    used = extract(BASE)
    missing = {msgid: sorted(files)[:2] for msgid, files in used.items() if msgid not in translated}
    assert not missing, f"{len(missing)} strings lack Vietnamese (run update_catalogues): {missing}"


def test_catalogues_are_compiled_and_active():
    with translation.override("vi"):
        assert translation.gettext("Skip to content") == "Bỏ qua, đến nội dung chính"
    with translation.override("hre"):  # no Hre UI catalogue yet: falls back to Vietnamese
        assert translation.gettext("Skip to content") == "Bỏ qua, đến nội dung chính"
    with translation.override("en"):
        assert translation.gettext("Skip to content") == "Skip to content"
