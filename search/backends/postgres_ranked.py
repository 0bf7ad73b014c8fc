"""Ranked ids for the PostgreSQL backend, starting from the index entries.

The stock backend filters the searched queryset (every page) through a join to
its index entries and ranks every match with ``ts_rank``: the planner starts
from the pages, so a search reads the whole corpus. Here the query starts from
the ``IndexEntry`` rows (``wagtailsearch_indexentry``) whose ``title || body`` vector matches
(the GIN index on that expression, migration ``search.0003``), keeps those whose
page is in the queryset with a correlated ``EXISTS`` (page pk = the entry's
object id), ranks them with ``ts_rank_cd`` (cover density: how close together
the query's words are, which suits titles and short Vietnamese syllables) and
slices in SQL. One query, ids only: the search service loads the rows it needs.

Only a bounded window of the matches is scored (``search.backends.window``): the
newest entries matching ``title || body`` (GIN bitmap, then a top-N by page id,
no scoring) and the newest whose title matches (modelsearch's GIN index on
``title``), each a ``LIMIT`` sub-query of the same statement. With fewer matches
than the window the results are those of ranking every match.
"""

from django.contrib.postgres.expressions import ArraySubquery
from django.contrib.postgres.search import SearchRank
from django.db.models import F, IntegerField, Lookup
from django.db.models.functions import Cast
from modelsearch.backends.database.postgres import postgres
from modelsearch.query import Fuzzy, MatchAll, Not, Phrase, PlainText
from modelsearch.utils import get_descendants_content_types_pks

from . import window
from .restrict import in_queryset

# The expression of the GIN index of migration search.0003: the query's match must be
# written exactly like it (same columns, same order) for the planner to use the index.
INDEX_NAME = "search_indexentry_title_body_gin"
INTEGER_PKS = ("AutoField", "BigAutoField", "SmallAutoField", "IntegerField", "BigIntegerField")


def matched_vector():
    """``title || body`` of an index entry, as the index spells it."""
    return F("title")._combine(F("body"), "||", False)


def _oid(model):
    """The entry's object id as the stock backend's tie-break orders it (``-pk``)."""
    if model._meta.pk.get_internal_type() in INTEGER_PKS:
        return Cast("object_id", IntegerField())
    return F("object_id")


class AnyOf(Lookup):
    """``lhs = ANY(rhs)``, rhs an array: the planner probes an index once per element,
    where ``IN (sub-query)`` may hash-join the sub-query with every row of the table."""

    lookup_name = "any_of"

    def as_sql(self, compiler, connection):
        lhs, lhs_params = compiler.compile(self.lhs)
        rhs, rhs_params = compiler.compile(self.rhs)
        return f"{lhs} = ANY({rhs})", (*lhs_params, *rhs_params)


class RankedPostgresSearchCompiler(postgres.PostgresSearchQueryCompiler):
    windowed = True  # score a bounded window of the matches (search.backends.window)

    def build_tsrank(self, vector, query, config=None, boost=1.0):
        """The stock rank with ``ts_rank_cd`` in place of ``ts_rank``."""
        if isinstance(query, (Phrase, PlainText, Not)):
            rank = SearchRank(
                vector, self.build_tsquery(query, config=config), weights=self.sql_weights, cover_density=True
            )
            return rank * boost if boost != 1.0 else rank
        return super().build_tsrank(vector, query, config=config, boost=boost)

    def ranked_ids(self, config, start, stop):
        """``[object id]`` best first, or None when the stock path applies (fields
        given, no relevance order, a match-all, negated or fuzzy query)."""
        query = self.query
        if self.fields is not None or not self.order_by_relevance:
            return None
        if isinstance(query, (MatchAll, Fuzzy)) or isinstance(getattr(query, "subquery", None), MatchAll):
            return None
        search_query = self.build_tsquery(query, config=config)
        rank = self._build_rank_expression([(F("title"), F("title_norm")), (F("body"), 1.0)], config)
        model = self.queryset.model
        entries = postgres.IndexEntry._default_manager
        typed = entries.filter(content_type__in=get_descendants_content_types_pks(model))
        matching = typed.annotate(_vector_=matched_vector()).filter(_vector_=search_query)
        if self.windowed:
            # the newest matches and the newest title matches, chosen without scoring, by
            # page id (which no index offers: the planner keeps the GIN bitmap); the pages'
            # EXISTS below then probes the window only, not every match
            newest = matching.annotate(_oid=_oid(model)).order_by("-_oid").values("pk")[: window.RANK_WINDOW]
            titled = typed.filter(title=search_query)
            titled = titled.annotate(_oid=_oid(model)).order_by("-_oid").values("pk")[: window.TITLE_WINDOW]
            # ``= ANY(ARRAY(…))``: the window's entries read by primary key, not a hash join
            # over every entry
            matching = entries.filter(AnyOf(F("pk"), ArraySubquery(newest.union(titled))))
        matching = matching.filter(in_queryset(self.queryset, "object_id"))
        rows = (
            matching.annotate(score=rank, _oid=_oid(model))
            .order_by("-score", "-_oid")
            .values_list("object_id", flat=True)
        )
        to_python = model._meta.pk.to_python
        return [to_python(oid) for oid in rows[start:stop]]


class RankedPostgresSearchResults(postgres.PostgresSearchResults):
    def ranked_ids(self):
        """Ids of this slice of results, best first, without loading a page (one query),
        or None when the stock path applies."""
        compiler = self.query_compiler
        if not hasattr(compiler, "ranked_ids"):  # autocomplete
            return None
        return compiler.ranked_ids(compiler.get_config(self.backend), self.start, self.stop)
