"""Screens' input: forms validate shape; services decide what is allowed."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nominations.models import AwardType, DocumentKind, Movement, Nomination
from nominations.services import EDITABLE_FIELDS

from ..dates import DayField


class NominationForm(forms.ModelForm):
    required_css_class = "required"

    class Meta:
        model = Nomination
        fields = list(EDITABLE_FIELDS)
        widgets = {
            "achievements": forms.Textarea(attrs={"rows": 6}),
        }
        # dd/mm/yyyy typed, never the browser's date box (it showed mm/dd/yyyy).
        field_classes = {"nominee_birth_date": DayField}

    # Asked for only when the identity number typed is already known under another name.
    confirm_identity = forms.BooleanField(
        label=_("Tôi xác nhận đây đúng là cùng một người với số CCCD đã có trong hệ thống"),
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["award_type"].queryset = AwardType.objects.order_by("level", "name")
        self.fields["movement"].queryset = Movement.objects.order_by("name")
        self.fields["movement"].required = False
        if not self.is_bound and not self.instance.pk:
            self.fields["year"].initial = timezone.localdate().year


ACCEPT = ".pdf,.docx,.xlsx,.jpg,.jpeg,.png"


class DocumentForm(forms.Form):
    """One file of a chosen kind (the upload area adds one file input per missing required kind)."""

    required_css_class = "required"
    kind = forms.ChoiceField(label=_("Loại tài liệu"), choices=DocumentKind.choices)
    file = forms.FileField(
        label=_("Tệp (PDF, DOCX, XLSX, JPG, PNG)"),
        allow_empty_file=True,
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
    )

    def __init__(self, *args, missing=(), **kwargs):
        super().__init__(*args, **kwargs)
        if missing:
            self.fields["kind"].initial = missing[0]  # the next document still missing


class CommentForm(forms.Form):
    required_css_class = "required"
    comment = forms.CharField(label=_("Ý kiến"), widget=forms.Textarea(attrs={"rows": 3}), required=False)


class ConfirmedCommentForm(CommentForm):
    """An irreversible action: the person ticks that they understand (the dialog ticks it for them)."""

    confirmed = forms.BooleanField(
        label=_("Tôi hiểu và xác nhận thực hiện"),
        required=True,
        error_messages={"required": _("Hãy đánh dấu ô xác nhận trước khi thực hiện thao tác này.")},
    )


class NoteForm(forms.Form):
    body = forms.CharField(label=_("Ý kiến"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)


class VoteForm(CommentForm):
    members_total = forms.IntegerField(label=_("Tổng số thành viên Hội đồng"), min_value=1, max_value=500)
    members_present = forms.IntegerField(label=_("Số thành viên có mặt"), min_value=0, max_value=500)
    votes_for = forms.IntegerField(label=_("Số phiếu đồng ý"), min_value=0, max_value=500)
    votes_against = forms.IntegerField(label=_("Số phiếu không đồng ý"), min_value=0, max_value=500)


class AppraisalForm(CommentForm):
    """One checkbox per checklist item; a failed item needs a justification."""

    justification = forms.CharField(
        label=_("Giải trình (bắt buộc nếu có tiêu chí chưa đạt)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )

    def __init__(self, *args, checklist_items=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.checklist_items = list(checklist_items)
        for key, label in self.checklist_items:
            self.fields[f"check_{key}"] = forms.BooleanField(label=label, required=False)

    def checklist(self) -> dict:
        return {key: bool(self.cleaned_data.get(f"check_{key}")) for key, _label in self.checklist_items}
