"""Step 3 of 3: ``successors`` goes through ``UnitSuccession`` (whole/part); (code, validity) is unique.

Django cannot alter a many-to-many field into one with a through model, so the old
field is removed (its rows were copied by 0006) and the new one added: the table of
``UnitSuccession`` already exists, so adding the field changes no table.
"""

import datetime
import django.db.models.functions.comparison
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('content', '0006_units_copy_successions'),
    ]

    operations = [
        migrations.RemoveField(model_name='administrativeunit', name='successors'),
        migrations.AddField(
            model_name='administrativeunit',
            name='successors',
            field=models.ManyToManyField(blank=True, related_name='predecessors', through='content.UnitSuccession', through_fields=('predecessor', 'successor'), to='content.administrativeunit', verbose_name='successor units'),
        ),
        migrations.AddConstraint(
            model_name='administrativeunit',
            constraint=models.UniqueConstraint(models.F('code'), django.db.models.functions.comparison.Coalesce('valid_from', models.Value(datetime.date(1, 1, 1))), name='content_adminunit_code_validity', violation_error_message='A unit with this code already starts on this date.'),
        ),
        migrations.AddConstraint(
            model_name='administrativeunit',
            constraint=models.CheckConstraint(condition=models.Q(('valid_from__isnull', True), ('valid_to__isnull', True), ('valid_from__lte', models.F('valid_to')), _connector='OR'), name='content_adminunit_validity_order'),
        ),
    ]
