"""Issue 16, case 19: one public base URL (WAGTAILADMIN_BASE_URL, content.baseurl) in
every output: the API's url, api_url, images and paging links, /api/v2/ detail_url and
html_url, the sitemap, robots.txt, JSON-LD, hreflang and the .ics, whatever the
request's Host and whatever the Site record says. Production refuses to start without it."""

import json
import re

import pytest
from django.core.management import call_command
from wagtail.models import Site

from cms.checks import public_base_url

BASE = "https://portal.example.org"


@pytest.fixture
def public(settings):
    settings.WAGTAILADMIN_BASE_URL = settings.WAGTAILAPI_BASE_URL = BASE
    settings.ALLOWED_HOSTS = ["testserver", "portal.example.org", "proxy.internal"]


def _urls(text):
    return set(re.findall(r"https?://[^\s\"'<>\\]+", text))


def _ours(urls):
    """Absolute URLs of this site (not schema.org, sources or licences)."""
    foreign = ("schema.org", "creativecommons", "w3.org", "sitemaps.org", "openstreetmap")
    source = "https://example.org"  # the story's cited source
    return {u for u in urls if not (any(f in u for f in foreign) or u.rstrip("/") == source)}


def test_every_output_uses_the_public_base_url(api, heritage, public):
    # A Site record that disagrees (Wagtail's default) and a request through another host.
    site = Site.objects.get(is_default_site=True)
    assert site.root_url != BASE
    get = lambda path: api.get(path, HTTP_HOST="proxy.internal")  # noqa: E731

    from tests.factories import StoryPageFactory

    StoryPageFactory(parent=heritage["index"], title="Chuyện thứ hai")  # a second page of results
    story = heritage["story"]
    listing = get("/api/v1/stories?locale=vi&limit=1")
    item = listing.json()["results"][0]
    detail = get(f"/api/v1/stories/{story.pk}?locale=vi").json()
    v2_list = get("/api/v2/pages/?type=heritage.StoryPage").json()
    v2_detail = get(f"/api/v2/pages/{story.pk}/").json()
    sitemap = get("/sitemap.xml").content.decode()
    robots = get("/robots.txt").content.decode()
    page_html = get(story.url).content.decode()
    [jsonld] = re.findall(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', page_html, re.S)
    group_html = get(heritage["group"].url).content.decode()  # translated: it has alternates
    hreflang = re.findall(r'<link rel="alternate" hreflang="[^"]+" href="([^"]+)"', group_html)
    year = 2027
    ics = get(f"/vi/festivals/calendar.ics?start={year}-10").content.decode()

    outputs = {
        "api url": {item["url"], detail["url"]},
        "api_url": {item["api_url"]},
        "paging": {listing.json()["next"]},
        "images": _ours(_urls(json.dumps(detail["hero_image"]))),
        "v2 detail_url": {p["meta"]["detail_url"] for p in v2_list["items"]},
        "v2 html_url": {v2_detail["meta"]["html_url"]},
        "sitemap": _ours(_urls(sitemap)),
        "robots": _ours(_urls(robots)),
        "json-ld": _ours(_urls(jsonld)),
        "hreflang": set(hreflang),
        "ics": _ours(_urls(ics.replace("\r\n ", ""))),
    }
    for name, urls in outputs.items():
        assert urls, name
        wrong = {u for u in urls if not u.startswith(BASE + "/")}
        assert not wrong, (name, wrong)
    assert "@portal.example.org" in ics  # stable event UIDs on the public host


def test_set_site_address_copies_it_into_the_site_record(db, public, home):
    call_command("set_site_address", stdout=open("/dev/null", "w"))
    assert Site.objects.get(is_default_site=True).root_url == BASE


def test_production_refuses_to_start_without_a_usable_base_url(settings):
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["portal.example.org"]
    settings.WAGTAILADMIN_BASE_URL = BASE
    settings.PUBLIC_BASE_URL_FROM_ENV = True
    assert public_base_url() == []
    for value, from_env in (
        (BASE, False),  # the default, never set
        ("https://other.example.net", True),  # not one of ALLOWED_HOSTS
        ("portal.example.org", True),  # no scheme
        (BASE + "/vi/", True),  # a path
    ):
        settings.WAGTAILADMIN_BASE_URL, settings.PUBLIC_BASE_URL_FROM_ENV = value, from_env
        errors = public_base_url()
        assert errors and {e.id for e in errors} == {"nharong.E002"}, value


def test_the_production_steps_set_the_base_url_before_migrating():
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    production = readme.split("## Running in production", 1)[1].split("\n## ", 1)[0]
    steps = re.search(r"```sh\n(.*?)```", production, re.S).group(1)
    assert steps.index("WAGTAILADMIN_BASE_URL=") < steps.index("migrate") < steps.index("set_site_address")
    makefile = (Path(__file__).resolve().parents[2] / "Makefile").read_text()
    assert "manage.py set_site_address" in makefile.split("setup:", 1)[1].split("\n\n", 1)[0]
