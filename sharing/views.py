"""The open-data views: the catalogue and dataset pages (``/<lang>/data/…``), each
dataset's CSV and datapackage.json, the DCAT catalogue and the content dumps.
Every file answers with ETag and Last-Modified and a 304 when unchanged."""

import json

from django.http import FileResponse, Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from content import jsonld as schema
from content.api.conditional import body_etag, is_not_modified, last_modified_header
from content.baseurl import base_url
from content.locales import normalize_language

from . import catalog as dcat
from . import dumps
from .datasets import all_datasets, get_dataset
from .packages import csv_lines, csv_url, datapackage, fingerprint, package_url, page_url

CACHE_CONTROL = "public, max-age=300"


def _base(request):
    return base_url() + "/"


def _validators(response, etag, modified):
    response["ETag"] = etag
    if modified is not None:
        response["Last-Modified"] = last_modified_header(modified)
    response["Cache-Control"] = CACHE_CONTROL
    return response


def _not_modified(etag, modified):
    return _validators(HttpResponse(status=304), etag, modified)


def _dataset_or_404(slug):
    dataset = get_dataset(slug)
    if dataset is None:
        raise Http404
    return dataset


def dataset_csv(request, slug):
    dataset = _dataset_or_404(slug)
    modified = dataset.modified()
    etag = fingerprint(dataset, modified)
    if is_not_modified(request, etag, modified):
        return _not_modified(etag, modified)
    response = StreamingHttpResponse(csv_lines(dataset), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{dataset.slug}.csv"'
    return _validators(response, etag, modified)


def dataset_package(request, slug):
    dataset = _dataset_or_404(slug)
    modified = dataset.modified()
    etag = fingerprint(dataset, modified)
    if is_not_modified(request, etag, modified):
        return _not_modified(etag, modified)
    body = json.dumps(datapackage(dataset, _base(request)), ensure_ascii=False, indent=2, default=str)
    return _validators(HttpResponse(body, content_type="application/json; charset=utf-8"), etag, modified)


def catalog(request, fmt):
    graph, modified = dcat.build_graph(_base(request))
    body = dcat.serialize(graph, fmt)
    etag = body_etag(body)
    if is_not_modified(request, etag, modified):
        return _not_modified(etag, modified)
    content_type = "application/ld+json" if fmt == "jsonld" else "text/turtle; charset=utf-8"
    return _validators(HttpResponse(body, content_type=content_type), etag, modified)


def _language():
    return "en" if get_language() == "en" else "vi"


def catalogue_page(request):
    language = _language()
    datasets = [
        {
            "slug": d.slug,
            "title": d.title(language),
            "description": d.description(language),
            "modified": d.modified(),
            "sample": d.sample,
            "licence": d.licence,
        }
        for d in all_datasets()
    ]
    context = {
        "datasets": datasets,
        "catalog_jsonld": "/catalog.jsonld",
        "catalog_ttl": "/catalog.ttl",
        "jsonld": _catalogue_jsonld(request, datasets, language),
    }
    return render(request, "sharing/catalogue.html", context)


def _catalogue_jsonld(request, datasets, language):
    """The catalogue page as a schema.org ``DataCatalog`` of its public datasets (each with
    its page, licence and CSV), beside the DCAT catalogue (``/catalog.jsonld``) for
    harvesters; ``inLanguage`` is the page's (its ``<html lang>``)."""
    base = _base(request)
    data = schema.web_page(
        request,
        "DataCatalog",
        _("Open data"),
        get_language(),
        description=_(
            "Datasets anyone may download and reuse under their licence (CC BY 4.0 unless stated), "
            "as CSV with a Frictionless data package."
        ),
        publisher=schema.publisher(),
        sameAs=base.rstrip("/") + "/catalog.jsonld",
        dataset=[
            _without_empty(
                {
                    "@type": "Dataset",
                    "name": d["title"],
                    "description": d["description"],
                    "identifier": d["slug"],
                    "url": page_url(base, d["slug"], language),
                    "license": d["licence"],
                    "isAccessibleForFree": True,
                    "dateModified": d["modified"].isoformat() if d["modified"] else None,
                    "distribution": {
                        "@type": "DataDownload",
                        "encodingFormat": "text/csv",
                        "contentUrl": csv_url(base, d["slug"]),
                    },
                }
            )
            for d in datasets
        ],
    )
    return data


def _without_empty(node):
    return {key: value for key, value in node.items() if value not in (None, "", [])}


def dataset_page(request, slug):
    dataset = _dataset_or_404(slug)
    language = _language()
    base = _base(request)
    modified = dataset.modified()
    start, end = dataset.temporal()
    jsonld = {
        "@context": "https://schema.org",
        "@type": "Dataset",
        "name": dataset.title(language),
        "alternateName": dataset.title("en" if language == "vi" else "vi"),
        "description": dataset.description(language),
        "url": page_url(base, dataset.slug, language),
        "identifier": dataset.slug,
        "license": dataset.licence,
        "isAccessibleForFree": True,
        "keywords": list(dataset.keywords),
        "inLanguage": language,  # the language this page describes it in
        "creator": {"@type": "Organization", "name": dataset.publisher, "email": dataset.contact_email},
        "publisher": {"@type": "Organization", "name": dataset.publisher},
        "distribution": [
            {"@type": "DataDownload", "encodingFormat": "text/csv", "contentUrl": csv_url(base, dataset.slug)},
            {
                "@type": "DataDownload",
                "encodingFormat": "application/json",
                "contentUrl": package_url(base, dataset.slug),
            },
        ],
    }
    if modified:
        jsonld["dateModified"] = modified.isoformat()
    if start or end:
        jsonld["temporalCoverage"] = f"{start.isoformat() if start else '..'}/{end.isoformat() if end else '..'}"
    codes = dataset.spatial()
    if codes:
        jsonld["spatialCoverage"] = [{"@type": "Place", "identifier": code, "name": code} for code in codes[:200]]
    context = {
        "dataset": dataset,
        "title": dataset.title(language),
        "description": dataset.description(language),
        "modified": modified,
        "temporal": (start, end),
        "spatial": codes,
        "columns": [
            {"name": c.name, "type": c.type, "title": c.title_en if language == "en" else c.title_vi}
            for c in dataset.columns
        ],
        "csv_url": csv_url("", dataset.slug),
        "package_url": package_url("", dataset.slug),
        "jsonld": jsonld,  # base.html writes it (``content.jsonld.script``, escaped)
    }
    return render(request, "sharing/dataset.html", context)


def content_dump(request, locale):
    """The full dump of one locale's public pages (built in the background after
    publishing; built here when missing or stale, so a late worker costs time only)."""
    if normalize_language(locale) != locale:
        raise Http404
    path, cursor, version = dumps.fresh_dump(locale)
    etag = f'"{locale}-{version}-{int(path.stat().st_mtime)}"'
    if is_not_modified(request, etag):
        return HttpResponse(status=304, headers={"ETag": etag})
    response = FileResponse(path.open("rb"), content_type="application/gzip")
    response["Content-Disposition"] = f'attachment; filename="content-{locale}.jsonl.gz"'
    response["ETag"] = etag
    response["X-Sync-Cursor"] = cursor
    response["Cache-Control"] = "public, max-age=60"
    return response
