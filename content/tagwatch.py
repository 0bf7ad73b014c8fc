"""The site and ``WRITES`` generations held in this process, kept current by Redis.

Why: with Redis a kept response's hit still read those two generations (one ``MGET``,
about 140 µs on loopback) before it could answer from this process's copy
(``content.localcopy``), and that one round trip held cached reads to 11-18 % of what
nginx serves from disk. Redis can tell a client when keys change: with ``CLIENT
TRACKING on BCAST PREFIX <key>`` it pushes an ``invalidate`` message on that
connection whenever any process changes the key, and also when the key expires or is
evicted and when the database is flushed. Each process keeps one such connection; a
hit looks at it for pending messages (a poll of the socket, no round trip) and uses
the values it last read while no message says they changed.

redis-py has a client-side cache built on the same messages (``cache_config``), but
it asks for Redis 7.4 or newer; tracking itself is in Redis 6.0, and Debian 12 ships
7.0. This module is the small part of it the page cache needs: two keys.

How fresh is "fresh": a bump made in this process forgets the values at once
(``forget``, from ``cachetags.bump``). A bump made in another process is seen as soon
as Redis's message reaches this process: Redis writes it in the same turn of its event
loop as the reply to the write that caused it, before the writer can even finish the
request that changed something, so the next request anywhere sees the change.
If the connection is lost or fails, the values are forgotten and every hit reads Redis
again, as without the watch; it is set up again after ``RETRY_SECONDS``. A connection
that died without a word (a network cut) is found by a ``PING`` every
``PING_SECONDS``, which also forgets the values, so nothing is trusted for longer.

Off with ``PAGE_CACHE_TRACKING = False`` (environment ``PAGE_CACHE_TRACKING=false``).
"""

import logging
import os
import threading
import time

from django.conf import settings

logger = logging.getLogger(__name__)

PING_SECONDS = 2.0
RETRY_SECONDS = 5.0


class GenerationWatch:
    """Values of a few Redis keys that stay valid until Redis says they changed.

    ``keys``: ``{tag: full Redis key}``. Thread-safe: threads of one worker share the
    one connection under a lock (what they do under it is a poll of a socket)."""

    def __init__(self, pool, keys):
        self.keys = dict(keys)
        self._lock = threading.Lock()
        self._values = {}
        self._epoch = 0  # counts forgets: a value read before one is not remembered
        kwargs = {**pool.connection_kwargs, "protocol": 3, "socket_timeout": 2.0, "socket_keepalive": True}
        self._conn = pool.connection_class(**kwargs)
        self._conn.connect()
        self._conn.send_command("CLIENT", "ID")
        self.client_id = self._conn.read_response()  # as CLIENT LIST shows it (operators, tests)
        prefixes = [part for key in self.keys.values() for part in ("PREFIX", key)]
        self._conn.send_command("CLIENT", "TRACKING", "on", "BCAST", *prefixes)
        self._conn.read_response()  # an error reply (Redis < 6) raises here
        self._ping_due = time.monotonic() + PING_SECONDS
        self.broken = False

    def known(self, tags):
        """``{tag: generation}`` for ``tags`` if this process holds current values for
        all of them, else None (read them from Redis, then ``remember``)."""
        with self._lock:
            if not self._poll():
                return None
            values = self._values
            if all(tag in values for tag in tags):
                return {tag: values[tag] for tag in tags}
            return None

    def token(self):
        """Take before reading the keys from Redis; give to ``remember`` after."""
        with self._lock:
            self._poll()
            return self._epoch

    def remember(self, token, values):
        """Hold ``values`` (read from Redis after ``token()``) unless a change was
        announced since: the change may have come after the read."""
        with self._lock:
            if self._poll() and self._epoch == token:
                self._values.update({tag: value for tag, value in values.items() if tag in self.keys})

    def forget(self):
        with self._lock:
            self._forget()

    def close(self):
        with self._lock:
            self._fail()
            try:
                self._conn.disconnect()
            except Exception:  # noqa: BLE001 - closing a connection that may be gone
                pass

    def _forget(self):
        self._values = {}
        self._epoch += 1

    def _fail(self):
        self._forget()
        self.broken = True

    def _poll(self):
        """Read what Redis pushed (each message forgets the values); False if the
        connection is gone."""
        if self.broken:
            return False
        conn = self._conn
        try:
            if time.monotonic() >= self._ping_due:
                conn.send_command("PING")
                while conn.read_response(push_request=True) not in (b"PONG", "PONG"):
                    pass  # messages pushed before the reply
                self._forget()
                self._ping_due = time.monotonic() + PING_SECONDS
            while conn.can_read(0):
                conn.read_response(push_request=True)
                self._forget()
        except Exception:  # noqa: BLE001 - any fault of the connection means "ask Redis"
            logger.warning("Redis key tracking lost; kept responses read their generations", exc_info=True)
            self._fail()
            return False
        return True


_state = {"marker": None, "watch": None, "retry_at": 0.0}
_state_lock = threading.Lock()


def watch(cache, keys):
    """This process's watch of ``keys`` (``{tag: key name in the cache}``, always the
    same ones) on the shared ``cache``, or None when it is off, not possible (not
    django-redis, Redis older than 6) or broken and not yet due to be set up again.

    Made again in a new process (after a fork) and when the settings object changes
    (tests override settings): checked by identity, as a hit asks for it every time."""
    wrapped = getattr(settings, "_wrapped", None)
    marker = (os.getpid(), wrapped)
    current = _state["watch"]
    if current is not None and _state["marker"] == marker and not current.broken:
        return current
    with _state_lock:
        current = _state["watch"]
        if _state["marker"] == marker:
            if current is not None and not current.broken:
                return current
            if time.monotonic() < _state["retry_at"]:
                return None
        if current is not None and _state["marker"][0] == os.getpid():
            current.close()  # not a parent's connection after a fork: that one is the parent's
        _state.update(marker=marker, watch=None, retry_at=time.monotonic() + RETRY_SECONDS)
        if not getattr(settings, "PAGE_CACHE_TRACKING", True):
            return None
        try:
            pool = cache.client.get_client(write=True).connection_pool
            full = {tag: str(cache.make_key(name)) for tag, name in keys.items()}
            _state["watch"] = GenerationWatch(pool, full)
        except Exception:  # noqa: BLE001 - no watch is always correct, only slower
            logger.warning("Redis key tracking is off; kept responses read their generations", exc_info=True)
        return _state["watch"]


def forget():
    """This process changed a watched key: stop using the values it holds."""
    current = _state["watch"]
    if current is not None:
        current.forget()
