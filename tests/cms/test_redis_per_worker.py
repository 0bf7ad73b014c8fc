"""Each pytest-xdist worker keeps its cache in a Redis database of its own (tests/conftest.py):
``cache.clear()`` is a FLUSHDB, so workers sharing one database emptied each other's cache."""

import os

import pytest
import redis
from django.conf import settings
from django.core.cache import caches

from tests.conftest import worker_redis_url


def test_each_worker_gets_the_next_database():
    assert worker_redis_url("redis://127.0.0.1:6379/0", "gw0") == "redis://127.0.0.1:6379/1"
    assert worker_redis_url("redis://127.0.0.1:6379/0", "gw1") == "redis://127.0.0.1:6379/2"
    assert worker_redis_url("redis://127.0.0.1:6379", "gw0") == "redis://127.0.0.1:6379/1"
    assert worker_redis_url("redis://:secret@cache:6380/14", "gw3") == "redis://:secret@cache:6380/2"


@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="the suite runs on Redis only with REDIS_URL set")
def test_this_workers_cache_is_in_its_own_redis_database():
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if not worker:
        pytest.skip("one process: no other worker to share with")
    own = worker_redis_url(os.environ["REDIS_URL"], worker)
    assert settings.CACHES["default"]["LOCATION"] == own
    assert settings.CACHES["limits"]["LOCATION"] == own
    caches["default"].set("who", worker)
    database = redis.Redis.from_url(own)
    assert any(key.endswith(b":who") for key in database.keys("*who"))
    other = redis.Redis.from_url(worker_redis_url(os.environ["REDIS_URL"], "gw9"))
    assert not other.keys("*:who") or worker == "gw9"
