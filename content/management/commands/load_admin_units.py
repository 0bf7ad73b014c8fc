"""``manage.py load_admin_units``: the 2025 administrative units (old Bình Định communes, new Gia Lai
communes with their centres) and who succeeded whom. Safe to run again: it changes nothing the second time."""

from django.core.management.base import BaseCommand

from content.admin_units import load_units


class Command(BaseCommand):
    help = "Load content/data/admin_units_2025.json (idempotent)."

    def handle(self, *args, **options):
        created, updated = load_units()
        self.stdout.write(f"administrative units: {created} created, {updated} updated")
