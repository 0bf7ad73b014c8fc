"""Issue 16, case 9: signing in and signing up do not tell whether an account exists.

Counted, not timed: every answer of the learner sign-in does exactly one password hash
(an unknown login hashes a dummy, as Django's ModelBackend does), and a sign-up refused
for its phone number hashes like one that succeeds and gives a generic answer."""

import json

import pytest
from django.contrib.auth.hashers import MD5PasswordHasher
from django.test import Client

from lessons.learners.accounts import create_learner

CALLS = []


class CountingHasher(MD5PasswordHasher):
    algorithm = "counting_md5"

    def encode(self, password, salt):
        CALLS.append(password)
        return super().encode(password, salt)


@pytest.fixture
def hashes(settings, db):
    settings.PASSWORD_HASHERS = ["tests.security.test_account_enumeration.CountingHasher"]
    create_learner("hoc-vien", "0905000111", "rong-xanh-2026")
    create_learner("nghi-hoc", None, "rong-xanh-2026").__class__.objects.filter(username="nghi-hoc").update(
        is_active=False
    )
    CALLS.clear()
    return CALLS


def _post(path, payload):
    return Client().post(path, json.dumps(payload), content_type="application/json")


def _token_calls(hashes, login, password):
    hashes.clear()
    response = _post("/api/v1/auth/token", {"login": login, "password": password})
    return response, len(hashes)


def test_unknown_known_and_inactive_logins_each_hash_once(hashes):
    answers = {}
    for login in ("hoc-vien", "0905000111", "khong-ai-ca", "0999999999", "nghi-hoc"):
        response, calls = _token_calls(hashes, login, "sai-mat-khau-1")
        answers[login] = (response.status_code, response.json()["code"], calls)
    assert set(answers.values()) == {(401, "invalid_credentials", 1)}, answers
    ok, calls = _token_calls(hashes, "hoc-vien", "rong-xanh-2026")
    assert ok.status_code == 200 and calls == 1


def test_the_site_sign_in_form_hashes_for_unknown_users_too(hashes):
    from django.test import RequestFactory

    from lessons.forms import LoginForm

    request = RequestFactory().post("/vi/learn/accounts/login/")
    for identifier in ("hoc-vien", "khong-ai-ca"):
        hashes.clear()
        form = LoginForm(request, data={"identifier": identifier, "password": "sai-mat-khau-1"})
        assert not form.is_valid() and len(hashes) == 1, identifier


def test_a_registered_phone_gets_a_generic_answer_after_the_same_hashing(hashes):
    hashes.clear()
    taken = _post(
        "/api/v1/auth/register", {"username": "moi-mot", "phone": "0905 000 111", "password": "rong-xanh-2026"}
    )
    refused_calls = len(hashes)
    body = taken.json()
    assert taken.status_code == 409 and body["code"] == "phone_unavailable"
    assert "registered" not in body["message"] and "đã đăng ký" not in body["message"]
    hashes.clear()
    made = _post(
        "/api/v1/auth/register", {"username": "moi-hai", "phone": "0905000222", "password": "rong-xanh-2026"}
    )
    assert made.status_code == 201 and refused_calls == len(hashes) == 1


def test_phone_checks_count_against_the_sign_up_limit(hashes, settings):
    from lessons.learners import accounts

    codes = []
    for n in range(accounts.SIGNUPS_ALLOWED + 1):
        response = _post(
            "/api/v1/auth/register",
            {"username": f"do-tim-{n}", "phone": f"090500{n:04d}", "password": "rong-xanh-2026"},
        )
        codes.append(response.json().get("code"))
    assert codes[-1] == "rate_limited"


def test_the_openapi_says_what_registration_tells(db):
    schema = Client().get("/api/v1/openapi.json").json()
    register = schema["paths"]["/api/v1/auth/register"]["post"]
    assert "phone_unavailable" in register["description"] and "rate_limited" in register["description"]
