"""The ``title || body`` GIN index (migration 0003) without planner statistics (PostgreSQL only).

With statistics on the index's expression, the planner knows that a common word
matches a third of the entries, and then prices reading every entry and testing
``(title || body) @@ query`` on each below the GIN bitmap: it does not know that
concatenating two vectors per entry is what costs (``EXPLAIN ANALYZE`` on the
bench's 10,000 pages, "le hoi": 14 ms by sequential scan; "tet", through the index:
2 ms for more matches). With no statistics on that expression
it takes PostgreSQL's default selectivity of a text match (0.5 %) and keeps the
index for every query. The index is built again so that statistics an earlier
``ANALYZE`` gathered go with it. The price: the planner's row counts for the match
are a guess; the ranked query's plan does not depend on them beyond choosing the
index (``tests/search/test_ranked_in_database.py`` checks that it does).
"""

from django.db import migrations

INDEX = "search_indexentry_title_body_gin"


def _table(apps, schema_editor):
    return schema_editor.quote_name(apps.get_model("wagtailsearch", "IndexEntry")._meta.db_table)


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")
        schema_editor.execute(f"CREATE INDEX {INDEX} ON {_table(apps, schema_editor)} USING gin ((title || body))")
        schema_editor.execute(f"ALTER INDEX {INDEX} ALTER COLUMN 1 SET STATISTICS 0")


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"ALTER INDEX {INDEX} ALTER COLUMN 1 SET STATISTICS -1")


class Migration(migrations.Migration):
    dependencies = [("search", "0003_indexentry_title_body_gin")]

    operations = [migrations.RunPython(forward, backward)]
