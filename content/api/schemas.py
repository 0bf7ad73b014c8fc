"""Pydantic (ninja) schemas shared by every /api/v1/ router.

Reuse them rather than redefining: ``ImageOut`` for any image, ``ErrorOut`` for
4xx responses, ``LocaleMarkers`` (mixed into every page schema) so the app can
say "not yet translated", ``list_of(Item)`` for the paginated list envelope and
``BodyBlock`` for a typed StreamField body (one schema per block type,
discriminated by ``type``).
"""

from datetime import date, datetime
from typing import Annotated, Literal, Union

from ninja import Schema
from pydantic import Field, create_model


class ErrorOut(Schema):
    code: str = Field(
        description="Machine-readable error code, e.g. 'not_found', 'unknown_locale'."
    )
    message: str = Field(description="Human message in the requested language (vi or en).")
    detail: list | dict | None = None


class LocaleMarkers(Schema):
    """Which translation was served: differs from the request on fallback."""

    requested_locale: str
    served_locale: str
    is_fallback: bool = Field(
        description="True when the requested language has no translation yet."
    )


# ---------------------------------------------------------------------------
# Images and documents
# ---------------------------------------------------------------------------


class RenditionOut(Schema):
    url: str = Field(description="Absolute URL.")
    width: int
    height: int
    format: Literal["webp", "jpeg"]


class ImageOut(Schema):
    id: int
    title: str
    alt: str
    credit: str
    licence: str = Field(description="Licence code, e.g. CC-BY-4.0 or InC-EDU.")
    licence_url: str
    width: int
    height: int
    placeholder: str = Field(
        description="Tiny blurred preview as a data: URI (a few hundred bytes)."
    )
    renditions: list[RenditionOut] = Field(
        description="Fixed widths in WebP and JPEG; pick the smallest that fits."
    )


class DocumentOut(Schema):
    id: int
    title: str
    url: str = Field(description="Absolute URL of the file.")
    file_size: int | None = None
    content_type: str = ""


# ---------------------------------------------------------------------------
# StreamField blocks: one schema per type, discriminated by ``type``
# ---------------------------------------------------------------------------


class LinkOut(Schema):
    page_id: int
    url: str = Field(description="Absolute site URL of the linked page.")
    api_url: str | None = Field(
        None, description="Absolute /api/v1/ URL of the page, if it has one."
    )


class ParagraphBlockOut(Schema):
    type: Literal["paragraph"]
    id: str
    html: str = Field(
        description="Rich text as HTML; internal links carry data-page-id and data-api-url."
    )
    links: list[LinkOut] = []


class HeadingBlockOut(Schema):
    type: Literal["heading"]
    id: str
    text: str


class ImageItemOut(Schema):
    image: ImageOut | None
    caption: str = ""
    alt: str = ""


class ImageBlockOut(ImageItemOut):
    type: Literal["image"]
    id: str


class GalleryBlockOut(Schema):
    type: Literal["gallery"]
    id: str
    title: str = ""
    images: list[ImageItemOut]


class AudioBlockOut(Schema):
    type: Literal["audio"]
    id: str
    title: str
    audio: DocumentOut | None
    transcript: str = ""
    language: str = ""


class VideoBlockOut(Schema):
    type: Literal["video"]
    id: str
    url: str
    caption: str = ""


class QuoteBlockOut(Schema):
    type: Literal["quote"]
    id: str
    text: str
    attribution: str = ""


class FactOut(Schema):
    label: str
    value: str


class FactBoxBlockOut(Schema):
    type: Literal["fact_box"]
    id: str
    title: str
    facts: list[FactOut]


class MapPointBlockOut(Schema):
    type: Literal["map_point"]
    id: str
    label: str
    latitude: float
    longitude: float


class DocumentBlockOut(Schema):
    type: Literal["document"]
    id: str
    title: str = ""
    document: DocumentOut | None


class SourceBlockOut(Schema):
    type: Literal["source"]
    id: str
    title: str
    url: str = ""
    publisher: str = ""
    accessed: date | None = None


BODY_BLOCK_SCHEMAS = [
    ParagraphBlockOut,
    HeadingBlockOut,
    ImageBlockOut,
    GalleryBlockOut,
    AudioBlockOut,
    VideoBlockOut,
    QuoteBlockOut,
    FactBoxBlockOut,
    MapPointBlockOut,
    DocumentBlockOut,
]


def block_union(*schemas):
    """A discriminated union type of block schemas (each with a ``type`` Literal).

    Apps with extra blocks build their own: ``block_union(*BODY_BLOCK_SCHEMAS, MyBlockOut)``.
    """
    if len(schemas) == 1:
        return schemas[0]
    return Annotated[Union[tuple(schemas)], Field(discriminator="type")]  # noqa: UP007


BodyBlock = block_union(*BODY_BLOCK_SCHEMAS)
SourceBlock = SourceBlockOut


# ---------------------------------------------------------------------------
# Pages
# ---------------------------------------------------------------------------


class PageSummaryOut(LocaleMarkers):
    """What every list item of a page type has."""

    id: int = Field(description="Id of the served translation.")
    translation_key: str = Field(description="Same for all translations of one page.")
    content_type: str = Field(description="e.g. 'heritage.story'.")
    title: str
    slug: str
    summary: str
    hero_image: ImageOut | None
    url: str = Field(description="Absolute URL on the public site.")
    api_url: str = Field(description="Absolute URL of the detail endpoint.")
    first_published_at: datetime | None
    last_published_at: datetime | None


def list_of(item_schema, name=None):
    """The paginated list envelope around ``item_schema``."""
    return create_model(
        name or f"{item_schema.__name__.removesuffix('Out')}List",
        __base__=Schema,
        count=(int, Field(description="Items matching the filters, all pages.")),
        limit=(int, ...),
        offset=(int, ...),
        next=(str | None, None),
        previous=(str | None, None),
        requested_locale=(str, ...),
        results=(list[item_schema], ...),
    )
