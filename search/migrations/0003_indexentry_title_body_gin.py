"""A GIN index on ``title || body`` of the search index entries (PostgreSQL only).

The entries are ``wagtailsearch.IndexEntry`` (modelsearch's model under Wagtail's
label, ``modelsearch.conf.get_app_config``).

``search.backends.postgres_ranked`` matches ``(title || body) @@ query``; modelsearch
indexes ``title`` and ``body`` apart, which that expression cannot use, so every
search read every entry. The index's expression is the query's, written the same
way, or the planner ignores it. SQLite (FTS5) and other engines: nothing to do.
"""

from django.db import migrations

INDEX = "search_indexentry_title_body_gin"


def _table(apps):
    return apps.get_model("wagtailsearch", "IndexEntry")._meta.db_table


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        table = schema_editor.quote_name(_table(apps))
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {INDEX} ON {table} USING gin ((title || body))")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0002_seed_synonyms"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(create, drop)]
