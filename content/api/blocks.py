"""StreamField values as typed blocks: how each block class appears in /api/v1/.

A block class is registered once with its payload schema and a function
``(value, ctx) -> dict``::

    @register_block(QuizBlock, QuizOut)
    def _quiz(value, ctx): ...

Lookups follow the class hierarchy, so a subclass is covered by its base, and a
block appears the same way whatever name a StreamField gives it. A StreamField's
schema is generated from its own blocks (``stream_schema``): a discriminated
union on ``type`` (the block's name in that field). A block class that is not
registered is left out of the API rather than sent untyped; a block that holds
what must never leave the server (a quiz's answers) says so in its own class
(``get_api_representation`` for Wagtail's /api/v2/, its registered function here).
"""

import re
from functools import cache
from typing import Annotated, Literal, Union

from django.utils.html import escape
from pydantic import Field, create_model
from wagtail import blocks
from wagtail.images.models import AbstractImage
from wagtail.models import Page
from wagtail.rich_text import expand_db_html
from wagtail.rich_text.rewriters import extract_attrs

from ..blocks import (
    AudioBlock,
    DocumentBlock,
    FactBoxBlock,
    GalleryBlock,
    ImageBlock,
    MapPointBlock,
    QuoteBlock,
    SourceBlock,
    VideoBlock,
)
from ..public import public_pages
from . import schemas as s
from .images import document_data

FIND_A_TAG = re.compile(r"<a(\b[^>]*)>")
BLOCK_TYPES = {}  # block class → (payload schema, function)


def register_block(block_class, schema):
    """Declare how blocks of ``block_class`` (and its subclasses) appear in the API."""

    def decorator(fn):
        BLOCK_TYPES[block_class] = (schema, fn)
        return fn

    return decorator


def block_api(block):
    """``(payload schema, function)`` for a block instance, or None (not in the API)."""
    for cls in type(block).__mro__:
        if cls in BLOCK_TYPES:
            return BLOCK_TYPES[cls]
    return None


def _camel(name):
    return "".join(part.capitalize() for part in name.split("_"))


@cache
def block_schema(name, payload):
    """The schema of a block named ``name`` with ``payload``: ``type`` and ``id`` first."""
    fields = {"type": (Literal[name], ...), "id": (str, ...)}
    fields.update({key: (info.annotation, info) for key, info in payload.model_fields.items()})
    return create_model(f"{_camel(name)}BlockOut", __base__=s.Schema, **fields)


def stream_schema(stream_block):
    """The item type of a StreamField's API list: its registered blocks, discriminated by ``type``."""
    schemas = []
    for name, child in stream_block.child_blocks.items():
        found = block_api(child)
        if found is not None:
            schemas.append(block_schema(name, found[0]))
    if len(schemas) == 1:
        return schemas[0]
    return Annotated[Union[tuple(schemas)], Field(discriminator="type")]  # noqa: UP007


def collect_image_ids(value, found=None):
    """Ids of every image inside a (nested) block value, to load them in one go."""
    found = set() if found is None else found
    if isinstance(value, AbstractImage):
        found.add(value.pk)
    elif hasattr(value, "items") and callable(value.items):  # StructValue / dict
        for child in value.values():
            collect_image_ids(child, found)
    elif isinstance(value, list | tuple) or hasattr(value, "raw_data"):
        for child in value:
            collect_image_ids(getattr(child, "value", child), found)
    return found


def serialize_stream(stream, ctx):
    """A StreamValue as a list of block dicts (blocks without an API are skipped)."""
    if not stream:
        return []
    ctx.images.load(collect_image_ids(stream))
    out = []
    for child in stream:
        found = block_api(child.block)
        if found is not None:
            out.append({"type": child.block_type, "id": str(child.id or ""), **found[1](child.value, ctx)})
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
        url = ctx.page_url(page)
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


@register_block(blocks.RichTextBlock, s.ParagraphOut)
def _paragraph(value, ctx):
    html, links = rich_text(value, ctx)
    return {"html": html, "links": links}


@register_block(blocks.CharBlock, s.HeadingOut)
def _heading(value, ctx):
    return {"text": str(value)}


@register_block(ImageBlock, s.ImageItemOut)
def _image(value, ctx):
    return _image_item(value, ctx)


@register_block(GalleryBlock, s.GalleryOut)
def _gallery(value, ctx):
    return {
        "title": value.get("title") or "",
        "images": [_image_item(item, ctx) for item in value.get("images") or []],
    }


@register_block(AudioBlock, s.AudioOut)
def _audio(value, ctx):
    return {
        "title": value.get("title") or "",
        "audio": document_data(ctx.base_url, value.get("audio")),
        "transcript": value.get("transcript") or "",
        "language": value.get("language") or "",
    }


@register_block(VideoBlock, s.VideoOut)
def _video(value, ctx):
    video = value.get("video")
    return {"url": getattr(video, "url", None) or str(video or ""), "caption": value.get("caption") or ""}


@register_block(QuoteBlock, s.QuoteOut)
def _quote(value, ctx):
    return {"text": value.get("text") or "", "attribution": value.get("attribution") or ""}


@register_block(FactBoxBlock, s.FactBoxOut)
def _fact_box(value, ctx):
    return {
        "title": value.get("title") or "",
        "facts": [
            {"label": f.get("label") or "", "value": f.get("value") or ""} for f in value.get("facts") or []
        ],
    }


@register_block(MapPointBlock, s.MapPointOut)
def _map_point(value, ctx):
    return {
        "label": value.get("label") or "",
        "latitude": float(value.get("latitude") or 0),
        "longitude": float(value.get("longitude") or 0),
    }


@register_block(DocumentBlock, s.DocumentItemOut)
def _document(value, ctx):
    return {"title": value.get("title") or "", "document": document_data(ctx.base_url, value.get("document"))}


@register_block(SourceBlock, s.SourceOut)
def _source(value, ctx):
    return {
        "title": value.get("title") or "",
        "url": value.get("url") or "",
        "publisher": value.get("publisher") or "",
        "accessed": value.get("accessed"),
    }
