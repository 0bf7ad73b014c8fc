"""One folding rule for indexed text and queries, on every backend.

People type "le hoi dam trau" for "Lễ hội đâm trâu" and "hre" for "H'rê".
``fold`` lower-cases, strips every diacritic (stacked ones too: ễ, ự, ẫ),
maps đ/Đ to d and joins names written with an apostrophe or hyphen
("H'rê" → "hre", "K'Lang" → "klang", "Ba-na" → "bana"). Elasticsearch's
analyser (``search.backends.elasticsearch``) reproduces the same steps.
"""

import re
import unicodedata

# Apostrophes and hyphens that join the parts of a name.
JOINERS = "'’ʼ‘`´-‐‑"
_JOINER_RE = re.compile(rf"(?<=\w)[{re.escape(JOINERS)}](?=\w)")
_PUNCT_RE = re.compile(r"[^\w\s]+")
_SPACE_RE = re.compile(r"\s+")
# Common format characters (category Cf), checked before the exact per-character test.
_HAS_FORMAT_RE = re.compile(
    "[\u00ad\u0600-\u0605\u061c\u06dd\u070f\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]"
)
_SPECIAL = str.maketrans({"đ": "d", "Đ": "d", "ð": "d", "Ð": "d", "ł": "l", "Ł": "l"})


def fold_char(char):
    """One character folded to one character (used to map highlights back)."""
    decomposed = unicodedata.normalize("NFD", char.translate(_SPECIAL))
    base = "".join(c for c in decomposed if not unicodedata.combining(c))
    lowered = base.lower()
    return lowered if len(lowered) == 1 else char.lower()[:1] or char


class _FoldTable(dict):
    """``str.translate`` table filled on first sight of each character (fast)."""

    def __missing__(self, code):
        folded = fold_char(chr(code))
        self[code] = folded
        return folded


_TABLE = _FoldTable()


def fold_aligned(text):
    """``text`` folded character by character: same length, so offsets map back."""
    return text.translate(_TABLE)


def fold(text):
    """Lower case, no diacritics, đ → d, name joiners removed.

    NFKC first, and invisible format characters (zero-width space and joiners, soft
    hyphen, byte-order mark: Unicode category Cf) dropped: "ｌễ ｈội" typed on a
    fullwidth keyboard, or "đâm\u200btrâu" pasted from a chat, search like the plain
    words (issue 16, case 16)."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKC", str(text))
    if _HAS_FORMAT_RE.search(text):
        text = "".join(c for c in text if unicodedata.category(c) != "Cf")
    text = _JOINER_RE.sub("", text)
    return fold_aligned(text)


def fold_query(text):
    """A query folded and reduced to plain words (no punctuation, single spaces)."""
    return _SPACE_RE.sub(" ", _PUNCT_RE.sub(" ", fold(text))).strip()


def words(text):
    """The folded words of ``text``."""
    return fold_query(text).split()
