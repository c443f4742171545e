"""Signing in: Django's login screens (ours and the admin's), the lockout counting every attempt.

The counting itself is the authentication backend's (``web.lockout.LockoutBackend``); the forms
only tell a refused attempt as such instead of "wrong password".
"""

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm

from . import lockout


class LockoutMessageMixin:
    def clean(self):
        try:
            return super().clean()
        except forms.ValidationError:
            refusal = lockout.refusal(self.request)
            if refusal is not None:
                raise forms.ValidationError(refusal.message, code=refusal.kind) from None
            raise


class LockoutAuthenticationForm(LockoutMessageMixin, AuthenticationForm):
    pass


class AdminLockoutAuthenticationForm(LockoutMessageMixin, AdminAuthenticationForm):
    pass


class LoginView(auth_views.LoginView):
    authentication_form = LockoutAuthenticationForm
