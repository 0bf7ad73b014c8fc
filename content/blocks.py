"""StreamField blocks shared by every page type.

Apps build their bodies from these blocks (``BODY_BLOCKS`` is the common set),
so the site templates and the API schemas know one vocabulary. Apps add blocks of
their own to that common set through the seam ``content.seams.BODY_BLOCKS`` (the
statistics app's indicator figure), without the kernel importing them.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

from . import seams


class ImageBlock(blocks.StructBlock):
    """An image with caption; credit and licence come from the image itself."""

    image = ImageChooserBlock(label=_("Image"))
    caption = blocks.CharBlock(required=False, max_length=255, label=_("Caption"))
    alt = blocks.CharBlock(
        required=False,
        max_length=255,
        label=_("Alt text"),
        help_text=_("Describe the image for people who cannot see it; empty uses the image's own."),
    )

    class Meta:
        icon = "image"
        template = "content/blocks/image.html"


class GalleryBlock(blocks.StructBlock):
    title = blocks.CharBlock(required=False, max_length=255, label=_("Title"))
    images = blocks.ListBlock(ImageBlock(), label=_("Images"))

    class Meta:
        icon = "image"
        template = "content/blocks/gallery.html"


class AudioBlock(blocks.StructBlock):
    """Narration or a recording (gongs, songs), always with a transcript."""

    title = blocks.CharBlock(max_length=255, label=_("Title"))
    audio = DocumentChooserBlock(label=_("Audio file"), help_text=_("MP3, OGG or M4A."))
    transcript = blocks.TextBlock(
        required=False,
        label=_("Transcript"),
        help_text=_("What is said or sung, for people who cannot listen."),
    )
    language = blocks.CharBlock(required=False, max_length=8, label=_("Language code"))

    class Meta:
        icon = "media"
        template = "content/blocks/audio.html"


class VideoBlock(blocks.StructBlock):
    video = EmbedBlock(label=_("Video URL"))
    caption = blocks.CharBlock(required=False, max_length=255, label=_("Caption"))

    class Meta:
        icon = "media"
        template = "content/blocks/video.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(required=False, max_length=255, label=_("Who said it"))

    class Meta:
        icon = "openquote"
        template = "content/blocks/quote.html"


class FactBoxBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=255, label=_("Title"))
    facts = blocks.ListBlock(
        blocks.StructBlock(
            [
                ("label", blocks.CharBlock(max_length=120, label=_("Label"))),
                ("value", blocks.CharBlock(max_length=255, label=_("Value"))),
            ]
        ),
        label=_("Facts"),
    )

    class Meta:
        icon = "list-ul"
        template = "content/blocks/fact_box.html"


class MapPointBlock(blocks.StructBlock):
    label = blocks.CharBlock(max_length=255, label=_("Label"))
    latitude = blocks.DecimalBlock(min_value=-90, max_value=90, decimal_places=6, label=_("Latitude"))
    longitude = blocks.DecimalBlock(min_value=-180, max_value=180, decimal_places=6, label=_("Longitude"))

    class Meta:
        icon = "site"
        template = "content/blocks/map_point.html"


class SourceBlock(blocks.StructBlock):
    """A citation: every factual page lists at least one."""

    title = blocks.CharBlock(max_length=500, label=_("Title"))
    url = blocks.URLBlock(required=False, label=_("Address (URL)"))
    publisher = blocks.CharBlock(required=False, max_length=255, label=_("Publisher"))
    accessed = blocks.DateBlock(required=False, label=_("Accessed on"))

    class Meta:
        icon = "link"
        template = "content/blocks/source.html"


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(required=False, max_length=255, label=_("Title"))

    class Meta:
        icon = "doc-full"
        template = "content/blocks/document.html"


RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]


class BodyBlocks:
    """The shared body's blocks: the kernel's own, then the ones apps add through
    ``seams.BODY_BLOCKS``. Wagtail's StreamField reads its block list only when it first
    builds its block (``StreamField.stream_block``, after every app is ready), so the apps'
    blocks are asked for then, not when the models are defined. ``BODY_BLOCKS + [...]``
    (a lesson's body) stays lazy the same way."""

    def __init__(self, own):
        self.own = list(own)

    def __iter__(self):
        return iter(self.own + seams.extra_body_blocks())

    def __add__(self, other):
        return BodyBlocks(self.own + list(other))


BODY_BLOCKS = BodyBlocks(
    [
        ("paragraph", blocks.RichTextBlock(features=RICH_TEXT_FEATURES, label=_("Paragraph"))),
        (
            "heading",
            blocks.CharBlock(
                max_length=255, form_classname="title", label=_("Heading"), template="content/blocks/heading.html"
            ),
        ),
        ("image", ImageBlock()),
        ("gallery", GalleryBlock()),
        ("audio", AudioBlock()),
        ("video", VideoBlock()),
        ("quote", QuoteBlock()),
        ("fact_box", FactBoxBlock()),
        ("map_point", MapPointBlock()),
        ("document", DocumentBlock()),
    ]
)

SOURCE_BLOCKS = [("source", SourceBlock())]
