"""``{% page_narration page %}``: the player of a page's narration, one partial for
lessons, heritage pages, policies and community articles.

It works without JavaScript (``<audio controls preload="none">``: nothing is
downloaded before the listener asks); ``content/narration.js`` adds ±10 s, speed
and the remembered position. The label says how long and how heavy the file is
before anyone presses play ("Nghe · 2 phút · 0,5 MB"), and a generated file says
it is a machine voice.
"""

import math

from django import template
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from content.locales import LANGUAGE_INFO
from content.narration import items

register = template.Library()

SPEEDS = ("0.75", "1", "1.25", "1.5")


def duration_label(seconds):
    if seconds < 60:
        return _("%(n)s sec") % {"n": max(1, round(seconds))}
    return _("%(n)s min") % {"n": max(1, round(seconds / 60))}


def size_label(size):
    megabytes = max(0.1, math.ceil(size / 100_000) / 10)
    return _("%(size)s MB") % {"size": number_format(megabytes, 1)}


def language_name(code):
    """The language's name in the words of the interface (English or Vietnamese), as
    it reads inside a sentence ("tiếng Ba Na")."""
    info = LANGUAGE_INFO.get(code) or {}
    if get_language() == "en":
        return info.get("name_en") or code
    name = info.get("name_vi") or code
    return name[:1].lower() + name[1:]


def language_notice(audio, text):
    """The notice "Listen in Bahnar · text in Vietnamese" ("Nghe bằng tiếng Ba Na · chữ bằng tiếng Việt")."""
    names = {"audio": language_name(audio), "text": language_name(text)}
    return _("Listen in %(audio)s · text in %(text)s") % names


@register.inclusion_tag("content/includes/narration.html", takes_context=True)
def page_narration(context, page):
    language = page.locale.language_code
    players = []
    # What is spoken in the reader's language first (a Bahnar reader on a page whose text
    # falls back to Vietnamese hears the Bahnar recording first).
    for index, item in enumerate(items(page, first_language=get_language())):
        parts = [_("Listen")]
        if item["duration_seconds"]:
            parts.append(duration_label(item["duration_seconds"]))
        if item["bytes"]:
            parts.append(size_label(item["bytes"]))
        other_language = item["language"] != language
        players.append(
            {
                **item,
                "label": " · ".join(parts),
                "generated": item["kind"] == "generated",
                "other_language": other_language,
                "language_notice": language_notice(item["language"], language),
                "demonstration": item.get("demonstration", False),
                "note": item.get("note", ""),
                "key": f"{page.pk}:{item['language']}:{index}",
            }
        )
    speeds = [(rate, number_format(float(rate), len(rate.partition(".")[2]))) for rate in SPEEDS]
    return {"players": players, "page": page, "speeds": speeds}


@register.simple_tag
def narration_cues(page):
    """``{"url": …, "cues": {…}}`` of the page's generated narration when it is the one the
    player shows (no recording in its language), else ``None``: for ``cue_button``."""
    for item in items(page):
        if item["language"] == page.locale.language_code:
            return {"url": item["url"], "cues": item.get("cues") or {}} if item["kind"] == "generated" else None
    return None


@register.simple_tag
def cue_button(cues, key, index=None, text=""):
    """A small "Listen" button that plays one part of the page's narration (a quiz question,
    or with ``index`` one of its options); nothing without a cue. Hidden until
    ``narration.js`` shows it: without the script there is the whole narration."""
    if not cues:
        return ""
    key = f"{key}:{index}" if index is not None else str(key)
    cue = cues["cues"].get(key)
    if not cue:
        return ""
    context = format_html('<span class="visually-hidden">: {}</span>', text) if text else ""
    return format_html(
        '<button type="button" class="narration-cue" hidden data-cue-src="{}" data-cue-start="{}" '
        'data-cue-end="{}">{}{}</button>',
        cues["url"],
        cue[0],
        cue[1],
        _("Listen"),
        context,
    )
