"""The query planner's statistics, refreshed after a bulk change.

SQLite keeps no statistics until ``ANALYZE`` runs, and PostgreSQL's autovacuum
analyses a table only some time after it grew. Without them both planners guess,
and the guesses go wrong as the site grows: measured on 10,000 pages (SQLite), the
API's festival list started from every page of the reader's languages (all types)
and probed each for being a festival, 35 ms for its count; after ``ANALYZE`` it starts
from the 1,082 festivals, 7–12 ms, and the gap widens with every page added.

So whatever adds rows in bulk (the demo, the corpus generator, a large statistics
import) ends with ``refresh_statistics()``, and operators run
``python manage.py analyze_database`` after an import of their own (README).
"""

import time

from django.db import connections


def refresh_statistics(using="default"):
    """``ANALYZE`` the whole database (SQLite or PostgreSQL); returns the seconds it took.

    Plain ``ANALYZE``, not ``VACUUM ANALYZE``: it may run inside a transaction, and it
    only reads (a sample of each table on PostgreSQL; on SQLite every index, about half a
    second for 10,000 pages)."""
    connection = connections[using]
    started = time.monotonic()
    if connection.vendor in ("sqlite", "postgresql"):
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return time.monotonic() - started
