"""Add new UI strings to an app's .po catalogues (no GNU gettext needed).

    python manage.py update_catalogues heritage

scans ``heritage/`` and ``templates/heritage/`` and appends every new msgid to
``heritage/locale/{vi,en}/LC_MESSAGES/django.po``; then fill in the Vietnamese
``msgstr`` and run ``compile_catalogues``. ``content`` also covers ``cms/`` and
the shared top-level templates.

    python manage.py update_catalogues heritage --vi translations.json

also fills the Vietnamese ``msgstr`` of the msgids the JSON object maps
(``{"Listen": "Nghe"}``), so translations written beside a change survive a
merge that regenerates the catalogue.
"""

import json
from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand

from content.i18n_catalogue import PATTERNS, extract
from content.project import project_apps

LANGS = ("vi", "en")


def sources_for(app):
    base = Path(settings.BASE_DIR)
    roots = [base / app, base / "templates" / app]
    if app == "content":
        roots += [base / "cms"]
    found = {}
    for root in roots:
        if root.exists():
            for msgid, files in extract(root).items():
                found.setdefault(msgid, set()).update(files)
    if app == "content":  # templates directly in templates/ and non-app folders
        apps_with_templates = {config.label for config in project_apps()} - {"content"}
        for path in (base / "templates").iterdir():
            if path.is_file() or path.name not in apps_with_templates:
                if path.is_dir():
                    for msgid, files in extract(path).items():
                        found.setdefault(msgid, set()).update(files)
        for msgid, files in extract_top(base / "templates").items():
            found.setdefault(msgid, set()).update(files)
    return found


def extract_top(folder):
    found = {}
    for path in folder.glob("*.html"):
        text = path.read_text(encoding="utf-8")
        for pattern in PATTERNS:
            for match in pattern.finditer(text):
                found.setdefault(match.group(1), set()).add(path.name)
    return found


class Command(BaseCommand):
    help = "Append new msgids of an app to its vi/en catalogues."

    def add_arguments(self, parser):
        parser.add_argument("apps", nargs="+")
        parser.add_argument("--vi", action="append", default=[], help="JSON file: msgid -> Vietnamese msgstr")

    def handle(self, *args, apps, vi, **options):
        translations = {}
        for name in vi:
            translations.update(json.loads(Path(name).read_text(encoding="utf-8")))
        for app in apps:
            found = sources_for(app)
            for lang in LANGS:
                path = Path(settings.BASE_DIR) / app / "locale" / lang / "LC_MESSAGES" / "django.po"
                path.parent.mkdir(parents=True, exist_ok=True)
                po = polib.pofile(str(path)) if path.exists() else polib.POFile()
                po.metadata = po.metadata or {
                    "Content-Type": "text/plain; charset=UTF-8",
                    "Language": lang,
                    "MIME-Version": "1.0",
                    "Content-Transfer-Encoding": "8bit",
                }
                known = {entry.msgid for entry in po}
                added = 0
                for msgid in sorted(found):
                    if msgid not in known:
                        po.append(
                            polib.POEntry(
                                msgid=msgid,
                                msgstr=msgid if lang == "en" else "",
                                occurrences=[(f, "") for f in sorted(found[msgid])],
                            )
                        )
                        added += 1
                if lang == "vi" and translations:
                    for entry in po:
                        if entry.msgid in translations and not entry.msgstr:
                            entry.msgstr = translations[entry.msgid]
                po.save(str(path))
                untranslated = len([e for e in po if not e.msgstr])
                self.stdout.write(f"{path.relative_to(settings.BASE_DIR)}: +{added}, {untranslated} untranslated")
