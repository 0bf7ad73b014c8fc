"""``analyze_database`` (content.planner) gives the query planner its statistics: SQLite keeps
none until ANALYZE, and PostgreSQL's autovacuum comes only some time after a bulk import."""

import io

import pytest
from django.core.management import call_command
from django.db import connection

from tests.factories import SectionPageFactory


def planner_rows_of_page_table():
    """What the planner believes ``wagtailcore_page`` holds (None: it has no statistics)."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE name = 'sqlite_stat1'")
            if not cursor.fetchone():
                return None
            cursor.execute("SELECT stat FROM sqlite_stat1 WHERE tbl = 'wagtailcore_page' AND idx IS NOT NULL")
            row = cursor.fetchone()
            return int(row[0].split()[0]) if row else None
        cursor.execute("SELECT reltuples FROM pg_class WHERE relname = 'wagtailcore_page'")
        tuples = cursor.fetchone()[0]
        return None if tuples < 0 else int(tuples)


@pytest.mark.django_db
def test_analyze_database_gives_the_planner_the_page_tables_size(home):
    from wagtail.models import Page

    for n in range(6):  # rows the planner has not seen (a bulk import, in small)
        SectionPageFactory(parent=home, title=f"Trang {n}")
    assert planner_rows_of_page_table() != Page.objects.count()
    out = io.StringIO()
    call_command("analyze_database", stdout=out)
    assert f"ANALYZE ({connection.vendor})" in out.getvalue()
    assert planner_rows_of_page_table() == Page.objects.count()
