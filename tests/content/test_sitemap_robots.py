from xml.etree import ElementTree

from tests.factories import SectionPageFactory

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def test_sitemap_lists_every_live_page_with_alternates(client, home, demo_loader):
    page = SectionPageFactory(parent=home, title="Giới thiệu", slug="gioi-thieu")
    demo_loader.translate(page, "en", title="About")
    SectionPageFactory(parent=home, title="Nháp", slug="nhap", live=False)
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    tree = ElementTree.fromstring(response.content)
    locations = [u.find("s:loc", NS).text for u in tree.findall("s:url", NS)]
    assert all(loc.startswith("http://") for loc in locations)
    assert sorted("/" + loc.split("/", 3)[3] for loc in locations) == sorted(
        ["/vi/", "/en/", "/vi/gioi-thieu/", "/en/gioi-thieu/"]
    )
    about = next(u for u in tree.findall("s:url", NS) if u.find("s:loc", NS).text.endswith("/vi/gioi-thieu/"))
    alternates = {a.get("hreflang"): a.get("href") for a in about.findall("x:link", NS)}
    assert alternates["en"].endswith("/en/gioi-thieu/")
    assert alternates["vi"].endswith("/vi/gioi-thieu/")


def test_robots_points_at_sitemap_and_hides_admin(client, home):
    text = client.get("/robots.txt").content.decode()
    assert "Disallow: /admin/" in text
    assert "Sitemap: http://testserver/sitemap.xml" in text
