"""Languages of the site and the fallback rule for missing translations.

Bahnar, Hre and Haroi pages fall back to Vietnamese, then English; English
falls back to Vietnamese; Vietnamese (the source language) to English.
"""

from django.conf import settings
from django.db.models import Case, Exists, IntegerField, OuterRef, Q, Value, When
from django.utils import translation

DEFAULT_LANGUAGE = settings.LANGUAGE_CODE

# Each language named in Vietnamese and in itself (for the switcher and admin).
LANGUAGE_INFO = {
    "vi": {"name_vi": "Tiếng Việt", "name_local": "Tiếng Việt", "name_en": "Vietnamese"},
    "en": {"name_vi": "Tiếng Anh", "name_local": "English", "name_en": "English"},
    "bdq": {"name_vi": "Tiếng Ba Na", "name_local": "Bahnar", "name_en": "Bahnar"},
    "hre": {"name_vi": "Tiếng Hrê", "name_local": "Hrê", "name_en": "Hre"},
    "hro": {"name_vi": "Tiếng Chăm H'roi", "name_local": "Haroi", "name_en": "Haroi"},
}

FALLBACKS = {
    "vi": ["vi", "en"],
    "en": ["en", "vi"],
    "bdq": ["bdq", "vi", "en"],
    "hre": ["hre", "vi", "en"],
    "hro": ["hro", "vi", "en"],
}


def language_codes():
    return [code for code, _name in settings.LANGUAGES]


def interface_translated(code):
    """Whether the site's interface (menus, labels, the calendar, forms) exists in ``code``.
    The Bahnar, Hre and Haroi catalogues are empty on purpose (Django falls back to
    Vietnamese), so a view that is not a page exists only in the languages that have one."""
    return code in ("vi", "en")


def normalize_language(code):
    """A supported language code for ``code`` (``vi-VN`` → ``vi``), or None."""
    if not code:
        return None
    code = code.lower()
    if code in FALLBACKS:
        return code
    base = code.split("-")[0].split("_")[0]
    return base if base in FALLBACKS else None


def fallback_chain(language_code=None):
    """Languages to try, best first, for a visitor reading in ``language_code``."""
    code = normalize_language(language_code or translation.get_language()) or DEFAULT_LANGUAGE
    return FALLBACKS.get(code, [code, DEFAULT_LANGUAGE])


# ---------------------------------------------------------------------------
# The translation rule: which translation of a page a reader gets
# ---------------------------------------------------------------------------
# A reader of ``language_code`` gets, of each page (all its translations share a
# ``translation_key``), the translation in the earliest language of
# ``fallback_chain(language_code)``; a page in none of those languages is not
# shown. The forms below apply this one rule to one page, to pages already
# loaded, to a queryset, and in SQL for lists that page and count in the
# database. Whether a translation is public is the caller's filter
# (``content.public``), applied before the rule.


def pick_best(pages, language_code=None, tiebreak=None, language_of=None):
    """Of ``pages`` (any languages, e.g. search hits), the best of each translation
    key, best first: the earliest language of the chain, then ``tiebreak(page)``
    (lower first), then the order given. A page's language is ``language_of(page)``,
    by default ``page.locale.language_code`` (select the locale)."""
    rank = {code: i for i, code in enumerate(fallback_chain(language_code))}
    best = {}
    for position, page in enumerate(pages):
        language = language_of(page) if language_of else page.locale.language_code
        if language not in rank:
            continue
        score = (rank[language], tiebreak(page) if tiebreak else 0, position)
        kept = best.get(page.translation_key)
        if kept is None or score < kept[0]:
            best[page.translation_key] = (score, page)
    return [page for _score, page in sorted(best.values(), key=lambda item: item[0])]


def best_per_translation(queryset, language_code=None, tiebreak=None):
    """``pick_best`` on a queryset, in one query (only the chain's languages load)."""
    chain = fallback_chain(language_code)
    pages = queryset.filter(locale__language_code__in=chain).select_related("locale")
    return pick_best(pages, language_code, tiebreak)


def translations_for(pages, language_code=None, queryset_filter=None):
    """The reader's translation of each of ``pages`` (e.g. a page's linked groups),
    in their order; pages without a translation in the chain are left out."""
    if not pages:
        return []
    model = type(pages[0])
    keys = [page.translation_key for page in pages]
    candidates = model.objects.filter(translation_key__in=keys)
    if queryset_filter is not None:
        candidates = queryset_filter(candidates)
    found = {page.translation_key: page for page in best_per_translation(candidates, language_code)}
    return [found[key] for key in dict.fromkeys(keys) if key in found]


def prefixed_url(page, language_code=None):
    """``/<language>/`` and the page's path below its locale root, from ``url_path``
    alone (no query): every locale root is a top-level page of the one site. Under the
    page's own language (the default) it is what ``page.get_url`` gives, without
    Wagtail's lookup of the sites' root paths (two queries whenever the cache lacks
    them, as in a new process); under another language it is the address where
    ``cms.views.serve``'s fallback serves the page to that language's readers."""
    code = language_code or page.locale.language_code
    below_root = page.url_path.split("/")[2:]  # "/<root slug>/a/b/" -> ["a", "b", ""]
    return f"/{code}/" + "/".join(part for part in below_root if part) + ("/" if any(below_root) else "")


def best_translation(page, language_code=None, queryset_filter=None):
    """The translation of ``page`` a reader of ``language_code`` should see, as
    ``(specific page, its language)``, or ``(None, None)``.

    ``queryset_filter`` narrows the candidates (e.g. ``content.public.public_pages``).
    """
    from wagtail.models import Page

    candidates = Page.objects.filter(translation_key=page.translation_key)
    if queryset_filter is not None:
        candidates = queryset_filter(candidates)
    found = best_per_translation(candidates, language_code)
    if not found:
        return None, None
    return found[0].specific, found[0].locale.language_code


def localized(queryset, language_code=None):
    """The rule in SQL: ``queryset`` narrowed to the best translation of each key,
    so that a list filters, orders, pages and counts in the database.

    One correlated ``NOT EXISTS`` whatever the number of languages: a page in the
    chain's n-th language qualifies when no translation of it (same
    ``translation_key``, found through its unique index) in an earlier language
    of the chain is in ``queryset``. The rank of a language is a ``CASE`` on the
    locale, so the database compares ranks instead of running one sub-query per
    fallback step."""
    chain = fallback_chain(language_code)
    if len(chain) == 1:
        return queryset.filter(locale__language_code=chain[0])
    rank = Case(
        *(When(locale__language_code=code, then=Value(i)) for i, code in enumerate(chain)),
        output_field=IntegerField(),
    )
    better = (
        queryset.order_by()
        .alias(_lang_rank=rank)
        .filter(translation_key=OuterRef("translation_key"), _lang_rank__lt=OuterRef("_lang_rank"))
    )
    return queryset.alias(_lang_rank=rank).filter(locale__language_code__in=chain).exclude(Exists(better))


# ---------------------------------------------------------------------------
# Availability by a recording: a page heard in a language
# ---------------------------------------------------------------------------
# A page whose text falls back (to Vietnamese) still exists in Bahnar, Hre or Haroi
# when a person's recording of it in that language was approved
# (``content.narration.PageAudio``): it is announced as available there (hreflang,
# the menu, the sitemap, that language's sync feed) and says "Listen in Bahnar · text
# in Vietnamese". A public translation in that language wins over the recording of
# another translation. Every caller asks these functions, never the recordings.


def _recorded(language_code):
    """``Exists``: an approved recording of the outer page in ``language_code``."""
    from .narration import PageAudio, public_rows

    return Exists(
        public_rows().filter(page_id=OuterRef("pk"), language=language_code, kind=PageAudio.Kind.RECORDED)
    )


def spoken_filter(language_code):
    """``Q`` of the pages available in ``language_code`` by a recording only: not in that
    language themselves, no public translation in it, and an approved recording in it."""
    from wagtail.models import Page

    from .public import public_pages

    translated = public_pages(
        Page.objects.filter(translation_key=OuterRef("translation_key"), locale__language_code=language_code)
    )
    return Q(_recorded(language_code)) & ~Q(Exists(translated)) & ~Q(locale__language_code=language_code)


def available_in(queryset, language_code):
    """``queryset`` narrowed to the pages that exist for a reader of ``language_code``:
    written in it, or heard in it (``spoken_filter``). The sync feed of a language uses it."""
    return queryset.filter(Q(locale__language_code=language_code) | spoken_filter(language_code))


def with_recordings(queryset):
    """``queryset`` with, on each page, whether it has an approved recording in each
    language (``_recorded_<code>``), so ``spoken_languages`` of its pages needs no query of
    its own when none has one (the language links and the menu load their pages so)."""
    return queryset.annotate(**{f"_recorded_{code}": _recorded(code) for code in language_codes()})


def spoken_languages(pages):
    """``{page id: {language codes}}``: the languages each of ``pages`` is available in by an
    approved recording only (``spoken_filter``'s rule on pages already loaded: one query
    when none of them has a recording, none when they were loaded ``with_recordings``, two
    more when some have one; publicity is the caller's rule)."""
    from wagtail.models import Page

    from .narration import PageAudio, public_rows
    from .public import public_pages

    ids = [page.pk for page in pages]
    if not ids:
        return {}
    codes = language_codes()
    if all(hasattr(page, f"_recorded_{codes[0]}") for page in pages):  # loaded with_recordings
        rows = [(page.pk, code) for page in pages for code in codes if getattr(page, f"_recorded_{code}")]
    else:
        rows = list(
            public_rows().filter(page_id__in=ids, kind=PageAudio.Kind.RECORDED).values_list("page_id", "language")
        )
    if not rows:
        return {}
    heads = {
        pk: (key, code)
        for pk, key, code in Page.objects.filter(pk__in={pk for pk, _l in rows}).values_list(
            "pk", "translation_key", "locale__language_code"
        )
    }
    written = set(
        public_pages(
            Page.objects.filter(
                translation_key__in={key for key, _c in heads.values()},
                locale__language_code__in={language for _p, language in rows},
            )
        ).values_list("translation_key", "locale__language_code")
    )
    found = {}
    for pk, language in rows:
        key, code = heads.get(pk, (None, None))
        if key is not None and language != code and (key, language) not in written:
            found.setdefault(pk, set()).add(language)
    return found
