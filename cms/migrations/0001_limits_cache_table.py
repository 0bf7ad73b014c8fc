"""The database cache table of the ``limits`` cache (rate limits and lockouts shared
by every worker when there is no Redis); ``createcachetable`` skips other backends."""

from django.core.management import call_command
from django.db import migrations


def create_table(apps, schema_editor):
    call_command("createcachetable", "limits", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    initial = True
    dependencies = []
    operations = [migrations.RunPython(create_table, migrations.RunPython.noop)]
