"""A dataset's files: its CSV (streamed row by row, never held whole) and its
Frictionless Data Package descriptor, whose Table Schema types every column and
points unit-code columns at the administrative-units resource (foreign keys)."""

import hashlib
from datetime import date, datetime
from decimal import Decimal

from django.urls import reverse

from content import csvstream
from content.cache import generation

from .datasets import UNITS_SLUG, get_dataset

LICENCE_NAMES = {"https://creativecommons.org/licenses/by/4.0/": ("CC-BY-4.0", "Creative Commons Attribution 4.0")}


def cell(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def csv_lines(dataset):
    """The header then one CSV line per row (a generator: the response streams it)."""
    names = dataset.column_names()
    return csvstream.csv_lines(names, ([cell(row.get(name)) for name in names] for row in dataset.rows()))


def fingerprint(dataset, modified=None):
    """The ETag of a dataset's files: its rows change only with the content generation
    (every publish and every approved figure bumps it) or its modified date."""
    modified = modified if modified is not None else dataset.modified()
    raw = f"{dataset.slug}|{generation()}|{modified.isoformat() if modified else ''}"
    return '"' + hashlib.sha256(raw.encode()).hexdigest()[:32] + '"'


def csv_url(base, slug):
    return base.rstrip("/") + reverse("sharing_csv", args=[slug])


def package_url(base, slug):
    return base.rstrip("/") + reverse("sharing_datapackage", args=[slug])


def page_url(base, slug, language="vi"):
    from django.utils import translation

    with translation.override(language):
        return base.rstrip("/") + reverse("sharing_dataset", args=[slug])


def licence_descriptor(url):
    name, title = LICENCE_NAMES.get(url, (None, url))
    out = {"path": url, "title": title}
    if name:
        out["name"] = name
    return out


def table_schema(dataset):
    schema = {"fields": [c.descriptor() for c in dataset.columns], "missingValues": [""]}
    if dataset.primary_key:
        schema["primaryKey"] = list(dataset.primary_key)
    if dataset.slug != UNITS_SLUG and dataset.unit_columns:
        schema["foreignKeys"] = [
            {"fields": name, "reference": {"resource": UNITS_SLUG, "fields": "code"}}
            for name in dataset.unit_columns
        ]
    return schema


def resource(dataset, base):
    return {
        "name": dataset.slug,
        "title": dataset.title_en,
        "description": dataset.description_en,
        "path": csv_url(base, dataset.slug),
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "profile": "tabular-data-resource",
        "schema": table_schema(dataset),
    }


def datapackage(dataset, base):
    """The ``datapackage.json`` descriptor (Frictionless Data Package v1)."""
    modified = dataset.modified()
    resources = [resource(dataset, base)]
    if dataset.slug != UNITS_SLUG and dataset.unit_columns:
        resources.append(resource(get_dataset(UNITS_SLUG), base))
    package = {
        "profile": "tabular-data-package",
        "name": dataset.slug,
        "title": dataset.title_en,
        "description": dataset.description_en,
        "homepage": page_url(base, dataset.slug, "en"),
        "licenses": [licence_descriptor(dataset.licence)],
        "keywords": list(dataset.keywords),
        "contributors": [{"title": dataset.publisher, "role": "publisher", "email": dataset.contact_email}],
        "resources": resources,
        "x_title_vi": dataset.title_vi,
        "x_description_vi": dataset.description_vi,
    }
    if modified:
        package["x_modified"] = modified.isoformat()
    if dataset.sample:
        package["x_sample"] = True
    return package
