"""A faster ranked query for the SQLite FTS5 backend.

The stock backend ranks with a correlated sub-query (one FTS evaluation per
candidate row), which grows to seconds on 10,000 pages. Here the FTS table is
matched once, restricted to the searched queryset with a correlated ``EXISTS``
(page pk = the entry's object id), ordered by BM25 and sliced in SQL; the page
objects are then fetched by id. ``EXISTS`` rather than ``IN (sub-query)``: with
``IN`` SQLite materialises every page of the queryset (the whole corpus) before
it looks at the matches; with ``EXISTS`` it starts from the FTS matches and
probes the page table by primary key for each.
Two queries, same results and order as the stock backend while a search has fewer
matches than the window (``search.backends.window``): beyond it, only the newest
matches and the newest title matches are scored (FTS5 gives them in rowid order
without scoring). ``ranked_ids()`` stops after the first query: the search service
loads only the rows and pages it shows.
"""

from django.db.models import F, Func, IntegerField
from django.db.models.lookups import In
from modelsearch.backends.database.sqlite import sqlite
from modelsearch.backends.database.sqlite.query import MatchExpression, normalize
from modelsearch.query import MatchAll, Not
from modelsearch.utils import get_descendants_content_types_pks

from . import window
from .restrict import in_queryset


class AliasedMatch(MatchExpression):
    """``MatchExpression`` naming the FTS table by its alias in the query, so that it
    also works in a sub-query (where Django renames the table ``U0``…): the table's
    hidden column of the same name, qualified."""

    def as_sql(self, compiler, connection):
        _template, params = super().as_sql(compiler, connection)
        table = sqlite.SQLiteFTSIndexEntry._meta.db_table
        alias = compiler.query.get_initial_alias()
        return f"{compiler.quote_name_unless_alias(alias)}.{connection.ops.quote_name(table)} MATCH %s", params


class RankedIdsMixin:
    windowed = False  # score a bounded window of the matches (search.backends.window)

    def ranked_ids(self, start, stop):
        """``[(object id, score)]`` best first, or None when the stock path applies."""
        query = normalize(self.query)
        if not self.order_by_relevance or isinstance(query, (MatchAll, Not)):
            return None
        search_query = self.build_search_query(query, config=None)
        match = AliasedMatch(self.fields or self.FTS_TABLE_FIELDS, search_query)
        rank = self._build_rank_expression(self.get_search_vectors(), None)
        wanted = (
            sqlite.SQLiteFTSIndexEntry.objects.filter(
                index_entry__content_type__in=get_descendants_content_types_pks(self.queryset.model)
            )
            .filter(in_queryset(self.queryset, "index_entry__object_id"))
            .order_by()
        )
        if not (self.windowed and self.fields is None):
            rows = wanted.filter(match).annotate(score=rank).order_by("score", "-index_entry__object_id")
            return list(rows.values_list("index_entry__object_id", "score")[start:stop])
        # the newest matches and the newest title matches, by rowid (no scoring): only
        # they are scored below
        newest = wanted.filter(match).order_by("-pk").values("pk")[: window.RANK_WINDOW]
        titled = wanted.filter(AliasedMatch(["title"], search_query))
        titled = titled.order_by("-pk").values("pk")[: window.TITLE_WINDOW]
        # "+rowid": the windows are not constraints FTS5 could serve (SQLite would then look
        # the rowids up without the MATCH, which fails: "unable to use function MATCH")
        rowid = Func(F("pk"), template="+%(expressions)s", output_field=IntegerField())
        rows = sqlite.SQLiteFTSIndexEntry.objects.filter(match).filter(In(rowid, newest) | In(rowid, titled))
        rows = rows.annotate(score=rank).order_by("score", "-index_entry__object_id")
        return list(rows.values_list("index_entry__object_id", "score")[start:stop])


class RankedSearchCompiler(RankedIdsMixin, sqlite.SQLiteSearchQueryCompiler):
    windowed = True


class RankedAutocompleteCompiler(RankedIdsMixin, sqlite.SQLiteAutocompleteQueryCompiler):
    pass


class RankedSQLiteSearchResults(sqlite.SQLiteSearchResults):
    def ranked_ids(self):
        """Ids of this slice of results, best first, without loading a page (one query),
        or None when the stock path applies (no relevance order, a negated query)."""
        ranked = self.query_compiler.ranked_ids(self.start, self.stop)
        if ranked is None:
            return None
        to_python = self.query_compiler.queryset.model._meta.pk.to_python
        return [to_python(oid) for oid, _score in ranked]

    def _do_search(self):
        ranked = self.query_compiler.ranked_ids(self.start, self.stop)
        if ranked is None:
            return super()._do_search()
        to_python = self.query_compiler.queryset.model._meta.pk.to_python
        keys = [(to_python(oid), score) for oid, score in ranked]
        objects = self.query_compiler.queryset.in_bulk([pk for pk, _s in keys])
        results = []
        for pk, score in keys:
            obj = objects.get(pk)
            if obj is not None:
                if self._score_field:
                    setattr(obj, self._score_field, score)
                results.append(obj)
        return results
