"""The installable web app: manifest, icons, the service worker's headers and scope,
and the pages it keeps (cms/pwa.py, templates/cms/sw.js)."""

import json
from pathlib import Path

import pytest
from django.conf import settings
from PIL import Image

pytestmark = pytest.mark.django_db
STATIC = Path(settings.BASE_DIR) / "static"


@pytest.mark.parametrize(("lang", "description"), [("vi", "Di sản"), ("en", "Heritage")])
def test_manifest_names_the_app_in_the_visitors_language(client, lang, description):
    response = client.get(f"/manifest.webmanifest?lang={lang}")
    assert response["Content-Type"] == "application/manifest+json"
    data = json.loads(response.content)
    assert data["name"] == "Nhà Rông" and data["lang"] == lang
    assert data["start_url"] == f"/{lang}/" and data["scope"] == "/" and data["display"] == "standalone"
    assert data["description"].startswith(description)
    purposes = {(icon["sizes"], icon["purpose"]) for icon in data["icons"]}
    assert {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")} <= purposes
    assert json.loads(client.get("/manifest.webmanifest?lang=xx").content)["lang"] == "vi"


@pytest.mark.parametrize(
    ("name", "size"), [("icon-192.png", 192), ("icon-512.png", 512), ("icon-maskable-512.png", 512)]
)
def test_icons_are_committed_pngs_of_their_size(name, size):
    with Image.open(STATIC / "img" / name) as image:
        assert image.format == "PNG" and image.size == (size, size)


def test_service_worker_is_served_from_the_root_never_cached(client):
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert response["Service-Worker-Allowed"] == "/"
    assert response["Cache-Control"] == "no-cache"
    source = response.content.decode()
    for language, _name in settings.LANGUAGES:
        assert f'"/{language}/offline/"' in source and f'"/{language}/saved/"' in source
    # never keeps a learner's, an account's, the admin's or the API's responses
    for rule in ("/^\\/admin\\//", "/^\\/api\\//", "/^\\/accounts\\//", "learn\\/"):
        assert rule in source
    assert "private|no-store" in source and "cookie" in source
    assert client.post("/sw.js").status_code == 405


def test_service_worker_version_follows_its_content(client, settings):
    from cms.pwa import service_worker_source

    first = service_worker_source()
    settings.LANGUAGES = [*settings.LANGUAGES, ("fr", "Français")]
    assert service_worker_source().split("version ")[1][:12] != first.split("version ")[1][:12]


@pytest.mark.parametrize(("lang", "heading"), [("vi", "Bạn đang không có mạng"), ("en", "You are offline")])
def test_offline_page_in_the_visitors_language(client, lang, heading, home):
    response = client.get(f"/{lang}/offline/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f"<h1>{heading}</h1>" in html and f'href="/{lang}/saved/"' in html
    assert "private" not in response["Cache-Control"]


def test_saved_page_is_the_same_for_everyone_and_carries_its_strings(client, home):
    from tests.factories import UserFactory

    anonymous = client.get("/vi/saved/").content
    client.force_login(UserFactory(username="hoa-saved"))
    assert client.get("/vi/saved/").content == anonymous  # nothing personal: the worker may keep it
    html = anonymous.decode()
    assert "data-offline-saved" in html and "Chưa có khoá học nào" in html
    assert 'id="nr-offline-strings"' in html


def test_every_page_links_the_manifest_the_worker_script_and_saved_courses(client, home):
    html = client.get("/vi/").content.decode()
    assert '<link rel="manifest" href="/manifest.webmanifest?lang=vi">' in html
    assert "js/offline.js" in html and 'href="/vi/saved/"' in html
