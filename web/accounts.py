"""Signing in: Django's login screen with the lockout in front of it."""

from django import forms
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from . import lockout

LOCKED = _(
    "Tài khoản hoặc địa chỉ này tạm bị khóa đăng nhập do nhập sai mật khẩu nhiều lần. "
    "Vui lòng thử lại sau 15 phút hoặc liên hệ quản trị."
)


class LockoutAuthenticationForm(AuthenticationForm):
    def clean(self):
        username = self.data.get("username", "")
        if lockout.locked(self.request, username):
            raise forms.ValidationError(LOCKED, code="locked")
        try:
            cleaned = super().clean()
        except forms.ValidationError:
            lockout.record_failure(self.request, username)
            raise
        lockout.record_success(self.request, username)
        return cleaned


class LoginView(auth_views.LoginView):
    authentication_form = LockoutAuthenticationForm
