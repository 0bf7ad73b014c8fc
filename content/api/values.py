"""Values shared by the page types' ``api_fields``: units, references to pages."""

from .blocks import rich_text


def html(value, ctx):
    """Rich text (or a RichText value) as HTML with page links resolved."""
    return rich_text(value, ctx)[0] if value else ""


def unit_ref(unit):
    return None if unit is None else {"code": unit.code, "name": unit.name, "level": unit.level}


def unit_with_history(unit):
    """``UnitOut``: the unit, and the unit(s) in force today if it has ended."""
    if unit is None:
        return None
    current = [] if unit.is_current else [unit_ref(u) for u in unit.current_units()]
    return {**unit_ref(unit), "is_current": unit.is_current, "current": current}


def page_ref(page, ctx):
    """``PageRef``: a short reference to another page (the translation the reader gets)."""
    return {
        "id": page.pk,
        "title": page.title,
        "served_locale": page.locale.language_code,
        "url": ctx.page_url(page),
        "api_url": ctx.api_url(page),
    }
