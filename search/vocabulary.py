""" "Did you mean", popular topics and facet labels, computed from public pages.

Each is kept per content generation (``content.cache``): publishing,
unpublishing and editing a synonym make them stale in every worker.
"""

import difflib
import re

from django.utils import translation
from wagtail.models import Page, get_page_models

from content.cache import memoize
from content.cachetags import depends_on
from content.models import AdministrativeUnit
from content.public import public_pages

from .facets import value_counts
from .folding import fold, fold_query
from .synonyms import synonym_groups

SEARCH_TAG = "search"  # bumped by every page change and search index update
_WORD_RE = re.compile(r"\w+")


def vocabulary(chain):
    """``{folded word: the word as most often written}`` from public titles and synonyms."""
    return memoize("search_vocabulary", tuple(chain), lambda: _vocabulary(chain))


def _vocabulary(chain):
    depends_on(SEARCH_TAG)
    counts = {}
    titles = public_pages(Page.objects.filter(locale__language_code__in=chain, depth__gt=1))
    for title in titles.values_list("title", flat=True).iterator():
        for word in _WORD_RE.findall(title):
            folded = fold(word)
            if len(folded) > 1:
                forms = counts.setdefault(folded, {})
                forms[word.lower()] = forms.get(word.lower(), 0) + 1
    vocab = {folded: max(forms, key=forms.get) for folded, forms in counts.items()}
    for spelling in synonym_groups():
        for word in spelling.split():
            vocab.setdefault(word, word)
    return vocab


def correct(text, chain):
    """``text`` with each unknown word replaced by the closest known one, or ""."""
    vocab = vocabulary(chain)
    known = list(vocab)
    out, changed = [], False
    for word in fold_query(text).split():
        if word in vocab:
            out.append(vocab[word])
            continue
        close = difflib.get_close_matches(word, known, n=1, cutoff=0.7)
        if close:
            out.append(vocab[close[0]])
            changed = True
        else:
            out.append(word)
    return " ".join(out) if changed else ""


def popular(language, chain, name="topic", limit=8):
    """The most used values of facet ``name`` on public pages: ``[(value, label, count)]``."""
    counts = memoize("search_popular", (name, tuple(chain)), lambda: _facet_counts(name, chain))
    top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]
    labels = facet_labels({name: [v for v, _c in top]}, chain)
    return [(value, labels.get((name, value), value), count) for value, count in top]


def facet_labels(values_by_name, chain):
    """``{(name, value): label}``: communes by their unit name, page types by their
    verbose name, other slugs by the title of the public page with that slug.
    Kept per content generation and language (labels change only on publish)."""
    parts = (sorted((k, sorted(v)) for k, v in values_by_name.items()), tuple(chain), translation.get_language())
    return memoize("facet_labels", parts, lambda: _facet_labels(values_by_name, chain))


def _facet_labels(values_by_name, chain):
    depends_on(SEARCH_TAG)
    labels = {}
    page_models = {model._meta.model_name: model for model in get_page_models()}
    for value in values_by_name.get("type", []):
        model_class = page_models.get(value)
        labels[("type", value)] = str(model_class._meta.verbose_name) if model_class else value
    codes = values_by_name.get("commune", [])
    if codes:
        units = AdministrativeUnit.objects.filter(code__in=codes).values_list("code", "name")
        for code, name in units:
            labels[("commune", code)] = name
    slugs = {v for name in ("group", "topic", "kind") for v in values_by_name.get(name, [])}
    if slugs:
        rank = {code: i for i, code in enumerate(chain)}
        titles = {}
        pages = public_pages(Page.objects.filter(slug__in=slugs, locale__language_code__in=chain))
        for slug, title, code in pages.values_list("slug", "title", "locale__language_code"):
            if slug not in titles or rank[code] < titles[slug][0]:
                titles[slug] = (rank[code], title)
        choices = _choice_labels()
        for name in ("group", "topic", "kind"):
            for value in values_by_name.get(name, []):
                if value in titles:
                    labels[(name, value)] = titles[value][1]
                else:  # a field's choice ("music-gongs" → "Cồng chiêng"), in the reader's language
                    labels[(name, value)] = str(choices.get((name, value), _humanise(value)))
    return labels


def _choice_labels():
    """``{(facet, value): lazy label}`` from the choices of the page models' fields named
    like a facet (a story's ``topic``, a product's or an article's ``kind``): the labels
    the admin already shows, translated by the apps' own catalogues."""
    found = {}
    for model in get_page_models():
        for name in ("topic", "kind", "group"):
            try:
                field = model._meta.get_field(name)
            except Exception:  # noqa: BLE001 (FieldDoesNotExist: the model has no such field)
                continue
            for value, label in getattr(field, "flatchoices", None) or []:
                found.setdefault((name, str(value)), label)
    return found


def is_site_root_type(model_name):
    """A type whose pages are site roots (the home pages) is no "type of content" to
    narrow a search to."""
    model = {m._meta.model_name: m for m in get_page_models()}.get(model_name)
    return model is not None and list(getattr(model, "parent_page_types", None) or []) == ["wagtailcore.Page"]


def _humanise(slug):
    return slug.replace("-", " ").replace("_", " ").capitalize()


def _facet_counts(name, chain):
    """Counted in SQL (one ``GROUP BY``): reading every public page's facets grew with the corpus."""
    depends_on(SEARCH_TAG)
    return value_counts(name, public_pages(Page.objects.filter(locale__language_code__in=chain)))
