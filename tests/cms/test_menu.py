"""The main menu lists every public section in every language (issue 18)."""

import re

import pytest

from tests.factories import SectionPageFactory


def menu_links(html):
    start = html.index('<nav class="main-nav"')
    nav = html[start : html.index("</nav>", start)]
    # a section shown in another language carries a small mark naming it (<small class="lang-mark">)
    mark = r'(?:<small class="lang-mark">.*?</small>)?'
    return re.findall(r'<a href="([^"]+)"((?: lang="[^"]+")?)>([^<]+)' + mark + "</a>", nav)


@pytest.fixture
def sections(all_homes, demo_loader):
    home = all_homes["vi"]
    about = SectionPageFactory(parent=home, title="Giới thiệu", slug="gioi-thieu", show_in_menus=True)
    demo_loader.translate(about, "en", title="About")
    SectionPageFactory(parent=home, title="Lễ hội", slug="le-hoi", show_in_menus=True)
    SectionPageFactory(parent=home, title="Nháp", slug="nhap", show_in_menus=True, live=False)
    SectionPageFactory(parent=home, title="Không trong menu", slug="khong", show_in_menus=False)
    return about


@pytest.mark.django_db
def test_bahnar_menu_lists_every_section_in_vietnamese_with_its_language(client, sections):
    links = menu_links(client.get("/bdq/").content.decode())
    assert [(url, lang, title) for url, lang, title in links if "le-hoi" in url or "gioi-thieu" in url] == [
        ("/bdq/gioi-thieu/", ' lang="vi"', "Giới thiệu"),
        ("/bdq/le-hoi/", ' lang="vi"', "Lễ hội"),
    ]
    assert not any("nhap" in url or "khong" in url for url, _lang, _title in links)
    # the link opens the Vietnamese page under the Bahnar prefix, marked as not translated
    response = client.get("/bdq/le-hoi/")
    assert response.status_code == 200
    assert response.context["page"].locale.language_code == "vi"


@pytest.mark.django_db
def test_english_menu_mixes_translated_and_fallback_sections_in_site_order(client, sections):
    links = [(url, lang, title) for url, lang, title in menu_links(client.get("/en/").content.decode())]
    assert ("/en/gioi-thieu/", "", "About") in links
    assert ("/en/le-hoi/", ' lang="vi"', "Lễ hội") in links
    assert [t for _u, _l, t in links].index("About") < [t for _u, _l, t in links].index("Lễ hội")
