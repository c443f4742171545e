"""Login lockout, one for every way in: the login page, the admin's login and the API token.

``LockoutBackend`` is the project's authentication backend, so whatever checks a password through
``django.contrib.auth.authenticate`` is counted the same way with the same counters.

Government offices sit behind one NAT address, so an address is never locked, and an account is
locked from one place before it is locked everywhere:

- **(account, address)**: ``pair_failures`` (5) wrong passwords in the window lock that account
  *from that address* for the window; the same person elsewhere, and colleagues at the same
  address, still sign in.
- **account, from every address**: ``user_failures`` (20) lock the account everywhere for the
  window. Reaching it takes at least four addresses; the owner is told (a notification and its
  e-mail), and an administrator unlocks it at once (the user list's action, or
  ``manage.py unlock_login USERNAME``). So nobody locks the Chairman out with 5 wrong passwords:
  5 lock only the guesser's address, and a lock never outlives the window.
- **address, over every account**: ``ip_failures`` (20) wrong passwords do not lock anybody: from
  then on the address is slowed down, one attempt per ``ip_delay_seconds`` (the others are asked
  to try again in a few seconds), until the window passes.

Every attempt is counted BEFORE its password is checked, with the cache's atomic increment, and
the increment's own result decides whether the password is checked at all; a right password gives
its attempt back. 16 parallel guesses against a limit of 5 check 5 passwords.

Counters live in the shared cache (``CACHE_URL``: Redis in production), so several web workers and
hosts count together. The client's address is the socket's, or the configured proxy hop's
(``NUM_PROXIES``), never a header a client can set freely.
"""

import contextlib
import hashlib
import logging
import time

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from nominations.text import normalize_search

logger = logging.getLogger(__name__)

LOCKED = gettext_lazy(
    "Tài khoản này tạm bị khóa đăng nhập do nhập sai mật khẩu nhiều lần. "
    "Vui lòng thử lại sau 15 phút hoặc liên hệ quản trị để được mở khóa."
)
SLOWED = gettext_lazy(
    "Có nhiều lần đăng nhập sai từ địa chỉ mạng này. Vui lòng chờ vài giây rồi đăng nhập lại."
)
REFUSAL_ATTRIBUTE = "login_refused"


class Refused(Exception):
    """The attempt was not checked: ``kind`` is "locked" or "slowed"."""

    def __init__(self, kind: str):
        super().__init__(kind)
        self.kind = kind

    @property
    def message(self):
        return LOCKED if self.kind == "locked" else SLOWED


def client_address(request) -> str:
    if request is None:
        return ""
    hops = settings.NUM_PROXIES
    meta = getattr(request, "META", {})
    forwarded = meta.get("HTTP_X_FORWARDED_FOR", "")
    if hops > 0 and forwarded:
        chain = [part.strip() for part in forwarded.split(",") if part.strip()]
        if len(chain) >= hops:
            return chain[-hops]
    return meta.get("REMOTE_ADDR", "")


def _digest(value: str) -> str:
    # Any text may be typed as a username: the cache key is its digest (valid in every backend).
    return hashlib.sha256(value.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def account_key(username: str) -> str:
    """The account's key in every counter (a digest of the normalised username)."""
    return _digest(normalize_search(username or "")[:150])


def _now() -> float:
    return time.time()


def _limits() -> dict:
    return {
        "pair_failures": 5,
        "user_failures": 20,
        "ip_failures": 20,
        "ip_delay_seconds": 3,
        **settings.LOGIN_LOCKOUT,
    }


def _keys(request, username: str) -> dict[str, str]:
    account = account_key(username)
    # An unlock starts a new epoch: every counter of the account (each address's too) is left behind.
    epoch = cache.get(f"lockout:epoch:{account}", 0)
    address = _digest(client_address(request))
    return {
        "user": f"lockout:user:{account}:{epoch}",
        "pair": f"lockout:pair:{account}:{epoch}:{address}",
        "ip": f"lockout:ip:{address}",
        "slow": f"lockout:slow:{address}",
    }


def _bump(key: str, window: int) -> int:
    """Add one to a counter that lives ``window`` seconds from its first count; the new value."""
    for _attempt in range(3):
        cache.add(key, 0, timeout=window)
        try:
            return cache.incr(key)
        except ValueError:  # it expired between add and incr
            continue
    return 1


def _give_back(key: str) -> None:
    with contextlib.suppress(ValueError):  # expired meanwhile: nothing to give back
        cache.decr(key)


def begin(request, username: str) -> dict[str, str]:
    """Count an attempt before its password is checked; raise ``Refused`` if it may not be checked."""
    limits = _limits()
    window = limits["window_seconds"]
    keys = _keys(request, username)
    if cache.get(keys["user"], 0) >= limits["user_failures"]:
        raise Refused("locked")
    if cache.get(keys["ip"], 0) >= limits["ip_failures"]:
        delay = max(1, limits["ip_delay_seconds"])
        # One attempt per time slot from a slowed address (``add`` admits exactly one).
        if not cache.add(f"{keys['slow']}:{int(_now() // delay)}", 1, timeout=delay * 2):
            raise Refused("slowed")
    if _bump(keys["pair"], window) > limits["pair_failures"]:
        raise Refused("locked")
    if _bump(keys["user"], window) > limits["user_failures"]:
        _give_back(keys["user"])  # a refused attempt checked nothing: it does not count
        raise Refused("locked")
    return keys


def succeeded(keys: dict[str, str]) -> None:
    _give_back(keys["user"])
    cache.delete(keys["pair"])


def failed(request, username: str, keys: dict[str, str]) -> None:
    limits = _limits()
    _bump(keys["ip"], limits["window_seconds"])
    if cache.get(keys["user"], 0) == limits["user_failures"]:
        _tell_owner(username, limits["window_seconds"])


def locked(request, username: str) -> bool:
    """Whether the account is locked from this address now (nothing counted)."""
    limits = _limits()
    keys = _keys(request, username)
    return (
        cache.get(keys["user"], 0) >= limits["user_failures"]
        or cache.get(keys["pair"], 0) >= limits["pair_failures"]
    )


def unlock(username: str) -> None:
    """An administrator lifts the account's lock everywhere (a new epoch of its counters)."""
    key = f"lockout:epoch:{account_key(username)}"
    cache.add(key, 0, timeout=None)
    cache.incr(key)


def _tell_owner(username: str, window: int) -> None:
    from django.contrib.auth import get_user_model

    from workflows.notify import notify

    user = get_user_model().objects.filter(username__iexact=username, is_active=True).first()
    if user is None:
        return
    logger.warning("login locked for account %s after repeated wrong passwords", user.pk)
    notify(
        recipients=[user],
        kind="login_locked",
        title=_("Tài khoản của bạn tạm bị khóa đăng nhập"),
        body=_(
            "Có nhiều lần đăng nhập sai mật khẩu vào tài khoản của bạn từ nhiều địa chỉ mạng. "
            "Tài khoản tạm bị khóa đăng nhập trong 15 phút. Nếu không phải bạn, hãy báo quản trị "
            "để mở khóa ngay và đổi mật khẩu."
        ),
        key=f"login_locked:{user.pk}:{int(_now() // window)}",
    )


class LockoutBackend(ModelBackend):
    """Django's model backend with the lockout in front of the password check (every way in)."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None:
            username = kwargs.get("username")
        if username is None or password is None:
            return None
        try:
            keys = begin(request, username)
        except Refused as refusal:
            if request is not None:
                setattr(request, REFUSAL_ATTRIBUTE, refusal)
            # Stops authenticate() here: no other backend checks the password either.
            raise PermissionDenied(str(refusal.message)) from refusal
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is None:
            failed(request, username, keys)
        else:
            succeeded(keys)
        return user


def refusal(request) -> Refused | None:
    """The lockout's refusal of this request's login attempt, if it refused it."""
    return getattr(request, REFUSAL_ATTRIBUTE, None)
