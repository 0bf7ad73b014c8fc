"""Highlighted titles and snippets: everything escaped except our own <mark>.

Matching is done on the folded text (same length as the original, see
``fold_aligned``), so "dam trau" marks "đâm trâu" and "hre" marks "H'rê".
"""

import re

from django.utils.html import escape
from django.utils.safestring import mark_safe

from .folding import JOINERS, fold_aligned

_J = f"[{re.escape(JOINERS)}]?"


def _pattern(terms):
    """Regex over folded text for whole-word ``terms`` (which may contain spaces)."""
    alternatives = []
    for term in sorted({t for t in terms if t}, key=len, reverse=True):
        words = [_J.join(re.escape(ch) for ch in word) for word in term.split()]
        alternatives.append(r"\W+".join(words))
    if not alternatives:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)")


def _spans(text, pattern):
    if pattern is None or not text:
        return []
    return [m.span() for m in pattern.finditer(fold_aligned(text))]


def _render(text, spans):
    out, last = [], 0
    for start, end in spans:
        out.append(escape(text[last:start]))
        out.append(f"<mark>{escape(text[start:end])}</mark>")
        last = end
    out.append(escape(text[last:]))
    return mark_safe("".join(out))


def highlight(text, terms):
    """All of ``text`` with the terms marked."""
    return _render(text or "", _spans(text or "", _pattern(terms)))


def snippet(text, terms, width=220):
    """About ``width`` characters of ``text`` around the first match, marked."""
    text = text or ""
    spans = _spans(text, _pattern(terms))
    if not spans:
        cut = text[:width]
        if len(text) > width:
            cut = cut.rsplit(" ", 1)[0] + "…"
        return mark_safe(escape(cut))
    first = spans[0][0]
    start = max(0, first - width // 3)
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < first else start
    end = min(len(text), start + width)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > first else end
    inner = [(s - start, e - start) for s, e in spans if s >= start and e <= end]
    body = _render(text[start:end], inner)
    prefix = "…" if start else ""
    suffix = "…" if end < len(text) else ""
    return mark_safe(f"{prefix}{body}{suffix}")
