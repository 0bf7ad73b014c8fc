"""One search over every public page type, the same on every backend.

The backend (database or Elasticsearch, both folding) finds candidates among
live pages of the reader's languages; ``content.public.public_pages`` then
decides what may be shown; results are re-ranked so that the reader's own
language comes first, title matches beat body matches and a title written
exactly as typed (with its diacritics) beats a folded one. Facets are counted
from ``PageSearchData`` among the candidates by one SQL ``GROUP BY``
(``search.facets``). A search costs a constant number of
queries whatever the number of results: the database ranks and slices the
candidates (``ranked_ids``), they are read as rows (``Candidate``), and only
the pages of the shown window are loaded.
"""

import unicodedata
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.utils.functional import cached_property
from wagtail.models import Locale, Page
from wagtail.search.backends import get_search_backend

from content.cache import memoize
from content.locales import fallback_chain, pick_best
from content.public import listed_pages

from . import facets
from .folding import fold, fold_query, words
from .highlight import highlight, snippet
from .models import FACET_NAMES, PageSearchData
from .synonyms import build_query, query_units, synonym_groups
from .vocabulary import correct

CANDIDATES = 300  # ranked candidates examined per query (facets count within them)
MAX_QUERY_LENGTH = 200
FILTER_NAMES = ("type", *FACET_NAMES)
# what ranking, facets and links need: loading whole pages costs more than the search
CANDIDATE_FIELDS = (
    "id",
    "title",
    "locale_id",
    "translation_key",
    "content_type_id",
    "url_path",
    "path",
    "depth",
    "live",
    "expire_at",
)


@dataclass
class Hit:
    page: Page
    language: str
    fallback: bool
    type: str
    title_html: str
    snippet_html: str
    facets: dict

    @cached_property
    def url(self):
        return self.page.url

    def get_url(self, request=None):
        return self.page.get_url(request=request)


@dataclass
class Results:
    query: str
    language: str
    total: int = 0
    hits: list = field(default_factory=list)
    facets: dict = field(default_factory=dict)  # name -> [(value, count, selected)]
    filters: dict = field(default_factory=dict)
    did_you_mean: str = ""
    relaxed: bool = False  # no page had every word: pages with some of them


def locale_ids(chain):
    """``{locale id: language code}`` for the languages of ``chain``."""
    return memoize(
        "locale_ids",
        tuple(chain),
        lambda: {
            pk: code
            for code, pk in Locale.objects.filter(language_code__in=chain).values_list("language_code", "id")
        },
    )


@dataclass(frozen=True)
class Candidate:
    """What ranking, facets and the translation rule need of a hit: one row, no page."""

    pk: int
    title: str
    locale_id: int
    translation_key: object
    content_type_id: int


CANDIDATE_ROW = ("id", "title", "locale_id", "translation_key", "content_type_id")


def ranked_ids(query, queryset, limit=CANDIDATES):
    """Ids of the ``limit`` best matches of ``query`` in ``queryset``, best first.

    The database backends rank in the database (SQLite FTS5 ``bm25``, PostgreSQL
    ``ts_rank_cd``, both starting from the index's matches) and slice there:
    ``ranked_ids()`` of their results reads ids only.
    Other backends (Elasticsearch, the plain fallback) give their ranked objects."""
    results = get_search_backend().search(query, queryset)[:limit]
    ids = results.ranked_ids() if hasattr(results, "ranked_ids") else None
    if ids is None:
        ids = [obj.pk for obj in results]
    return ids


def listed_rows(ids):
    """The listed pages among ``ids`` (``content.public.listed_pages``) as ``Candidate``
    rows in the order of ``ids``: one query, no page loaded."""
    if not ids:
        return []
    rows = listed_pages(Page.objects.filter(pk__in=ids)).order_by().values_list(*CANDIDATE_ROW)
    found = {row[0]: Candidate(*row) for row in rows}
    return [found[pk] for pk in ids if pk in found]


def _candidates(units, ids, operator):
    query = build_query(units, operator)
    if query is None:
        return []
    queryset = Page.objects.filter(live=True, locale_id__in=list(ids), depth__gt=1)
    return listed_rows(ranked_ids(query, queryset.only(*CANDIDATE_FIELDS)))


def candidate_pages(text, chain):
    """Ranked listed pages (``Candidate`` rows) for ``text`` in the languages of
    ``chain`` (AND, else OR).

    Returns ``(candidates, units, relaxed, {locale id: language})``.
    """
    units = query_units(text)
    ids = locale_ids(chain)
    if not units or not ids:
        return [], units, False, ids
    pages = _candidates(units, ids, "and")
    if pages or len(units) == 1:
        return pages, units, False, ids
    return _candidates(units, ids, "or"), units, True, ids


def _nfc_lower(text):
    return unicodedata.normalize("NFC", text or "").lower().strip()


def title_bonus(title, raw_query, units):
    """How well the title matches: all words, then how much of the title they are,
    then exact spelling (with diacritics) over folded. Body-only matches get 0."""
    title_words = words(title)
    folded_title = " " + " ".join(title_words) + " "
    matched_units = matched_words = 0
    for spellings in units:
        found = [s for s in spellings if f" {s} " in folded_title]
        if found:
            matched_units += 1
            matched_words += max(len(s.split()) for s in found)
    if not matched_units:
        return 0
    bonus = 4 * matched_units / len(units) + 3 * matched_words / max(len(title_words), 1)
    exact, title_l = _nfc_lower(raw_query), _nfc_lower(title)
    if exact and exact in title_l:
        bonus += 2 if exact == title_l else 1
    return bonus


def _type_of(content_type_id):
    return ContentType.objects.get_for_id(content_type_id).model


def best_of(rows, language, languages, tiebreak):
    """``best_listed`` for rows already listed (``listed_rows``): the rule only, no query."""
    best = pick_best(rows, language, tiebreak, language_of=lambda row: languages.get(row.locale_id, ""))
    return [(row, languages.get(row.locale_id, "")) for row in best]


def best_listed(pages, language, languages, tiebreak):
    """The listed pages among ``pages`` (search hits), one per translation key by the
    site's translation rule (``content.locales.pick_best``): the reader's language
    first, then ``tiebreak(page)``, then the backend's order. ``[(page, language)]``."""
    listed = set(listed_pages(Page.objects.filter(pk__in=[p.pk for p in pages])).values_list("pk", flat=True))
    best = pick_best(
        [page for page in pages if page.pk in listed],
        language,
        tiebreak,
        language_of=lambda page: languages.get(page.locale_id, ""),
    )
    return [(page, languages.get(page.locale_id, "")) for page in best]


def search(text, language=None, filters=None, limit=10, offset=0):
    """Search public pages for ``text`` as read in ``language``; see module docstring."""
    text = (text or "").strip()[:MAX_QUERY_LENGTH]
    chain = fallback_chain(language)
    filters = {k: v for k, v in (filters or {}).items() if k in FILTER_NAMES and v}
    results = Results(query=text, language=chain[0], filters=filters)
    if not fold_query(text):
        return results
    pages, units, relaxed, languages = candidate_pages(text, chain)
    results.relaxed = relaxed
    if relaxed or not pages:  # no page has every word: maybe a word is misspelt
        results.did_you_mean = did_you_mean(text, chain)
    if not pages:
        return results
    ranked = best_of(pages, language, languages, lambda page: -title_bonus(page.title, text, units))
    # facet counts and the filtered ids: one GROUP BY in SQL (search.facets)
    counted, passing = facets.counts([row.pk for row, _l in ranked], filters)
    passing = None if passing is None else set(passing)
    matching = ranked if passing is None else [item for item in ranked if item[0].pk in passing]
    results.total = len(matching)
    for name in FILTER_NAMES:
        if counted.get(name):
            results.facets[name] = [
                (value, count, filters.get(name) == value)
                for value, count in sorted(counted[name].items(), key=lambda kv: (-kv[1], kv[0]))
            ]
    window = matching[offset : offset + limit]
    shown = [row.pk for row, _l in window]
    # Only the pages shown are loaded (for their URLs), with their snippet text.
    loaded = Page.objects.only(*CANDIDATE_FIELDS).in_bulk(shown)
    data = {pk: (snippet_text, page_facets) for pk, snippet_text, page_facets in _search_data(shown)}
    terms = [s for spellings in units for s in spellings]
    for page, lang in window:
        if page.pk not in loaded:  # deleted between the two queries
            results.total -= 1
            continue
        results.hits.append(
            Hit(
                page=loaded[page.pk],
                language=lang,
                fallback=lang != chain[0],
                type=_type_of(page.content_type_id),
                title_html=highlight(page.title, terms),
                snippet_html=snippet(data.get(page.pk, ("", None))[0], terms),
                facets=data.get(page.pk, ("", None))[1] or {},
            )
        )
    return results


def _search_data(ids):
    """``(page id, snippet text, facets)`` of the shown pages: their hits show both."""
    return PageSearchData.objects.filter(page_id__in=ids).values_list("page_id", "text", "facets")


def did_you_mean(text, chain):
    """A near spelling of ``text`` that has results, or ""."""

    suggestion = correct(text, chain)
    if not suggestion or fold(suggestion) == fold(text):
        return ""
    # candidates are listed pages already (content.public.listed_pages)
    return suggestion if candidate_pages(suggestion, chain)[0] else ""


def suggest(text, language=None, limit=8):
    """Titles (and name spellings) that complete ``text`` as typed, folded like search."""
    folded = fold_query((text or "")[:MAX_QUERY_LENGTH])
    if not folded:
        return []
    chain = fallback_chain(language)
    ids = locale_ids(chain)
    if not ids:
        return []
    backend = get_search_backend()
    queryset = Page.objects.filter(live=True, locale_id__in=list(ids), depth__gt=1)
    pages = list(backend.autocomplete(_with_synonyms(folded), queryset)[: limit * 4])
    ranked = best_listed(
        pages, language, ids, lambda page: 0 if " ".join(words(page.title)).startswith(folded) else 1
    )[:limit]
    return [{"title": page.title, "url": page.url, "language": lang, "id": page.pk} for page, lang in ranked]


def _with_synonyms(folded):
    """ "bahn" also completes the other spellings of the name it starts (Ba Na, Bana)."""
    from modelsearch.query import Or, PlainText

    spellings = [folded]
    for spelling, group in synonym_groups().items():
        if len(folded) >= 3 and spelling.startswith(folded):
            spellings += [other for other in group if other not in spellings]
    if len(spellings) == 1:
        return folded
    return Or([PlainText(text) for text in spellings[:8]])
