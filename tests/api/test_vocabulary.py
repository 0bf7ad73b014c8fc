"""One API vocabulary (issue 17): the OpenAPI document states the limits and enums the
server enforces, answers built from dicts keep Vietnamese letters as UTF-8, a course
bundle is never encoded again, and an offline client of an ethnic language can read
from its feeds everything the lists show it online."""

import pytest

from content.locales import fallback_chain, language_codes

pytestmark = pytest.mark.django_db

TYPES = ["ethnic-groups", "stories", "festivals", "products", "places", "sections", "courses"]


@pytest.fixture
def schema(api):
    response = api.get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.json()


def _parameters(schema):
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            for parameter in operation.get("parameters", []):
                yield f"{method.upper()} {path}", parameter


def test_every_locale_parameter_lists_the_languages(schema):
    seen = 0
    for where, parameter in _parameters(schema):
        if parameter["name"] == "locale" and parameter["in"] == "query":
            seen += 1
            assert parameter["schema"].get("enum") == language_codes(), where
    assert seen >= 2 * len(TYPES) + 2  # lists, details, sync, bundle, search…


def test_every_limit_parameter_states_its_bounds(schema, api):
    seen = 0
    for where, parameter in _parameters(schema):
        if parameter["name"] != "limit":
            continue
        seen += 1
        bounds = parameter["schema"]
        assert bounds.get("minimum") == 1 and bounds.get("maximum"), where
        if where.startswith("GET /api/v1/") and "{" not in where and "agency" not in where:
            path = where.split(" ", 1)[1]
            params = {"q": "a"} if "search" in path else {}
            over = api.get(path, {**params, "limit": bounds["maximum"] + 1})
            assert over.status_code in (400, 422), where  # what is stated is what is enforced
            assert api.get(path, {**params, "limit": bounds["maximum"]}).status_code == 200, where
    assert seen >= len(TYPES) + 2


def test_orderings_are_an_enum(schema):
    orderings = [p for _w, p in _parameters(schema) if p["name"] == "ordering"]
    assert orderings and all(p["schema"]["enum"] for p in orderings)


def test_the_docs_show_the_bearer_header_whole(schema):
    assert "Bearer TOKEN" in schema["info"]["description"]
    assert "<token>" not in str(schema)  # swallowed as an HTML tag by the docs page


def test_dict_answers_and_errors_are_utf8_not_escaped(api, heritage):
    response = api.get("/api/v1/stories/999999", {"locale": "vi"})
    assert response.status_code == 404
    assert b"\\u" not in response.content and "Không".encode() in response.content
    languages = api.get("/api/v1/languages")
    if languages.status_code == 200:
        assert b"\\u" not in languages.content and "Tiếng Việt".encode() in languages.content


@pytest.mark.parametrize("encoding", ["gzip", "br", "gzip, deflate, br", "identity", ""])
def test_a_bundle_is_never_encoded_again(api, course, encoding):
    url = f"/api/v1/courses/{course['course'].pk}/bundle?locale=vi"
    plain = api.get(url)
    get = api.get(url, HTTP_ACCEPT_ENCODING=encoding)
    head = api.head(url, HTTP_ACCEPT_ENCODING=encoding)
    assert not get.has_header("Content-Encoding") and not head.has_header("Content-Encoding")
    assert get.content == plain.content and get.content[:2] == b"PK"
    assert int(head["Content-Length"]) == len(get.content)


def test_text_answers_are_still_compressed(api, heritage):
    response = api.get("/api/v1/stories", {"locale": "vi", "limit": 100}, HTTP_ACCEPT_ENCODING="gzip")
    assert response["Content-Type"].startswith("application/json")
    assert response.get("Content-Encoding") in ("gzip", None)  # gzip when long enough
    many = api.get("/api/v1/openapi.json", HTTP_ACCEPT_ENCODING="gzip")
    assert many["Content-Encoding"] == "gzip"


def _feed(api, locale):
    """Every item of a locale's sync feed, following has_more; and its envelope."""
    items, cursor, first = [], None, None
    while True:
        params = {"locale": locale, "limit": 100, **({"cursor": cursor} if cursor else {})}
        data = api.get("/api/v1/sync", params).json()
        first = first or data
        items += data["items"]
        cursor = data["next_cursor"]
        if not data["has_more"]:
            return items, first


@pytest.mark.parametrize("locale", ["bdq", "en", "hre"])
def test_an_offline_client_reads_what_the_lists_show_online(api, heritage, sections, course, locale):
    items, envelope = _feed(api, locale)
    assert envelope["fallback_locales"] == fallback_chain(locale)[1:]
    best = {}  # translation_key -> page JSON, in the order of the chain
    for code in [locale, *envelope["fallback_locales"]]:
        feed = items if code == locale else _feed(api, code)[0]
        for item in feed:
            page = item["page"]
            best.setdefault(page["translation_key"], page)
    offline = {(p["content_type"], p["id"]) for p in best.values()}
    online = set()
    for path in TYPES:
        data = api.get(f"/api/v1/{path}", {"locale": locale, "limit": 100}).json()
        online |= {(i["content_type"], i["id"]) for i in data["results"]}
    assert online and online <= offline
    shown = {p["id"] for p in best.values()}
    expected, not_expected = (
        (heritage["group_en"], heritage["group"]) if locale == "en" else (heritage["group"], heritage["group_en"])
    )
    assert expected.pk in shown and not_expected.pk not in shown  # one translation per page, the best
