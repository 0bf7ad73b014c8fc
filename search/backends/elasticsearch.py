"""Wagtail's Elasticsearch 8 backend with the Vietnamese folding analyser.

The stock backend folds only the autocomplete n-grams, and only at index
time. Here the index-wide ``default`` and ``default_search`` analysers join
name apostrophes/hyphens, lower-case and ``asciifolding`` (which maps đ to d
and strips stacked diacritics), so every search field and every query is
folded like ``search.folding.fold``; queries are also folded in Python before
they are sent (the analyser sees the same folded words). Select it with
``ELASTICSEARCH_URL`` (see ``cms/settings.py``).
"""

from modelsearch.backends.elasticsearch8 import (
    Elasticsearch8AutocompleteQueryCompiler,
    Elasticsearch8Index,
    Elasticsearch8Mapping,
    Elasticsearch8SearchBackend,
    Elasticsearch8SearchQueryCompiler,
)
from modelsearch.utils import deep_update

from ..folding import JOINERS
from .folded import FoldingBackendMixin

JOINER_CHAR_FILTER = {
    "type": "pattern_replace",
    # an apostrophe or hyphen between two letters joins them: H'rê → Hrê
    "pattern": "(?<=\\w)[" + "".join(f"\\u{ord(c):04x}" for c in JOINERS) + "](?=\\w)",
    "replacement": "",
}

FOLDING_FILTERS = ["lowercase", "asciifolding"]

FOLDING_ANALYSIS = {
    "settings": {
        "analysis": {
            "char_filter": {"vi_joiners": JOINER_CHAR_FILTER},
            "analyzer": {
                "vi_folding": {
                    "type": "custom",
                    "char_filter": ["vi_joiners"],
                    "tokenizer": "standard",
                    "filter": FOLDING_FILTERS,
                },
                # every text field without an explicit analyser, at index and query time
                "default": {
                    "type": "custom",
                    "char_filter": ["vi_joiners"],
                    "tokenizer": "standard",
                    "filter": FOLDING_FILTERS,
                },
                "default_search": {
                    "type": "custom",
                    "char_filter": ["vi_joiners"],
                    "tokenizer": "standard",
                    "filter": FOLDING_FILTERS,
                },
                "edgengram_analyzer": {
                    "type": "custom",
                    "char_filter": ["vi_joiners"],
                    "tokenizer": "standard",
                    "filter": [*FOLDING_FILTERS, "edgengram"],
                },
                "ngram_analyzer": {
                    "type": "custom",
                    "char_filter": ["vi_joiners"],
                    "tokenizer": "standard",
                    "filter": [*FOLDING_FILTERS, "ngram"],
                },
            },
        }
    }
}


class FoldingElasticsearchMapping(Elasticsearch8Mapping):
    # autocomplete queries are folded too, not only the indexed n-grams
    edgengram_analyzer_config = {
        "analyzer": "edgengram_analyzer",
        "search_analyzer": "vi_folding",
    }

    def get_field_mapping(self, field):
        name, mapping = super().get_field_mapping(field)
        if mapping.get("type") == "text" and "analyzer" not in mapping:
            mapping["analyzer"] = "vi_folding"
            mapping["search_analyzer"] = "vi_folding"
        return name, mapping

    def get_mapping(self):
        mapping = super().get_mapping()
        for name, field in mapping.get("properties", {}).items():
            if name.startswith("_all_text") and field.get("type") == "text":
                field.setdefault("analyzer", "vi_folding")
                field.setdefault("search_analyzer", "vi_folding")
        return mapping


class FoldingElasticsearchIndex(Elasticsearch8Index):
    pass


class FoldingElasticsearchSearchQueryCompiler(Elasticsearch8SearchQueryCompiler):
    mapping_class = FoldingElasticsearchMapping


class FoldingElasticsearchAutocompleteQueryCompiler(Elasticsearch8AutocompleteQueryCompiler):
    mapping_class = FoldingElasticsearchMapping


class FoldingElasticsearchSearchBackend(FoldingBackendMixin, Elasticsearch8SearchBackend):
    mapping_class = FoldingElasticsearchMapping
    index_class = FoldingElasticsearchIndex
    query_compiler_class = FoldingElasticsearchSearchQueryCompiler
    autocomplete_query_compiler_class = FoldingElasticsearchAutocompleteQueryCompiler
    settings = deep_update(deep_update({}, Elasticsearch8SearchBackend.settings), FOLDING_ANALYSIS)


SearchBackend = FoldingElasticsearchSearchBackend
