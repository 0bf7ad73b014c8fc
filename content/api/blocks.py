"""StreamField values → the typed block schemas of ``content.api.schemas``.

Each block type has a serializer in ``BLOCK_SERIALIZERS`` (name → function
``(value, block_id, ctx) -> dict``). Apps with their own blocks register one with
``register_block`` and add the schema to their ``block_union``; a block without a
serializer is left out rather than sent untyped.
"""

import re

from django.utils.html import escape
from wagtail.images.models import AbstractImage
from wagtail.models import Page
from wagtail.rich_text import expand_db_html
from wagtail.rich_text.rewriters import extract_attrs

from .images import document_data
from ..public import public_pages

FIND_A_TAG = re.compile(r"<a(\b[^>]*)>")
BLOCK_SERIALIZERS = {}


def register_block(name):
    def decorator(fn):
        BLOCK_SERIALIZERS[name] = fn
        return fn

    return decorator


def collect_image_ids(value, found=None):
    """Ids of every image inside a (nested) block value, to load them in one go."""
    found = set() if found is None else found
    if isinstance(value, AbstractImage):
        found.add(value.pk)
    elif hasattr(value, "items") and callable(value.items):  # StructValue / dict
        for child in value.values():
            collect_image_ids(child, found)
    elif isinstance(value, (list, tuple)) or hasattr(value, "raw_data"):
        for child in value:
            collect_image_ids(getattr(child, "value", child), found)
    return found


def serialize_stream(stream, ctx):
    """A StreamValue as a list of block dicts (unknown block types are skipped)."""
    if not stream:
        return []
    ctx.images.load(collect_image_ids(stream))
    out = []
    for child in stream:
        fn = BLOCK_SERIALIZERS.get(child.block_type)
        if fn is not None:
            out.append(
                {"type": child.block_type, "id": str(child.id or ""), **fn(child.value, ctx)}
            )
    return out


def rich_text(html, ctx):
    """DB rich text → HTML with page links resolved to site and API URLs.

    Links to pages the public may not see keep their text and lose their href.
    """
    html = str(getattr(html, "source", html) or "")
    page_ids = []
    for match in FIND_A_TAG.finditer(html):
        attrs = extract_attrs(match.group(1))
        if attrs.get("linktype") == "page" and attrs.get("id", "").isdigit():
            page_ids.append(int(attrs["id"]))
    targets = {}
    if page_ids:
        for page in public_pages(Page.objects.filter(pk__in=page_ids)).specific():
            targets[page.pk] = page
    links = []

    def replace(match):
        attrs = extract_attrs(match.group(1))
        if attrs.get("linktype") != "page":
            return match.group(0)
        page = targets.get(int(attrs["id"])) if attrs.get("id", "").isdigit() else None
        if page is None:
            return "<a>"
        url = page.get_full_url(ctx.request) or ""
        api_url = ctx.api_url(page)
        links.append({"page_id": page.pk, "url": url, "api_url": api_url})
        extra = f' data-api-url="{escape(api_url)}"' if api_url else ""
        return f'<a href="{escape(url)}" data-page-id="{page.pk}"{extra}>'

    html = FIND_A_TAG.sub(replace, html)
    return expand_db_html(html), links


def _image_item(value, ctx):
    image = value.get("image")
    return {
        "image": ctx.images.serialize(image),
        "caption": value.get("caption") or "",
        "alt": value.get("alt") or (image.default_alt_text if image else ""),
    }


@register_block("paragraph")
def _paragraph(value, ctx):
    html, links = rich_text(value, ctx)
    return {"html": html, "links": links}


@register_block("heading")
def _heading(value, ctx):
    return {"text": str(value)}


@register_block("image")
def _image(value, ctx):
    return _image_item(value, ctx)


@register_block("gallery")
def _gallery(value, ctx):
    return {
        "title": value.get("title") or "",
        "images": [_image_item(item, ctx) for item in value.get("images") or []],
    }


@register_block("audio")
def _audio(value, ctx):
    return {
        "title": value.get("title") or "",
        "audio": document_data(ctx.request, value.get("audio")),
        "transcript": value.get("transcript") or "",
        "language": value.get("language") or "",
    }


@register_block("video")
def _video(value, ctx):
    video = value.get("video")
    return {
        "url": getattr(video, "url", None) or str(video or ""),
        "caption": value.get("caption") or "",
    }


@register_block("quote")
def _quote(value, ctx):
    return {"text": value.get("text") or "", "attribution": value.get("attribution") or ""}


@register_block("fact_box")
def _fact_box(value, ctx):
    return {
        "title": value.get("title") or "",
        "facts": [
            {"label": f.get("label") or "", "value": f.get("value") or ""}
            for f in value.get("facts") or []
        ],
    }


@register_block("map_point")
def _map_point(value, ctx):
    return {
        "label": value.get("label") or "",
        "latitude": float(value.get("latitude") or 0),
        "longitude": float(value.get("longitude") or 0),
    }


@register_block("document")
def _document(value, ctx):
    return {
        "title": value.get("title") or "",
        "document": document_data(ctx.request, value.get("document")),
    }


@register_block("source")
def _source(value, ctx):
    return {
        "title": value.get("title") or "",
        "url": value.get("url") or "",
        "publisher": value.get("publisher") or "",
        "accessed": value.get("accessed"),
    }
