"""Who is asking, and how often: the client's address behind trusted proxies, and
counters shared by every worker (rate limits and lockouts).

``client_address(request)``: ``REMOTE_ADDR``, unless it is one of
``TRUSTED_PROXIES`` (``DJANGO_TRUSTED_PROXIES``: addresses or networks of the
reverse proxies in front of the site); then the right-most address of
``X-Forwarded-For`` that is not itself a trusted proxy. Without trusted proxies
the header is ignored (anyone can send it). django-axes uses the same function
(``AXES_CLIENT_IP_CALLABLE``), so the admin's lockout and the learners' limits
agree on who a client is.

``count(key, window)``: one more attempt in the ``limits`` cache, which every
worker shares (Redis with ``REDIS_URL``, else the database's cache table; never a
per-process memory, where the real limit would be the limit times the workers).
"""

import ipaddress
from functools import lru_cache

from django.conf import settings
from django.core.cache import caches

LIMITS_CACHE = "limits"


@lru_cache(maxsize=8)
def _networks(proxies):
    return tuple(ipaddress.ip_network(p.strip(), strict=False) for p in proxies if p.strip())


def _trusted(address, networks):
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in networks)


def client_address(request):
    """The client's address as a string ("unknown" without a request)."""
    if request is None:
        return "unknown"
    remote = request.META.get("REMOTE_ADDR", "") or "unknown"
    networks = _networks(tuple(getattr(settings, "TRUSTED_PROXIES", ()) or ()))
    if not networks or not _trusted(remote, networks):
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    for address in reversed(forwarded):
        if not _trusted(address, networks):
            try:
                return str(ipaddress.ip_address(address))
            except ValueError:
                return remote  # a malformed hop: the proxy is all we know
    return remote


def limits():
    return caches[LIMITS_CACHE]


def count(key, window):
    """Add one attempt to ``key`` (kept ``window`` seconds); returns the new count."""
    cache = limits()
    cache.add(key, 0, window)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, window)
        return 1


def ip_or_none(request):
    """``client_address`` for django-axes, which stores it in an IP address column:
    None when the request carries no valid address (test clients, some workers)."""
    address = client_address(request)
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None
