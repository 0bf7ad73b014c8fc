"""The public search page and the /api/v1/search endpoints."""

import pytest

pytestmark = pytest.mark.django_db


def test_search_page_finds_without_diacritics_and_marks_the_words(client, pages):
    response = client.get("/vi/search/", {"q": "le hoi dam trau"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<mark>đâm trâu</mark>" in html
    assert "Bản nháp" not in html  # the draft


def test_search_page_escapes_the_query_and_content(client, pages):
    response = client.get("/vi/search/", {"q": "<script>alert(1)</script>"})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_search_page_empty_state_and_bad_page_number(client, pages):
    assert client.get("/vi/search/").status_code == 200
    assert client.get("/vi/search/", {"q": "ba na", "page": "abc"}).status_code == 200
    assert client.get("/vi/search/", {"q": "ba na", "page": "99999"}).status_code == 200


def test_did_you_mean_on_the_page(client, pages):
    html = client.get("/vi/search/", {"q": "dam trua"}).content.decode()
    assert "đâm trâu" in html
    assert "did-you-mean" in html


def test_api_search(client, pages):
    response = client.get("/api/v1/search", {"q": "Bahnar", "locale": "vi"})
    assert "Người Ba Na".encode() in response.content and b"\\u" not in response.content  # UTF-8, unescaped
    data = response.json()
    titles = [r["title"] for r in data["results"]]
    assert "Người Ba Na" in titles
    assert data["facets"]["type"][0]["value"] == "sectionpage"
    assert all("Bản nháp" not in t for t in titles)


def test_api_english_first_then_vietnamese(client, pages):
    data = client.get("/api/v1/search", {"q": "bahnar", "locale": "en"}).json()
    assert data["requested_locale"] == "en" and data["count"] >= len(data["results"])
    assert all(r["is_fallback"] == (r["served_locale"] != "en") for r in data["results"])
    assert "total" not in data and "language" not in data["results"][0]  # one vocabulary (issue 17)
    langs = [r["served_locale"] for r in data["results"]]
    assert langs[0] == "en"
    assert "vi" in langs
    assert langs == sorted(langs, key=lambda code: ["en", "vi"].index(code))
    # a page and its translation appear once
    assert len({r["title"] for r in data["results"]}) == len(data["results"])
    assert "Buffalo festival of the Bahnar" in [r["title"] for r in data["results"]]
    assert "Lễ hội đâm trâu của người Ba Na" not in [r["title"] for r in data["results"]]


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"q": ""},
        {"q": "x" * 500},
        {"q": "ba na", "limit": "0"},
        {"q": "ba na", "limit": "abc"},
        {"q": "ba na", "offset": "-1"},
        {"q": "ba na", "locale": "xx"},
        {"q": "ba na", "group": "<bad>"},
    ],
)
def test_api_search_bad_params_are_4xx(client, pages, params):
    response = client.get("/api/v1/search", params)
    assert 400 <= response.status_code < 500
    assert response["Content-Type"].startswith("application/json")


def test_api_suggest(client, pages):
    data = client.get("/api/v1/search/suggest", {"q": "cong chi"}).json()
    assert data["suggestions"][0]["title"] == "Cồng chiêng Chăm H'roi"
    assert data["suggestions"][0]["served_locale"] == "vi"
    assert client.get("/api/v1/search/suggest", {"q": ""}).status_code == 422
    data = client.get("/api/v1/search/suggest", {"q": "ban nhap"}).json()
    assert data["suggestions"] == []  # the draft is never suggested


def test_search_page_in_vietnamese_and_english(client, pages):
    html = client.get("/vi/search/", {"q": "ba na"}).content.decode()
    assert "kết quả" in html and "Loại nội dung" in html
    html = client.get("/en/search/", {"q": "zzzzqqq"}).content.decode()
    assert "Nothing found for" in html


def test_facet_links_filter_without_javascript(client, pages):
    html = client.get("/vi/search/", {"q": "ba na"}).content.decode()
    assert "?q=ba+na&amp;type=sectionpage" in html
    filtered = client.get("/vi/search/", {"q": "ba na", "type": "sectionpage"}).content.decode()
    assert 'aria-current="true"' in filtered
    assert client.get("/vi/search/", {"q": "ba na", "type": "nope"}).status_code == 200


def test_admin_page_search_is_folded_too(client, pages):
    from tests.factories import UserFactory

    client.force_login(UserFactory(username="chief", is_superuser=True, is_staff=True))
    response = client.get("/admin/pages/search/", {"q": "dam trau"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Lễ hội đâm trâu của người Ba Na" in html
    assert "Bản nháp đâm trâu bí mật" in html  # editors do see drafts in the admin


def test_synonym_snippet_in_admin(client, db):
    from search.models import NameSynonym
    from tests.factories import UserFactory

    assert NameSynonym.objects.filter(name="Ba Na").exists()  # seeded by migration
    assert "bahnar" in NameSynonym.objects.get(name="Ba Na").spellings()
    client.force_login(UserFactory(username="chief", is_superuser=True, is_staff=True))
    assert client.get("/admin/snippets/search/namesynonym/").status_code == 200


def test_suggest_completes_other_spellings_of_a_name(client, pages):
    data = client.get("/api/v1/search/suggest", {"q": "bahn"}).json()
    assert "Người Ba Na" in [s["title"] for s in data["suggestions"]]
    data = client.get("/api/v1/search/suggest", {"q": "Lễ hội đâ"}).json()
    assert data["suggestions"][0]["title"] == "Lễ hội đâm trâu của người Ba Na"


def test_search_page_has_no_inline_script(client, pages):
    import re

    html = client.get("/vi/search/", {"q": "ba na"}).content.decode()
    assert "search/suggest.js" in html
    assert not re.findall(r"<script(?![^>]*\bsrc=)(?![^>]*application/(?:ld\+)?json)[^>]*>", html)
