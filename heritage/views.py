"""Public views that are not pages: the festival calendar (HTML and iCalendar)
and the map of places. They list the visitor's language with fallback."""

import datetime
import json
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from icalendar import Calendar, Event, vText

from content import jsonld
from content.baseurl import base_url
from content.cachetags import depends_on, precise

from .calendar import month_grids, occurrences, today_in_vietnam, window
from .models import FestivalPage, PlacePage
from .models.base import cards
from .models.pages import approximate_note


def _festivals():
    # The calendar and .ics show festivals and their places' titles, nothing else
    # a page change touches (content.cache).
    precise()
    depends_on("type:heritage.festivalpage", "type:heritage.placepage")
    return cards(FestivalPage.objects.select_related("unit", "place"), translation.get_language())


def _start(request):
    """``?start=YYYY-MM`` (for browsing and tests), else the current month in Vietnam."""
    raw = request.GET.get("start", "").strip()
    if not raw:
        return today_in_vietnam()
    try:
        return datetime.datetime.strptime(raw, "%Y-%m").date()
    except ValueError:
        return None


@require_GET
def festival_calendar(request):
    start = _start(request)
    if start is None or not 1900 <= start.year <= 2100:
        return HttpResponseBadRequest(_("The start month must look like 2026-01."))
    festivals = _festivals()
    grids = month_grids(festivals, start)
    undated = [f for f in festivals if not f.start_month]
    first, last = window(start)
    context = {
        "months": grids,
        "undated": undated,
        "first": first,
        "last": last,
        "weekdays": [_("Mon"), _("Tue"), _("Wed"), _("Thu"), _("Fri"), _("Sat"), _("Sun")],
        "today": today_in_vietnam(),
        "jsonld": _calendar_jsonld(request, grids),
    }
    return render(request, "heritage/festival_calendar.html", context)


def _calendar_jsonld(request, grids):
    """The calendar as a ``CollectionPage`` of the festivals it shows, each by its URL (each
    festival's own page has its ``Event``, with dates only where they are known)."""
    seen = []
    for grid in grids:
        for occurrence in [*grid["dated"], *grid["seasonal"]]:
            url = occurrence.festival.get_url(request)
            if url not in seen:
                seen.append(url)
    data = jsonld.web_page(request, "CollectionPage", _("Festival calendar"), translation.get_language())
    return jsonld.with_items(data, request, seen)


@require_GET
@cache_control(max_age=3600, public=True)
def festival_calendar_ics(request):
    """RFC 5545 feed of the same occurrences: all-day events with stable UIDs."""
    start = _start(request)
    if start is None or not 1900 <= start.year <= 2100:
        return HttpResponseBadRequest("start must look like 2026-01")
    first, last = window(start)
    host = urlsplit(base_url()).hostname or "nharong"  # stable UIDs: the public address, not the request's
    cal = Calendar()
    cal.add("prodid", "-//Nha Rong//Festivals//" + translation.get_language().upper())
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", _("Festivals of the Bana, Chăm H'roi and H'rê"))
    cal.add("x-wr-timezone", "Asia/Ho_Chi_Minh")
    stamp = timezone.now().replace(microsecond=0)
    for festival in _festivals():
        for occ in occurrences(festival, first, last):
            event = Event()
            event.add("uid", f"{festival.translation_key}-{occ.start:%Y%m%d}@{host}")
            event.add("dtstamp", stamp)
            event.add("dtstart", occ.start)
            event.add("dtend", occ.end + datetime.timedelta(days=1))
            window_text = "" if occ.exact else festival.window_display()
            if occ.exact:
                summary = festival.title
            elif window_text:
                summary = f"{festival.title} ({_('day not fixed')})"
            else:
                summary = f"{festival.title} ({_('approximate')})"
            event.add("summary", summary)
            if window_text:
                # A whole window as one all-day span: calendar apps show it as a bar over the
                # months, and the description says it is not the festival's date.
                window_note = _(
                    "This is a window, not a date: %(window)s. The span shown, %(start)s – %(end)s, "
                    "is the whole window in %(year)s."
                ) % {
                    "window": window_text,
                    "start": f"{occ.start:%d/%m/%Y}",
                    "end": f"{occ.end:%d/%m/%Y}",
                    "year": occ.start.year,
                }
                parts = [window_note, festival.season_text, festival.summary]
            else:
                parts = [festival.when_display(), festival.summary]
            event.add("description", " · ".join(str(p) for p in parts if p))
            if window_text:
                event.add("categories", [_("Window")])
            event.add("url", festival.get_full_url(request))
            where = festival.place.title if festival.place_id else (festival.unit.name if festival.unit_id else "")
            if where:
                event["location"] = vText(where)
            event.add("transp", "TRANSPARENT")
            cal.add_component(event)
    response = HttpResponse(cal.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="festivals.ics"'
    return response


@require_GET
def place_map(request):
    """Every public place, each with where its marker stands: its sourced coordinates, or
    the centre of its commune marked approximate (``PlacePage.coordinates``), or no marker."""
    queryset = PlacePage.objects.select_related("unit").prefetch_related("unit__successors")
    places = cards(queryset, translation.get_language())
    markers = []
    rows = []
    for p in places:
        where = p.coordinates()
        rows.append({"page": p, "where": where})
        if where is None:
            continue
        marker = {
            "id": f"place-{p.pk}",
            "title": p.title,
            "url": p.get_url(request),
            "lat": where["lat"],
            "lon": where["lon"],
            "kind": str(p.get_kind_display()),
            "precision": where["precision"],
        }
        if where["commune"]:
            marker["note"] = approximate_note(where["commune"]["name"])
        markers.append(marker)
    exact = sum(1 for r in rows if r["where"] and r["where"]["precision"] == "exact")
    approximate = sum(1 for r in rows if r["where"] and r["where"]["precision"] == "commune_centre")
    context = {
        "places": places,
        "rows": rows,
        "markers": markers,
        "counts": {
            "total": len(rows),
            "exact": exact,
            "approximate": approximate,
            "none": len(rows) - exact - approximate,
        },
        "map_config": json.dumps(
            {
                "tileUrl": settings.MAP_TILE_URL,
                "attribution": getattr(settings, "MAP_TILE_ATTRIBUTION", ""),
                # a group of markers too close to tell apart at this zoom (``map.js``)
                "clusterLabel": _("%(count)s places here; select to zoom in"),
            },
            ensure_ascii=False,  # Vietnamese as itself in the attribute, not \u escapes
        ),
        "jsonld": jsonld.with_items(
            jsonld.web_page(request, "CollectionPage", _("Map of places"), translation.get_language()),
            request,
            [p.get_url(request) for p in places],
        ),
    }
    return render(request, "heritage/place_map.html", context)
