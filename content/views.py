"""Public views of the shared kernel: page serving with translation fallback,
robots.txt, and the error pages."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from wagtail import views as wagtail_views
from wagtail.models import Locale, Page, Site

from cms.cache import memoize

from .locales import fallback_chain


def serve(request, path):
    """Wagtail's serve, but a page missing in the visitor's language is shown
    from the next language of the fallback chain instead of a 404.

    Routing walks the tree one query per path segment; its result (page id and
    type, or "not found") is memoised per content generation, so a request
    loads its page in one query."""
    route = _cached_route(request, path)
    if route is not None:
        request._wagtail_route_for_request = route[:3]
        if route[3]:
            request.served_language = route[3]
        return wagtail_views.serve(request, path)
    try:
        return wagtail_views.serve(request, path)
    except Http404:
        pass
    route = _fallback_route(request, path)
    if route is None:
        raise Http404
    request._wagtail_route_for_request = route[:3]
    request.served_language = route[3]
    return wagtail_views.serve(request, path)


def _fallback_route(request, path):
    """``(page, args, kwargs, language)`` from the next language of the fallback chain."""
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
        return page, args, kwargs, code
    return None


def _cached_route(request, path):
    """The memoised route of ``path``: ``(page, (), {}, fallback_language)``, or
    None when the path is not a plain page (a routable sub-view, a 404, preview).

    The kept value is the page itself, freshly loaded (with its locale) when the
    route was computed; every request gets its own unpickled copy, so serving a
    page whose route is kept runs no query at all."""
    if request.method not in ("GET", "HEAD"):
        return None
    site = Site.find_for_request(request)
    if site is None:
        return None

    def compute():
        result = Page.route_for_request(request, path)
        language = ""
        if result is None:
            result = _fallback_route(request, path)
            if result is None:
                return None
            language = result[3]
        page, args, kwargs = result[:3]
        if args or kwargs:
            return None  # a routable page's sub-view: route it every time
        model = ContentType.objects.get_for_id(page.content_type_id).model_class()
        return model.objects.select_related("locale").get(pk=page.pk), language

    entry = memoize("route", (site.pk, translation.get_language(), path), compute)
    if entry is None:
        return None
    page, language = entry
    if not page.live:
        return None
    return page, (), {}, language


@require_GET
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /api/",
        "Disallow: /django-admin/",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
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
