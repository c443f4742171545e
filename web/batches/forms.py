from django import forms
from django.utils.translation import gettext_lazy as _

from nominations.models import Movement

from ..dates import DayField


class BatchForm(forms.Form):
    title = forms.CharField(label=_("Trích yếu"), max_length=500)
    number = forms.CharField(label=_("Số tờ trình"), max_length=50, required=False)
    year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100)
    movement = forms.ModelChoiceField(
        label=_("Phong trào"), queryset=Movement.objects.order_by("name"), required=False
    )


class FileForm(forms.Form):
    file = forms.FileField(label=_("Tệp"))


class MeetingForm(forms.Form):
    """A council meeting recorded once: date, members, present, who attended, the minutes file."""

    held_on = DayField(label=_("Ngày họp"))
    members_total = forms.IntegerField(label=_("Tổng số thành viên Hội đồng"), min_value=1, max_value=500)
    members_present = forms.IntegerField(label=_("Số thành viên có mặt"), min_value=0, max_value=500)
    attendees = forms.CharField(
        label=_("Thành phần, chủ trì"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    minutes = forms.FileField(label=_("Biên bản phiên họp (PDF)"))
