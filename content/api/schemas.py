"""Pydantic (ninja) schemas shared by every /api/v1/ router.

Reuse them rather than redefining: ``ImageOut`` for any image, ``ErrorOut`` for
4xx responses, ``LocaleMarkers`` (mixed into every page schema) so the app can
say "not yet translated", ``list_of(Item)`` for the paginated list envelope, and
the payloads of the kernel's blocks (``content.api.blocks`` types StreamFields).
"""

from datetime import date, datetime
from typing import Literal

from ninja import Schema
from pydantic import Field, create_model


class ErrorOut(Schema):
    code: str = Field(description="Machine-readable error code, e.g. 'not_found', 'unknown_locale'.")
    message: str = Field(description="Human message in the requested language (vi or en).")
    detail: list | dict | None = None


class LocaleMarkers(Schema):
    """Which translation was served: differs from the request on fallback."""

    requested_locale: str
    served_locale: str
    is_fallback: bool = Field(description="True when the requested language has no translation yet.")


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
    placeholder: str = Field(description="Tiny blurred preview as a data: URI (a few hundred bytes).")
    renditions: list[RenditionOut] = Field(
        description="Fixed widths in WebP and JPEG; pick the smallest that fits."
    )


class NarrationOut(Schema):
    """One narration of a page (``content.speech``): a person's recording or the
    generated machine voice, MP3 mono for slow networks."""

    url: str = Field(description="Absolute URL of the file.")
    language: str = Field(description="Language spoken (may differ from the page text's).")
    duration_seconds: float
    bytes: int
    kind: Literal["recorded", "generated"] = Field(description="'generated' is a machine voice.")
    mime: str = "audio/mpeg"
    voice: str = Field("", description="The synthesiser voice of a generated file.")
    cues: dict[str, list[float]] = Field(
        default_factory=dict,
        description="Parts that can be played alone: {key: [start, end]} in seconds; a quiz "
        "question's id, and '<question id>:<option index>' for its options.",
    )
    demonstration: bool = Field(
        False, description="A sample made for a demonstration (e.g. synthesised), not a real speaker."
    )
    note: str = Field("", description="Who speaks, or the recording's note.")


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
    api_url: str | None = Field(None, description="Absolute /api/v1/ URL of the page, if it has one.")


# Each block's payload; ``content.api.blocks`` adds ``type`` (the block's name in
# its StreamField, the discriminator) and ``id`` in front.


class ParagraphOut(Schema):
    html: str = Field(description="Rich text as HTML; internal links carry data-page-id and data-api-url.")
    links: list[LinkOut] = []


class HeadingOut(Schema):
    text: str


class ImageItemOut(Schema):
    image: ImageOut | None
    caption: str = ""
    alt: str = ""


class GalleryOut(Schema):
    title: str = ""
    images: list[ImageItemOut]


class AudioOut(Schema):
    title: str
    audio: DocumentOut | None
    transcript: str = ""
    language: str = ""


class VideoOut(Schema):
    url: str
    caption: str = ""


class QuoteOut(Schema):
    text: str
    attribution: str = ""


class FactOut(Schema):
    label: str
    value: str


class FactBoxOut(Schema):
    title: str
    facts: list[FactOut]


class MapPointOut(Schema):
    label: str
    latitude: float
    longitude: float


class DocumentItemOut(Schema):
    title: str = ""
    document: DocumentOut | None


class SourceOut(Schema):
    title: str
    url: str = ""
    publisher: str = ""
    accessed: date | None = None


# ---------------------------------------------------------------------------
# Administrative units and references to other pages
# ---------------------------------------------------------------------------


class UnitRef(Schema):
    code: str
    name: str
    level: str


class UnitOut(UnitRef):
    """A unit as a page was written with it, and what it is now if it has ended."""

    is_current: bool
    current: list[UnitRef]


class PageRef(Schema):
    id: int
    title: str
    served_locale: str
    url: str
    api_url: str | None


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
