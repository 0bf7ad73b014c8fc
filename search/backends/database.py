"""Wagtail's database search backend with Vietnamese folding.

``WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backends.database"}}``
picks the SQLite FTS5 or PostgreSQL implementation like the stock backend,
but indexes folded text and folds queries, so "le hoi" finds "Lễ hội" and
"dam" finds "đâm" on both. PostgreSQL uses the ``simple`` text search
configuration by default (no English stemming of Vietnamese syllables); the
folding is done in Python, so no ``unaccent`` extension is required.
"""

from django.db import connection
from modelsearch.backends.database import fallback

from .folded import FoldingBackendMixin, FoldingIndexMixin


def _sqlite_backend():
    from modelsearch.backends.database.sqlite import sqlite

    from .sqlite_ranked import (
        RankedAutocompleteCompiler,
        RankedSearchCompiler,
        RankedSQLiteSearchResults,
    )

    class FoldingSQLiteIndex(FoldingIndexMixin, sqlite.SQLiteIndex):
        pass

    class FoldingSQLiteSearchBackend(FoldingBackendMixin, sqlite.SQLiteSearchBackend):
        index_class = FoldingSQLiteIndex
        query_compiler_class = RankedSearchCompiler
        autocomplete_query_compiler_class = RankedAutocompleteCompiler
        results_class = RankedSQLiteSearchResults

    return FoldingSQLiteSearchBackend


def _postgres_backend():
    from modelsearch.backends.database.postgres import postgres

    from .postgres_ranked import RankedPostgresSearchCompiler, RankedPostgresSearchResults

    class FoldingPostgresIndex(FoldingIndexMixin, postgres.PostgresIndex):
        pass

    class FoldingPostgresSearchBackend(FoldingBackendMixin, postgres.PostgresSearchBackend):
        index_class = FoldingPostgresIndex
        query_compiler_class = RankedPostgresSearchCompiler
        results_class = RankedPostgresSearchResults

        def __init__(self, params):
            super().__init__({"SEARCH_CONFIG": "simple", **params})

    return FoldingPostgresSearchBackend


class FoldingFallbackSearchBackend(FoldingBackendMixin, fallback.DatabaseSearchBackend):
    """Plain ``icontains`` search (no FTS): queries are folded, stored text is not."""


_CLASSES = {}


def SearchBackend(params):  # noqa: N802 - the name Wagtail looks up
    """The folding backend for the default database's engine."""
    vendor = connection.vendor
    if vendor not in _CLASSES:
        if vendor == "postgresql":
            _CLASSES[vendor] = _postgres_backend()
        elif vendor == "sqlite" and _sqlite_fts_usable():
            _CLASSES[vendor] = _sqlite_backend()
        else:  # not cached: the FTS table may appear once migrations have run
            return FoldingFallbackSearchBackend(params)
    return _CLASSES[vendor](params)


def _sqlite_fts_usable():
    from modelsearch.backends.database.sqlite.utils import fts5_available, fts_table_exists

    return fts5_available() and fts_table_exists()
