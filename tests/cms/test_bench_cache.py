"""The benchmark runs the site on Redis when one answers at BENCH_REDIS_URL, on local
memory otherwise, and its report says which."""

import os
from pathlib import Path

import pytest
import redis

from bench import report
from bench.rediscache import cache_used, flush_redis
from bench.run import bench_env


def test_no_redis_answering_means_local_memory(monkeypatch, tmp_path):
    monkeypatch.setenv("BENCH_REDIS_URL", "redis://127.0.0.1:1/11")  # nothing listens there
    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:6379/3")  # the caller's, not the benchmark's
    env = bench_env(tmp_path)
    assert "REDIS_URL" not in env and cache_used(env) == "local memory"
    monkeypatch.setenv("BENCH_REDIS_URL", "")
    assert "REDIS_URL" not in bench_env(tmp_path)
    assert bench_env(tmp_path, redis=False)["REDIS_URL"] == "redis://127.0.0.1:6379/3"


@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs Redis (REDIS_URL)")
def test_a_redis_answering_is_used_and_emptied_before_a_server_starts(monkeypatch, tmp_path, settings):
    # this test process's own database (each xdist worker has one; ``cache.clear()`` empties
    # it between tests anyway), never one another process may be using
    url = settings.REDIS_URL
    monkeypatch.setenv("BENCH_REDIS_URL", url)
    env = bench_env(Path(tmp_path), "cached")
    assert env["REDIS_URL"] == url and cache_used(env) == url
    database = redis.Redis.from_url(url)
    database.set("left-by-an-earlier-run", 1)
    flush_redis(env)
    assert database.dbsize() == 0


def test_the_report_says_which_cache(monkeypatch):
    assert "Redis (`redis://127.0.0.1:6379/11`" in report._cache({"cache": "redis://127.0.0.1:6379/11"})
    assert report._cache({"cache": "local memory"}).startswith("local memory per worker")
    assert report._cache({}).startswith("local memory per worker")  # results of older runs
