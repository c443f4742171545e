import time

from django import forms
from django.conf import settings
from django.core import signing
from django.utils.translation import gettext_lazy as _


class VerifyForm(forms.Form):
    number = forms.CharField(label=_("Số quyết định (ví dụ 12/QĐ-UBND)"), max_length=50)
    file = forms.FileField(label=_("Tệp PDF quyết định"), required=False)
    sha256 = forms.CharField(label=_("Hoặc mã SHA-256 của tệp"), max_length=64, required=False)


SALT = "public-comment-form"


def started_token() -> str:
    """When the form was shown, signed: a comment sent faster than a person types is refused."""
    return signing.TimestampSigner(salt=SALT).sign("form")


class CommentForm(forms.Form):
    name = forms.CharField(label=_("Họ và tên"), max_length=150)
    contact = forms.CharField(label=_("Điện thoại hoặc e-mail"), max_length=150, required=False)
    body = forms.CharField(
        label=_("Nội dung góp ý"), widget=forms.Textarea(attrs={"rows": 4}), max_length=5000
    )
    # Left empty by people (it is hidden); robots fill every field.
    website = forms.CharField(
        label=_("Để trống ô này"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1", "class": "hp"}),
    )
    started = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["started"].initial = started_token()

    @property
    def is_robot(self) -> bool:
        return bool(self.cleaned_data.get("website"))

    def clean_started(self):
        token = self.cleaned_data.get("started") or ""
        try:
            signing.TimestampSigner(salt=SALT).unsign(token, max_age=60 * 60 * 6)
            age = time.time() - signing.b62_decode(token.rsplit(":", 2)[1])
        except (signing.BadSignature, ValueError):
            raise forms.ValidationError(
                _("Biểu mẫu đã hết hạn, vui lòng tải lại trang và gửi lại.")
            ) from None
        if age < settings.PUBLIC_FORM_MIN_SECONDS:
            raise forms.ValidationError(_("Ý kiến được gửi quá nhanh; vui lòng đọc lại và gửi lại."))
        return token
