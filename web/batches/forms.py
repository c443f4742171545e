from django import forms
from django.utils.translation import gettext_lazy as _

from nominations.models import Movement


class BatchForm(forms.Form):
    title = forms.CharField(label=_("Trích yếu"), max_length=500)
    number = forms.CharField(label=_("Số tờ trình"), max_length=50, required=False)
    year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100)
    movement = forms.ModelChoiceField(
        label=_("Phong trào"), queryset=Movement.objects.order_by("name"), required=False
    )


class FileForm(forms.Form):
    file = forms.FileField(label=_("Tệp"))
