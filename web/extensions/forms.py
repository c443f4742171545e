from django import forms
from django.utils.translation import gettext_lazy as _

from nominations.models import AwardType, Movement, Unit

from ..dates import DayField


class ExtensionForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Đơn vị"), queryset=Unit.objects.order_by("name"))
    award_type = forms.ModelChoiceField(
        label=_("Hình thức khen thưởng"), queryset=AwardType.objects.order_by("name"), required=False
    )
    movement = forms.ModelChoiceField(
        label=_("Phong trào"), queryset=Movement.objects.order_by("name"), required=False
    )
    until = DayField(label=_("Gia hạn đến (dd/mm/yyyy)"))
    reason = forms.CharField(label=_("Lý do"), widget=forms.Textarea(attrs={"rows": 3}))
