import time

from django import forms
from django.conf import settings
from django.core import signing
from django.utils.translation import gettext_lazy as _

from ..dates import DayField


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


# --- the citizen's application (Huy chương Thanh niên xung phong vẻ vang) ---------------------

PERIOD_ROWS = 3


class ApplicationForm(forms.Form):
    """The declaration a former youth volunteer (or a relative) files with the commune."""

    commune = forms.ModelChoiceField(
        label=_("Xã, phường nơi cư trú"), queryset=None, empty_label=_("— Chọn —")
    )
    applicant_name = forms.CharField(label=_("Họ và tên người nộp"), max_length=150)
    applicant_identity = forms.RegexField(
        label=_("Số định danh cá nhân (CCCD) người nộp"),
        regex=r"^\d{12}$",
        error_messages={"invalid": _("Số định danh cá nhân gồm 12 chữ số.")},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    relationship = forms.CharField(
        label=_("Quan hệ với người tham gia TNXP (để trống nếu là chính mình)"),
        max_length=100,
        required=False,
    )
    phone = forms.CharField(
        label=_("Điện thoại"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "tel"}),
    )
    email = forms.EmailField(label=_("E-mail"), required=False)
    address = forms.CharField(label=_("Địa chỉ liên hệ"), max_length=255)
    volunteer_name = forms.CharField(
        label=_("Họ và tên người tham gia thanh niên xung phong"), max_length=150
    )
    volunteer_birth_year = forms.IntegerField(
        label=_("Năm sinh"),
        min_value=1900,
        max_value=2100,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    volunteer_identity = forms.RegexField(
        label=_("Số CCCD người tham gia TNXP (nếu có)"),
        regex=r"^\d{12}$",
        required=False,
        error_messages={"invalid": _("Số CCCD gồm 12 chữ số.")},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    posthumous = forms.BooleanField(
        label=_("Đề nghị truy tặng (người tham gia TNXP đã hy sinh khi làm nhiệm vụ)"), required=False
    )
    death_note = forms.CharField(
        label=_("Ngày, nơi hy sinh; số Bằng Tổ quốc ghi công"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        required=False,
    )
    achievements = forms.CharField(
        label=_("Tóm tắt quá trình tham gia và thành tích"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
    )
    declaration = forms.FileField(label=_("Bản khai (PDF, ảnh JPG/PNG)"))
    proof = forms.FileField(label=_("Giấy tờ chứng minh thời gian tham gia TNXP"))
    proof_more = forms.FileField(label=_("Giấy tờ chứng minh khác (nếu có)"), required=False)
    martyr = forms.FileField(label=_("Bằng Tổ quốc ghi công hoặc giấy báo tử (truy tặng)"), required=False)
    website = forms.CharField(
        label=_("Để trống ô này"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1", "class": "hp"}),
    )

    def __init__(self, *args, communes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["commune"].queryset = communes
        for i in range(1, PERIOD_ROWS + 1):
            required = i == 1
            self.fields[f"force_{i}"] = forms.CharField(
                label=_("Đơn vị TNXP (thời gian %(i)s)") % {"i": i}, max_length=255, required=required
            )
            self.fields[f"from_{i}"] = DayField(label=_("Từ ngày"), required=required)
            self.fields[f"to_{i}"] = DayField(label=_("Đến ngày"), required=required)

    @property
    def is_robot(self) -> bool:
        return bool(self.cleaned_data.get("website"))

    def period_rows(self):
        return [(self[f"force_{i}"], self[f"from_{i}"], self[f"to_{i}"]) for i in range(1, PERIOD_ROWS + 1)]

    def clean(self):
        data = super().clean()
        for i in range(1, PERIOD_ROWS + 1):
            parts = [data.get(f"force_{i}"), data.get(f"from_{i}"), data.get(f"to_{i}")]
            if any(parts) and not all(parts):
                self.add_error(f"force_{i}", _("Ghi đủ đơn vị, từ ngày, đến ngày của thời gian này."))
        return data

    def periods(self):
        return [
            (self.cleaned_data[f"force_{i}"], self.cleaned_data[f"from_{i}"], self.cleaned_data[f"to_{i}"])
            for i in range(1, PERIOD_ROWS + 1)
            if self.cleaned_data.get(f"force_{i}") and self.cleaned_data.get(f"from_{i}")
        ]

    def files_by_kind(self):
        pairs = [
            ("declaration", "declaration"),
            ("proof", "proof"),
            ("proof_more", "proof"),
            ("martyr", "martyr"),
        ]
        return [(kind, self.cleaned_data[name]) for name, kind in pairs if self.cleaned_data.get(name)]


class TrackForm(forms.Form):
    code = forms.CharField(label=_("Mã tra cứu"), max_length=20)
    identity_number = forms.CharField(
        label=_("Số định danh cá nhân (CCCD) người nộp"),
        max_length=12,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )


class ResubmitForm(forms.Form):
    code = forms.CharField(widget=forms.HiddenInput, max_length=20)
    identity_number = forms.CharField(widget=forms.HiddenInput, max_length=12)
    note = forms.CharField(
        label=_("Ghi chú"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    proof = forms.FileField(label=_("Giấy tờ bổ sung"))
    proof_more = forms.FileField(label=_("Giấy tờ bổ sung khác (nếu có)"), required=False)
