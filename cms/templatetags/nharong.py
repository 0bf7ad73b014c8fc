"""Template helpers for the public site: language switcher, menus, fallback marker."""

from django import template
from django.db.models import Q, Subquery
from django.db.models.functions import Substr
from django.urls import translate_url
from django.utils import translation
from wagtail.models import Page, Site

from content import jsonld
from content.cache import memoize, route_tags
from content.cachetags import ANY_PAGE, depends_on
from content.locales import (
    DEFAULT_LANGUAGE,
    LANGUAGE_INFO,
    fallback_chain,
    interface_translated,
    language_codes,
    pick_best,
    prefixed_url,
    spoken_languages,
    translations_for,
    with_recordings,
)
from content.public import public_pages

register = template.Library()


def _memo(request, key, compute):
    """Compute a value once per request (templates call these tags several times)."""
    if request is None:
        return compute()
    cache = request.__dict__.setdefault("_nharong_memo", {})
    if key not in cache:
        cache[key] = compute()
    return cache[key]


def _locale_root(request, language_code):
    def compute():
        site = Site.find_for_request(request) if request else None
        if site is None:
            return None
        return Page.objects.filter(
            translation_key=site.root_page.translation_key,
            locale__language_code=language_code,
        ).first()

    return _memo(request, ("root", language_code), compute)


@register.simple_tag(takes_context=True)
def language_links(context):
    """One link per language, named in that language, pointing at this page there.

    A page not yet translated keeps its path: the fallback serves it.
    """
    request = context.get("request")
    page = context.get("page")
    current = translation.get_language()
    page_pk = page.pk if isinstance(page, Page) else None
    path = request.path if request is not None else ""
    host = request.get_host() if request is not None else ""
    key = ("langs", page_pk, current)
    return _memo(
        request,
        key,
        # A page's links depend on its translations only; a non-page view's on its path.
        lambda: memoize(
            "langs", (host, page_pk, current, "" if page_pk else path), lambda: _language_links(request, page)
        ),
    )


def _language_links(request, page):
    """``translated``: the page really exists in that language (a public translation, or
    an approved recording in it: ``content.locales.spoken_languages``; for a view that is
    not a page, the interface has a catalogue in it), so it may be announced as an hreflang
    alternate; the others only serve the fallback."""
    current = translation.get_language()
    links = []
    translations = {}
    spoken = {}  # language → the translation heard in it (its text in another language)
    if isinstance(page, Page):
        depends_on(f"tr:{page.translation_key}")
        same = Page.objects.filter(translation_key=page.translation_key)
        for other in with_recordings(public_pages(same)).select_related("locale"):
            translations[other.locale.language_code] = other
            depends_on(*route_tags(other))
        for pk, codes in spoken_languages(list(translations.values())).items():
            other = next(p for p in translations.values() if p.pk == pk)
            spoken.update({code: other for code in codes if code not in translations})
    for code in language_codes():
        if code in translations:
            with translation.override(code):
                url = translations[code].get_url(request)
        elif code in spoken:  # served under this prefix by the fallback of cms.views.serve
            home = _locale_root(request, spoken[code].locale.language_code)
            url = f"/{code}/{spoken[code].url_path[len(home.url_path) :]}" if home else f"/{code}/"
        elif request is not None:
            url = translate_url(request.path, code)
        else:
            url = f"/{code}/"
        translated = (
            (code in translations or code in spoken) if isinstance(page, Page) else interface_translated(code)
        )
        links.append(
            {
                "code": code,
                "name": LANGUAGE_INFO[code]["name_local"],
                "url": url,
                "current": code == current,
                "translated": translated,
            }
        )
    return links


def _menu_sections(site_root, language):
    """The public top-level sections shown in menus, each in ``language``'s best public
    translation (``content.locales.pick_best``), in the site's order: one query for any
    language. The sections are the menu children of the site root's Vietnamese
    translation (locale roots are siblings: a child's parent is the first ``depth``
    steps of its path), found in a sub-query, so neither the root nor the Vietnamese
    sections are read on their own."""
    depth = site_root.depth
    root = Page.objects.filter(translation_key=site_root.translation_key, locale__language_code=DEFAULT_LANGUAGE)
    sections = public_pages(
        Page.objects.annotate(_parent_path=Substr("path", 1, Page.steplen * depth)).filter(
            depth=depth + 1, show_in_menus=True, _parent_path=Subquery(root.values("path")[:1])
        )
    ).filter(locale__language_code=DEFAULT_LANGUAGE)
    languages = {*fallback_chain(language), DEFAULT_LANGUAGE}
    candidates = with_recordings(
        public_pages(
            Page.objects.filter(
                translation_key__in=sections.values("translation_key"), locale__language_code__in=languages
            )
        )
    ).select_related("locale")
    candidates = list(candidates)
    order = {p.translation_key: p.path for p in candidates if p.locale.language_code == DEFAULT_LANGUAGE}
    return sorted(pick_best(candidates, language), key=lambda page: order[page.translation_key])


@register.simple_tag(takes_context=True)
def menu_pages(context, with_summary=False):
    """Every public top-level section, in the site's order, as ``{title, url, summary,
    language, fallback}`` dicts: each in the visitor's language where it is translated,
    else in the next language of the fallback chain (Vietnamese in the end), so a
    Bahnar reader reaches every section and the page says it is not yet translated.

    ``summary`` is filled only ``with_summary`` (the home page's cards): it lives on each
    page type's own table, one query per type, which the menu of every other page does
    not pay."""
    request = context.get("request")
    language = translation.get_language()

    def compute():
        depends_on("menu")  # bumped by any change to a page at the top of the tree
        site = Site.find_for_request(request) if request else None
        if site is None:
            return []
        shown = _menu_sections(site.root_page, language)
        if with_summary:  # the home page's cards: each type's own table, and the locales again
            specific = {page.pk: page for page in Page.objects.filter(pk__in=[p.pk for p in shown]).specific()}
            for page in shown:
                specific[page.pk].locale = page.locale  # read by get_url and below, no query per card
        else:
            specific = {page.pk: page for page in shown}
        spoken = spoken_languages(shown)  # heard in the visitor's language (content.locales)
        items = []
        for section in shown:
            page = specific[section.pk]
            code = page.locale.language_code
            items.append(
                {
                    "id": page.pk,
                    "title": page.title,
                    # Its own address, or where the fallback of cms.views.serve serves it under
                    # the visitor's prefix: both from its path, no lookup of the site's roots.
                    "url": prefixed_url(page, language),
                    "summary": getattr(page, "summary", ""),
                    "language": code,
                    "fallback": code != language,
                    # Available in the visitor's language by a recording, text in ``language``.
                    "spoken": language in spoken.get(page.pk, ()),
                }
            )
        return items

    host = request.get_host() if request is not None else ""
    return _memo(
        request, ("menu", language, with_summary), lambda: memoize("menu", (host, language, with_summary), compute)
    )


@register.simple_tag(takes_context=True)
def site_map_sections(context):
    """The menu's sections, each with its public child pages in the visitor's language
    (or the next of the fallback chain): the human site map (``/<lang>/site-map/``).
    Four queries whatever the number of sections, kept per content like the menu."""
    request = context.get("request")
    language = translation.get_language()
    sections = menu_pages(context)

    def compute():
        depends_on("menu", ANY_PAGE)  # a page added anywhere under a section shows here
        keys = dict(Page.objects.filter(pk__in=[s["id"] for s in sections]).values_list("pk", "translation_key"))
        parents = Page.objects.filter(translation_key__in=keys.values(), locale__language_code=DEFAULT_LANGUAGE)
        parent_of_key = {p.translation_key: p for p in parents}
        under = Q()
        for parent in parent_of_key.values():
            under |= Q(path__startswith=parent.path, depth=parent.depth + 1)
        kids = list(public_pages(Page.objects.filter(under)).order_by("path")) if under else []
        shown = {
            kid.translation_key: kid for kid in translations_for(kids, language, queryset_filter=public_pages)
        }
        out = []
        for section in sections:
            parent = parent_of_key.get(keys.get(section["id"]))
            mine = [kid for kid in kids if parent is not None and kid.path.startswith(parent.path)][:50]
            children = []
            for kid in mine:
                child = shown.get(kid.translation_key)
                if child is None:
                    continue
                children.append(
                    {
                        "title": child.title,
                        "url": prefixed_url(child, language),
                        "language": child.locale.language_code,
                    }
                )
            out.append({**section, "children": children})
        return out

    host = request.get_host() if request is not None else ""
    return memoize("site_map", (host, language), compute)


@register.simple_tag(takes_context=True)
def site_contact(context):
    """The footer's publisher and contact details (``cms.models.SiteContact``), kept per
    host like the menu: the footer costs no query on a cold page."""
    from ..models import SiteContact

    request = context.get("request")

    def compute():
        site = Site.find_for_request(request) if request is not None else None
        site = site or Site.objects.filter(is_default_site=True).first()
        if site is None:
            return {"ready": False}
        # Not ``for_site``: it creates the row on first use, and a write while serving a
        # page makes every kept page stale (content.cache).
        contact = SiteContact.objects.filter(site=site).first()
        if contact is None:
            return {"ready": False}
        fields = ("publisher", "address", "phone", "email")
        return {"ready": contact.ready, **{name: getattr(contact, name) for name in fields}}

    host = request.get_host() if request is not None else ""
    return _memo(request, ("contact",), lambda: memoize("site_contact", (host,), compute))


@register.simple_tag(takes_context=True)
def home_url(context):
    return f"/{translation.get_language()}/"


@register.filter
def is_fallback(page):
    """True when ``page`` is shown in a language other than the visitor's."""
    return isinstance(page, Page) and page.locale.language_code != translation.get_language()


@register.simple_tag(takes_context=True)
def spoken_notice(context, page):
    """On a page shown in another language's text: "Listen in Bahnar · text in Vietnamese"
    when it has an approved recording in the visitor's language (``content.locales``),
    else "" (and the base template says "Not yet translated")."""
    if not is_fallback(page):
        return ""
    current = translation.get_language()
    if current not in spoken_languages([page]).get(page.pk, ()):
        return ""
    from content.templatetags.narration_tags import language_notice

    return language_notice(current, page.locale.language_code)


@register.simple_tag
def language_name(code):
    return LANGUAGE_INFO.get(code, {}).get("name_local", code)


@register.simple_tag(takes_context=True)
def page_jsonld(context):
    """The page's schema.org JSON-LD (``page.jsonld(request)``), or a view's (its
    ``jsonld`` context value): ``content.jsonld``."""
    data = context.get("jsonld")
    page = context.get("page")
    if data is None and isinstance(page, Page) and hasattr(page, "jsonld"):
        data = page.jsonld(context.get("request"))
    return jsonld.script(data)


@register.filter
def alternates(links):
    """The hreflang alternates of a page: its real translations, when there are at least
    two (the sitemap announces the same, ``cms.sitemaps``); never a fallback."""
    translated = [link for link in links if link["translated"]]
    return translated if len(translated) > 1 else []
