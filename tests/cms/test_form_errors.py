"""A visitor form sent with a required field empty (issue 18): every form of the site
(sign-in, sign-up, consultation, search) marks the field invalid, ties the message to
it for screen readers, and shows it with an icon and words, not in colour alone."""

import re

import pytest

pytestmark = pytest.mark.django_db


def _field(html, name):
    match = re.search(rf'<(?:input|select|textarea)[^>]*name="{name}"[^>]*>', html)
    assert match, name
    return match.group(0)


def _assert_announced(html, name):
    tag = _field(html, name)
    assert 'aria-invalid="true"' in tag, tag
    described = re.search(r'aria-describedby="([^"]+)"', tag).group(1).split()
    error_id = described[-1]
    error = re.search(rf'<p class="field-error" id="{error_id}">(.*?)</p>', html, re.S)
    assert error, (name, described)
    assert '<svg class="icon"' in error.group(1)  # the icon
    assert re.sub(r"<[^>]+>", "", error.group(1)).strip()  # the words
    return error.group(1)


def test_sign_in_left_empty(client, home):
    html = client.post("/vi/learn/login/", {"identifier": "", "password": ""}).content.decode()
    assert 'class="form-errors" role="alert"' in html
    for name in ("identifier", "password"):
        assert "Trường này là bắt buộc" in _assert_announced(html, name)


def test_sign_up_left_empty(client, home):
    empty = dict.fromkeys(["display_name", "username", "phone", "password"], "")  # as a browser sends it
    html = client.post("/vi/learn/signup/", empty).content.decode()
    for name in ("display_name", "password"):
        _assert_announced(html, name)
    # an optional field with help text is described by its help, and not marked invalid
    username = _field(html, "username")
    assert 'aria-describedby="id_username-help"' in username and "aria-invalid" not in username
    assert 'id="id_username-help"' in html
    assert "(bắt buộc)" in html


def test_consultation_left_empty(client, home):
    empty = dict.fromkeys(["name", "phone", "description", "stamp", "website"], "")
    html = client.post("/vi/consultation/", empty).content.decode()
    assert 'class="form-errors" role="alert"' in html
    for name in ("name", "phone"):
        _assert_announced(html, name)


def test_search_sent_empty(client, home):
    html = client.get("/vi/search/?q=").content.decode()
    tag = _field(html, "q")
    assert 'aria-invalid="true"' in tag and 'aria-describedby="search-q-error"' in tag
    assert "Hãy gõ ít nhất một từ cần tìm." in html
    # opening the search page is not an error
    first = client.get("/vi/search/").content.decode()
    assert "aria-invalid" not in _field(first, "q") and "search-q-error" not in first
