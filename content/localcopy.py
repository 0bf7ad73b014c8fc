"""In-process copies of kept responses, served without a fetch or unpickling.

Why: with Redis a kept page's hit fetched and unpickled the whole entry (up to some
200 KB of body) on every request, on top of reading the generations; with the
per-process local-memory cache it still unpickled it (Django's local-memory cache
pickles what it keeps). Each worker keeps a small copy of the entries it served
recently, keyed by the full cache key (which carries the site-wide generation), so a
hit costs the read of the site and ``WRITES`` generations
(``content.cache.generation_and_writes``: with Redis, held in the process while Redis
says they are unchanged, ``content.tagwatch``; locally two ``stat()``).

A copy is never served stale: it is given only under the check the shared entry
itself gets (``cachetags.fresh`` on the tags it recorded). Each copy remembers the
``WRITES`` generation at which its tags were last found unchanged; while ``WRITES``
still has that value nothing was bumped anywhere (Redis and the stamp files are
shared by every process), and after any bump its tags are read again (one read),
then it is valid at the new ``WRITES``. Sound because ``cachetags.bump`` bumps
``WRITES`` after the tags: a reader that sees the old ``WRITES`` read it before the
bump's tags were touched.

A copy also expires when the shared entry does (``expires``: the response cache's
timeout bounds how old a time-dependent page may get, e.g. "upcoming" events). With the
local-memory cache it is given only while its entry is still there (a look at the key,
``cms.middleware.pagecache``), so clearing the cache or culling the entry drops it too;
with Redis, clearing changes the generations and so the keys.

Bounded (``PAGE_CACHE_LOCAL_BYTES``, default 64 MiB; ``PAGE_CACHE_LOCAL_ENTRIES``,
0 for none): least recently served first out.
"""

import threading
import time
from collections import OrderedDict

from django.conf import settings

from . import cachetags

DEFAULT_BYTES = 64 * 1024 * 1024
DEFAULT_ENTRIES = 4096


class LocalCopies:
    """An LRU of ``key → entry`` bounded in entries and in (estimated) bytes."""

    def __init__(self, max_bytes=DEFAULT_BYTES, max_entries=DEFAULT_ENTRIES):
        self.max_bytes, self.max_entries = max_bytes, max_entries
        self.bytes = 0
        self._items = OrderedDict()  # key → [entry, recorded tags, checked WRITES, size, expires]
        self._lock = threading.Lock()  # threaded servers: OrderedDict moves are not atomic

    def __len__(self):
        return len(self._items)

    def get(self, key, writes):
        """The copy of ``key`` if its tags are unchanged at ``WRITES`` generation
        ``writes`` (read before this call, for this request), else None."""
        with self._lock:
            item = self._items.get(key)
            if item is None:
                return None
            self._items.move_to_end(key)
        entry, recorded, checked, _size, expires = item
        if time.time() >= expires:
            self.discard(key)
            return None
        if writes == checked:  # nothing bumped since its tags were last found unchanged
            return entry
        if cachetags.generations(recorded) == recorded:
            item[2] = writes  # valid at ``writes``: read before its tags were
            return entry
        self.discard(key)
        return None

    def put(self, key, entry, recorded, checked, size, expires):
        """Keep ``entry``, whose ``recorded`` tags were unchanged at ``WRITES``
        generation ``checked``, until ``expires`` (``time.time()``); ``size``: its
        bytes, about."""
        if size > self.max_bytes or self.max_entries <= 0 or not expires:
            return
        with self._lock:
            old = self._items.pop(key, None)
            if old is not None:
                self.bytes -= old[3]
            self._items[key] = [entry, recorded, checked, size, expires]
            self.bytes += size
            while self.bytes > self.max_bytes or len(self._items) > self.max_entries:
                _key, dropped = self._items.popitem(last=False)
                self.bytes -= dropped[3]

    def discard(self, key):
        with self._lock:
            item = self._items.pop(key, None)
            if item is not None:
                self.bytes -= item[3]

    def clear(self):
        with self._lock:
            self._items.clear()
            self.bytes = 0


_store = [None, None]  # (the settings object it was made for, its LocalCopies)


def copies():
    """This process's copies.

    Made again when the settings object changes (tests override settings), so bounds
    set in settings apply and a test never sees another's copies."""
    wrapped = getattr(settings, "_wrapped", None)
    if _store[0] is not wrapped or wrapped is None:
        store = LocalCopies(
            getattr(settings, "PAGE_CACHE_LOCAL_BYTES", DEFAULT_BYTES),
            getattr(settings, "PAGE_CACHE_LOCAL_ENTRIES", DEFAULT_ENTRIES),
        )
        _store[:] = [wrapped, store]
    return _store[1]


def usable(writes):
    """This process's copies if ``writes`` (the ``WRITES`` generation read for this
    request) can vouch for them, else None: with Redis 0 means Redis did not answer;
    with stamp files 0 means nothing was ever bumped, a real generation."""
    if not writes and cachetags.shared():
        return None
    return copies()
