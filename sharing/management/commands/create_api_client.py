"""``manage.py create_api_client NAME --scopes stats:read,content:read [--expires 2027-12-31]``:
issues an agency client and prints its credentials once, one per line."""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from sharing.oauth import ClientError, issue_client


class Command(BaseCommand):
    help = "Issue an API client for an agency system (prints client_id and client_secret once)."

    def add_arguments(self, parser):
        parser.add_argument("name")
        parser.add_argument("--scopes", required=True, help="Comma-separated, e.g. stats:read,content:read")
        parser.add_argument("--expires", help="Last day of validity, YYYY-MM-DD (local time, end of day)")
        parser.add_argument("--agency", default="", help="Agency name (default: the client name)")
        parser.add_argument("--contact", default="", help="Contact person")
        parser.add_argument("--email", default="", help="Contact e-mail")

    def handle(self, name, scopes, expires=None, agency="", contact="", email="", **options):
        expires_at = None
        if expires:
            try:
                day = datetime.date.fromisoformat(expires)
            except ValueError:
                raise CommandError("--expires must be a date YYYY-MM-DD")
            expires_at = timezone.make_aware(datetime.datetime.combine(day, datetime.time(23, 59, 59)))
            if expires_at <= timezone.now():
                raise CommandError("--expires is in the past")
        try:
            client, secret = issue_client(
                name,
                agency=agency or name,
                scopes=[s.strip() for s in scopes.split(",") if s.strip()],
                expires_at=expires_at,
                contact_person=contact,
                contact_email=email,
            )
        except ClientError as error:
            raise CommandError(str(error))
        self.stdout.write(f"client_id={client.client_id}")
        self.stdout.write(f"client_secret={secret}")
