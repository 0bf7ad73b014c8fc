"""Faceted queries on the Elasticsearch index, written with ``elasticsearch.dsl``.

Used by the integration tests and available to operators who want facet
counts computed by the server (the site's own facets come from
``PageSearchData`` so that they are identical on every backend). The query
text is folded in Python and by the index's ``vi_folding`` analyser.
"""

from elasticsearch.dsl import Q, Search

from ..folding import fold_query


def faceted_search(client, index, text, locale_ids=None, content_type_ids=None, size=10):
    """A ``Search`` for live pages matching ``text``, titles boosted, with facet
    aggregations on page type and locale and highlighted titles."""
    search = Search(using=client, index=index)
    query = fold_query(text)
    search = search.query(
        Q("multi_match", query=query, fields=["title^2", "_all_text"], operator="and", analyzer="vi_folding")
    )
    search = search.filter("term", live_filter=True)
    if locale_ids:
        search = search.filter("terms", locale_id_filter=list(locale_ids))
    if content_type_ids:
        search = search.post_filter("terms", content_type_id_filter=list(content_type_ids))
    search.aggs.bucket("type", "terms", field="content_type_id_filter", size=50)
    search.aggs.bucket("locale", "terms", field="locale_id_filter", size=10)
    return search.highlight("title", pre_tags=["<mark>"], post_tags=["</mark>"])[:size]


def facet_counts(response):
    """``{"type": {content type id: count}, "locale": {locale id: count}}`` of a response."""
    return {
        name: {b.key: b.doc_count for b in getattr(response.aggregations, name).buckets}
        for name in ("type", "locale")
    }
