"""Admin screen: the pages not yet translated into one language, each with a link to
translate it (wagtail-localize) or to finish the translation begun, and how many segments of
that translation are still the source's text copied unchanged (``content.translations``)."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from wagtail.models import Page

from .dashboard import target_languages, untranslated_pages
from .locales import LANGUAGE_INFO
from .models import UnfinishedTranslation

PER_PAGE = 50


def untranslated_pages_view(request, code):
    if code not in target_languages():
        raise Http404
    pages = untranslated_pages(code).select_related("locale")
    paginator = Paginator(pages, PER_PAGE)
    page_obj = paginator.get_page(request.GET.get("p"))
    begun = {
        page.translation_key: page
        for page in Page.objects.filter(
            locale__language_code=code, translation_key__in=[p.translation_key for p in page_obj]
        )
    }
    copied = dict(
        UnfinishedTranslation.objects.filter(page_id__in=[page.pk for page in begun.values()]).values_list(
            "page_id", "copied_segments"
        )
    )
    rows = []
    for page in page_obj:
        translation = begun.get(page.translation_key)
        rows.append(
            {"page": page, "begun": translation, "copied": copied.get(translation.pk, 0) if translation else 0}
        )
    return render(
        request,
        "content/admin/untranslated_pages.html",
        {
            "code": code,
            "language": LANGUAGE_INFO.get(code, {}).get("name_vi", code),
            "rows": rows,
            "page_obj": page_obj,
            "count": paginator.count,
        },
    )
