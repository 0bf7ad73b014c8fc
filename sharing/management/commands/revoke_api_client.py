"""``manage.py revoke_api_client NAME``: the client's tokens fail from the next request."""

from django.core.management.base import BaseCommand, CommandError

from sharing.models import ApiClient
from sharing.oauth import revoke_client


class Command(BaseCommand):
    help = "Revoke an API client: its tokens stop working and its webhooks stop."

    def add_arguments(self, parser):
        parser.add_argument("name")

    def handle(self, name, **options):
        client = ApiClient.objects.filter(name=name).first()
        if client is None:
            raise CommandError(f"No API client is named {name!r}.")
        revoke_client(client)
        self.stdout.write(f"revoked {name}")
