"""Languages of the site and the fallback rule for missing translations.

Bahnar, Hre and Haroi pages fall back to Vietnamese, then English; English
falls back to Vietnamese; Vietnamese (the source language) to English.
"""

from django.conf import settings
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


def best_translation(page, language_code=None, queryset_filter=None):
    """The translation of ``page`` a reader of ``language_code`` should see.

    ``queryset_filter`` narrows candidates (e.g. ``content.public.public_pages``).
    Returns ``(page, served_language)`` or ``(None, None)``.
    """
    from wagtail.models import Page

    chain = fallback_chain(language_code)
    candidates = Page.objects.filter(
        translation_key=page.translation_key, locale__language_code__in=chain
    ).select_related("locale")
    if queryset_filter is not None:
        candidates = queryset_filter(candidates)
    by_language = {p.locale.language_code: p for p in candidates}
    for code in chain:
        if code in by_language:
            return by_language[code].specific, code
    return None, None
