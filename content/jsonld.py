"""schema.org JSON-LD, one way for every page type.

Each page model says what it is by a ``jsonld(request)`` method (the kernel's pages here,
every app's on its own models); views that are not pages (calendar, map, search) put a
``jsonld`` value in their context. ``{% page_jsonld %}`` in ``base.html`` renders either as
one ``<script type="application/ld+json">``. The helpers below are the fields every
document shares, so that ``inLanguage`` is always the language of the text served (a
fallback page says ``vi`` and so does its ``<html lang>``), dates are ISO 8601 and the
publisher is named the same everywhere. Checked by a JSON-LD processor against the
schema.org vocabulary in ``tests/content/test_jsonld.py`` and ``tests/validators``.
"""

import json

from django.conf import settings
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from . import baseurl

CONTEXT = "https://schema.org"
# The types this project emits that are schema.org CreativeWorks: only they have a
# language, publication dates, a publisher and citations (an Event has a language too).
CREATIVE_WORKS = {
    "Article",
    "CollectionPage",
    "Course",
    "LearningResource",
    "Legislation",
    "SearchResultsPage",
    "WebPage",
    "WebSite",
}


def publisher():
    """The organisation that publishes the site (the same object on every page)."""
    return {"@type": "Organization", "name": settings.WAGTAIL_SITE_NAME}


def absolute(request, url):
    """``url`` made absolute on the public base URL (JSON-LD URLs are read off the page)."""
    return baseurl.absolute(url)


def page_document(page, request, schema_type, **fields):
    """The fields every page's document has: type, name, URL, summary, hero image and, for
    a creative work, its language (the page's own: what the reader gets, also on a
    fallback page) and publication dates; ``fields`` add or override (empty values are
    dropped)."""
    data = {"@context": CONTEXT, "@type": schema_type, "name": page.title, "url": page.get_full_url(request)}
    if schema_type in CREATIVE_WORKS or schema_type == "Event":
        data["inLanguage"] = page.locale.language_code
    if getattr(page, "summary", ""):
        data["description"] = page.summary
    if schema_type in CREATIVE_WORKS and page.first_published_at:
        data["datePublished"] = page.first_published_at.isoformat()
    if schema_type in CREATIVE_WORKS and page.last_published_at:
        data["dateModified"] = page.last_published_at.isoformat()
    image = getattr(page, "hero_image", None)
    if image is not None:
        data["image"] = image_object(image, request)
    data.update(fields)
    return {key: value for key, value in data.items() if value not in (None, "", [])}


def image_object(image, request):
    return {
        key: value
        for key, value in {
            "@type": "ImageObject",
            "url": absolute(request, image.file.url),
            "caption": image.default_alt_text,
            "creditText": getattr(image, "credit", ""),
            "license": getattr(image, "licence_url", ""),
        }.items()
        if value
    }


def article(page, request, schema_type="Article", **fields):
    """An article: a headline, its publisher and publication dates."""
    return page_document(page, request, schema_type, headline=page.title[:110], publisher=publisher(), **fields)


def collection(page, request, items=(), **fields):
    """A listing page (``CollectionPage``), with its items as an ``ItemList`` of URLs."""
    data = page_document(page, request, "CollectionPage", publisher=publisher(), **fields)
    return with_items(data, request, items)


def with_items(data, request, items):
    urls = [absolute(request, url) for url in items if url]
    if urls:
        data["mainEntity"] = {
            "@type": "ItemList",
            "numberOfItems": len(urls),
            "itemListElement": [
                {"@type": "ListItem", "position": n, "url": url} for n, url in enumerate(urls, start=1)
            ],
        }
    return data


def with_things(data, request, things, key="mainEntity"):
    """``data`` with ``things`` (schema.org nodes, each with a ``url``) as an ``ItemList``
    under ``key``: a listing whose items are described, not only linked (the statistics
    index's data sets, the reports, the site map's sections). URLs made absolute."""
    elements = []
    for position, thing in enumerate((t for t in things if t), start=1):
        thing = {k: v for k, v in thing.items() if v not in (None, "", [])}
        if "url" in thing:
            thing["url"] = absolute(request, thing["url"])
        elements.append({"@type": "ListItem", "position": position, "item": thing})
    if elements:
        data[key] = {"@type": "ItemList", "numberOfItems": len(elements), "itemListElement": elements}
    return data


def web_page(request, schema_type, name, language, **fields):
    """A document for a view that is not a page (calendar, map, search)."""
    data = {
        "@context": CONTEXT,
        "@type": schema_type,
        "name": str(name),
        "url": absolute(request, request.path) if request is not None else None,
        "inLanguage": language,
        "isPartOf": {"@type": "WebSite", "name": settings.WAGTAIL_SITE_NAME, "url": absolute(request, "/")},
        **fields,
    }
    return {key: value for key, value in data.items() if value not in (None, "", [])}


def website(page, request):
    """A home page: the ``WebSite`` (with its search action) and the ``Organization``."""
    language = page.locale.language_code
    root = absolute(request, f"/{language}/")
    return [
        page_document(
            page,
            request,
            "WebSite",
            publisher=publisher(),
            potentialAction={
                "@type": "SearchAction",
                "target": {"@type": "EntryPoint", "urlTemplate": f"{root}search/?q={{search_term_string}}"},
            },
        ),
        {"@context": CONTEXT, **publisher(), "url": absolute(request, "/")},
    ]


def script(data):
    """``<script type="application/ld+json">`` for ``data`` (escaped so that no value can
    end the element or open a comment)."""
    if not data:
        return ""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))  # noqa: S308
