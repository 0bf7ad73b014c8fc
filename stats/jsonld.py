"""schema.org JSON-LD of the public statistics pages, built with the kernel's helpers
(``content.jsonld``) from what each view has already read: no query of its own, so the
pages keep their query budget, and approved public values only, since that is all the
views hold.

An indicator page and a commune profile are each a ``Dataset`` (what is measured, where and
when, and the CSV of the same approved values); the index and the reports page are
``CollectionPage``s whose items are described (the data sets, each report a ``Report`` with
its files). ``inLanguage`` is the language the page is served in (its ``<html lang>``).
Sample figures are said to be samples in the description, as on every table and chart."""

from django.urls import reverse
from django.utils import translation
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from content import jsonld

from . import periods


def _language():
    return translation.get_language()


def _number(value):
    """A Decimal as a JSON number (integers without a fraction)."""
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def _temporal(codes):
    """``2019-01-01/2025-12-31``: from the start of the first period to the end of the last."""
    parsed = sorted(periods.parse(code) for code in codes)
    if not parsed:
        return None
    return f"{parsed[0].start.isoformat()}/{parsed[-1].end.isoformat()}"


def _sample_note():
    return _("Sample data for the demonstration, not official figures.")


def _describe(text, sample):
    return " ".join(part for part in (text, _sample_note() if sample else "") if part)


def _variable(indicator, value=None):
    return {
        k: v
        for k, v in {
            "@type": "PropertyValue",
            "propertyID": indicator.code,
            "name": indicator.label,
            "description": indicator.definition_text,
            "unitText": str(indicator.get_unit_display()),
            "value": _number(value),
        }.items()
        if v not in (None, "")
    }


def _place(code, name, latitude=None, longitude=None, contained_in=None):
    place = {"@type": "Place", "name": name, "identifier": code}
    if latitude is not None and longitude is not None:
        place["geo"] = {"@type": "GeoCoordinates", "latitude": latitude, "longitude": longitude}
    if contained_in is not None:
        place["containedInPlace"] = {"@type": "Place", "name": contained_in.name, "identifier": contained_in.code}
    return place


def _values_csv(request, **filters):
    return jsonld.absolute(request, "/api/v1/stats/values.csv?" + urlencode(filters))


def _dataset(request, name, description, sample, **fields):
    return jsonld.web_page(
        request,
        "Dataset",
        name,
        _language(),
        description=_describe(description, sample),
        isAccessibleForFree=True,
        creator=jsonld.publisher(),
        publisher=jsonld.publisher(),
        **fields,
    )


def indicator_document(request, figures):
    """An indicator page (``stats.views.indicator``) as a ``Dataset``: the indicator measured,
    in the communes and over the periods of its approved public values."""
    indicator = figures["indicator"]
    places = [
        _place(r["unit_code"], r["unit_name"], r["unit_latitude"], r["unit_longitude"])
        for r in (row["unit"] for row in figures["table"][:200])
    ]
    return _dataset(
        request,
        indicator.label,
        indicator.definition_text,
        figures["sample"],
        identifier=indicator.code,
        variableMeasured=_variable(indicator),
        measurementTechnique=indicator.source_programme,
        isBasedOn=indicator.source_url,
        spatialCoverage=places,
        temporalCoverage=_temporal(figures["periods"]),
        distribution={
            "@type": "DataDownload",
            "encodingFormat": "text/csv",
            "contentUrl": _values_csv(request, indicator=indicator.code),
        },
    )


def commune_name(unit):
    return _("Statistics of %(name)s") % {"name": unit.name}


def commune_document(request, unit, province, cards, sample, at):
    """A commune profile (``stats.views.commune``) as a ``Dataset``: each key indicator with
    its latest value, the commune (and its province) as the place, the periods shown."""
    return _dataset(
        request,
        commune_name(unit),
        _("Key ethnic-affairs indicators of %(name)s, with their trend.") % {"name": unit.name},
        sample,
        identifier=unit.code,
        variableMeasured=[_variable(card["indicator"], card["value"]) for card in cards],
        spatialCoverage=_place(unit.code, unit.name, unit.latitude, unit.longitude, province),
        temporalCoverage=_temporal({p["period"] for card in cards for p in card["points"]}),
        distribution={
            "@type": "DataDownload",
            "encodingFormat": "text/csv",
            "contentUrl": _values_csv(request, unit=unit.code, at=at.isoformat()),
        },
    )


def index_document(request, indicators, communes):
    """The statistics index: a ``CollectionPage`` of its data sets (each indicator and each
    commune profile it lists)."""
    data = jsonld.web_page(
        request, "CollectionPage", _("Ethnic-affairs statistics"), _language(), publisher=jsonld.publisher()
    )
    things = [
        {
            "@type": "Dataset",
            "name": indicator.label,
            "identifier": indicator.code,
            "url": reverse("stats:indicator", args=[indicator.code]),
        }
        for indicator in indicators
    ]
    things += [
        {
            "@type": "Dataset",
            "name": _("Statistics of %(name)s") % {"name": commune["unit__name"]},
            "identifier": commune["unit__code"],
            "url": reverse("stats:commune", args=[commune["unit__code"]]),
        }
        for commune in communes
    ]
    return jsonld.with_things(data, request, things)


def reports_document(request, reports):
    """The periodic reports page: a ``CollectionPage`` of published reports, each a
    ``Report`` with its PDF and XLSX (the view lists published reports only)."""
    data = jsonld.web_page(
        request, "CollectionPage", _("Periodic reports"), _language(), publisher=jsonld.publisher()
    )
    things = []
    for report in reports:
        pdf = reverse("stats:report_file", args=[report.pk, "pdf"])
        xlsx = reverse("stats:report_file", args=[report.pk, "xlsx"])
        things.append(
            {
                "@type": "Report",
                "name": f"{report.dataset.label} · {report.period}",
                "url": pdf,
                "inLanguage": report.language,
                "temporalCoverage": _temporal([report.period]),
                "datePublished": report.published_at.isoformat() if report.published_at else None,
                "publisher": jsonld.publisher(),
                "description": _sample_note() if report.sample else None,
                "encoding": [
                    {
                        "@type": "MediaObject",
                        "encodingFormat": "application/pdf",
                        "contentUrl": jsonld.absolute(request, pdf),
                    },
                    {
                        "@type": "MediaObject",
                        "encodingFormat": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                        "contentUrl": jsonld.absolute(request, xlsx),
                    },
                ],
            }
        )
    return jsonld.with_things(data, request, things)
