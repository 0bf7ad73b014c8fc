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


def _block_sentences(block, value):
    if isinstance(block, blocks.RichTextBlock):
        return html_sentences(value.source if isinstance(value, RichText) else str(value or ""))
    if isinstance(block, READ_BLOCKS) and not isinstance(block, blocks.URLBlock):
        return [str(value)] if value else []
    if isinstance(block, blocks.StructBlock):
        out = []
        for name, child in block.child_blocks.items():
            if name not in SKIPPED_NAMES:
                out += _block_sentences(child, value.get(name))
        return out
    if isinstance(block, blocks.ListBlock):
        return [s for item in value or () for s in _block_sentences(block.child_block, item)]
    if isinstance(block, blocks.StreamBlock):
        return stream_sentences(value)
    return []


def stream_sentences(stream):
    out = []
    for child in stream or ():
        if child.block_type not in SKIPPED_NAMES:
            out += _block_sentences(child.block, child.value)
    return out


def field_sentences(page, name):
    field = page._meta.get_field(name)
    value = getattr(page, name)
    if isinstance(field, StreamField):
        return stream_sentences(value)
    if isinstance(field, RichTextField):
        return html_sentences(value)
    return [line.strip() for line in str(value or "").splitlines() if line.strip()]


def _sentence(text):
    text = " ".join(text.split())
    return text if text[-1] in END_PUNCTUATION else text + "."


def page_sentences(page):
    """The narrated text of ``page`` (a specific page) as sentences, in reading order;
    empty for a page type without ``narration_fields``."""
    names = getattr(page, "narration_fields", ())
    if not names:
        return []
    sentences = [page.title] + ([page.summary] if getattr(page, "summary", "") else [])
    for name in names:
        sentences += field_sentences(page, name)
    return [_sentence(s) for s in sentences if s and s.strip()]


def page_text(page):
    return "\n".join(page_sentences(page))


def text_hash(text, voice):
    """What a generated file was made from: the text and the voice that read it."""
    return hashlib.sha256(f"{voice}\n{text}".encode()).hexdigest()
