"""Seed the name-synonym snippet with the spellings people actually type."""

from django.db import migrations

SYNONYMS = [
    ("Ba Na", "Bana\nBa-na\nBahnar\nBơ Na", "People; Bahnar in English (ISO 639-3 bdq)."),
    ("H'rê", "Hrê\nHre\nH're\nHrê", "People; Hre in English (ISO 639-3 hre)."),
    ("Chăm H'roi", "Chăm Hroi\nCham Hroi\nCham H'roi\nHaroi\nH'roi\nHroi",
     "People; Haroi in English (ISO 639-3 hro)."),
    ("Đâm trâu", "Ăn trâu\nNar Grong tơm Kapô\nBuffalo sacrifice", "Festival of the Bana Kriêm."),
    ("Tết H'rê", "H'tend\nHtend\nTết Htend", "New Year of the H'rê."),
    ("Quy Nhơn", "Qui Nhơn\nQuy Nhon", "City; both spellings are in use."),
    ("Cồng chiêng", "Chiêng\nGong\nGongs", "Gong music."),
]


def seed(apps, schema_editor):
    NameSynonym = apps.get_model("search", "NameSynonym")
    for name, variants, note in SYNONYMS:
        NameSynonym.objects.get_or_create(name=name, defaults={"variants": variants, "note": note})


def unseed(apps, schema_editor):
    NameSynonym = apps.get_model("search", "NameSynonym")
    NameSynonym.objects.filter(name__in=[name for name, _v, _n in SYNONYMS]).delete()


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
