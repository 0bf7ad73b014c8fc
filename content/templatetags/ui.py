"""The site's small design system in templates: inline icons and form fields.

Icons are Lucide SVGs (content/icons/, ISC) inlined so they cost no request and take
the text colour; they are decoration, hidden from screen readers, always beside words.
A form field is rendered the one way every visitor form uses (sign-in, sign-up,
consultation, search): label, help, and an error that is not told by colour alone
(icon + text), tied to the input by ``aria-describedby`` with ``aria-invalid`` set.
"""

import re
from functools import cache
from pathlib import Path

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()

ICONS = Path(__file__).resolve().parents[1] / "icons"
_NAME = re.compile(r"^[a-z0-9-]+$")


@cache
def _svg(name: str) -> str:
    if not _NAME.match(name) or not (ICONS / f"{name}.svg").is_file():
        raise template.TemplateSyntaxError(f"no icon {name!r} in {ICONS}")
    text = (ICONS / f"{name}.svg").read_text(encoding="utf-8")
    text = re.sub(r"<!--.*?-->", "", text, flags=re.S)
    text = re.sub(r"\s+", " ", text).replace("> <", "><").strip()
    text = re.sub(r'\s(class|width|height)="[^"]*"', "", text)
    return text.replace("<svg ", '<svg class="icon" aria-hidden="true" focusable="false" ', 1)


@register.simple_tag
def icon(name):
    """``{% icon "search" %}``: the Lucide icon inline, 1em square, currentColor."""
    return mark_safe(_svg(name))


@register.inclusion_tag("content/includes/form_field.html")
def form_field(field, **attrs):
    """``{% form_field form.username %}``: label, input, help and error, linked.

    Extra keyword arguments become attributes of the input (``autocomplete="…"``)."""
    described = []
    if field.help_text:
        described.append(f"{field.auto_id}-help")
    if field.errors:
        described.append(f"{field.auto_id}-error")
    widget_attrs = dict(attrs)
    if described:
        widget_attrs["aria-describedby"] = " ".join(described)
    if field.errors:
        widget_attrs["aria-invalid"] = "true"
    return {"field": field, "widget": field.as_widget(attrs=widget_attrs), "error_icon": icon("circle-alert")}


@register.simple_tag
def field_error(message, error_id=""):
    """An error message outside a field (a form's own errors), same look as a field's."""
    return format_html(
        '<p class="field-error"{}>{} <span>{}</span></p>',
        format_html(' id="{}"', error_id) if error_id else "",
        icon("circle-alert"),
        message,
    )
