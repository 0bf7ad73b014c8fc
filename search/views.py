"""The public search page ``/<lang>/search/?q=…``: a plain GET form, facets as links."""

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from content import jsonld
from content.cachetags import depends_on, precise
from content.locales import fallback_chain

from .service import FILTER_NAMES, MAX_QUERY_LENGTH, search
from .vocabulary import facet_labels, is_site_root_type, popular

PER_PAGE = 10
MAX_PAGE = 50

FACET_TITLES = {
    "type": _("Type of content"),
    "group": _("People"),
    "topic": _("Topic"),
    "commune": _("Commune"),
    "kind": _("Kind"),
}


def clean_params(data):
    """Query, filters and page number from request parameters; bad values are dropped."""
    query = (data.get("q") or "").strip()[:MAX_QUERY_LENGTH]
    filters = {}
    for name in FILTER_NAMES:
        value = (data.get(name) or "").strip()
        if value and len(value) <= 100:
            filters[name] = value
    try:
        page = min(max(int(data.get("page", 1)), 1), MAX_PAGE)
    except (TypeError, ValueError):
        page = 1
    return query, filters, page


def _url(query, filters, **changes):
    params = {"q": query, **filters, **changes}
    return "?" + urlencode({k: v for k, v in params.items() if v})


def search_view(request):
    precise()  # results depend on the index and pages: the "search" tag (content.cache)
    depends_on("search")
    language = translation.get_language()
    chain = fallback_chain(language)
    query, filters, page_number = clean_params(request.GET)
    results = (
        search(query, language, filters, limit=PER_PAGE, offset=(page_number - 1) * PER_PAGE) if query else None
    )
    facets = []
    if results and results.facets:
        labels = facet_labels({n: [v for v, _c, _s in vals] for n, vals in results.facets.items()}, chain)
        for name, values in results.facets.items():
            if name == "type":
                values = [v for v in values if not is_site_root_type(v[0])]
            if not values:
                continue
            facets.append(
                {
                    "name": name,
                    "title": FACET_TITLES[name],
                    "values": [
                        {
                            "value": value,
                            "label": labels.get((name, value), value),
                            "count": count,
                            "selected": selected,
                            "url": _url(query, {**filters, name: "" if selected else value}),
                        }
                        for value, count, selected in values
                    ],
                }
            )
    paginator = page_obj = None
    if results and results.total:
        paginator = Paginator(range(results.total), PER_PAGE)
        page_obj = paginator.get_page(page_number)
    topics = []
    if not (results and results.total):  # shown only when there is nothing else to show
        # counted over every public page: on a results page it cost a scan of the corpus
        topics = popular(language, chain, "topic") or popular(language, chain, "group")
    context = {
        "query": query,
        # the form was sent with nothing to look for: say so at the field, not a blank page
        "empty_query": "q" in request.GET and not query,
        "results": results,
        "facets": facets,
        "filters": filters,
        "page_obj": page_obj,
        "prev_url": _url(query, filters, page=page_obj.previous_page_number())
        if page_obj and page_obj.has_previous()
        else "",
        "next_url": _url(query, filters, page=page_obj.next_page_number())
        if page_obj and page_obj.has_next()
        else "",
        "did_you_mean_url": _url(results.did_you_mean, filters) if results and results.did_you_mean else "",
        "clear_url": _url(query, {}),
        "popular": [{"label": label, "count": count, "url": _url(label, {})} for _value, label, count in topics],
        "jsonld": jsonld.web_page(request, "SearchResultsPage", _("Search"), language),
    }
    return render(request, "search/search.html", context)
