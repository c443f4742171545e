"""Login lockout: too many wrong passwords for one account, or from one address, locks it for a while.

Counters live in the shared cache (``CACHE_URL``: Redis in production), so several web
workers and hosts count together. The client's address is the socket's, or the
configured proxy hop's (``NUM_PROXIES``), never a header a client can set freely.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache

from nominations.text import normalize_search


def client_address(request) -> str:
    hops = settings.NUM_PROXIES
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if hops > 0 and forwarded:
        chain = [part.strip() for part in forwarded.split(",") if part.strip()]
        if len(chain) >= hops:
            return chain[-hops]
    return request.META.get("REMOTE_ADDR", "")


def _digest(value: str) -> str:
    # Any text may be typed as a username: the cache key is its digest (valid in every backend).
    return hashlib.sha256(value.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def _keys(request, username: str) -> tuple[str, str]:
    return (
        f"lockout:user:{_digest(normalize_search(username or '')[:150])}",
        f"lockout:ip:{_digest(client_address(request))}",
    )


def locked(request, username: str) -> bool:
    limits = settings.LOGIN_LOCKOUT
    user_key, ip_key = _keys(request, username)
    return (cache.get(user_key, 0) >= limits["user_failures"]) or (
        cache.get(ip_key, 0) >= limits["ip_failures"]
    )


def record_failure(request, username: str) -> None:
    window = settings.LOGIN_LOCKOUT["window_seconds"]
    for key in _keys(request, username):
        if cache.add(key, 1, timeout=window):
            continue
        try:
            cache.incr(key)
        except ValueError:
            cache.set(key, 1, timeout=window)


def record_success(request, username: str) -> None:
    cache.delete(_keys(request, username)[0])
