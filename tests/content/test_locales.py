"""Language prefixes, the root redirect and the translation fallback."""

import re

import pytest

from content.locales import LANGUAGE_INFO, best_translation, fallback_chain
from tests.factories import SectionPageFactory

LANGS = ["vi", "en", "bdq", "hre", "hro"]


@pytest.mark.parametrize(
    "headers,cookie,expected",
    [
        ({}, None, "/vi/"),
        ({"HTTP_ACCEPT_LANGUAGE": "en-GB,en;q=0.9"}, None, "/en/"),
        ({"HTTP_ACCEPT_LANGUAGE": "fr-FR"}, None, "/vi/"),
        ({"HTTP_ACCEPT_LANGUAGE": "en"}, "hre", "/hre/"),
    ],
)
def test_root_redirects_by_cookie_then_accept_language_then_vi(client, home, headers, cookie, expected):
    if cookie:
        client.cookies["django_language"] = cookie
    response = client.get("/", **headers)
    assert response.status_code == 302
    assert response["Location"] == expected


@pytest.mark.parametrize("code", LANGS)
def test_every_language_home_has_its_html_lang(client, all_homes, code):
    response = client.get(f"/{code}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{code}">' in html
    assert "untranslated" not in html


def test_untranslated_page_in_hre_falls_back_to_vietnamese(client, all_homes):
    SectionPageFactory(parent=all_homes["vi"], title="Lịch sử làng", slug="lich-su-lang")
    response = client.get("/hre/lich-su-lang/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="vi">' in html  # the page's text is Vietnamese (issue 17: honest language)
    assert "Lịch sử làng" in html
    assert 'class="notice untranslated"' in html
    assert '<article lang="vi">' in html


def test_english_visitor_falls_back_to_vietnamese(client, home):
    SectionPageFactory(parent=home, title="Chỉ có tiếng Việt", slug="chi-tieng-viet")
    response = client.get("/en/chi-tieng-viet/")
    assert response.status_code == 200
    assert "Not yet translated" in response.content.decode()


def test_translated_page_is_served_without_marker(client, all_homes, demo_loader):
    page = SectionPageFactory(parent=all_homes["vi"], title="Giới thiệu", slug="gioi-thieu")
    demo_loader.translate(page, "hre", title="Giới thiệu Hrê")
    html = client.get("/hre/gioi-thieu/").content.decode()
    assert "Giới thiệu Hrê" in html
    assert "untranslated" not in html


def test_fallback_chains():
    assert fallback_chain("hre") == ["hre", "vi", "en"]
    assert fallback_chain("en") == ["en", "vi"]
    assert fallback_chain("vi-VN") == ["vi", "en"]
    assert fallback_chain("xx") == ["vi", "en"]


def test_best_translation_prefers_visitor_language(home, demo_loader):
    page = SectionPageFactory(parent=home, title="Lễ hội", slug="le-hoi")
    english = demo_loader.translate(page, "en", title="Festivals")
    found, served = best_translation(page, "en")
    assert (found.pk, served) == (english.pk, "en")
    found, served = best_translation(page, "bdq")
    assert (found.pk, served) == (page.pk, "vi")


def test_language_switcher_names_each_language_in_itself(client, all_homes):
    html = client.get("/vi/").content.decode()
    for code in LANGS:
        assert re.search(rf'lang="{code}"[^>]*>{re.escape(LANGUAGE_INFO[code]["name_local"])}</a>', html)


@pytest.mark.parametrize(
    "code,text",
    [
        ("vi", "Không tìm thấy trang"),
        ("en", "Page not found"),
        ("bdq", "Không tìm thấy trang"),
        ("hre", "Không tìm thấy trang"),
        ("hro", "Không tìm thấy trang"),
    ],
)
def test_404_page_in_each_language(client, all_homes, code, text):
    response = client.get(f"/{code}/khong-co-trang-nay/")
    assert response.status_code == 404
    html = response.content.decode()
    assert f'<html lang="{code}">' in html
    assert text in html
