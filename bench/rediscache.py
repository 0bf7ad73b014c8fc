"""The benchmark's cache: Redis when one answers at ``BENCH_REDIS_URL``, as production
runs its workers on one Redis; else local memory per worker (``bench.run.bench_env``)."""

import functools
import os

DEFAULT_REDIS = "redis://127.0.0.1:6379/11"


def bench_redis_url():
    """``BENCH_REDIS_URL`` (default: database 11 of a local Redis) if a Redis answers
    there, else "" (the site then keeps its cache in local memory per worker). Why:
    production runs several workers on one Redis, and the benchmark should measure that
    (a kept page's hit is then served from the worker's copy while Redis's key tracking
    says nothing changed: ``content.localcopy``, ``content.tagwatch``)."""
    url = os.environ.get("BENCH_REDIS_URL", DEFAULT_REDIS)
    if not url:
        return ""
    return url if _redis_answers(url) else ""


@functools.lru_cache(maxsize=8)
def _redis_answers(url):
    import redis

    try:
        return bool(redis.Redis.from_url(url, socket_connect_timeout=0.5, socket_timeout=0.5).ping())
    except (redis.RedisError, OSError, ValueError):
        return False


def flush_redis(env):
    """Empty the benchmark's Redis database (if it uses one) before a server starts, so
    a run never sees what an earlier run or mode kept."""
    if env.get("REDIS_URL"):
        import redis

        redis.Redis.from_url(env["REDIS_URL"], socket_connect_timeout=2).flushdb()


def cache_used(env):
    """What the results say about the cache: the Redis URL, or "local memory"."""
    return env.get("REDIS_URL") or "local memory"
