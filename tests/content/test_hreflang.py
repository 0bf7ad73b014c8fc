"""hreflang names only real translations, the same in the page's <head> and in the sitemap;
the sitemap is valid against the sitemaps.org schema (vendored XSD, checked with lxml)."""

import re
from pathlib import Path

from lxml import etree

from content.cache import bump
from tests.factories import SectionPageFactory

FIXTURES = Path(__file__).resolve().parents[1] / "validators" / "fixtures"
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
ALTERNATE = re.compile(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">')


def sitemap_schema():
    return etree.XMLSchema(etree.parse(str(FIXTURES / "sitemap-with-alternates.xsd")))


def head_alternates(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    head = response.content.decode().split("</head>", 1)[0]
    return {code: href for code, href in ALTERNATE.findall(head)}


def sitemap_alternates(client):
    tree = etree.fromstring(client.get("/sitemap.xml").content)
    return tree, {
        url.find("s:loc", NS).text: {link.get("hreflang"): link.get("href") for link in url.findall("x:link", NS)}
        for url in tree.findall("s:url", NS)
    }


def test_alternates_only_name_real_translations_in_html_and_sitemap(client, all_homes, demo_loader):
    home = all_homes["vi"]
    about = SectionPageFactory(parent=home, title="Giới thiệu", slug="gioi-thieu")
    demo_loader.translate(about, "en", title="About")
    only_vi = SectionPageFactory(parent=home, title="Chỉ tiếng Việt", slug="chi-tieng-viet")
    tree, in_sitemap = sitemap_alternates(client)
    assert sitemap_schema().validate(tree), sitemap_schema().error_log

    # a page in vi and en: both name vi and en, nothing else, from every language's URL
    for path in ("/vi/gioi-thieu/", "/en/gioi-thieu/", "/bdq/gioi-thieu/"):
        in_head = head_alternates(client, path)
        assert set(in_head) == {"vi", "en"}, path
        assert in_head["vi"].endswith("/vi/gioi-thieu/") and in_head["en"].endswith("/en/gioi-thieu/")
    listed = next(alts for loc, alts in in_sitemap.items() if loc.endswith("/vi/gioi-thieu/"))
    paths = {code: "/" + url.split("/", 3)[3] for code, url in head_alternates(client, "/vi/gioi-thieu/").items()}
    assert {code: "/" + url.split("/", 3)[3] for code, url in listed.items()} == paths

    # a page only in Vietnamese: no alternates at all (its Bahnar URL is a fallback)
    assert head_alternates(client, only_vi.url) == {}
    assert head_alternates(client, "/bdq/chi-tieng-viet/") == {}
    assert next(alts for loc, alts in in_sitemap.items() if loc.endswith("/vi/chi-tieng-viet/")) == {}

    # the home pages exist in all five languages: all five, in both places
    assert set(head_alternates(client, "/hre/")) == {"vi", "en", "bdq", "hre", "hro"}
    assert set(next(alts for loc, alts in in_sitemap.items() if loc.endswith("/hre/"))) == {
        "vi",
        "en",
        "bdq",
        "hre",
        "hro",
    }


def test_unpublished_translation_is_not_an_alternate(client, home, demo_loader):
    about = SectionPageFactory(parent=home, title="Giới thiệu", slug="gioi-thieu")
    english = demo_loader.translate(about, "en", title="About")
    type(english).objects.filter(pk=english.pk).update(live=False)  # as the factories make drafts
    bump()
    assert head_alternates(client, "/vi/gioi-thieu/") == {}
    tree, in_sitemap = sitemap_alternates(client)
    assert next(alts for loc, alts in in_sitemap.items() if loc.endswith("/vi/gioi-thieu/")) == {}
    assert not any(loc.endswith("/en/gioi-thieu/") for loc in in_sitemap)


def test_views_announce_the_interface_languages(client, home):
    """The calendar exists wherever the interface is translated (vi, en); a Bahnar URL of
    it serves the Vietnamese interface and is not announced."""
    assert set(head_alternates(client, "/vi/festivals/calendar/")) == {"vi", "en"}


def test_schema_rejects_a_broken_sitemap():
    """The vendored schema really checks: a <url> without <loc>, a bad hreflang."""
    schema = sitemap_schema()
    bad = etree.fromstring(
        b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">'
        b'<url><lastmod>2026-01-01</lastmod><xhtml:link rel="alternate" hreflang="not a code!" href="x"/></url>'
        b"</urlset>"
    )
    assert not schema.validate(bad)
