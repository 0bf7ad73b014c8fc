"""What of a page is read aloud: titles, summaries, introductions, paragraphs, quiz
questions and their options; never code, tables, URLs, answers or feedback.

A page type says which of its fields are narrated with ``narration_fields`` (a
tuple of field names after the title and summary, in reading order; empty means
the type has no generated narration). Each field is read by its kind: plain text,
rich text (headings and paragraphs, links as their words, ``<code>``, ``<pre>`` and
tables dropped), or a StreamField walked block by block, where text and rich-text
blocks are read, struct, list and stream blocks are walked, and everything else
(choosers, URLs, embeds, numbers, choices, booleans, raw HTML) is skipped, as are
the blocks and children named in ``SKIPPED_NAMES`` (a quiz's feedback would give
the answer away; an audio block speaks for itself).
"""

import hashlib
from html.parser import HTMLParser

from wagtail import blocks
from wagtail.fields import RichTextField, StreamField
from wagtail.rich_text import RichText

SKIPPED_NAMES = frozenset(
    {
        "code",
        "table",
        "typed_table",
        "raw_html",
        "embed",
        "video",
        "audio",
        "map_point",
        "document",
        "source",
        "sources",
        "url",
        "alt",
        "feedback_correct",
        "feedback_wrong",
        "correct",
        "language",
    }
)
READ_BLOCKS = (blocks.CharBlock, blocks.TextBlock)
SKIPPED_TAGS = frozenset({"code", "pre", "table", "script", "style", "kbd", "samp"})
BREAK_TAGS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "br", "div", "blockquote"})
END_PUNCTUATION = ".!?…:;"


class _TextOf(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.current, self.skipping = [], [], 0

    def handle_starttag(self, tag, attrs):
        if tag in SKIPPED_TAGS:
            self.skipping += 1
        elif tag in BREAK_TAGS:
            self.flush()

    def handle_endtag(self, tag):
        if tag in SKIPPED_TAGS:
            self.skipping = max(0, self.skipping - 1)
        elif tag in BREAK_TAGS:
            self.flush()

    def handle_data(self, data):
        if not self.skipping:
            self.current.append(data)

    def flush(self):
        text = " ".join("".join(self.current).split())
        if text:
            self.parts.append(text)
        self.current = []


def html_sentences(html):
    """Readable paragraphs of an HTML fragment (rich text source)."""
    parser = _TextOf()
    parser.feed(html or "")
    parser.close()
    parser.flush()
    return parser.parts


def _list_items(value):
    """``(id, value)`` of a ListBlock value's items (ids are None for old list data)."""
    bound = getattr(value, "bound_blocks", None)
    if bound is not None:
        return [(item.id, item.value) for item in bound]
    return [(None, item) for item in value or ()]


def _block_segments(block, value, key):
    """``[(key, text)]`` of a block. ``key`` names the list item the text belongs to:
    a list item's id at the first level (a quiz question), ``<outer>:<index>`` inside it
    (its options), so a question and each option can be played alone (cues)."""
    if isinstance(block, blocks.RichTextBlock):
        return [
            (key, s) for s in html_sentences(value.source if isinstance(value, RichText) else str(value or ""))
        ]
    if isinstance(block, READ_BLOCKS) and not isinstance(block, blocks.URLBlock):
        return [(key, str(value))] if value else []
    if isinstance(block, blocks.StructBlock):
        out = []
        for name, child in block.child_blocks.items():
            if name not in SKIPPED_NAMES:
                out += _block_segments(child, value.get(name), key)
        return out
    if isinstance(block, blocks.ListBlock):
        out = []
        for index, (item_id, item) in enumerate(_list_items(value)):
            item_key = f"{key}:{index}" if key else item_id
            out += _block_segments(block.child_block, item, item_key)
        return out
    if isinstance(block, blocks.StreamBlock):
        return stream_segments(value)
    return []


def stream_segments(stream):
    out = []
    for child in stream or ():
        if child.block_type not in SKIPPED_NAMES:
            out += _block_segments(child.block, child.value, None)
    return out


def stream_sentences(stream):
    return [text for _key, text in stream_segments(stream)]


def field_segments(page, name):
    field = page._meta.get_field(name)
    value = getattr(page, name)
    if isinstance(field, StreamField):
        return stream_segments(value)
    if isinstance(field, RichTextField):
        return [(None, s) for s in html_sentences(value)]
    return [(None, line.strip()) for line in str(value or "").splitlines() if line.strip()]


def _sentence(text):
    text = " ".join(text.split())
    return text if text[-1] in END_PUNCTUATION else text + "."


def page_segments(page):
    """The narrated text of ``page`` (a specific page) as ``(key, sentence)`` in reading
    order (``key``: the list item it belongs to, or None); empty for a page type without
    ``narration_fields``."""
    names = getattr(page, "narration_fields", ())
    if not names:
        return []
    segments = [(None, page.title)] + ([(None, page.summary)] if getattr(page, "summary", "") else [])
    for name in names:
        segments += field_segments(page, name)
    return [(key, _sentence(s)) for key, s in segments if s and s.strip()]


def page_sentences(page):
    return [text for _key, text in page_segments(page)]


def page_text(page):
    return "\n".join(page_sentences(page))


def text_hash(text, voice):
    """What a generated file was made from: the text and the voice that read it."""
    return hashlib.sha256(f"{voice}\n{text}".encode()).hexdigest()
