"""Public views of the shared kernel: page serving with translation fallback,
robots.txt, and the error pages."""

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from wagtail import views as wagtail_views
from wagtail.models import Locale, Site

from .locales import fallback_chain


def serve(request, path):
    """Wagtail's serve, but a page missing in the visitor's language is shown
    from the next language of the fallback chain instead of a 404."""
    try:
        return wagtail_views.serve(request, path)
    except Http404:
        pass
    site = Site.find_for_request(request)
    if site is None:
        raise Http404
    components = [c for c in path.split("/") if c]
    current = translation.get_language()
    for code in fallback_chain(current)[1:]:
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
        request._wagtail_route_for_request = (page, args, kwargs)
        request.served_language = code
        return wagtail_views.serve(request, path)
    raise Http404


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
