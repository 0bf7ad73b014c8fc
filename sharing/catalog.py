"""The DCAT-AP 3 catalogue of every open dataset, built as an RDF graph with
``rdflib`` and served as JSON-LD (``/catalog.jsonld``) and Turtle (``/catalog.ttl``).

Each dataset: titles and descriptions in vi and en, publisher, contact point,
licence, spatial coverage (the official unit codes, as ``dct:Location``s),
temporal coverage, modified date, keywords, theme, and one distribution per
format (CSV and the Frictionless ``datapackage.json``).
"""

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, SKOS, XSD

from content.models import AdministrativeUnit

from .datasets import UNITS_SLUG, all_datasets
from .packages import csv_url, package_url, page_url

VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
THEMES = "http://publications.europa.eu/resource/authority/data-theme/"
FILE_TYPES = "http://publications.europa.eu/resource/authority/file-type/"
MEDIA_TYPES = "https://www.iana.org/assignments/media-types/"
FRICTIONLESS = URIRef("https://specs.frictionlessdata.io/data-package/")

JSONLD_CONTEXT = {
    "dcat": str(DCAT),
    "dct": str(DCTERMS),
    "foaf": str(FOAF),
    "vcard": str(VCARD),
    "skos": str(SKOS),
    "xsd": str(XSD),
}


def _dated(value):
    if value is None:
        return None
    if hasattr(value, "hour"):
        return Literal(value.isoformat(), datatype=XSD.dateTime)
    return Literal(value.isoformat(), datatype=XSD.date)


def build_graph(base):
    """The catalogue for the site at ``base`` (absolute URLs: ``http://host/``)."""
    base = base.rstrip("/") + "/"
    g = Graph()
    for prefix, ns in JSONLD_CONTEXT.items():
        g.bind(prefix, ns)
    datasets = all_datasets()
    names = dict(AdministrativeUnit.objects.values_list("code", "name"))

    catalog = URIRef(base + "catalog")
    g.add((catalog, RDF.type, DCAT.Catalog))
    g.add((catalog, DCTERMS.title, Literal("Danh mục dữ liệu mở Nhà Rông", lang="vi")))
    g.add((catalog, DCTERMS.title, Literal("Nhà Rông open data catalogue", lang="en")))
    g.add((catalog, DCTERMS.description, Literal("Dữ liệu mở về di sản, học tập và cộng đồng.", lang="vi")))
    g.add((catalog, DCTERMS.description, Literal("Open data on heritage, learning and community.", lang="en")))
    g.add((catalog, FOAF.homepage, URIRef(base + "vi/data/")))

    publisher = URIRef(base + "#publisher")
    g.add((publisher, RDF.type, FOAF.Agent))
    g.add((catalog, DCTERMS.publisher, publisher))
    modified = []

    for dataset in datasets:
        node = URIRef(page_url(base, dataset.slug, "vi"))
        g.add((catalog, DCAT.dataset, node))
        g.add((node, RDF.type, DCAT.Dataset))
        g.add((node, DCTERMS.identifier, Literal(dataset.slug)))
        for lang in ("vi", "en"):
            g.add((node, DCTERMS.title, Literal(dataset.title(lang), lang=lang)))
            g.add((node, DCTERMS.description, Literal(dataset.description(lang), lang=lang)))
        for word in dataset.keywords:
            g.add((node, DCAT.keyword, Literal(word)))
        if dataset.theme:
            g.add((node, DCAT.theme, URIRef(THEMES + dataset.theme)))
        g.add((node, DCAT.landingPage, URIRef(page_url(base, dataset.slug, "vi"))))
        g.add((node, DCTERMS.publisher, publisher))
        g.add((publisher, FOAF.name, Literal(dataset.publisher)))
        g.add((node, DCTERMS.license, URIRef(dataset.licence)))

        contact = BNode()
        g.add((node, DCAT.contactPoint, contact))
        g.add((contact, RDF.type, VCARD.Kind))
        g.add((contact, VCARD.fn, Literal(dataset.publisher)))
        g.add((contact, VCARD.hasEmail, URIRef("mailto:" + dataset.contact_email)))

        when = dataset.modified()
        if when is not None:
            g.add((node, DCTERMS.modified, _dated(when)))
            modified.append(when)
        start, end = dataset.temporal()
        if start or end:
            period = BNode()
            g.add((node, DCTERMS.temporal, period))
            g.add((period, RDF.type, DCTERMS.PeriodOfTime))
            if start:
                g.add((period, DCAT.startDate, _dated(start)))
            if end:
                g.add((period, DCAT.endDate, _dated(end)))
        for code in dataset.spatial():
            place = URIRef(page_url(base, UNITS_SLUG, "vi") + "#" + code)
            g.add((node, DCTERMS.spatial, place))
            g.add((place, RDF.type, DCTERMS.Location))
            g.add((place, DCTERMS.identifier, Literal(code)))
            if code in names:
                g.add((place, SKOS.prefLabel, Literal(names[code], lang="vi")))

        for kind, url, fmt, media in (
            ("csv", csv_url(base, dataset.slug), "CSV", "text/csv"),
            ("datapackage", package_url(base, dataset.slug), "JSON", "application/json"),
        ):
            dist = URIRef(url)
            g.add((node, DCAT.distribution, dist))
            g.add((dist, RDF.type, DCAT.Distribution))
            g.add((dist, DCAT.accessURL, URIRef(url)))
            g.add((dist, DCAT.downloadURL, URIRef(url)))
            g.add((dist, DCTERMS.format, URIRef(FILE_TYPES + fmt)))
            g.add((dist, DCAT.mediaType, URIRef(MEDIA_TYPES + media)))
            g.add((dist, DCTERMS.license, URIRef(dataset.licence)))
            g.add((dist, DCTERMS.title, Literal(f"{dataset.title_en} ({kind})", lang="en")))
            if kind == "datapackage":
                g.add((dist, DCTERMS.conformsTo, FRICTIONLESS))
            if when is not None:
                g.add((dist, DCTERMS.modified, _dated(when)))
    if modified:
        g.add((catalog, DCTERMS.modified, _dated(max(modified))))
    return g, (max(modified) if modified else None)


def serialize(graph, fmt):
    if fmt == "jsonld":
        return graph.serialize(format="json-ld", context=JSONLD_CONTEXT, auto_compact=True).encode()
    return graph.serialize(format="turtle").encode()
