"""Query helpers: pick the best translation of many pages at once (one query,
not one per page), and the filter choices of the index pages."""

from django.utils import translation

from content.locales import fallback_chain
from content.public import public_pages


def best_per_translation(queryset, language_code=None, order=("title",)):
    """Public pages of ``queryset`` in the reader's language or its fallback, one
    per translation key, in one query (plus one for hero renditions)."""
    chain = fallback_chain(language_code or translation.get_language())
    rank = {code: i for i, code in enumerate(chain)}
    qs = (
        public_pages(queryset.filter(locale__language_code__in=chain))
        .select_related("locale", "hero_image")
        .prefetch_related("hero_image__renditions")
        .distinct()
    )
    best = {}
    for page in qs:
        key = page.translation_key
        if key not in best or rank[page.locale.language_code] < rank[best[key].locale.language_code]:
            best[key] = page
    return sorted(best.values(), key=lambda p: tuple(str(getattr(p, f)).lower() for f in order))


def localized_pages(pages, language_code=None):
    """The reader's translations of ``pages`` (e.g. linked group pages), keeping order."""
    if not pages:
        return []
    model = type(pages[0])
    keys = [p.translation_key for p in pages]
    found = {
        p.translation_key: p
        for p in best_per_translation(model.objects.filter(translation_key__in=keys), language_code)
    }
    return [found[k] for k in keys if k in found]


def group_choices(locale):
    """``(code, title)`` of the public ethnic group pages, in the reader's language."""
    from content.cache import memoize

    from .models import EthnicGroupPage

    def compute():
        pages = best_per_translation(EthnicGroupPage.objects.all(), locale.language_code)
        return [(p.code, p.title) for p in pages]

    return memoize("group_choices", locale.language_code, compute)


def commune_choices(model):
    """``(code, name)`` of the units (and their parents) that public pages of ``model`` use."""
    from content.cache import memoize

    return memoize("commune_choices", model._meta.label, lambda: _commune_choices(model))


def _commune_choices(model):
    rows = (
        public_pages(model.objects.filter(unit__isnull=False))
        .values_list("unit__code", "unit__name", "unit__parent__code", "unit__parent__name")
        .distinct()
    )
    choices = {}
    for code, name, parent_code, parent_name in rows:
        choices[code] = name
        if parent_code:
            choices[parent_code] = parent_name
    return sorted(choices.items(), key=lambda item: item[1])
