"""Fuzz /api/v1/ with schemathesis against its own OpenAPI schema (issue 8).

The schema is loaded from the project's WSGI application (``cms.wsgi``), in the
test's thread, so requests see pytest-django's test transaction and the demo-ish
tree of ``tests/api/conftest.py``. Every operation gets a bounded, deterministic
number of positive and negative cases (``derandomize=True``, no example
database): no 5xx, every status declared, every body matching its schema.

Learner endpoints are fuzzed twice: anonymously (401) and with a valid bearer
token, with real course/lesson ids and quiz ids mixed into the generated data
so that enrolment, progress upload and quiz grading run for real.

More cases locally: ``FUZZ_EXAMPLES=100 pytest tests/api/test_fuzz.py``.
"""

import os

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from hypothesis.errors import Unsatisfiable
from schemathesis.checks import not_a_server_error
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from .conftest import QUIZ_ID

pytestmark = pytest.mark.django_db

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "8"))  # per operation and generation mode
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
# The test client does not decompress: ask for plain bodies (the site compresses by default).
IDENTITY = {"Accept-Encoding": "identity"}
SETTINGS = settings(
    max_examples=EXAMPLES,
    derandomize=True,  # same cases on every run: CI is reproducible
    database=None,
    deadline=None,
    phases=[Phase.explicit, Phase.generate, Phase.shrink],
    suppress_health_check=list(HealthCheck),
    print_blob=False,
)


@pytest.fixture
def schema(wsgi_app, heritage, course, sections):

    return schemathesis.openapi.from_wsgi("/api/v1/openapi.json", wsgi_app)


def needs_auth(operation):
    return bool(operation.definition.raw.get("security"))


def real_ids(heritage, course, sections):
    """Ids of pages that exist (public, draft, private), to reach past the 404s."""
    pages = [*heritage.values(), *sections.values(), course["course"], course["draft"]]
    pages += course["lessons"]
    return sorted({page.pk for page in pages})


def strategy(operation, mode, ids, headers):
    """The operation's generated cases, plus (positive mode) cases with real ids."""
    base = operation.as_strategy(mode, headers=headers)
    if mode is not GenerationMode.POSITIVE:
        return base
    params = {p["name"] for p in operation.definition.raw.get("parameters", []) if p["in"] == "path"}
    if "id" not in params:
        return base
    with_ids = st.sampled_from(ids).flatmap(
        lambda pk: operation.as_strategy(mode, headers=headers, path_parameters={"id": pk})
    )
    return st.one_of(base, with_ids)


def fuzz(operations, ids, auth=dict):
    """Run every operation in both modes; returns one message per failing operation.
    ``auth()`` gives extra headers per case (a fresh token: DELETE /auth/token revokes it)."""
    failures = []
    for operation in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            failures += run_cases(operation, mode.value, strategy(operation, mode, ids, auth()), auth)
    return failures


def run_cases(operation, name, cases, auth):
    @SETTINGS
    @given(case=cases)
    def run(case):
        case.call_and_validate(headers={**IDENTITY, **auth()}, checks=CHECKS)

    try:
        run()
    except Unsatisfiable:  # nothing to negate (no parameters), nothing to run
        return []
    except (Exception, BaseExceptionGroup) as exc:  # collect every operation's failure
        return [f"{operation.label} [{name}]: {exc}"]
    return []


def test_fuzz_public_api(schema, heritage, course, sections):
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) > 30
    failures = fuzz(operations, real_ids(heritage, course, sections))
    assert not failures, "\n\n".join(failures)


def test_fuzz_learner_api_with_token(schema, heritage, course, sections, learner):
    from lessons.learners import progress
    from lessons.models import AccessToken, ProgressEvent

    user = learner["user"]
    progress.enroll(user, course["course"])

    def auth():
        return {"Authorization": f"Bearer {AccessToken.issue(user)[1]}"}

    operations = [result.ok() for result in schema.get_all_operations() if needs_auth(result.ok())]
    labels = {operation.label for operation in operations}
    assert "POST /api/v1/me/progress-events" in labels
    ids = real_ids(heritage, course, sections)
    failures = fuzz(operations, ids, auth)

    lessons = [lesson.pk for lesson in course["lessons"]]
    events = st.lists(
        st.fixed_dictionaries(
            {
                "uuid": st.uuids().map(str),
                "kind": st.sampled_from(["lesson_opened", "position", "lesson_completed", "quiz_submitted"]),
                "lesson": st.sampled_from(lessons),
                "timestamp": st.datetimes().map(lambda d: d.isoformat() + "Z"),
            },
            optional={
                "position": st.integers(0, 100),
                "quiz": st.sampled_from([QUIZ_ID, "nope"]),
                "answers": st.dictionaries(st.text(max_size=40), st.lists(st.integers(-1, 3), max_size=3)),
            },
        ),
        min_size=1,
        max_size=5,
    )
    upload = schema["/api/v1/me/progress-events"]["POST"]
    cases = events.flatmap(lambda e: upload.as_strategy(headers=auth(), body={"events": e}))
    failures += run_cases(upload, "realistic events", cases, auth)
    attempt = schema["/api/v1/lessons/{id}/quiz-attempts"]["POST"]
    answers = st.fixed_dictionaries(
        {
            "quiz_id": st.sampled_from([QUIZ_ID, "x"]),
            "answers": st.dictionaries(
                st.sampled_from([f"{QUIZ_ID[:-4]}0001", "q"]), st.lists(st.integers(-2, 3), max_size=3)
            ),
        }
    )
    cases = answers.flatmap(
        lambda body: attempt.as_strategy(headers=auth(), body=body, path_parameters={"id": lessons[-1]})
    )
    failures += run_cases(attempt, "realistic answers", cases, auth)
    assert not failures, "\n\n".join(failures)
    assert ProgressEvent.objects.filter(learner=user).exists()


# Inputs the fuzzer found (or that it reaches only by luck in a few cases), kept as plain
# regression tests: each must be a 4xx JSON error, or for an event a per-event rejection.
NUL_URLS = [
    "/api/v1/certificates/AB%00C",
    "/api/v1/stories?group=a%00b",
    "/api/v1/stories?commune=a%00",
    "/api/v1/jobs?skill=%00",
    "/api/v1/sync?cursor=%00",
    "/api/v1/sections?locale=%00",
]
HUGE = "99999999999999999999999"


@pytest.mark.parametrize(
    "url",
    [
        *NUL_URLS,
        f"/api/v1/festivals?month={HUGE}",
        f"/api/v1/stories/{HUGE}",
        f"/api/v1/sync?limit={HUGE}&cursor={HUGE}",
        f"/api/v1/stories?offset={HUGE}",
        f"/api/v1/jobs?offset={HUGE}",
    ],
)
def test_bad_query_is_a_json_4xx(api, heritage, url):
    response = api.get(url)
    assert 400 <= response.status_code < 500, response.content[:300]
    assert set(response.json()) >= {"code", "message"}


@pytest.mark.parametrize(
    "body",
    [
        {"login": "a\x00b", "password": "x"},
        {"login": "a", "password": "x\x00"},
        {"login": "a\\\x00", "password": "x"},  # a backslash, then a NUL: "a\\\u0000" in JSON
    ],
)
def test_nul_in_sign_in_is_a_400(api, db, body):
    import json

    response = api.post("/api/v1/auth/token", json.dumps(body), content_type="application/json")
    assert response.status_code == 400
    assert response.json()["code"] == "invalid_characters"


def test_escaped_backslash_before_u0000_is_not_a_nul(api, db):
    """The text ``\\u0000`` (a backslash, then "u0000") is allowed: only a real NUL is refused."""
    import json

    body = json.dumps({"login": "a\\u0000", "password": "x"})
    assert "\\\\u0000" in body
    response = api.post("/api/v1/auth/token", body, content_type="application/json")
    assert (response.status_code, response.json()["code"]) == (401, "invalid_credentials")


@pytest.mark.parametrize(
    "changes, error",
    [
        ({"lesson": -1318831125983074019442688}, "lesson_not_found"),
        ({"lesson": 2**31}, "lesson_not_found"),
        ({"timestamp": "2024-02-30T00:00:00"}, "invalid_timestamp"),
        ({"timestamp": "0001-01-01T00:00:00+05:00"}, "invalid_timestamp"),
        ({"timestamp": "9999-12-31T23:59:59-05:00"}, "invalid_timestamp"),
    ],
)
def test_impossible_event_is_rejected_alone(api, course, learner, changes, error):
    import json
    import uuid

    good = {
        "uuid": str(uuid.uuid4()),
        "kind": "lesson_opened",
        "lesson": course["lessons"][0].pk,
        "timestamp": "2026-01-01T08:00:00+07:00",
    }
    bad = {**good, "uuid": str(uuid.uuid4()), **changes}
    response = api.post(
        "/api/v1/me/progress-events",
        json.dumps({"events": [bad, good]}),
        content_type="application/json",
        **learner["auth"],
    )
    assert response.status_code == 200
    data = response.json()
    assert data["rejected"] == [{"uuid": bad["uuid"], "error": error}]
    assert data["accepted"] == [good["uuid"]]  # the rest of the batch is stored
