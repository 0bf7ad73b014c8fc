"""Cache tags: what a kept response or value was made from, so a change makes
stale only what shows it.

Each tag (``page:12``, ``type:heritage.festivalpage``, ``menu``, ``search``...)
has a generation. Whatever is kept (a page-cache entry, a memoised value)
records the generations of the tags it read while it was computed and is
served only while they are all unchanged; a change bumps the tags it touches
(``content.cache.page_tags``). The rules, i.e. which change bumps which tag and
who reads it, are in ARCHITECTURE.md ("Cache invalidation").

While a response or a memoised value is computed, code that reads public data
says so with ``depends_on(tag, ...)``; a memoised value's tags are replayed
into the enclosing computation when it is served from the cache, so a page
records the tags of the routes, menus and listings it used. A response that
never calls ``precise()`` also depends on ``pages`` (any publish anywhere):
views not written with tags in mind stay correct.

With a shared cache (Redis) generations are counters in the cache (created
with the current time when missing, so an evicted counter never matches an old
record). With the per-process local-memory cache they are the modification
times of small stamp files that every worker on the machine sees.
"""

import contextlib
import contextvars
import functools
import hashlib
import os
import tempfile
import time
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db import models

from . import tagwatch

ANY_PAGE = "pages"  # bumped by every page change: what is not precise depends on it
WRITES = "writes"  # bumped with every other tag: "nothing changed since" in one read
SITE = "site"  # the one generation of everything kept, bumped by writes no tag describes
TAG_PREFIX = "tag:"
# What every hit reads first: with Redis, held in the process while Redis says they are
# unchanged (``content.tagwatch``).
WATCHED = {SITE: TAG_PREFIX + SITE, WRITES: TAG_PREFIX + WRITES}

_collectors = contextvars.ContextVar("nharong_cache_collectors", default=())


class Collector:
    __slots__ = ("tags", "precise")

    def __init__(self):
        self.tags = set()
        self.precise = False

    def final_tags(self):
        return self.tags if self.precise else self.tags | {ANY_PAGE}


@contextlib.contextmanager
def collecting():
    """Collect the tags read inside the block (nested blocks feed the outer ones)."""
    collector = Collector()
    token = _collectors.set((*_collectors.get(), collector))
    try:
        yield collector
    finally:
        _collectors.reset(token)


def depends_on(*tags):
    """What is being computed now shows data that these tags stand for."""
    for collector in _collectors.get():
        collector.tags.update(tags)


def precise():
    """The response being computed declares every tag it depends on (so it does
    not also depend on every page change)."""
    stack = _collectors.get()
    if stack:
        stack[0].precise = True


def app_tag(app_label):
    """The tag of everything an app keeps in its tagged models (bumped by a write
    to any of them, read by every query of them: ``TaggedReadsManager``)."""
    return f"app:{app_label}"


class TaggedReadsManager(models.Manager):
    """A manager whose every queryset records its app's tag in the response being
    computed. Reads are tagged where they start, not in each view that shows the
    data, so a figure shown anywhere (a page's figure block, the statistics pages,
    the API, the open data) goes stale with the data and with nothing else. Writes
    bump the tag through ``ProjectAppConfig.tagged_models`` (``content.cache``)."""

    def get_queryset(self):
        depends_on(app_tag(self.model._meta.app_label))
        return super().get_queryset()


def _shared_cache():
    backend = settings.CACHES["default"]["BACKEND"]
    return "locmem" not in backend and "dummy" not in backend


def stamp_path():
    """Where the per-machine generation stamp lives (override: PAGE_CACHE_STAMP)."""
    explicit = getattr(settings, "PAGE_CACHE_STAMP", "") or os.environ.get("PAGE_CACHE_STAMP")
    db = str(settings.DATABASES["default"].get("NAME", ""))
    # An in-memory database is private to this process.
    return _stamp_path(explicit or "", db, os.getpid() if "memory" in db else 0)


@functools.lru_cache(maxsize=32)
def _stamp_path(explicit, db, pid):
    if explicit:
        return Path(explicit)
    if pid:
        db += f"|{pid}"
    digest = hashlib.sha1(f"{settings.BASE_DIR}|{db}".encode()).hexdigest()[:12]
    return Path(tempfile.gettempdir()) / f"nharong-pagecache-{digest}.stamp"


def shared():
    """True when the cache (and the tag generations) are shared by processes: Redis."""
    return _shared_cache()


_last_stamp_dir = [None, None]  # (the settings object it was computed for, the directory)


def _stamp_dir():
    # Computed once per settings object (tests override settings): a kept page's hit
    # reads two or three generations, and this lookup cost more than their stat().
    wrapped = getattr(settings, "_wrapped", None)
    if _last_stamp_dir[0] is not wrapped or wrapped is None:
        path = stamp_path()
        _last_stamp_dir[:] = [wrapped, path.with_name(path.name + ".tags")]
    return _last_stamp_dir[1]


@functools.lru_cache(maxsize=4096)
def _stamp_name(directory, tag):
    # A plain string, computed once per tag: a kept page checks about twenty tags per hit.
    return os.path.join(directory, hashlib.md5(tag.encode(), usedforsecurity=False).hexdigest())


def _stamp_file(directory, tag):
    return Path(_stamp_name(str(directory), tag))


def generations(tags):
    """``{tag: generation}`` for these tags, now."""
    tags = list(tags)
    if not tags:
        return {}
    if shared():
        watch = tagwatch.watch(cache, WATCHED) if WATCHED.keys() >= set(tags) else None
        if watch is not None:
            known = watch.known(tags)
            if known is not None:
                return known
            token = watch.token()
        keys = [TAG_PREFIX + t for t in tags]
        found = cache.get_many(keys)
        result = {}
        for tag, key in zip(tags, keys, strict=True):
            value = found.get(key)
            if value is None:
                cache.add(key, time.time_ns(), None)
                value = cache.get(key, 0)
            result[tag] = value
        if watch is not None and all(result.values()):  # 0: Redis did not answer
            watch.remember(token, result)
        return result
    directory = str(_stamp_dir())
    result = {}
    for tag in tags:
        try:
            result[tag] = os.stat(_stamp_name(directory, tag)).st_mtime_ns
        except FileNotFoundError:
            result[tag] = 0
    return result


def writes_generation():
    """The generation of ``WRITES``: read it before computing something to keep, and
    ``fresh(recorded, since=it)`` can later skip the check of each tag while nothing at
    all has been written since."""
    return generations([WRITES])[WRITES]


def fresh(recorded, since=None, writes=None):
    """True while every tag in ``recorded`` (``{tag: generation}``) is unchanged.

    ``since``: the ``writes_generation()`` read before ``recorded`` was computed. While
    it is still current nothing was bumped since, so the answer takes one read instead
    of one per tag (a cache hit on a quiet site); after any write the tags are checked.
    ``writes``: the ``WRITES`` generation already read for this request (with the site
    generation, ``content.cache.generation_and_writes``), so a hit reads it only once."""
    if not recorded:
        return True
    if since is not None and (writes_generation() if writes is None else writes) == since:
        return True
    return generations(recorded) == recorded


def bump(*tags):
    """Make stale whatever recorded any of these tags (and ``WRITES``, see ``fresh``).

    ``WRITES`` goes last: whoever still reads its old value read it before any of these
    tags changed, so "``WRITES`` unchanged since I read it" means "no tag changed since"
    (``fresh``, ``content.localcopy``)."""
    given = {t for t in tags if t}
    if not given:
        return
    tags = [*sorted(given - {WRITES}), WRITES]
    if shared():
        for tag in tags:
            key = TAG_PREFIX + tag
            try:
                cache.incr(key)
            except ValueError:
                cache.set(key, time.time_ns(), None)
        tagwatch.forget()  # Redis tells the other processes
        return
    directory = _stamp_dir()
    directory.mkdir(parents=True, exist_ok=True)
    now = time.time_ns()
    for tag in tags:
        path = _stamp_file(directory, tag)
        try:
            previous = os.stat(path).st_mtime_ns
        except FileNotFoundError:
            path.touch()
            previous = 0
        stamp = max(now, previous + 1)  # strictly increasing even with a coarse clock
        os.utime(path, ns=(stamp, stamp))


# ---------------------------------------------------------------------------
# Template fragments ({% cache %}) inside a kept response
# ---------------------------------------------------------------------------


def _scope_key(request):
    raw = "|".join([request.get_host(), request.get_full_path(), getattr(request, "LANGUAGE_CODE", "")])
    return "fragtags:" + hashlib.md5(raw.encode(), usedforsecurity=False).hexdigest()


def remember_scope(request, recorded, timeout):
    """Keep which tags the response to this URL read, for ``fragment_token``."""
    cache.set(_scope_key(request), list(recorded), timeout)


def fragment_token(request):
    """A ``{% cache %}`` key part for fragments of this URL's response.

    A fragment records no tags itself, so its key carries the generations of the
    tags the last full response to this URL read (its fragments read no more),
    and they are replayed into the response being made. Unknown (first render,
    evicted): a unique value, so no fragment is reused."""
    import uuid

    if request is None:
        return uuid.uuid4().hex
    tags = cache.get(_scope_key(request))
    if tags is None:
        return uuid.uuid4().hex
    depends_on(*tags)
    current = generations(tags)
    return hashlib.md5(repr(sorted(current.items())).encode(), usedforsecurity=False).hexdigest()
