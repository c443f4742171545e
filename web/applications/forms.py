from django import forms
from django.utils.translation import gettext_lazy as _

from ..dates import DayField


class CheckForm(forms.Form):
    action = forms.ChoiceField(choices=[("accept", "accept"), ("return", "return"), ("refuse", "refuse")])
    reason = forms.CharField(
        label=_("Giấy tờ cần bổ sung / lý do"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ReviewForm(forms.Form):
    held_on = DayField(label=_("Ngày họp"))
    members_total = forms.IntegerField(label=_("Tổng số thành viên"), min_value=1, max_value=200)
    members_present = forms.IntegerField(label=_("Số thành viên có mặt"), min_value=1, max_value=200)
    attendees = forms.CharField(
        label=_("Thành phần, chủ trì"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    minutes = forms.FileField(label=_("Biên bản cuộc họp"))


class SendUpForm(forms.Form):
    number = forms.CharField(label=_("Số tờ trình"), max_length=50, required=False)
    signed_on = DayField(label=_("Ngày ký"))
    letter = forms.FileField(label=_("Tờ trình đã ký (PDF)"), required=False)
