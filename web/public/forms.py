from django import forms
from django.utils.translation import gettext_lazy as _


class VerifyForm(forms.Form):
    number = forms.CharField(label=_("Số quyết định (ví dụ 12/QĐ-UBND)"), max_length=50)
    file = forms.FileField(label=_("Tệp PDF quyết định"), required=False)
    sha256 = forms.CharField(label=_("Hoặc mã SHA-256 của tệp"), max_length=64, required=False)


class CommentForm(forms.Form):
    name = forms.CharField(label=_("Họ và tên"), max_length=150)
    contact = forms.CharField(label=_("Điện thoại hoặc e-mail"), max_length=150, required=False)
    body = forms.CharField(
        label=_("Nội dung góp ý"), widget=forms.Textarea(attrs={"rows": 4}), max_length=5000
    )
