"""The movement screens' inputs: a plan or report sent, an answer with its comment, a milestone."""

from django import forms
from django.utils.translation import gettext_lazy as _

from nominations.models import MovementMilestone

from ..dates import DayField


class SubmitForm(forms.Form):
    file = forms.FileField(label=_("Văn bản (kế hoạch, báo cáo)"), required=False)

    def __init__(self, *args, figures=(), **kwargs):
        super().__init__(*args, **kwargs)
        for figure in figures:
            self.fields[f"figure_{figure['code']}"] = forms.IntegerField(
                label=figure.get("label") or figure["code"], min_value=0, max_value=10**9
            )

    def figures(self) -> dict:
        return {k[len("figure_") :]: v for k, v in self.cleaned_data.items() if k.startswith("figure_")}


class AnswerForm(forms.Form):
    comment = forms.CharField(
        label=_("Ý kiến"), required=False, widget=forms.Textarea(attrs={"rows": 3}), max_length=5000
    )


class MilestoneForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại mốc"), choices=MovementMilestone.Kind.choices)
    date = DayField(label=_("Ngày sơ kết, tổng kết"))
    report_due = DayField(label=_("Hạn đơn vị gửi báo cáo"))
