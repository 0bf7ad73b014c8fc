"""A bounded load test with learner progress uploads.

``run_load()`` drives ``clients`` threads for ``seconds`` against a running site,
mixing page/API reads, searches and progress uploads (unique client UUIDs, retried
on a transport error the way the app retries its offline queue). It returns the
counts a benchmark reports and a test asserts on: requests, errors by kind, uploads
acknowledged (their UUIDs, to compare with the database), req/s, p50/p99.

``create_learners()`` makes learners with bearer tokens (inside a Django process);
``python -m bench.load learners 50`` prints them as JSON for the benchmark harness,
``python -m bench.load events`` counts stored progress events.

The tests run it against a real server on the test database (``tests/live_site.py``).
"""

import http.client
import json
import os
import random
import sys
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from urllib.parse import urlsplit

UPLOAD_PATH = "/api/v1/me/progress-events"
KINDS = ("lesson_opened", "position", "position", "lesson_completed")


# ---------------------------------------------------------------------------
# Learners (run inside Django)
# ---------------------------------------------------------------------------


def create_learners(count, prefix="load"):
    """``count`` learners with one bearer token each; returns the raw tokens.

    Passwords are unusable (no hashing cost): the learners only ever use tokens."""
    from django.contrib.auth import get_user_model

    from lessons.models import AccessToken, LearnerProfile

    user_model = get_user_model()
    tokens = []
    run = uuid.uuid4().hex[:6]
    for n in range(count):
        user = user_model(username=f"{prefix}-{run}-{n}")
        user.set_unusable_password()
        user.save()
        LearnerProfile.objects.create(user=user, display_name=f"Học viên {n}")
        tokens.append(AccessToken.issue(user, name="load")[1])
    return tokens


def upload_lessons(limit=20):
    """Ids of public Vietnamese lessons in public courses, for progress uploads."""
    from content.public import public_pages
    from lessons.pages import CoursePage, LessonPage

    courses = public_pages(CoursePage.objects.filter(locale__language_code="vi"))
    ids = []
    for course in courses.order_by("pk")[:limit]:
        lessons = public_pages(LessonPage.objects.child_of(course)).order_by("path")
        ids += list(lessons.values_list("pk", flat=True))
    return ids[:limit]


def stored_event_uuids():
    from lessons.models import ProgressEvent

    return {str(u) for u in ProgressEvent.objects.values_list("uuid", flat=True)}


# ---------------------------------------------------------------------------
# The load
# ---------------------------------------------------------------------------


def _percentile(sorted_values, fraction):
    if not sorted_values:
        return None
    index = min(len(sorted_values) - 1, max(0, round(fraction * len(sorted_values)) - 1))
    return round(sorted_values[index], 1)


class _Client:
    """One simulated user: its own keep-alive connection, reopened after any error."""

    def __init__(self, base_url, timeout):
        parts = urlsplit(base_url)
        self.host, self.port = parts.hostname, parts.port or 80
        self.timeout = timeout
        self.conn = None

    def request(self, method, path, body=None, headers=None):
        if self.conn is None:
            self.conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
        try:
            self.conn.request(method, path, body=body, headers=headers or {})
            response = self.conn.getresponse()
            data = response.read()
        except BaseException:
            self.close()
            raise
        if response.will_close:
            self.close()
        return response.status, data

    def close(self):
        if self.conn is not None:
            self.conn.close()
            self.conn = None


def _event(lesson):
    kind = random.choice(KINDS)
    event = {
        "uuid": str(uuid.uuid4()),
        "kind": kind,
        "lesson": lesson,
        "timestamp": datetime.now(UTC).isoformat(),
    }
    if kind == "position":
        event["position"] = random.randint(0, 100)
    return event


def run_load(
    base_url,
    clients,
    seconds,
    tokens,
    read_urls,
    search_urls,
    lessons=(),
    upload_share=0.3,
    search_share=0.2,
    batch=3,
    timeout=30,
    upload_retries=5,
    seed=None,
):
    """Run ``clients`` concurrent users against ``base_url`` for ``seconds``.

    Each request is a progress upload (share ``upload_share``, needs ``tokens`` and
    ``lessons``: a batch of 1–``batch`` events with new UUIDs, learner
    ``tokens[client % len(tokens)]``), a search (``search_share``, from
    ``search_urls``) or a read (``read_urls``). A non-2xx status, a transport error
    or an upload whose events are not all acknowledged counts as an error of that
    kind (``http_503``, ``ConnectionResetError``, ``not_acknowledged``…). A failed
    upload is sent again with the same UUIDs, as the app does with its queue.

    Returns a JSON-ready dict: ``requests``, ``by_kind``, ``errors`` (kind → count),
    ``error_count``, ``uploads`` (batches acknowledged), ``events_sent``,
    ``events_acknowledged``, ``acknowledged`` (the UUIDs), ``events_unconfirmed``
    (UUIDs whose upload never got an answer), ``rps``, ``p50_ms``, ``p99_ms``
    and ``latency_ms`` per kind.
    """
    tokens, read_urls, search_urls, lessons = (
        list(tokens or ()),
        list(read_urls or ()),
        list(search_urls or ()),
        list(lessons or ()),
    )
    if not (read_urls or search_urls or (tokens and lessons)):
        raise ValueError("nothing to request: give read_urls, search_urls or tokens + lessons")
    lock = threading.Lock()
    latencies = {"read": [], "search": [], "upload": []}
    errors, acknowledged, unconfirmed = {}, [], []
    totals = {"requests": 0, "uploads": 0, "events_sent": 0}
    seed = seed if seed is not None else random.randrange(1 << 30)
    start = time.monotonic()
    deadline = start + seconds

    def error(kind):
        with lock:
            errors[kind] = errors.get(kind, 0) + 1

    def timed(client, kind, method, path, body=None, headers=None):
        began = time.perf_counter()
        try:
            status, data = client.request(method, path, body, headers)
        except Exception as exc:  # noqa: BLE001 - every transport failure is counted
            error(type(exc).__name__)
            return None, None
        finally:
            with lock:
                totals["requests"] += 1
            latencies[kind].append((time.perf_counter() - began) * 1000)
        if not 200 <= status < 300:
            error(f"http_{status}")
        return status, data

    def upload(client, token):
        events = [_event(random.choice(lessons)) for _ in range(random.randint(1, batch))]
        body = json.dumps({"events": events}).encode()
        headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
        sent = {e["uuid"] for e in events}
        with lock:
            totals["events_sent"] += len(sent)
        for _attempt in range(upload_retries + 1):
            status, data = timed(client, "upload", "POST", UPLOAD_PATH, body, headers)
            if status == 200:
                result = json.loads(data)
                confirmed = set(result["accepted"]) | set(result["duplicates"])
                with lock:
                    acknowledged.extend(sorted(sent & confirmed))
                    totals["uploads"] += 1
                if sent - confirmed:
                    error("not_acknowledged")
                return
            if status is not None and status < 500:
                break  # refused: sending it again will not help
            if time.monotonic() > deadline + timeout:
                break
            time.sleep(0.05)
        with lock:
            unconfirmed.extend(sorted(sent))

    def user(number):
        random.seed(seed + number)
        client = _Client(base_url, timeout)
        token = tokens[number % len(tokens)] if tokens else None
        try:
            while time.monotonic() < deadline:
                roll = random.random()
                if token and lessons and roll < upload_share:
                    upload(client, token)
                elif search_urls and (roll < upload_share + search_share or not read_urls):
                    timed(client, "search", "GET", random.choice(search_urls))
                elif read_urls:
                    timed(client, "read", "GET", random.choice(read_urls))
                else:
                    timed(client, "search", "GET", random.choice(search_urls))
        finally:
            client.close()

    with ThreadPoolExecutor(max_workers=clients) as pool:
        list(pool.map(user, range(clients)))
    elapsed = time.monotonic() - start
    every = sorted(v for values in latencies.values() for v in values)
    return {
        "clients": clients,
        "seconds": round(elapsed, 2),
        "requests": totals["requests"],
        "by_kind": {kind: len(values) for kind, values in latencies.items()},
        "errors": dict(sorted(errors.items())),
        "error_count": sum(errors.values()),
        "uploads": totals["uploads"],
        "events_sent": totals["events_sent"],
        "events_acknowledged": len(acknowledged),
        "acknowledged": acknowledged,
        "events_unconfirmed": unconfirmed,
        "rps": round(totals["requests"] / elapsed, 1) if elapsed else 0.0,
        "p50_ms": _percentile(every, 0.50),
        "p99_ms": _percentile(every, 0.99),
        "latency_ms": {
            kind: {"p50": _percentile(sorted(v), 0.50), "p99": _percentile(sorted(v), 0.99)}
            for kind, v in latencies.items()
            if v
        },
    }


# ---------------------------------------------------------------------------
# Command line (inside Django, like bench/cli.py)
# ---------------------------------------------------------------------------


def main(argv):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings")
    import django

    django.setup()
    if argv[:1] == ["learners"]:
        count = int(argv[1]) if len(argv) > 1 else 50
        print(json.dumps({"tokens": create_learners(count), "lessons": upload_lessons()}))
    elif argv[:1] == ["events"]:
        print(json.dumps({"events": len(stored_event_uuids())}))
    else:
        raise SystemExit("usage: python -m bench.load learners [N] | events")


if __name__ == "__main__":
    main(sys.argv[1:])
