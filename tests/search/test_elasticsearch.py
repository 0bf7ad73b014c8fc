"""The Elasticsearch backend folds like the database backends: index settings,
mapping and queries are checked here without a server."""

import re

from search.backends.elasticsearch import (
    JOINER_CHAR_FILTER,
    FoldingElasticsearchMapping,
    FoldingElasticsearchSearchBackend,
)
from search.folding import fold


def _backend():
    return FoldingElasticsearchSearchBackend(
        {"URLS": ["http://localhost:9200"], "INDEX": "test", "TIMEOUT": 1, "OPTIONS": {}, "INDEX_SETTINGS": {}}
    )


def test_index_settings_define_folding_analysers():
    analysis = _backend().settings["settings"]["analysis"]
    for name in ("vi_folding", "default", "default_search", "edgengram_analyzer"):
        analyser = analysis["analyzer"][name]
        assert analyser["char_filter"] == ["vi_joiners"]
        assert analyser["filter"][:2] == ["lowercase", "asciifolding"]
    assert analysis["char_filter"]["vi_joiners"] == JOINER_CHAR_FILTER


def test_joiner_pattern_matches_python_folding():
    # ES uses Java regex; \\uXXXX escapes mean the same in Python's re
    pattern = re.compile(JOINER_CHAR_FILTER["pattern"].replace("\\\\", "\\"))
    for name in ("H'rê", "K'Lang", "Chăm H’roi", "Ba-na"):
        assert fold(pattern.sub("", name)) == fold(name)


def test_mapping_folds_search_fields_and_queries():
    from wagtail.models import Page

    properties = FoldingElasticsearchMapping(Page).get_mapping()["properties"]
    title = properties["title"]
    assert title["analyzer"] == title["search_analyzer"] == "vi_folding"
    assert properties["_all_text"]["search_analyzer"] == "vi_folding"
    assert properties["_edgengrams"]["search_analyzer"] == "vi_folding"  # not "standard"
    assert properties["title_filter"]["type"] == "keyword"  # filters are left alone


def test_queries_are_folded_before_they_are_sent():
    from wagtail.models import Page

    backend = _backend()
    results = backend.search("Lễ hội Đâm Trâu H'rê", Page)
    query = results.query_compiler.get_query()
    assert "le hoi dam trau hre" in str(query)
    assert "Đâm" not in str(query)


def test_faceted_query_is_built_with_elasticsearch_dsl():
    from search.backends.es_facets import faceted_search

    body = faceted_search(None, "nharong", "Lễ hội Đâm Trâu", locale_ids=[1], content_type_ids=[7]).to_dict()
    match = body["query"]["bool"]["must"][0]["multi_match"]
    assert match["query"] == "le hoi dam trau"
    assert match["fields"] == ["title^2", "_all_text"]
    assert {"term": {"live_filter": True}} in body["query"]["bool"]["filter"]
    assert body["post_filter"] == {"terms": {"content_type_id_filter": [7]}}
    assert set(body["aggs"]) == {"type", "locale"}
    assert body["highlight"]["fields"]["title"]["pre_tags"] == ["<mark>"]
