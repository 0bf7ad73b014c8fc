"""What a Vietnamese-speaking editor reads in the admin, and which of it is still English.

``visible_text(html)`` gathers the words a person sees on an admin page: HTML text nodes (not
scripts or styles), the ``title``/``aria-label``/``placeholder`` attributes, button values,
and the labels of the sidebar, which Wagtail renders from JSON props in a script.
``untranslated_patterns()`` does the same for the msgids with placeholders ("Page '%(page_title)s'
has been published."), as regular expressions a whole text must match. ``untranslated_msgids()``
lists the msgids of the English catalogues of Django, Wagtail,
wagtail-localize, django-oauth-toolkit and the project for which ``gettext`` under ``vi``
returns the msgid unchanged: text equal to one of them is English an editor sees.
"""

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import polib
from django.conf import settings
from django.utils import translation

ATTRIBUTES = ("title", "aria-label", "placeholder", "data-w-tooltip-content-value")
JSON_ATTRIBUTES = ("data-props",)  # wagtail-localize's translation editor: its React props
SKIP_TAGS = {"script", "style"}
SPACE = re.compile(r"\s+")

# The same word in Vietnamese, or names and codes, not English prose.
NOT_ENGLISH = {
    "Wagtail",
    "Django",
    "Email",
    "URL",
    "ID",
    "PDF",
    "CSV",
    "XLSX",
    "JSON",
    "HTML",
    "OK",
    "Alt",
    "Emoji",
}


class _Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.texts = []
        self.skip = 0
        self.json_script = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in SKIP_TAGS:
            self.skip += 1
            self.json_script = tag == "script" and attrs.get("type") == "application/json"
        for name in ATTRIBUTES:
            if attrs.get(name):
                self.texts.append(attrs[name])
        for name in JSON_ATTRIBUTES:
            if attrs.get(name):
                try:
                    self.texts.extend(_json_labels(json.loads(attrs[name])))
                except ValueError:
                    pass
        if (
            tag in ("button", "input")
            and attrs.get("type") in ("submit", "button", "reset")
            and attrs.get("value")
        ):
            self.texts.append(attrs["value"])

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag in SKIP_TAGS:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if tag in SKIP_TAGS and self.skip:
            self.skip -= 1
            self.json_script = False

    def handle_data(self, data):
        if self.json_script:  # the sidebar's menu and the editor's props: their labels are visible
            try:
                self.texts.extend(_json_labels(json.loads(data)))
            except ValueError:
                pass
        elif not self.skip:
            self.texts.append(data)


LABEL_KEYS = {"label", "title", "name", "display_name", "placeholder", "help_text", "text"}


def _json_labels(value):
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, str) and key in LABEL_KEYS:
                yield item
            else:
                yield from _json_labels(item)
    elif isinstance(value, list):
        for item in value:
            yield from _json_labels(item)


def visible_text(html):
    parser = _Text()
    parser.feed(html)
    found = []
    for text in parser.texts:
        text = SPACE.sub(" ", text).strip()
        if text:
            found.append(text)
    return found


def _catalogue_paths():
    site = Path(translation.__file__).resolve().parents[3]  # site-packages
    roots = [site / "django", site / "wagtail", site / "wagtail_localize", site / "oauth2_provider"]
    for root in roots:
        yield from root.glob("**/locale/en/LC_MESSAGES/django.po")
    base = Path(settings.BASE_DIR)
    yield from base.glob("*/locale/en/LC_MESSAGES/django.po")


def _is_word(msgid):
    return len(re.findall(r"[A-Za-z]", msgid)) >= 2 and msgid not in NOT_ENGLISH and "%" not in msgid


def untranslated_msgids():
    """The msgids that ``gettext`` under ``vi`` leaves in English."""
    msgids = set()
    for path in _catalogue_paths():
        for entry in polib.pofile(str(path)):
            if entry.obsolete:
                continue
            if _is_word(entry.msgid):
                msgids.add((entry.msgctxt, entry.msgid, entry.msgid_plural or None))
    english = set()
    with translation.override("vi"):
        for context, msgid, plural in msgids:
            if plural:
                if translation.ngettext(msgid, plural, 1) == msgid:
                    english.update({msgid, plural})
            elif context:
                if translation.pgettext(context, msgid) == msgid and translation.gettext(msgid) == msgid:
                    english.add(msgid)
            elif translation.gettext(msgid) == msgid:
                english.add(msgid)
    return english


PLACEHOLDER = re.compile(r"%\(\w+\)[sdr]|%[sd]|\{\w*\}")


def _pattern_words(msgid):
    """Letters outside the placeholders: a msgid made only of placeholders matches anything."""
    return len(re.findall(r"[A-Za-z]", PLACEHOLDER.sub("", msgid)))


def untranslated_patterns(language="vi"):
    """Regular expressions for the msgids with placeholders that ``gettext`` under ``language``
    leaves in English (HTML-free ones: a text node is compared whole)."""
    msgids = set()
    for path in _catalogue_paths():
        for entry in polib.pofile(str(path)):
            if entry.obsolete or "<" in entry.msgid:
                continue
            for msgid in filter(None, (entry.msgid, entry.msgid_plural)):
                if PLACEHOLDER.search(msgid) and _pattern_words(msgid) >= 6 and msgid not in NOT_ENGLISH:
                    msgids.add((entry.msgctxt, entry.msgid, entry.msgid_plural or None, msgid))
    patterns = {}
    with translation.override(language):
        for context, msgid, plural, text in msgids:
            if plural:
                english = translation.ngettext(msgid, plural, 2) in (msgid, plural)
            elif context:
                english = translation.pgettext(context, msgid) == msgid
            else:
                english = translation.gettext(msgid) == msgid
            if english:
                parts = PLACEHOLDER.split(text)
                patterns[text] = re.compile(".+?".join(re.escape(" ".join(part.split())) for part in parts))
    return patterns
