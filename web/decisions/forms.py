from django import forms
from django.utils.translation import gettext_lazy as _

from ..dates import DayField

RESULTS = [
    ("", _("— chưa có kết quả —")),
    ("awarded", _("Được khen thưởng")),
    ("not_awarded", _("Không được khen thưởng")),
    ("returned", _("Trả lại bổ sung hồ sơ")),
]


class ProposalResultForm(forms.Form):
    """The central decision's number, date and issuer, and a result (with a reason) per pending line."""

    decision_number = forms.CharField(label=_("Số quyết định của cấp trên"), max_length=50)
    decision_date = DayField(label=_("Ngày quyết định (dd/mm/yyyy)"))
    issuer = forms.ChoiceField(
        label=_("Cấp quyết định"),
        choices=[
            ("Thủ tướng Chính phủ", _("Thủ tướng Chính phủ")),
            ("Chủ tịch nước", _("Chủ tịch nước")),
            ("Bộ Nội vụ", _("Bộ Nội vụ (trả lại hồ sơ)")),
        ],
    )

    def __init__(self, *args, lines=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.lines = list(lines)
        for line in self.lines:
            self.fields[f"result_{line.nomination_id}"] = forms.ChoiceField(
                label=line.nominee_name, choices=RESULTS, required=False
            )
            self.fields[f"reason_{line.nomination_id}"] = forms.CharField(
                label=_("Lý do"), max_length=5000, required=False
            )

    def line_fields(self):
        return [
            (line, self[f"result_{line.nomination_id}"], self[f"reason_{line.nomination_id}"])
            for line in self.lines
        ]

    def result(self) -> dict:
        data = self.cleaned_data
        return {
            "decision_number": data["decision_number"],
            "decision_date": data["decision_date"],
            "issuer": data["issuer"],
            "lines": [
                {
                    "nomination": line.nomination_id,
                    "result": data[f"result_{line.nomination_id}"],
                    "reason": data[f"reason_{line.nomination_id}"],
                }
                for line in self.lines
                if data.get(f"result_{line.nomination_id}")
            ],
        }


class DraftEditForm(forms.Form):
    """A draft's legal bases (one a line), the proposing letter it cites and Article 1's achievement."""

    legal_bases = forms.CharField(
        label=_("Căn cứ ban hành (mỗi dòng một căn cứ; để trống để dùng lại căn cứ mặc định)"),
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
    )
    proposal_letter_by = forms.CharField(label=_("Người đề nghị"), max_length=255, required=False)
    proposal_letter_number = forms.CharField(
        label=_("Số tờ trình đề nghị (ví dụ 125/TTr-SNV)"), max_length=50, required=False
    )
    proposal_letter_date = DayField(label=_("Ngày tờ trình (dd/mm/yyyy)"), required=False)
    article1_reason = forms.CharField(
        label=_("Thành tích nêu tại Điều 1 (để trống để dùng câu của mẫu)"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def cleaned(self) -> dict:
        data = dict(self.cleaned_data)
        data["legal_bases"] = data["legal_bases"].splitlines()
        return data
