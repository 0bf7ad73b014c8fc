"""With Redis, a kept page's hit sends nothing to Redis: the site and ``WRITES``
generations are held while Redis's tracking says they are unchanged
(``content.tagwatch``; without it, one read), the body comes from this process's copy
(``content.localcopy``), never stale after a bump made by any process or a flush, and
the copies stay within their bound.

Commands are counted on the real Redis client (``redis.Redis.execute_command``
wrapped, every call still goes to the server)."""

import os
import time

import pytest
import redis
from django.core.cache import cache

from cms.middleware.pagecache import KeptResponses
from content import cachetags, localcopy, tagwatch
from content.localcopy import LocalCopies
from tests.cms.test_kept_responses import Django, call

on_redis = pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs Redis (REDIS_URL)")

URL = "/vi/le-hoi/lua-moi/"


@pytest.fixture
def commands(monkeypatch):
    """The Redis commands sent while the test runs, by name, in order."""
    sent = []
    original = redis.Redis.execute_command

    def counting(self, *args, **options):
        sent.append(str(args[0]).upper())
        return original(self, *args, **options)

    monkeypatch.setattr(redis.Redis, "execute_command", counting)
    return sent


def redis_of_another_process():
    location = cache._server if isinstance(cache._server, str) else cache._server[0]
    return redis.Redis.from_url(location)


def other_process_bumps(*tags):
    """What another process's ``cachetags.bump`` does, straight on Redis: each tag,
    then ``WRITES``."""
    database = redis_of_another_process()
    for tag in (*tags, cachetags.WRITES):
        database.incr(cache.make_key(cachetags.TAG_PREFIX + tag))


def hit(url=URL):
    django = Django()
    status, headers, body = call(KeptResponses(django), url)
    return django.calls == [] and status == "200 OK", body


@on_redis
@pytest.mark.django_db
def test_a_hit_sends_nothing_to_redis(kept, commands):
    served, body = hit()
    assert served
    commands.clear()
    served, again = hit()
    assert served and again == body
    assert commands == [], commands  # generations held while Redis says they are unchanged
    assert len(localcopy.copies()) >= 1


@on_redis
@pytest.mark.django_db
def test_without_tracking_a_hit_is_one_redis_round_trip(kept, commands, settings):
    settings.PAGE_CACHE_TRACKING = False
    assert hit()[0]
    commands.clear()
    assert hit()[0]
    assert commands == ["MGET"], commands  # the generations; no GET of the entry


@on_redis
@pytest.mark.django_db
def test_after_an_unrelated_write_its_tags_are_read_once_then_nothing_again(kept, commands):
    assert hit()[0]
    other_process_bumps("page:999999")
    commands.clear()
    assert hit()[0]
    assert commands == ["MGET", "MGET"], commands  # generations, then its tags: unchanged
    commands.clear()
    assert hit()[0]
    assert commands == [], commands


@on_redis
@pytest.mark.django_db
def test_a_flushed_redis_is_not_served_from_the_copy(kept):
    assert hit()[0]
    redis_of_another_process().flushdb()
    assert not hit()[0]


@on_redis
@pytest.mark.django_db
def test_a_lost_tracking_connection_falls_back_to_reading_redis(kept, festival):
    assert hit()[0]
    watch = tagwatch.watch(cache, cachetags.WATCHED)
    # Only the tracking connection: other test workers share this Redis server.
    assert redis_of_another_process().client_kill_filter(_id=watch.client_id) == 1
    other_process_bumps(f"page:{festival.pk}")
    assert not hit()[0]  # stale: Django answers
    assert watch.broken


@on_redis
@pytest.mark.django_db
def test_the_held_generations_are_read_again_after_each_ping(kept, commands):
    assert hit()[0]
    tagwatch.watch(cache, cachetags.WATCHED)._ping_due = 0  # as PING_SECONDS later
    commands.clear()
    assert hit()[0]
    assert commands == ["MGET"], commands  # PING (on the tracking connection), then the generations
    commands.clear()
    assert hit()[0]
    assert commands == [], commands


@on_redis
@pytest.mark.django_db
def test_a_bump_from_another_process_is_never_served_from_the_copy(kept, festival):
    assert hit()[0]  # this process now has a copy
    other_process_bumps("page:999999")  # unrelated: the copy is re-validated at the new WRITES
    assert hit()[0]
    other_process_bumps(f"page:{festival.pk}")
    assert not hit()[0]  # stale: Django answers
    assert not hit()[0]


@on_redis
@pytest.mark.django_db
def test_a_site_wide_bump_from_another_process_is_not_served_from_the_copy(kept):
    assert hit()[0]
    other_process_bumps("site")
    assert not hit()[0]


@on_redis
@pytest.mark.django_db
def test_an_expired_entry_is_not_served_from_the_copy(kept, monkeypatch):
    assert hit()[0]
    later = time.time() + 3600
    monkeypatch.setattr(time, "time", lambda: later)
    cache.delete_many(list(cache.keys("pagecache:*")))  # Redis expired it meanwhile
    assert not hit()[0]


@on_redis
@pytest.mark.django_db
def test_the_copies_stay_within_their_byte_bound(kept, client, settings):
    _url, page = kept
    size = len(page.content)
    settings.PAGE_CACHE_LOCAL_BYTES = 3 * size + 3000  # room for three entries, not four
    copies = localcopy.copies()
    urls = [f"{URL}?n={n}" for n in range(6)]
    for url in urls:
        assert client.get(url)["X-Cache"] == "MISS"
        assert hit(url)[0]
        assert copies.bytes <= settings.PAGE_CACHE_LOCAL_BYTES
    assert 1 <= len(copies) <= 3
    assert copies is localcopy.copies()


def test_the_copies_drop_the_least_recently_served_first():
    copies = LocalCopies(max_bytes=1000, max_entries=10)
    far = time.time() + 600
    for key in "abc":
        copies.put(key, {"key": key}, {}, 7, 400, far)
    assert copies.bytes <= 1000 and len(copies) == 2  # "a" went out
    assert copies.get("a", 7) is None
    assert copies.get("b", 7) == {"key": "b"}  # now the most recently served
    copies.put("d", {"key": "d"}, {}, 7, 400, far)
    assert copies.get("c", 7) is None and copies.get("b", 7) == {"key": "b"}
    copies.put("huge", {}, {}, 7, 5000, far)
    assert copies.get("huge", 7) is None and copies.bytes <= 1000
    few = LocalCopies(max_bytes=10**9, max_entries=2)
    for key in "xyz":
        few.put(key, {}, {}, 7, 1, far)
    assert len(few) == 2


def test_local_memory_keeps_copies_too_and_none_when_told(settings):
    settings.CACHES = {**settings.CACHES, "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    assert localcopy.usable(0) is localcopy.copies() is not None  # 0: no stamp yet, a real generation
    settings.PAGE_CACHE_LOCAL_ENTRIES = 0
    few = localcopy.copies()
    few.put("key", {}, {}, 7, 1, time.time() + 600)
    assert len(few) == 0
