"""Public views of the shared kernel: page serving with translation fallback,
robots.txt, and the error pages."""

import posixpath

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from django.views.static import serve as static_serve
from wagtail import views as wagtail_views
from wagtail.models import Locale, Page, Site

from content import jsonld
from content.baseurl import absolute
from content.cache import memoize, route_tags
from content.cachetags import ANY_PAGE, depends_on
from content.locales import fallback_chain
from content.translations import is_unfinished

from .templatetags.nharong import site_map_sections


@require_GET
def site_map(request):
    """The site map for people (the footer's link): every section and its pages, in the
    visitor's language or marked as shown in another. ``/sitemap.xml`` stays for crawlers.
    Its JSON-LD is a ``WebPage`` whose main entity lists the sections, each a
    ``SiteNavigationElement`` with its pages."""
    sections = site_map_sections({"request": request})
    return render(
        request, "cms/site_map.html", {"sections": sections, "jsonld": _site_map_jsonld(request, sections)}
    )


def _site_map_jsonld(request, sections):
    language = translation.get_language()
    data = jsonld.web_page(request, "WebPage", _("Site map"), language, publisher=jsonld.publisher())
    things = [
        {
            "@type": "SiteNavigationElement",
            "name": section["title"],
            "url": section["url"],
            "inLanguage": section.get("language") or language,
            "hasPart": [
                {
                    "@type": "WebPage",
                    "name": child["title"],
                    "url": jsonld.absolute(request, child["url"]),
                    "inLanguage": child["language"],
                }
                for child in section["children"]
            ],
        }
        for section in sections
    ]
    return jsonld.with_things(data, request, things)


def serve(request, path):
    """Wagtail's serve, but a page missing in the visitor's language is shown
    from the next language of the fallback chain instead of a 404."""
    route = _route(request, path)
    if route is None:
        raise Http404
    page, args, kwargs, language = route
    request._wagtail_route_for_request = (page, args, kwargs)
    if language:
        request.served_language = language
    return wagtail_views.serve(request, path)


def _find_route(request, path):
    """``(page, args, kwargs, fallback_language)``: the visitor's language first,
    then the next languages of the fallback chain; None when no language has it."""
    route = Page.route_for_request(request, path)
    if route is not None and not is_unfinished(route[0]):
        return (*route, "")
    site = Site.find_for_request(request)
    if site is None:
        return None
    components = [c for c in path.split("/") if c]
    for code in fallback_chain(translation.get_language())[1:]:
        try:
            locale = Locale.objects.get(language_code=code)
        except Locale.DoesNotExist:
            continue
        root = site.root_page.get_translation_or_none(locale)
        if root is None or not root.live:
            continue
        try:
            page, args, kwargs = root.specific.route(request, components)
        except Http404:
            continue
        if is_unfinished(page):
            continue
        return page, args, kwargs, code
    return None


ROUTE_EVERY_TIME = "dynamic"


def _route(request, path):
    """The route of ``path``, kept per content generation for GET and HEAD.

    Routing walks the tree one query per path segment. What is kept is the page
    itself, loaded fresh (with its locale) when the route was found, or "no such
    page"; each request gets its own unpickled copy, so a kept route serves its
    page without a query. A routable page's sub-view is routed every time."""
    if request.method not in ("GET", "HEAD"):
        return _find_route(request, path)
    site = Site.find_for_request(request)
    if site is None:
        return None

    def compute():
        route = _find_route(request, path)
        if route is None:
            depends_on(ANY_PAGE)  # any new page may be the one asked for
            return None
        page, args, kwargs, language = route
        depends_on(*route_tags(page))
        if language:  # a fallback: a new translation anywhere on the path replaces it
            depends_on(ANY_PAGE)
        if args or kwargs:
            return ROUTE_EVERY_TIME
        model = ContentType.objects.get_for_id(page.content_type_id).model_class()
        return model.objects.select_related("locale").get(pk=page.pk), language

    entry = memoize("route", (site.pk, translation.get_language(), path), compute)
    if entry is None:
        return None
    if entry == ROUTE_EVERY_TIME:
        return _find_route(request, path)
    page, language = entry
    if not page.live:  # unpublished by a QuerySet.update() that did not bump the generation
        return _find_route(request, path)
    return page, (), {}, language


@require_GET
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /api/",
        "Disallow: /django-admin/",
        f"Sitemap: {absolute('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # No context processors that might touch the database that just failed.
    from django.template import loader

    template = loader.get_template("500.html")
    return HttpResponse(
        template.render({"LANGUAGE_CODE": translation.get_language() or settings.LANGUAGE_CODE}),
        status=500,
    )


PRIVATE_MEDIA_FOLDERS = ("documents", "certificates", "bundles", "recordings")


def serve_media(request, path):
    """Uploads served by Django (``DEBUG`` or ``DJANGO_SERVE_MEDIA``), except folders
    whose files have their own view and rules: documents (``/documents/<id>/<name>``
    checks collection view restrictions and drafts), certificate PDFs, course
    bundles and recorded narration (``/narration/<id>.mp3``: approved recordings of
    public pages) (their views check what they belong to). A front server must refuse
    them too (README, "Running in production")."""
    folder = posixpath.normpath(path).lstrip("/").split("/", 1)[0]
    if "\x00" in path or folder in PRIVATE_MEDIA_FOLDERS:
        raise Http404
    return static_serve(request, path, document_root=settings.MEDIA_ROOT)
