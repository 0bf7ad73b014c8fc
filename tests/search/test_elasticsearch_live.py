"""The query suite against a real Elasticsearch 8 server.

Skipped unless ELASTICSEARCH_URL is set (no server on the development machine):
``ELASTICSEARCH_URL=http://localhost:9200 pytest tests/search/test_elasticsearch_live.py``
"""

import os
import uuid

import pytest

pytestmark = [
    pytest.mark.skipif(
        not os.environ.get("ELASTICSEARCH_URL"), reason="ELASTICSEARCH_URL is not set: no Elasticsearch server"
    ),
    pytest.mark.django_db,
]

QUERIES = {
    "dam trau": "Lễ hội đâm trâu của người Ba Na",
    "Lễ hội đâm trâu": "Lễ hội đâm trâu của người Ba Na",
    "LE HOI DAM TRAU": "Lễ hội đâm trâu của người Ba Na",
    "hre": "Người H'rê ở An Lão",
    "H'rê": "Người H'rê ở An Lão",
    "cham hroi": "Cồng chiêng Chăm H'roi",
    "tho cam": "Người H'rê ở An Lão",
}


@pytest.fixture
def es_backend(settings):
    index = f"nharong-test-{uuid.uuid4().hex[:8]}"
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "search.backends.elasticsearch",
            "URLS": [os.environ["ELASTICSEARCH_URL"]],
            "INDEX": index,
            "TIMEOUT": 10,
            "OPTIONS": {},
            "INDEX_SETTINGS": {},
        }
    }
    from wagtail.search.backends import get_search_backend

    backend = get_search_backend()
    yield backend
    backend.es.indices.delete(index=f"{index}*", ignore_unavailable=True)


def _reindex(backend):
    from django.core.management import call_command

    call_command("rebuild_search_index", stdout=open(os.devnull, "w"))
    backend.es.indices.refresh(index="_all")


@pytest.mark.parametrize("query,title", QUERIES.items())
def test_query_suite(es_backend, pages, query, title):
    from search.service import search

    _reindex(es_backend)
    assert title in [hit.page.title for hit in search(query, "vi", limit=3).hits]


def test_draft_not_found_and_facets_with_dsl(es_backend, pages):
    from wagtail.models import Locale

    from search.backends.es_facets import facet_counts, faceted_search
    from search.service import search

    _reindex(es_backend)
    assert "Bản nháp đâm trâu bí mật" not in [h.page.title for h in search("ban nhap", "vi").hits]
    vi = Locale.objects.get(language_code="vi").pk
    index = es_backend.get_index_for_model(pages["bana"].specific_class).name
    response = faceted_search(es_backend.es, index, "ba na", locale_ids=[vi]).execute()
    assert sum(facet_counts(response)["type"].values()) >= 1
