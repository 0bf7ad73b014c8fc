"""Step 2 of 3: every existing succession becomes a ``UnitSuccession`` ("whole", the only kind
the old links could say), and the demo's placeholder code of new Gia Lai ("GL-2025") becomes
its NSO code 52 with its validity. Row ids never change, so every page that names a unit
(heritage, community, lessons) keeps pointing at the same unit."""

import datetime

from django.db import migrations


def forwards(apps, schema_editor):
    Unit = apps.get_model("content", "AdministrativeUnit")
    Succession = apps.get_model("content", "UnitSuccession")
    Through = Unit.successors.through
    Succession.objects.bulk_create(
        [
            Succession(predecessor_id=row.from_administrativeunit_id, successor_id=row.to_administrativeunit_id)
            for row in Through.objects.all()
        ],
        ignore_conflicts=True,
    )
    new_from = datetime.date(2025, 7, 1)
    if not Unit.objects.filter(code="52", valid_from=new_from).exists():
        Unit.objects.filter(code="GL-2025").update(code="52", valid_from=new_from)


def backwards(apps, schema_editor):
    Unit = apps.get_model("content", "AdministrativeUnit")
    Succession = apps.get_model("content", "UnitSuccession")
    Through = Unit.successors.through
    Through.objects.bulk_create(
        [
            Through(from_administrativeunit_id=s.predecessor_id, to_administrativeunit_id=s.successor_id)
            for s in Succession.objects.all()
        ],
        ignore_conflicts=True,
    )


class Migration(migrations.Migration):
    dependencies = [("content", "0005_units_validity_and_successions")]
    operations = [migrations.RunPython(forwards, backwards)]
