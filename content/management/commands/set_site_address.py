"""``manage.py set_site_address``: copy the public base URL into the default Site record.

Every absolute URL the site makes comes from ``WAGTAILADMIN_BASE_URL``
(``content.baseurl``); Wagtail's admin ("View live", previews of links) reads the
Site record's host and port. ``make setup`` and the README's production steps run
this so both say the same thing.
"""

from urllib.parse import urlsplit

from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Site

from content import baseurl


class Command(BaseCommand):
    help = "Set the default site's host name and port from WAGTAILADMIN_BASE_URL."

    def handle(self, *args, **options):
        value = baseurl.base_url()
        problems = baseurl.problems(value)
        if problems:
            raise CommandError(f"WAGTAILADMIN_BASE_URL={value!r}: {'; '.join(problems)}")
        parts = urlsplit(value)
        port = parts.port or (443 if parts.scheme == "https" else 80)
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            raise CommandError("No default site yet: run migrate (and load_demo_content) first.")
        if (site.hostname, site.port) != (parts.hostname, port):
            site.hostname, site.port = parts.hostname, port
            site.save()
        self.stdout.write(f"Default site: {site.root_url}")
