"""API tokens that expire, die with a password change, and can be revoked by their owner."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication
from rest_framework.authtoken.models import Token
from rest_framework.throttling import SimpleRateThrottle

from .. import lockout


def token_is_live(token: Token) -> bool:
    if token.created < timezone.now() - timedelta(hours=settings.API_TOKEN_TTL_HOURS):
        return False
    changed = getattr(token.user, "password_changed_at", None)
    return changed is None or token.created >= changed


def issue_token(user) -> Token:
    """The user's token, a new one when the old has expired or predates a password change."""
    token = Token.objects.filter(user=user).first()
    if token is not None and token_is_live(token):
        return token
    Token.objects.filter(user=user).delete()
    return Token.objects.create(user=user)


class ExpiringTokenAuthentication(TokenAuthentication):
    def authenticate_credentials(self, key):
        user, token = super().authenticate_credentials(key)
        if not token_is_live(token):
            token.delete()
            raise exceptions.AuthenticationFailed(
                _("Mã truy cập đã hết hạn hoặc đã bị thu hồi; hãy đăng nhập lại.")
            )
        return user, token


class LoginThrottle(SimpleRateThrottle):
    """The token endpoint's rate (``auth``), per address AND username: colleagues behind one NAT
    address do not share it. Guessing many accounts from one address is the lockout's to slow."""

    scope = "auth"

    def get_cache_key(self, request, view):
        username = ""
        if request.method == "POST":
            data = request.data
            username = data.get("username", "") if hasattr(data, "get") else ""
        return self.cache_format % {
            "scope": self.scope,
            "ident": f"{self.get_ident(request)}:{lockout.account_key(str(username))}",
        }
