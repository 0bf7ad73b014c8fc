"""Template helpers of the heritage pages: JSON-LD, unit history, localized links."""

from django import template
from django.utils import translation

from content.jsonld import script
from content.locales import translations_for
from content.public import public_pages

register = template.Library()


@register.simple_tag(takes_context=True)
def jsonld(context, obj=None):
    """``<script type="application/ld+json">`` for ``obj`` (default: the page)."""
    obj = obj or context.get("page")
    if obj is None or not hasattr(obj, "jsonld"):
        return ""
    return script(obj.jsonld(context.get("request")))


@register.simple_tag
def unit_history(chain):
    """Names of a unit and its parents, plus what the ended ones are now.

    ``{"names": [...], "formerly": [...], "now": [...]}`` from ``unit_chain``.
    """
    names, formerly, now = [], [], []
    for link in chain:
        names.append(link["unit"].name)
        if link["current"]:
            formerly.append(link["unit"].name)
            for unit in link["current"]:
                if unit.name not in now:
                    now.append(unit.name)
    return {"names": names, "formerly": formerly, "now": now}


@register.simple_tag
def area_histories(chains):
    """The ``unit_history`` of each area, and what they all are now when that is the same.

    Seven areas of old Bình Định all ended in Gia Lai: the list then names each area once
    and says "now Gia Lai" once under it (``shared_now``), instead of on every line.
    """
    items = [unit_history(chain) for chain in chains]
    nows = {tuple(item["now"]) for item in items if item["formerly"]}
    shared = list(nows.pop()) if len(nows) == 1 and len(items) > 1 else []
    return {"items": items, "shared_now": shared}


@register.simple_tag
def localized(pages):
    """The visitor's translations of linked pages (e.g. a festival's groups), one query."""
    return translations_for(list(pages), translation.get_language(), public_pages)


@register.filter
def vnd(value):
    """12000 → '12.000 ₫' (Vietnamese digit grouping)."""
    if value in (None, ""):
        return ""
    return f"{int(value):,}".replace(",", ".") + " ₫"


@register.simple_tag
def locator(lat, lon, width=240, height=240):
    """Where a point lies inside the former Bình Định province box (no tiles needed)."""
    south, north, west, east = 13.45, 14.75, 108.55, 109.35
    x = (float(lon) - west) / (east - west) * width
    y = (north - float(lat)) / (north - south) * height
    return {
        "x": round(min(max(x, 4), width - 4), 1),
        "y": round(min(max(y, 4), height - 4), 1),
        "width": width,
        "height": height,
    }


@register.simple_tag
def approximate_note(commune_name):
    """The words beside a marker placed at a commune's centre (``PlacePage.coordinates``)."""
    from ..models.pages import approximate_note as note

    return note(commune_name)
